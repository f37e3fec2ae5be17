import Foundation
import Testing
@testable import Descent

/// A run stopped mid-epoch and resumed from its progress (parameters and optimiser state, through
/// a checkpoint file's JSON) ends with the bits of the run never stopped: Adam's moments and step
/// count, momentum's buffer and the schedule's position all carry over.
@Suite struct OptimizerResumeTests {
    final class Countdown: @unchecked Sendable {
        var left: Int
        init(_ left: Int) { self.left = left }
        func tick() -> Bool { left -= 1; return left == 0 }
    }

    static let runs: [(ModelSpec, UpdateRule)] = [
        (.linear(inputs: 4), UpdateRule(kind: .adam, l2: 0.01)),
        (.linear(inputs: 4), UpdateRule(kind: .nesterov, l1: 0.001)),
        (ModelSpec(kind: .mlp, inputs: 4, hidden: [5], head: .mse(.exact)), UpdateRule(kind: .adamw, weightDecay: 0.01)),
    ]

    @Test(arguments: 0..<runs.count)
    func aResumedRunIsBitIdenticalToAnUninterruptedOne(index: Int) throws {
        let (spec, rule) = Self.runs[index]
        let data = SyntheticData(rows: 90, features: 4, seed: 11).data
        var settings = TrainingSettings()
        settings.epochs = 5
        settings.batchSize = 16
        settings.learningRate = 0.02
        settings.optimizer = rule
        settings.schedule = LearningRateSchedule(kind: .cosine, warmupEpochs: 1)
        let whole = try Trainer(settings: settings).run(on: CPUBackend(), spec: spec, train: data).parameters

        var stopping = Trainer(settings: settings)
        let countdown = Countdown(9)  // a slice is one step at first: stops inside epoch 1
        stopping.sliceSeconds = 1e-9
        stopping.shouldStop = { countdown.tick() }
        let stop = try stopping.run(on: CPUBackend(), spec: spec, train: data)
        #expect(stop.stopReason == .stopRequested)
        let stopped = stop.progress
        #expect(stopped.completedSteps > 0 && stopped.optimizerState?.step ?? 0 > 0)

        // Through a checkpoint's JSON, as `--resume` reads it.
        let checkpoint = ModelFile.Checkpoint(completedEpochs: stopped.completedEpochs, completedSteps: stopped.completedSteps,
                                              optimizerState: stopped.optimizerState)
        let decoded = try JSONDecoder().decode(ModelFile.Checkpoint.self, from: JSONEncoder().encode(checkpoint))
        let resumedFrom = Trainer.Progress(completedEpochs: decoded.completedEpochs, completedSteps: decoded.completedSteps ?? 0,
                                           parameters: stopped.parameters, optimizerState: decoded.optimizerState)
        let resumed = try Trainer(settings: settings).run(on: CPUBackend(), spec: spec, train: data, resumingFrom: resumedFrom).parameters
        #expect(resumed == whole)

        // Without the state (Adam restarting from zero moments) the result differs: the state matters.
        var stateless = resumedFrom
        stateless.optimizerState = nil
        #expect(try Trainer(settings: settings).run(on: CPUBackend(), spec: spec, train: data, resumingFrom: stateless).parameters != whole)
    }

    /// State that does not fit the rule is refused, as a typed error.
    @Test func stateOfAnotherShapeIsRefused() throws {
        let backend = CPUBackend()
        try backend.prepare(spec: .linear(inputs: 2), data: SyntheticData(rows: 4, features: 2).data)
        try backend.setUpdateRule(UpdateRule(kind: .adam))
        #expect(throws: BackendError.optimizerState(kind: .adam, parameters: 3)) {
            try backend.setOptimizerState(OptimizerState(step: 1, first: [0, 0, 0], second: []))
        }
    }
}
