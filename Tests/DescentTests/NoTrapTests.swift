import Testing
import Descent

/// Wrong arguments through the public API throw a typed error instead of trapping or reading
/// outside the loaded rows (issue 16, item 1). Before these checks a release build read out of
/// bounds (an order index past the rows gave a loss of 1e-123), a debug build trapped, and
/// `predict` silently dropped a row's extra values.
@Suite struct NoTrapTests {
    static let data = SyntheticData(rows: 10, features: 3, seed: 7).data
    /// The fused linear path and the network path of the CPU backend.
    static let specs: [ModelSpec] = [.linear(inputs: 3), ModelSpec(kind: .mlp, inputs: 3, hidden: [4], head: .mse(.course))]

    @Test(arguments: specs, [[0, 10], [-1, 2], [3, Int32.max]] as [[Int32]])
    func orderIndexOutsideTheRowsThrows(spec: ModelSpec, order: [Int32]) throws {
        let backend = CPUBackend()
        try backend.prepare(spec: spec, data: Self.data)
        let bad = order.first { $0 < 0 || $0 >= 10 }!
        #expect(throws: BackendError.orderIndex(bad, rows: 10)) {
            try backend.trainSteps(order: order, batchSize: 2, learningRate: 0.1)
        }
        #expect(throws: BackendError.orderIndex(bad, rows: 10)) { try backend.gradientSums(rows: order[...]) }
    }

    @Test(arguments: specs)
    func batchSizeZeroThrows(spec: ModelSpec) throws {
        let backend = CPUBackend()
        try backend.prepare(spec: spec, data: Self.data)
        #expect(throws: BackendError.batchSize(0)) { try backend.trainSteps(order: [0, 1], batchSize: 0, learningRate: 0.1) }
        var settings = TrainingSettings()
        settings.batchSize = 0
        #expect(throws: SettingsError.self) { try Trainer(settings: settings).run(on: CPUBackend(), spec: spec, train: Self.data) }
    }

    @Test func backendUsedBeforePrepareThrows() {
        let backend = CPUBackend()
        #expect(throws: BackendError.notPrepared) { try backend.parameters() }
        #expect(throws: BackendError.notPrepared) { try backend.setModel(LinearModel(weights: [1, 2, 3], bias: 0)) }
        #expect(throws: BackendError.notPrepared) { try backend.trainSteps(order: [0], batchSize: 1, learningRate: 0.1) }
        #expect(throws: BackendError.notPrepared) { try backend.predict(features: Self.data.features) }
    }

    @Test func setModelOfTheWrongWidthThrows() throws {
        let backend = CPUBackend()
        try backend.load(Self.data)
        #expect(throws: BackendError.parameterCount(expected: 4, got: 3)) { try backend.setModel(LinearModel(weights: [1, 2], bias: 0)) }
        #expect(throws: BackendError.parameterCount(expected: 4, got: 5)) { try backend.setParameters([1, 2, 3, 4, 5]) }
        #expect(throws: BackendError.columnCount(expected: 3, got: 2)) {
            try backend.predict(features: Matrix(rows: 1, columns: 2, values: [1, 2]))
        }
    }

    @Test func rowsOfTheWrongWidthThrow() {
        #expect(throws: BackendError.columnCount(expected: 4, got: 3)) { try CPUBackend().prepare(spec: .linear(inputs: 4), data: Self.data) }
    }

    @Test func trainingOnZeroRowsThrows() {
        let empty = TrainingData(featureNames: ["a", "b", "c"], targetName: "y", features: Matrix(rows: 0, columns: 3, values: []), targets: [])
        #expect(throws: BackendError.noRows) { try Trainer(settings: .course).run(on: CPUBackend(), spec: .linear(inputs: 3), train: empty) }
    }

    @Test func predictWithTooFewOrTooManyValuesThrows() throws {
        let statistics = (0..<3).map { ColumnStatistics(name: "f\($0)", mean: 0, minimum: -1, maximum: 1) }
        let file = ModelFile(model: LinearModel(weights: [1, 2, 3], bias: 0),
                             normalization: Normalization(features: statistics, target: ColumnStatistics(name: "y", mean: 0, minimum: -1, maximum: 1)),
                             targetUnit: .plain, training: nil)
        #expect(throws: PredictionError.featureCount(expected: 3, got: 2)) { try file.predict(rawFeatures: [1, 2]) }
        #expect(throws: PredictionError.featureCount(expected: 3, got: 4)) { try file.predict(rawFeatures: [1, 2, 3, 4]) }
        #expect(throws: PredictionError.featureCount(expected: 3, got: 0)) { try file.classify(rawFeatures: []) }
        #expect(try file.predict(rawFeatures: [0, 0, 1]) == 3)  // the right width still predicts: z = 3 · 0.5, times the target's scale 2
    }
}
