import Descent
import DescentOpenCL
import Testing

/// The fused kernels training really uses (`linear_train_epoch` for small batches,
/// `linear_step_partial` + `linear_step_update` for large ones) against the CPU reference.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct TrainingPathTests {
    static let batchSizes = [1, 2, 7, 63, 64, 65, 100, 1000, 4097]
    static let featureCounts = [1, 13, 64, 257]

    /// Every kernel path in every shape, whatever the device prefers, so that CI's PoCL runs the
    /// GPU-shaped kernels too.
    enum Path: String, CaseIterable {
        case sequentialEpoch, sequentialSteps, cooperativeEpoch, cooperativeSteps
        var shape: KernelShape { self == .sequentialEpoch || self == .sequentialSteps ? .sequential : .cooperative }
        var singleGroup: Bool { self == .sequentialEpoch || self == .cooperativeEpoch }
    }

    func backend(_ path: Path) throws -> OpenCLBackend {
        let backend = try OpenCLBackend(device: TestDevice.device!)
        backend.singleGroupMaxBatch = path.singleGroup ? .max : 0
        backend.shape = path.shape
        return backend
    }

    /// Each step of an epoch (two batches: a full one and a short last one, in shuffled order)
    /// from the same parameters on both sides, so errors cannot compound between steps.
    @Test(arguments: Path.allCases, featureCounts)
    func everyStepMatchesReference(path: Path, features: Int) throws {
        for batch in Self.batchSizes {
            let rows = batch + (batch + 1) / 2
            let seed = testSeed &+ UInt64(batch * 1000 + features)
            let x = randomMatrix(rows: rows, columns: features, seed: seed)
            let data = RegressionData(featureNames: (0..<features).map { "x\($0)" }, targetName: "y",
                                      features: x, targets: randomValues(rows, seed: seed &+ 1))
            var random = TrainingRandom(kind: .standard, seed: seed)
            var order = (0..<Int32(rows)).map { $0 }
            random.shuffle(&order)
            let device = try backend(path)
            try device.load(data)
            var model = LinearModel(weights: randomValues(features, seed: seed &+ 2, scale: 0.5), bias: 0.1)
            for start in stride(from: 0, to: rows, by: batch) {
                let indices = order[start..<min(start + batch, rows)]
                try device.setModel(model)
                let loss = try device.trainEpoch(order: Array(indices), batchSize: batch, stepSize: 0.05)
                let reference = LinearReference.linearStep(data: data, batch: indices.map(Int.init), model: model, stepSize: 0.05)
                let gathered = Matrix(rows: indices.count, columns: features,
                                      values: indices.flatMap { data.features.row(Int($0)) })
                let bound = ErrorBound.step(features: gathered, targets: indices.map { data.targets[Int($0)] },
                                            model: model, stepSize: 0.05)
                let label = "\(path) batch \(batch) (step at \(start)) × \(features)"
                expectWithin(loss, [reference.loss], bounds: [bound.loss], "\(label) loss")
                let updated = try device.model()
                expectWithin(updated.weights + [updated.bias], reference.model.weights + [reference.model.bias],
                             bounds: bound.parameters, "\(label) parameters")
                model = reference.model
            }
        }
    }

    /// The course's run on the device: the same 250 log lines as the float64 reference but for at
    /// most 5 that differ in the last printed digit, and final parameters within 1e-4 relative.
    @Test func courseRunMatchesTheCPUReference() throws {
        let data = try PreparedData(BundledData.housing().regressionData(), trainFraction: 0.8)
        func run(_ backend: TrainingBackend) throws -> (lines: [String], model: LinearModel) {
            var lines = [String]()
            let model = try Trainer(settings: .course).runLinear(on: backend, train: data.train) { report in
                lines += report.losses.enumerated().map { Trainer.logLine(epoch: report.epoch, iteration: $0, loss: $1) }
            }
            return (lines, model.linearModel)
        }
        let cpu = try run(CPUBackend()), device = try run(try OpenCLBackend(device: TestDevice.device!))
        #expect(device.lines.count == 250)
        let differing = zip(cpu.lines, device.lines).filter { $0 != $1 }
        #expect(differing.count <= 5, "\(differing.count) lines differ: \(differing.prefix(5))")
        for (a, b) in differing {  // only in the last printed digit
            let x = Double(a.split(separator: " ").last!)!, y = Double(b.split(separator: " ").last!)!
            #expect(abs(x - y) <= 0.00011, "\(a) vs \(b)")
        }
        let cpuParameters = cpu.model.weights + [cpu.model.bias], deviceParameters = device.model.weights + [device.model.bias]
        for (c, d) in zip(cpuParameters, deviceParameters) {
            #expect(abs(c - d) <= 1e-4 * abs(c), "final parameter \(d) against reference \(c)")
        }
    }

    /// Fixed reduction shapes, no atomics: the same seed gives the same bits, on both paths.
    @Test(arguments: Path.allCases)
    func sameSeedGivesBitIdenticalRuns(path: Path) throws {
        let rows = 3001, features = 13
        let data = RegressionData(featureNames: (0..<features).map { "x\($0)" }, targetName: "y",
                                  features: randomMatrix(rows: rows, columns: features, seed: testSeed),
                                  targets: randomValues(rows, seed: testSeed &+ 9))
        var settings = TrainingSettings()
        settings.epochs = 3
        settings.batchSize = 700
        settings.learningRate = 0.05
        func run() throws -> ([Double], LinearModel) {
            var losses = [Double]()
            let model = try Trainer(settings: settings).runLinear(on: try backend(path), train: data) { losses += $0.losses }
            return (losses, model.linearModel)
        }
        let (lossesA, modelA) = try run(), (lossesB, modelB) = try run()
        #expect(lossesA.map(\.bitPattern) == lossesB.map(\.bitPattern))
        #expect(modelA == modelB)
    }

    /// Stopped between steps (as Ctrl-C stops a run) and resumed, a device run is the run that
    /// never stopped, bit for bit: slicing an epoch into submissions changes no arithmetic.
    @Test(arguments: Path.allCases)
    func stoppingBetweenStepsAndResumingChangesNoBit(path: Path) throws {
        let rows = 3001, features = 13  // batches of 700: 5 steps per epoch, the last of 201 rows
        let data = RegressionData(featureNames: (0..<features).map { "x\($0)" }, targetName: "y",
                                  features: randomMatrix(rows: rows, columns: features, seed: testSeed &+ 5),
                                  targets: randomValues(rows, seed: testSeed &+ 6))
        var settings = TrainingSettings()
        settings.epochs = 3
        settings.batchSize = 700
        settings.learningRate = 0.05
        var wholeLosses = [Double](), stoppedLosses = [Double]()
        let whole = try Trainer(settings: settings).runLinear(on: try backend(path), train: data) { wholeLosses += $0.losses }.linearModel
        var stopping = Trainer(settings: settings)
        stopping.sliceSeconds = 0  // one step per submission
        var asked = 0
        stopping.shouldStop = { asked += 1; return asked == 7 }
        let stop = try stopping.runLinear(on: try backend(path), train: data) { stoppedLosses += $0.losses }
        #expect(stop.stopReason == .stopRequested)
        #expect(stop.progress.completedEpochs == 1 && stop.progress.completedSteps == 2)
        let resumed = try Trainer(settings: settings).runLinear(on: try backend(path), train: data, resumingFrom: stop.progress) {
            stoppedLosses += $0.losses
        }
        #expect(stoppedLosses.map(\.bitPattern) == wholeLosses.map(\.bitPattern))
        #expect(resumed.linearModel == whole)
    }

    /// The epoch kernel's steps per launch are capped (a GPU driving a display resets a long
    /// kernel): an epoch cut into one-step or three-step launches is the single launch, bit for bit,
    /// with a short last batch on both shapes.
    @Test(arguments: [Path.sequentialEpoch, .cooperativeEpoch])
    func cappedLaunchesChangeNoBit(path: Path) throws {
        let rows = 1001, features = 13, batch = 64  // 16 steps, the last of 41 rows
        let data = RegressionData(featureNames: (0..<features).map { "x\($0)" }, targetName: "y",
                                  features: randomMatrix(rows: rows, columns: features, seed: testSeed &+ 11),
                                  targets: randomValues(rows, seed: testSeed &+ 12))
        var random = TrainingRandom(kind: .standard, seed: testSeed)
        var order = (0..<Int32(rows)).map { $0 }
        random.shuffle(&order)
        func run(rowsPerLaunch: Int) throws -> ([UInt64], [UInt64]) {
            let device = try backend(path)
            device.maxRowsPerLaunch = rowsPerLaunch
            try device.load(data)
            try device.setModel(LinearModel(weights: randomValues(features, seed: testSeed &+ 13, scale: 0.5), bias: 0.1))
            let losses = try device.trainEpoch(order: order, batchSize: batch, stepSize: 0.05)
            let model = try device.model()
            return (losses.map(\.bitPattern), (model.weights + [model.bias]).map(\.bitPattern))
        }
        let whole = try run(rowsPerLaunch: 1 << 20)
        #expect(whole.0.count == 16 && !whole.0.contains(Double.nan.bitPattern))
        #expect(try run(rowsPerLaunch: 1) == whole)
        #expect(try run(rowsPerLaunch: 3 * batch + 5) == whole)
    }

    @Test func aKernelThatFailsToBuildShowsItsLog() throws {
        let backend = try OpenCLBackend(device: TestDevice.device!, kernelSource: "__kernel void linear_train_epoch( { }")
        try backend.load(RegressionData(featureNames: ["a"], targetName: "y", features: Matrix(rows: 1, columns: 1, values: [1]), targets: [2]))
        try backend.setModel(LinearModel(weights: [0], bias: 0))
        #expect {
            _ = try backend.trainEpoch(order: [0], batchSize: 1, stepSize: 0.1)
        } throws: { error in
            let text = String(describing: error)
            return error is KernelBuildError && text.contains("CL_BUILD_PROGRAM_FAILURE") && text.contains("build log") && text.contains("error")
        }
    }
}
