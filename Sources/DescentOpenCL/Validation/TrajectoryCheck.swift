import Descent
import Foundation

/// Whole training runs on the device and on the CPU reference, compared batch by batch.
///
/// Per step the device is within ``ErrorBound``; over a run, float32 rounding compounds, but a
/// stable SGD iteration damps perturbations rather than amplifying them, so divergence stays near
/// the per-step level. The rules: the course run prints at most 5 of its 250 lines differently
/// (in the last digit) and ends within 1e-4 relative (the OpenCL backend's promise); a longer
/// synthetic run stays within 1e-3 relative on every batch's loss and on the final parameters,
/// a hundred times the drift seen on honest devices, while a wrong kernel drifts by order 1.
struct TrajectoryCheck {
    /// The validate run's programs, on its one context.
    var programs: ProgramCache
    var kernelSource: String?
    var seed: UInt64
    /// Whether to run the longer synthetic trajectory too (not on a simulator).
    var synthetic = true

    func run() -> [ValidationCheck] {
        synthetic ? [course(), self.syntheticRun()] : [course()]
    }

    private func course() -> ValidationCheck {
        compare(name: "course run", shape: "404×13 batch 100", settings: .course, lineLimit: 5, tolerance: 1e-4) {
            try PreparedData(BundledData.housing().regressionData(), trainFraction: 0.8).train
        }
    }

    private func syntheticRun() -> ValidationCheck {
        var settings = TrainingSettings()
        settings.epochs = 3
        settings.batchSize = 64
        settings.learningRate = 0.01
        settings.seed = seed
        return compare(name: "synthetic run", shape: "20000×32 batch 64", settings: settings, lineLimit: nil, tolerance: 1e-3) {
            SyntheticData(rows: 20_000, features: 32, seed: seed).data
        }
    }

    private func compare(name: String, shape: String, settings: TrainingSettings, lineLimit: Int?, tolerance: Double,
                         data: () throws -> RegressionData) -> ValidationCheck {
        do {
            let train = try data()
            func run(_ backend: TrainingBackend) throws -> ([Double], LinearModel) {
                var losses = [Double]()
                let model = try Trainer(settings: settings).runLinear(on: backend, train: train) { losses += $0.losses }
                return (losses, model.linearModel)
            }
            let (cpuLosses, cpuModel) = try run(CPUBackend())
            let (deviceLosses, deviceModel) = try run(OpenCLBackend(programs: programs, kernelSource: kernelSource))
            var worst = (relative: 0.0, absolute: 0.0, step: 0)
            for (step, (c, d)) in zip(cpuLosses, deviceLosses).enumerated() {
                let relative = abs(d - c) / max(abs(c), 1e-30)
                if !(relative <= worst.relative) { worst = (relative.isNaN ? .infinity : relative, abs(d - c), step) }
            }
            let parameterError = zip(cpuModel.weights + [cpuModel.bias], deviceModel.weights + [deviceModel.bias])
                .map { abs($1 - $0) / max(abs($0), 1e-30) }.max() ?? 0
            var problems = [String]()
            var ratio = parameterError / tolerance
            if let lineLimit {
                let differing = zip(cpuLosses, deviceLosses).filter { fixed($0, digits: 4) != fixed($1, digits: 4) }.count
                ratio = max(ratio, Double(differing) / Double(max(lineLimit, 1)))
                if differing > lineLimit { problems.append("\(differing) log lines differ from the reference (at most \(lineLimit) may)") }
            } else {
                ratio = max(ratio, worst.relative / tolerance)
                if !(worst.relative <= tolerance) {
                    problems.append("loss diverges by \(worst.relative) relative at step \(worst.step) (tolerance \(tolerance))")
                }
            }
            if !(parameterError <= tolerance) { problems.append("final parameters differ by \(parameterError) relative (tolerance \(tolerance))") }
            problems.append("largest loss divergence: \(worst.relative) relative at step \(worst.step)")
            return ValidationCheck(stage: "trajectory", shape: shape, configuration: name + ", largest at step \(worst.step)",
                                   maxAbsoluteError: worst.absolute, maxRelativeError: max(worst.relative, parameterError),
                                   bound: tolerance, worstRatio: ratio.isNaN ? .infinity : ratio,
                                   passed: problems.count == 1, mismatches: problems.count == 1 ? [] : problems)
        } catch {
            return ValidationCheck(stage: "trajectory", shape: shape, configuration: name, maxAbsoluteError: .nan, maxRelativeError: .nan,
                                   bound: tolerance, passed: false, mismatches: [String(describing: error)])
        }
    }
}
