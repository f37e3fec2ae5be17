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
        let got = try Trainer(settings: settings).runStreaming(on: CPUBackend(), spec: spec, train: data, plan: plan) { streamedLosses += $0.losses }.parameters
        #expect(got == expected)
        #expect(streamedLosses == residentLosses)
        let piece = Trainer.pieceRows(batchSize: batch, plan: plan)
        #expect(piece <= max(batch, rowsPerChunk * bufferChunks) && piece < data.count)
    }
}

/// Streaming through a backend prepared afresh for each piece carries the update rule's state and
/// the schedule across pieces, and stops between pieces when asked.
@Suite struct StreamingStateTests {
    @Test func momentumAndScheduleCarryAcrossPieces() throws {
        let data = SyntheticData(rows: 600, features: 4, seed: 5).data
        var settings = TrainingSettings()
        settings.epochs = 3
        settings.batchSize = 20
        settings.learningRate = 0.05
        settings.optimizer = UpdateRule(kind: .momentum)
        settings.schedule = LearningRateSchedule(kind: .step, stepEpochs: 1, gamma: 0.5)
        let plan = ChunkPlan(rowsPerChunk: 50, bufferChunks: 2)
        let spec = ModelSpec.linear(inputs: 4, gradient: .course)
        var resident = Trainer(settings: settings)
        resident.shuffle = .chunks(plan)
        let expected = try resident.run(on: CPUBackend(), spec: spec, train: data).parameters
        let got = try Trainer(settings: settings).runStreaming(on: CPUBackend(), spec: spec, train: data, plan: plan).parameters
        #expect(got == expected)
    }

    @Test func aStopRequestEndsTheRunAfterThePiece() throws {
        let data = SyntheticData(rows: 300, features: 3, seed: 6).data
        var settings = TrainingSettings()
        settings.epochs = 2
        settings.batchSize = 10
        var trainer = Trainer(settings: settings)
        trainer.shouldStop = { true }
        var reports = 0
        let result = try trainer.runStreaming(on: CPUBackend(), spec: .linear(inputs: 3), train: data,
                                              plan: ChunkPlan(rowsPerChunk: 50, bufferChunks: 1)) { _ in reports += 1 }
        #expect(result.stopReason == .stopRequested)
        #expect(reports == 1)
        #expect(result.progress == Trainer.Progress(completedEpochs: 0, completedSteps: 5, parameters: result.parameters))
    }
}
