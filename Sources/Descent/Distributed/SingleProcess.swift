/// The communicator of a run that is one process: rank 0 of 1. Every collective returns its own
/// input (the sum of one vector is that vector, bit for bit), and a failure is reported as rank 0's.
public struct SingleProcess: Communicator, Sendable {
    /// The one process.
    public init() {}

    public var rank: Int { 0 }
    public var size: Int { 1 }

    public func sumInRankOrder(_ values: [Double]) throws -> [Double] { values }

    public func broadcast(_ values: [Double], from root: Int) throws -> [Double] {
        try checkRoot(root)
        return values
    }

    public func broadcast(bytes: [UInt8], from root: Int) throws -> [UInt8] {
        try checkRoot(root)
        return bytes
    }

    public func agreeOnFailure(_ failure: String?) throws {
        if let failure { throw DistributedError.rankFailed(rank: 0, message: failure, failedRanks: [0]) }
    }

    public func barrier() throws {}
}
