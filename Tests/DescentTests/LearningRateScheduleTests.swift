import Foundation
import Testing
@testable import Descent

/// The schedules' rates per epoch, as PyTorch's StepLR, ExponentialLR and CosineAnnealingLR give
/// them, with the linear warmup on top; and the default leaves the rate untouched.
@Suite struct LearningRateScheduleTests {
    @Test func constantWithoutWarmupIsTheBaseRateExactly() {
        let schedule = LearningRateSchedule.constant
        #expect((0..<50).allSatisfy { schedule.rate(base: 0.1, epoch: $0, epochs: 50) == 0.1 })
        #expect(TrainingSettings().learningRate(epoch: 17) == 0.1)
    }

    @Test func stepExponentialAndCosineFollowPyTorch() {
        let step = LearningRateSchedule(kind: .step, stepEpochs: 3, gamma: 0.5)
        #expect((0..<7).map { step.rate(base: 1, epoch: $0, epochs: 7) } == [1, 1, 1, 0.5, 0.5, 0.5, 0.25])
        let exponential = LearningRateSchedule(kind: .exponential, gamma: 0.9)
        #expect(abs(exponential.rate(base: 2, epoch: 3, epochs: 10) - 2 * 0.729) < 1e-15)
        let cosine = LearningRateSchedule(kind: .cosine)
        #expect(cosine.rate(base: 1, epoch: 0, epochs: 10) == 1)
        #expect(abs(cosine.rate(base: 1, epoch: 5, epochs: 10) - 0.5) < 1e-15)
        #expect(abs(cosine.rate(base: 1, epoch: 9, epochs: 10) - (1 + cos(Double.pi * 0.9)) / 2) < 1e-15)
    }

    @Test func warmupRampsLinearlyThenHandsOver() {
        let schedule = LearningRateSchedule(kind: .constant, warmupEpochs: 3)
        #expect((0..<5).map { schedule.rate(base: 0.4, epoch: $0, epochs: 5) } == [0.1, 0.2, 0.30000000000000004, 0.4, 0.4])
    }

    @Test func badValuesAreTypedErrors() {
        #expect(throws: SettingsError.lrGamma(0)) { try LearningRateSchedule(kind: .step, gamma: 0).validate() }
        #expect(throws: SettingsError.lrStepEpochs(0)) { try LearningRateSchedule(kind: .step, stepEpochs: 0).validate() }
        #expect(throws: SettingsError.warmupEpochs(-1)) { try LearningRateSchedule(warmupEpochs: -1).validate() }
    }

    /// The trainer passes each epoch's rate: a schedule that halves the rate each epoch must give
    /// exactly the parameters of epochs run one by one at those rates.
    @Test func trainerHandsEachEpochItsRate() throws {
        let synthetic = SyntheticData(rows: 64, features: 3, seed: 5)
        var settings = TrainingSettings()
        settings.epochs = 4
        settings.batchSize = 16
        settings.schedule = LearningRateSchedule(kind: .exponential, gamma: 0.5)
        let scheduled = try Trainer(settings: settings).run(on: CPUBackend(), spec: .linear(inputs: 3), train: synthetic.data).parameters

        var random = TrainingRandom(kind: settings.random, seed: settings.seed)
        let spec = ModelSpec.linear(inputs: 3), backend = CPUBackend()
        try backend.prepare(spec: spec, data: synthetic.data)
        try backend.setParameters(spec.initialParameters(random: &random))
        var order = (0..<Int32(64)).map { $0 }
        for epoch in 0..<4 {
            random.shuffle(&order)
            _ = try backend.trainSteps(order: order, batchSize: 16, learningRate: 0.1 * pow(0.5, Double(epoch)))
        }
        #expect(try backend.parameters() == scheduled)
    }
}
