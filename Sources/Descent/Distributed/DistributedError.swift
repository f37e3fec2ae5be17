/// What can go wrong between the processes of one run, with the values that say where.
public enum DistributedError: Error, Equatable, CustomStringConvertible {
    /// `rank` failed with `message`; `failedRanks` lists every rank that failed at that point
    /// (the lowest one is named, as every rank must report the same one).
    ///
    /// `message` stays text on purpose: it is another process's error, already worded there (the
    /// failing rank's own typed error, its `description`), and it crosses the communicator as
    /// bytes; the ranks that receive it cannot rebuild a value of a type they may not know.
    /// The values that say where (`rank`, `failedRanks`) are typed.
    case rankFailed(rank: Int, message: String, failedRanks: [Int])
    /// The ranks passed vectors of different lengths to `sumInRankOrder`.
    case countMismatch(smallest: Int, largest: Int)
    /// A broadcast named a root that is not a rank of the job.
    case invalidRoot(root: Int, size: Int)

    /// In words, for messages.
    public var description: String {
        switch self {
        case let .rankFailed(rank, message, failedRanks):
            let others = failedRanks.filter { $0 != rank }
            let noun = others.count == 1 ? "rank" : "ranks"
            let also = others.isEmpty ? "" : " (\(noun) \(others.map(String.init).joined(separator: ", ")) failed too)"
            return "rank \(rank) failed: \(message)\(also)"
        case let .countMismatch(smallest, largest):
            return "the ranks passed vectors of different lengths to a rank-ordered sum (\(smallest) to \(largest) values)"
        case let .invalidRoot(root, size):
            return "broadcast root \(root) is not a rank of this job (ranks 0 to \(size - 1))"
        }
    }
}
