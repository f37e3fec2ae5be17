import Foundation
@testable import Descent

/// The ranks of a job as threads of one process, for testing ``DistributedTrainer`` where Open MPI
/// is not installed: every collective is an exchange of one vector per rank through shared memory.
final class ThreadGroup: @unchecked Sendable {
    let size: Int
    private let condition = NSCondition()
    private var slots: [[Double]?]
    private var arrived = 0, generation = 0
    private var result: [[Double]] = []

    init(size: Int) {
        self.size = size
        slots = Array(repeating: nil, count: size)
    }

    /// Every rank's `values`, in rank order, once every rank has called it.
    func exchange(rank: Int, _ values: [Double]) -> [[Double]] {
        condition.lock()
        defer { condition.unlock() }
        let mine = generation
        slots[rank] = values
        arrived += 1
        if arrived == size {
            (result, slots, arrived, generation) = (slots.map { $0! }, Array(repeating: nil, count: size), 0, generation + 1)
            condition.broadcast()
        } else {
            while generation == mine { condition.wait() }
        }
        return result  // stable until this rank calls again: the next round needs it
    }

    /// Runs `body(rank)` on `size` threads and returns each rank's result.
    func run<T>(_ body: @escaping @Sendable (Int) -> T) -> [T] {
        nonisolated(unsafe) var results = [T?](repeating: nil, count: size)
        let lock = NSLock(), done = DispatchGroup()
        for rank in 0..<size {
            done.enter()
            Thread.detachNewThread {
                let value = body(rank)
                lock.withLock { results[rank] = value }
                done.leave()
            }
        }
        done.wait()
        return results.map { $0! }
    }
}

struct ThreadCommunicator: Communicator {
    let rank: Int
    let group: ThreadGroup
    var size: Int { group.size }

    func sumInRankOrder(_ values: [Double]) throws -> [Double] {
        let all = group.exchange(rank: rank, values)
        let counts = all.map(\.count)
        guard counts.min() == counts.max() else { throw DistributedError.countMismatch(smallest: counts.min()!, largest: counts.max()!) }
        return RankOrderedSum.of(all)
    }

    func broadcast(_ values: [Double], from root: Int) throws -> [Double] {
        try checkRoot(root)
        return group.exchange(rank: rank, values)[root]
    }

    func broadcast(bytes: [UInt8], from root: Int) throws -> [UInt8] {
        try broadcast(bytes.map(Double.init), from: root).map { UInt8($0) }
    }

    func agreeOnFailure(_ failure: String?) throws {
        let all = group.exchange(rank: rank, failure.map { [1] + $0.utf8.map(Double.init) } ?? [0])
        let failed = all.indices.filter { all[$0][0] == 1 }
        guard let first = failed.first else { return }
        throw DistributedError.rankFailed(rank: first, message: String(decoding: all[first].dropFirst().map { UInt8($0) }, as: UTF8.self),
                                          failedRanks: failed)
    }

    func barrier() throws { _ = group.exchange(rank: rank, []) }
}
