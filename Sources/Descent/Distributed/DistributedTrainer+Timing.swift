import Foundation

/// One synchronous data-parallel step's time on one rank, in seconds, split where the rank spends it.
public struct DistributedStepTimes: Equatable, Sendable {
    /// This rank's chunks' gradient and loss sums (``TrainingBackend/gradientSums(rows:)``).
    public var compute: Double
    /// The rank-ordered sum of every rank's slots, waiting for the slowest rank included.
    public var reduce: Double
    /// Adding the chunks in chunk order and applying the update on this rank's backend.
    public var update: Double
    /// The rows this rank summed (its chunks' rows).
    public var rows: Int

    public var total: Double { compute + reduce + update }
}

extension DistributedTrainer {
    /// One step of ``run(on:spec:train:resumingFrom:signature:onEpoch:)``'s loop on the batch `rows`
    /// (the same positions on every rank), timed on this rank with `clock` (seconds): for
    /// `descent bench --distributed`. The backend must be prepared and hold the same parameters on
    /// every rank. A rank whose sums or update fail says so (in the step's failure slot, or in an
    /// untimed agreement after the update), so every rank throws
    /// ``DistributedError/rankFailed(rank:message:failedRanks:)`` together instead of waiting.
    public func timedStep(on backend: TrainingBackend, rows: ArraySlice<Int32>, parameterCount: Int,
                          clock: () -> Double) throws -> DistributedStepTimes {
        let width = parameterCount + 1
        var slots = [Double](repeating: -0.0, count: reductionChunks * width + 2)
        let begin = clock()
        var failure: String?
        do { try contribute(backend: backend, rows: rows, width: width, to: &slots) } catch { failure = describe(error) }
        slots[slots.count - 1] = failure == nil ? -0.0 : 1
        let computed = clock()
        let total = try communicator.sumInRankOrder(slots)
        if total[total.count - 1] > 0 { try communicator.agreeOnFailure(failure) }
        let reduced = clock()
        let (gradient, _, _) = Self.combine(total, chunks: reductionChunks)
        let scale = 1 / Double(rows.count)
        do { try backend.applyGradient(gradient.map { scale * $0 }, learningRate: settings.learningRate) } catch { failure = describe(error) }
        let updated = clock()
        try communicator.agreeOnFailure(failure)  // untimed: an update that failed on one rank stops every rank
        let plan = ReductionPlan(chunks: reductionChunks)
        let mine = (0..<plan.chunks).filter { plan.owner(of: $0, ranks: communicator.size) == communicator.rank }
            .reduce(0) { $0 + plan.range($1, in: rows.indices).count }
        return DistributedStepTimes(compute: computed - begin, reduce: reduced - computed, update: updated - reduced, rows: mine)
    }
}
