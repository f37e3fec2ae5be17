import Testing
@testable import Descent

/// Streaming training hands the backend about one shuffle buffer of rows at a time and ends where the resident
/// path ends with `--shuffle chunks` and the same chunk plan.
@Suite struct StreamingTrainingTests {
    @Test(arguments: [(batch: 32, rowsPerChunk: 100, bufferChunks: 2), (batch: 7, rowsPerChunk: 50, bufferChunks: 3), (batch: 500, rowsPerChunk: 64, bufferChunks: 1)])
    func streamingEndsWhereTheResidentPathEnds(batch: Int, rowsPerChunk: Int, bufferChunks: Int) throws {
        let data = SyntheticData(rows: 1_003, features: 5, seed: 3).data
        var settings = TrainingSettings()
        settings.epochs = 3
        settings.batchSize = batch
        settings.learningRate = 0.05
        let plan = ChunkPlan(rowsPerChunk: rowsPerChunk, bufferChunks: bufferChunks)
        let spec = ModelSpec.linear(inputs: 5, gradient: .course)
        var resident = Trainer(settings: settings)
        resident.shuffle = .chunks(plan)
        var residentLosses = [Double](), streamedLosses = [Double]()
        let expected = try resident.run(on: CPUBackend(), spec: spec, train: data) { residentLosses += $0.losses }.parameters
        let got = try Trainer(settings: settings).runStreaming(on: CPUBackend(), spec: spec, train: data, plan: plan) { streamedLosses += $0.losses }
        #expect(got == expected)
        #expect(streamedLosses == residentLosses)
        let piece = Trainer.pieceRows(batchSize: batch, plan: plan)
        #expect(piece <= max(batch, rowsPerChunk * bufferChunks) && piece < data.count)
    }
}
