import Descent
import DescentOpenCL
import Testing

/// The OpenCL backend refuses wrong arguments with a typed error, as the CPU backend does
/// (``NoTrapTests``): before, an order index past the loaded rows made the kernels read outside
/// their buffers (the loss came back `inf`), and a backend used before `prepare` trapped.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct OpenCLNoTrapTests {
    static let data = SyntheticData(rows: 10, features: 3, seed: 7).data
    /// The fused linear kernels (both launch shapes) and the network path.
    static let specs: [ModelSpec] = [.linear(inputs: 3), ModelSpec(kind: .mlp, inputs: 3, hidden: [4], head: .mse(.course))]

    func backend() throws -> OpenCLBackend { try OpenCLBackend(device: TestDevice.device!) }

    @Test(arguments: specs, [[0, 10], [-1, 2], [3, Int32.max]] as [[Int32]])
    func orderIndexOutsideTheRowsThrows(spec: ModelSpec, order: [Int32]) throws {
        let backend = try backend()
        backend.singleGroupMaxBatch = 1  // batch 2 takes the two-kernel path
        try backend.prepare(spec: spec, data: Self.data)
        let bad = order.first { $0 < 0 || $0 >= 10 }!
        for batch in [1, 2] {
            #expect(throws: BackendError.orderIndex(bad, rows: 10)) {
                try backend.trainSteps(order: order, batchSize: batch, learningRate: 0.1)
            }
        }
        #expect(throws: BackendError.orderIndex(bad, rows: 10)) { try backend.gradientSums(rows: order[...]) }
        #expect(throws: BackendError.orderLength(positions: 11, rows: 10)) {
            try backend.trainSteps(order: [Int32](repeating: 0, count: 11), batchSize: 1, learningRate: 0.1)
        }
    }

    @Test(arguments: specs)
    func batchSizeZeroThrows(spec: ModelSpec) throws {
        let backend = try backend()
        try backend.prepare(spec: spec, data: Self.data)
        #expect(throws: BackendError.batchSize(0)) { try backend.trainSteps(order: [0, 1], batchSize: 0, learningRate: 0.1) }
    }

    @Test func backendUsedBeforePrepareThrows() throws {
        let backend = try backend()
        #expect(throws: BackendError.notPrepared) { try backend.parameters() }
        #expect(throws: BackendError.notPrepared) { try backend.setModel(LinearModel(weights: [1, 2, 3], bias: 0)) }
        #expect(throws: BackendError.notPrepared) { try backend.setParameters([1]) }
        #expect(throws: BackendError.notPrepared) { try backend.trainSteps(order: [0], batchSize: 1, learningRate: 0.1) }
        #expect(throws: BackendError.notPrepared) { try backend.prepareSteps(batchSize: 4) }
        #expect(throws: BackendError.notPrepared) { try backend.predict(features: Self.data.features) }
        #expect(throws: BackendError.notPrepared) { try backend.applyGradient([0, 0, 0, 0], learningRate: 0.1) }
    }

    @Test(arguments: specs)
    func wrongWidthsThrow(spec: ModelSpec) throws {
        let backend = try backend()
        try backend.prepare(spec: spec, data: Self.data)
        let count = ParameterLayout(spec: spec).count
        #expect(throws: BackendError.parameterCount(expected: count, got: 3)) { try backend.setModel(LinearModel(weights: [1, 2], bias: 0)) }
        #expect(throws: BackendError.parameterCount(expected: count, got: 2)) { try backend.applyGradient([0, 0], learningRate: 0.1) }
        #expect(throws: BackendError.columnCount(expected: 3, got: 2)) {
            try backend.predict(features: Matrix(rows: 1, columns: 2, values: [1, 2]))
        }
        #expect(throws: BackendError.columnCount(expected: 4, got: 3)) {
            try self.backend().prepare(spec: ModelSpec(kind: spec.kind, inputs: 4, hidden: spec.hidden, head: spec.head), data: Self.data)
        }
    }

    @Test(arguments: specs)
    func trainingOnZeroRowsThrows(spec: ModelSpec) throws {
        let empty = TrainingData(featureNames: ["a", "b", "c"], targetName: "y", features: Matrix(rows: 0, columns: 3, values: []), targets: [])
        #expect(throws: BackendError.noRows) { try Trainer(settings: .course).run(on: self.backend(), spec: spec, train: empty) }
    }
}
