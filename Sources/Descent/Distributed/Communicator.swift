/// How the processes of one training run talk to each other: a single process (`SingleProcess`)
/// or the ranks of an MPI job (`MPICommunicator` in the `DescentMPI` module, built only where Open
/// MPI is installed). The core never imports MPI; it only sees this protocol.
///
/// Every method is a *collective*: every rank must call the same methods in the same order with
/// matching arguments (the same `count`, the same `root`), or the ranks wait on each other forever.
/// Calls are made by one thread at a time.
public protocol Communicator: Sendable {
    /// This process's place in the job, `0..<size`. Rank 0 is the one that prints and writes files.
    var rank: Int { get }
    /// How many processes take part.
    var size: Int { get }

    /// Every rank's `values`, added element by element in rank order 0, 1, 2, … and returned to
    /// every rank: `((v₀ + v₁) + v₂) + …`. Floating-point addition is not associative, so a library
    /// reduction (`MPI_Allreduce`) may add in a tree whose shape depends on the rank count, the
    /// message size and the library's tuning, and give a different last bit from run to run or
    /// machine to machine. A fixed order makes the result the same as the serial sum of the same
    /// per-rank vectors: a run on N ranks can be checked against one process that computes the N
    /// shards' gradients itself. Every rank must pass the same count
    /// (`DistributedError.countMismatch` otherwise).
    func sumInRankOrder(_ values: [Double]) throws -> [Double]

    /// `root`'s `values`, returned to every rank (what other ranks pass is ignored; its count too).
    func broadcast(_ values: [Double], from root: Int) throws -> [Double]

    /// `root`'s `bytes`, returned to every rank (what other ranks pass is ignored; its count too).
    func broadcast(bytes: [UInt8], from root: Int) throws -> [UInt8]

    /// Every rank says whether it failed (`failure` is its message, or nil); if any did, every rank
    /// throws `DistributedError.rankFailed` naming the lowest failing rank and its message, so that
    /// all ranks stop together with the same words instead of the others waiting forever in the
    /// next collective. Returns normally on every rank when none failed.
    func agreeOnFailure(_ failure: String?) throws

    /// Returns once every rank has called it.
    func barrier() throws
}

extension Communicator {
    /// Checks a broadcast's root: a collective with a root outside the job is a programming error,
    /// reported the same way by every implementation.
    public func checkRoot(_ root: Int) throws(DistributedError) {
        guard (0..<size).contains(root) else { throw .invalidRoot(root: root, size: size) }
    }
}
