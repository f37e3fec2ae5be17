import Descent

/// A short training run per update rule, the OpenCL backend against the CPU backend (float64):
/// the linear model (its gradient kernel, then the rule's) and a logistic model (the network
/// path), 4 epochs of batch 16 on 70 rows, with a cosine schedule.
///
/// Passes when every parameter is within 2e-3 · max(|cpu|, 0.1) of the CPU's: float32 against
/// float64 over 20 steps, where Adam turns a gradient component near 0 into a relative error of
/// up to ~1e-4 per step (`OpenCLOptimizerFixtureTests` measures 2.3e-5 after 10 steps); a
/// planted bug (no bias correction, momentum twice, L2 on biases) moves parameters by 1e-2 or more.
struct OptimizerTrajectoryCheck {
    var context: OpenCLContext
    var seed: UInt64
    var kernelSource: String?
    static let limit = 2e-3

    func run(rule: UpdateRule) -> [ValidationCheck] {
        let synthetic = SyntheticData(rows: 70, features: 5, seed: seed &+ 17)
        let labels = synthetic.data.targets.map { $0 > 0.5 ? 1.0 : 0.0 }
        var classified = synthetic.data
        classified.targets = labels
        let runs: [(String, ModelSpec, TrainingData)] = [("linear", .linear(inputs: 5), synthetic.data),
                                                         ("logistic", ModelSpec(kind: .logistic, inputs: 5, head: .binaryCrossEntropy), classified)]
        var settings = TrainingSettings()
        settings.epochs = 4
        settings.batchSize = 16
        settings.learningRate = 0.05
        settings.seed = seed
        settings.optimizer = rule
        settings.schedule = LearningRateSchedule(kind: .cosine)
        return runs.map { name, spec, data in
            let stage = OptimizerValidation.name(rule)
            do {
                let cpu = try Trainer(settings: settings).run(on: CPUBackend(), spec: spec, train: data).parameters
                let backend = OpenCLBackend(programs: ProgramCache(context))
                backend.optimizerKernelSource = kernelSource
                let device = try Trainer(settings: settings).run(on: backend, spec: spec, train: data).parameters
                let ratios = zip(device, cpu).map { abs($0 - $1) / (Self.limit * max(abs($1), 0.1)) }
                let worst = ratios.max() ?? .infinity
                let absolute = zip(device, cpu).map { abs($0 - $1) }.max() ?? .nan
                return ValidationCheck(stage: stage, shape: name, configuration: "trajectory, 4 epochs, batch 16", maxAbsoluteError: absolute,
                                       maxRelativeError: absolute, bound: Self.limit, worstRatio: worst, passed: worst <= 1,
                                       mismatches: worst <= 1 ? [] : ["device \(device.prefix(4)), cpu \(cpu.prefix(4))"])
            } catch let limit as KernelLimitError {  // a device that cannot run the model's kernels: said, not failed
                return ValidationCheck(skipped: stage, shape: name, configuration: "trajectory", reason: limit.description)
            } catch {
                return ValidationCheck(stage: stage, shape: name, configuration: "trajectory", maxAbsoluteError: .nan, maxRelativeError: .nan,
                                       bound: .nan, passed: false, mismatches: ["\(error)"])
            }
        }
    }
}
