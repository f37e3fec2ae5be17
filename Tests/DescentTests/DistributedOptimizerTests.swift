import Foundation
import Testing
@testable import Descent

/// ``DistributedTrainer`` with an optimiser and a schedule (the split path: rank-ordered gradient
/// sums, then ``TrainingBackend/applyGradient(_:learningRate:)`` applying the rule): the same bits
/// for any rank count, and the single-process trainer's result up to the gradient's rounding.
@Suite struct DistributedOptimizerTests {
    static let data = try! PreparedData(BundledData.housing().regressionData(), trainFraction: 0.8)

    static func settings(_ rule: UpdateRule) -> TrainingSettings {
        var settings = TrainingSettings()
        (settings.epochs, settings.batchSize, settings.seed, settings.learningRate) = (4, 37, 3, 0.05)
        settings.optimizer = rule
        settings.schedule = LearningRateSchedule(kind: .cosine, warmupEpochs: 1)
        return settings
    }

    static func train(ranks: Int, rule: UpdateRule) throws -> [[Double]] {
        let group = ThreadGroup(size: ranks)
        return try group.run { rank -> Result<[Double], Failed> in
            let trainer = DistributedTrainer(settings: settings(rule), communicator: ThreadCommunicator(rank: rank, group: group))
            do { return .success(try trainer.run(on: CPUBackend(), spec: .linear(inputs: 13), train: data.train).parameters) } catch {
                return .failure(Failed(message: String(describing: error)))
            }
        }.map { try $0.get() }
    }

    @Test(arguments: [UpdateRule(kind: .adam, l2: 0.01), UpdateRule(kind: .nesterov, l1: 0.001), UpdateRule(kind: .adamw, weightDecay: 0.05)])
    func ranksAgreeAndMatchOneProcess(rule: UpdateRule) throws {
        let one = try Self.train(ranks: 1, rule: rule)[0]
        for parameters in try Self.train(ranks: 3, rule: rule) { #expect(parameters == one) }
        let single = try Trainer(settings: Self.settings(rule)).run(on: CPUBackend(), spec: .linear(inputs: 13), train: Self.data.train).parameters
        #expect(close(one, single, tolerance: 1e-9), "\(one) vs \(single)")
        let plain = try Trainer(settings: Self.settings(.sgd)).run(on: CPUBackend(), spec: .linear(inputs: 13), train: Self.data.train).parameters
        #expect(!close(one, plain, tolerance: 1e-3), "the rule is applied, not plain SGD")
    }
}
