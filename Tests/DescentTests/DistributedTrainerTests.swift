import Foundation
import Testing
@testable import Descent

/// ``DistributedTrainer`` on ranks that are threads (``ThreadCommunicator``), so it is checked
/// where Open MPI is absent too: the same bits for any rank count, every rank stopping together.
@Suite struct DistributedTrainerTests {
    static let data = try! PreparedData(BundledData.housing().regressionData(), trainFraction: 0.8)
    static var settings: TrainingSettings {
        var settings = TrainingSettings()
        (settings.epochs, settings.batchSize, settings.seed) = (4, 37, 3)
        return settings
    }

    /// Every rank's result (parameters and losses, or the error's description).
    static func train(ranks: Int, spec: ModelSpec = .linear(inputs: 13), settings: TrainingSettings = settings,
                      failOn failing: Int? = nil,
                      backend: @escaping @Sendable (Int) -> TrainingBackend = { _ in CPUBackend() }) -> [Result<([Double], [Double]), Failed>] {
        let group = ThreadGroup(size: ranks)
        return group.run { rank in
            let trainer = DistributedTrainer(settings: settings, communicator: ThreadCommunicator(rank: rank, group: group))
            var losses: [Double] = []
            do {
                let backend: TrainingBackend = rank == failing ? FailingBackend() : backend(rank)
                let parameters = try trainer.run(on: backend, spec: spec, train: data.train) { losses += $0.losses }.parameters
                return .success((parameters, losses))
            } catch { return .failure(Failed(message: String(describing: error))) }
        }
    }

    @Test(arguments: [2, 3, 5, 13])
    func anyRankCountGivesOneRanksBits(ranks: Int) throws {
        let one = try Self.train(ranks: 1)[0].get()
        for result in Self.train(ranks: ranks) {
            let (parameters, losses) = try result.get()
            #expect(parameters == one.0 && losses == one.1)
        }
        #expect(one.1.count == 4 * 11)
    }

    @Test func anMLPToo() throws {
        let spec = ModelSpec(kind: .mlp, inputs: 13, hidden: [5], activation: .tanh, head: .mse(.exact))
        let one = try Self.train(ranks: 1, spec: spec)[0].get()
        for result in Self.train(ranks: 3, spec: spec) { #expect(try result.get().0 == one.0) }
    }

    @Test func aFailureOnOneRankStopsEveryRankNamingIt() {
        for result in Self.train(ranks: 3, failOn: 1) {
            guard case let .failure(failed) = result, case let message = failed.message else { Issue.record("rank trained on"); continue }
            #expect(message == "rank 1 failed: injected", "\(message)")
        }
    }

    /// The done-when of issue 13 in the core: the plain single-process run on the CPU backend (its
    /// fused linear step) gives the ranks' bits, losses and parameters, under either gradient
    /// convention, for a batch that the 12 chunks do not divide and for one smaller than 12.
    @Test(arguments: [(GradientConvention.course, 37), (.exact, 37), (.course, 5), (.course, 404)])
    func thePlainCPURunGivesTheRanksBits(gradient: GradientConvention, batch: Int) throws {
        var settings = Self.settings
        (settings.gradient, settings.batchSize) = (gradient, batch)
        let spec = ModelSpec.linear(inputs: 13, gradient: gradient)
        var plainLosses: [Double] = []
        let plain = try Trainer(settings: settings).run(on: CPUBackend(), spec: spec, train: Self.data.train) { plainLosses += $0.losses }.parameters
        for ranks in [1, 2, 3] {
            for result in Self.train(ranks: ranks, spec: spec, settings: settings) {
                let (parameters, losses) = try result.get()
                #expect(parameters == plain, "\(ranks) ranks: \(zip(parameters, plain).map { $0 - $1 })")
                #expect(losses == plainLosses, "\(ranks) ranks")
            }
        }
    }

    /// Each rank checks its own final parameters; one whose copy alone diverged (a device that
    /// rounds differently) stops every rank, named, not only itself while the others succeed.
    @Test func aRankWhoseParametersAloneDivergedStopsEveryRankNamingIt() {
        let results = Self.train(ranks: 3, backend: { rank in rank == 2 ? NonFiniteParametersBackend() as TrainingBackend : CPUBackend() })
        for result in results {
            guard case let .failure(failed) = result else { Issue.record("a rank succeeded"); continue }
            #expect(failed.message.hasPrefix("rank 2 failed: diverged in the last step of epoch 3"), "\(failed.message)")
        }
    }

    @Test func chunksSplitEvenlyAndCoverTheBatch() {
        let ranges = (0..<12).map { ReductionPlan.standard.range($0, in: 5..<42) }
        #expect(ranges.map(\.count).reduce(0, +) == 37 && Set(ranges.map(\.count)) == [3, 4])
        #expect(ranges.first?.lowerBound == 5 && ranges.last?.upperBound == 42)
        #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect((0..<12).map { ReductionPlan.standard.owner(of: $0, ranks: 3) } == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2])
    }
}

/// A rank's error, in words.
struct Failed: Error { var message: String }

/// A CPU backend whose gradient sums fail: a device error on one rank.
final class FailingBackend: TrainingBackend {
    struct Injected: Error, CustomStringConvertible { var description: String { "injected" } }
    let inner = CPUBackend()
    var name: String { inner.name }
    var deviceDescription: String { inner.deviceDescription }
    func prepare(spec: ModelSpec, data: TrainingData) throws { try inner.prepare(spec: spec, data: data) }
    func setParameters(_ values: [Double]) throws { try inner.setParameters(values) }
    func parameters() throws -> [Double] { try inner.parameters() }
    func submitSteps(order: ArraySlice<Int32>, batchSize: Int, learningRate: Double) throws { throw Injected() }
    func collectSteps() throws -> [Double] { throw Injected() }
    func gradientSums(rows: ArraySlice<Int32>) throws -> GradientSums { throw Injected() }
    func applyGradient(_ gradient: [Double], learningRate: Double) throws { try inner.applyGradient(gradient, learningRate: learningRate) }
    func predict(features: Matrix) throws -> [Double] { try inner.predict(features: features) }
}

/// A CPU backend whose parameters read back non-finite: one rank's copy alone diverged.
final class NonFiniteParametersBackend: TrainingBackend {
    let inner = CPUBackend()
    var name: String { inner.name }
    var deviceDescription: String { inner.deviceDescription }
    func prepare(spec: ModelSpec, data: TrainingData) throws { try inner.prepare(spec: spec, data: data) }
    func setParameters(_ values: [Double]) throws { try inner.setParameters(values) }
    func parameters() throws -> [Double] { try inner.parameters().map { _ in .nan } }
    func submitSteps(order: ArraySlice<Int32>, batchSize: Int, learningRate: Double) throws { try inner.submitSteps(order: order, batchSize: batchSize, learningRate: learningRate) }
    func collectSteps() throws -> [Double] { try inner.collectSteps() }
    func gradientSums(rows: ArraySlice<Int32>) throws -> GradientSums { try inner.gradientSums(rows: rows) }
    func applyGradient(_ gradient: [Double], learningRate: Double) throws { try inner.applyGradient(gradient, learningRate: learningRate) }
    func predict(features: Matrix) throws -> [Double] { try inner.predict(features: features) }
}
