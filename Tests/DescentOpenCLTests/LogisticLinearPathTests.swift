import Descent
import DescentOpenCL
import Foundation
import Testing

/// Logistic regression on ``OpenCLBackend`` runs the fused linear kernels built with `HEAD_BCE`
/// (not the network path), and matches the float64 CPU reference within the network path's
/// documented bound (``NetworkTrajectoryCheck``: 1e-3 relative, on every step's loss and on the
/// final parameters): on a seeded two-class table through the epoch kernel and through the step
/// kernels, and on a real classification CSV (breast cancer) trained as the CLI trains it, where the
/// predicted classes and the accuracy are the CPU's.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct LogisticLinearPathTests {
    static let tolerance = 1e-3

    /// Epoch kernel (batch 100 of 1000 rows) and step kernels (every batch, short last batch), 3 epochs each.
    @Test(arguments: [(100, false), (64, true), (333, true)])
    func syntheticTrajectoryMatchesReference(batch: Int, stepKernels: Bool) throws {
        let check = NetworkTrajectoryCheck(name: "logistic", spec: ModelSpec(kind: .logistic, inputs: 8, head: .binaryCrossEntropy),
                                           rows: 1000, batchSize: batch, epochs: 3, learningRate: 0.5, seed: testSeed)
        let data = check.data()
        var params = check.initialParameters()
        let backend = try OpenCLBackend(device: TestDevice.device!)
        if stepKernels { backend.singleGroupMaxBatch = 0 }
        try backend.prepare(spec: check.spec, data: data)
        try backend.setParameters(params)
        var random = TrainingRandom(kind: .standard, seed: testSeed &+ 41)
        var order = (0..<Int32(data.count)).map { $0 }
        var device = [Double](), reference = [Double]()
        for _ in 0..<check.epochs {
            random.shuffle(&order)
            device += try backend.trainSteps(order: order, batchSize: batch, learningRate: check.learningRate)
            for start in stride(from: 0, to: data.count, by: batch) {
                let rows = NetworkReference.batch(features: data.features, targets: data.targets, rows: order[start..<min(start + batch, data.count)])
                let step = NetworkReference.step(params: params, spec: check.spec, features: rows.features, targets: rows.targets,
                                                 learningRate: check.learningRate)
                params = step.params
                reference.append(step.loss)
            }
        }
        #expect(backend.programs.sourceBuilds + backend.programs.binaryLoads == 1, "logistic ran the fused linear kernels (one HEAD_BCE build)")
        #expect(device.count == reference.count)
        let worst = zip(device, reference).map { abs($0 - $1) / abs($1) }.max() ?? .infinity
        #expect(worst <= Self.tolerance, "seed \(testSeed): losses differ by \(worst) relative")
        let largest = params.map(abs).max()!
        let parameterError = zip(try backend.parameters(), params).map { abs($0 - $1) }.max()! / largest
        #expect(parameterError <= Self.tolerance, "seed \(testSeed): parameters differ by \(parameterError) of the largest")
    }

    /// Breast cancer (569 rows, 30 features), the CLI's preparation (80% train, normalised), 20
    /// epochs of batch 32: every epoch's losses and the final parameters within the bound, and the
    /// same predicted class for every row whose CPU probability is not within 1e-3 of ½. With plain
    /// SGD and with Adam, which the one-launch epoch kernel applies itself (`RULE` with `HEAD_BCE`).
    @Test(arguments: [UpdateRule.sgd, UpdateRule(kind: .adam)])
    func breastCancerMatchesCPU(rule: UpdateRule) throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("DescentCLITests/Datasets/breast_cancer.csv").path
        let table = try DelimitedFileReader.read(path: path)
        let prepared = try PreparedData(try table.trainingData(task: .classification), trainFraction: 0.8)
        let spec = try ModelChoice(kind: .logistic).spec(for: prepared.train)
        #expect(spec.head == .binaryCrossEntropy && spec.hidden.isEmpty)
        var settings = TrainingSettings()
        settings.epochs = 20
        settings.batchSize = 32
        settings.seed = testSeed
        settings.optimizer = rule
        func train(_ backend: TrainingBackend) throws -> (losses: [Double], parameters: [Double], test: [Double]) {
            var losses = [Double]()
            let result = try Trainer(settings: settings).run(on: backend, spec: spec, train: prepared.train) { report in
                losses += report.losses
                return .continue
            }
            return (losses, result.parameters, NetworkReference.predict(params: result.parameters, spec: spec, features: prepared.test.features))
        }
        let opencl = OpenCLBackend(programs: ProgramCache(try TestDevice.context()))
        let device = try train(opencl), cpu = try train(CPUBackend())
        if rule.isPlainSGD { #expect(opencl.programs.sourceBuilds + opencl.programs.binaryLoads == 1, "the fused linear kernels ran") }
        #expect(opencl.lastSubmissionFused, "the one-launch epoch kernel ran")
        let worst = zip(device.losses, cpu.losses).map { abs($0 - $1) / abs($1) }.max() ?? .infinity
        #expect(device.losses.count == cpu.losses.count && worst <= Self.tolerance, "seed \(testSeed): losses differ by \(worst) relative")
        let largest = cpu.parameters.map(abs).max()!
        let parameterError = zip(device.parameters, cpu.parameters).map { abs($0 - $1) }.max()! / largest
        #expect(parameterError <= Self.tolerance, "seed \(testSeed): parameters differ by \(parameterError) of the largest")
        for (row, (d, c)) in zip(device.test, cpu.test).enumerated() where abs(c - 0.5) > 1e-3 {
            #expect((d > 0.5) == (c > 0.5), "seed \(testSeed): test row \(row) predicted \(d) on the device, \(c) on the CPU")
        }
        func accuracy(_ p: [Double]) -> Double {
            Double(zip(p, prepared.test.targets).count { ($0 > 0.5 ? 1.0 : 0.0) == $1 }) / Double(prepared.test.count)
        }
        #expect(accuracy(device.test) == accuracy(cpu.test) && accuracy(cpu.test) >= 0.9)
    }
}
