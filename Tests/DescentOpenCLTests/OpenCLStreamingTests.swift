import Descent
@testable import DescentOpenCL
import Testing

/// Streaming on the device (issue 14): the rows arrive a piece at a time into two device buffers,
/// the next piece's upload overlapping the current one's steps, and the run ends with the bits of
/// the resident run under `--shuffle chunks` on the same chunk plan: each batch holds the same
/// rows in the same order, so every reduction adds the same float32 numbers in the same order.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct OpenCLStreamingTests {
    /// Every kernel path, a short last batch and a short last piece, plain SGD and Adam.
    @Test(arguments: TrainingPathTests.Path.allCases, [false, true])
    func streamingEqualsTheResidentChunkShuffle(path: TrainingPathTests.Path, adam: Bool) throws {
        let rows = 1_003, features = 6
        let data = TrainingData(featureNames: (0..<features).map { "x\($0)" }, targetName: "y",
                                features: randomMatrix(rows: rows, columns: features, seed: testSeed &+ 31),
                                targets: randomValues(rows, seed: testSeed &+ 32))
        var settings = TrainingSettings()
        settings.epochs = 3
        settings.batchSize = 32
        settings.learningRate = 0.05
        if adam { settings.optimizer = UpdateRule(kind: .adam) }
        let plan = ChunkPlan(rowsPerChunk: 100, bufferChunks: 2)
        let spec = ModelSpec.linear(inputs: features, gradient: .course)
        var resident = Trainer(settings: settings)
        resident.shuffle = .chunks(plan)
        var residentLosses = [Double](), streamedLosses = [Double]()
        let expected = try resident.run(on: TrainingPathTests().backend(path), spec: spec, train: data) { residentLosses += $0.losses; return .continue }
        let backend = try TrainingPathTests().backend(path)
        let got = try Trainer(settings: settings).runStreaming(on: backend, spec: spec, train: data, plan: plan) { streamedLosses += $0.losses }
        #expect(backend.pieces?.capacity == Trainer.pieceRows(batchSize: 32, plan: plan), "seed \(testSeed): the backend streamed")
        #expect(got.parameters == expected.parameters, "seed \(testSeed)")
        #expect(streamedLosses == residentLosses, "seed \(testSeed)")
    }

    /// Two pieces enqueued before either is trained on would overwrite a buffer still in use: the
    /// backend hands out the two slots alternately, and a piece wider than the model is refused.
    @Test func slotsAlternateAndBadPiecesAreRefused() throws {
        let backend = try OpenCLBackend(device: TestDevice.device!)
        let spec = ModelSpec.linear(inputs: 2, gradient: .course)
        #expect(try backend.prepareStreaming(spec: spec, features: 2, capacity: 4))
        let piece = TrainingData(featureNames: ["a", "b"], targetName: "y",
                                 features: Matrix(rows: 2, columns: 2, values: [1, 2, 3, 4]), targets: [1, 2])
        #expect(try backend.enqueuePiece(piece) == 0)
        #expect(try backend.enqueuePiece(piece) == 1)
        let wide = TrainingData(featureNames: ["a", "b", "c"], targetName: "y",
                                features: Matrix(rows: 1, columns: 3, values: [1, 2, 3]), targets: [1])
        #expect(throws: BackendError.self) { try backend.enqueuePiece(wide) }
        #expect(try !backend.prepareStreaming(spec: ModelSpec(kind: .mlp, inputs: 2, hidden: [3], head: .mse(.course)), features: 2, capacity: 4))
    }
}
