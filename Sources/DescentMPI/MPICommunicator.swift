import CMPI
import Descent
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ranks of an MPI job (`mpirun -np N …`) as a `Communicator`. Create one per process, at the
/// start (it calls `MPI_Init_thread`), and call `finalize()` before the process exits normally.
///
/// The communicator is a duplicate of `MPI_COMM_WORLD` with `MPI_ERRORS_RETURN`, so Descent's
/// collectives cannot match messages of other code in the process, and every failed call throws
/// `MPIError` naming the call. Collectives are made by one thread at a time
/// (`MPI_THREAD_SERIALIZED`); that is the contract that makes the `Sendable` conformance sound.
public final class MPICommunicator: Communicator, @unchecked Sendable {
    public let rank: Int
    public let size: Int
    /// This process's place among the ranks on the same machine (shared memory), `0..<localSize`:
    /// the one to pick a device by when a machine has several.
    public let localRank: Int
    /// How many ranks run on this machine.
    public let localSize: Int
    /// Descent's own communicator (a duplicate of `MPI_COMM_WORLD`).
    let comm: MPI_Comm?

    /// Initializes MPI for this process and finds its rank, the job's size and the local rank.
    public init() throws(MPIError) {
        var initialized: Int32 = 0, finalized: Int32 = 0
        try mpiCheck(MPI_Initialized(&initialized), "MPI_Initialized")
        try mpiCheck(MPI_Finalized(&finalized), "MPI_Finalized")
        guard initialized == 0, finalized == 0 else { throw .alreadyInitialized }

        var provided: Int32 = 0
        try mpiCheck(MPI_Init_thread(nil, nil, descent_mpi_thread_serialized(), &provided), "MPI_Init_thread")
        let world = descent_mpi_comm_world()
        try mpiCheck(MPI_Comm_set_errhandler(world, descent_mpi_errors_return()), "MPI_Comm_set_errhandler")
        guard provided >= descent_mpi_thread_serialized() else {
            throw .threadSupport(requested: descent_mpi_thread_serialized(), provided: provided)
        }

        var comm: MPI_Comm? = descent_mpi_comm_null()
        try mpiCheck(MPI_Comm_dup(world, &comm), "MPI_Comm_dup")  // inherits MPI_ERRORS_RETURN
        var rank: Int32 = 0, size: Int32 = 0
        try mpiCheck(MPI_Comm_rank(comm, &rank), "MPI_Comm_rank")
        try mpiCheck(MPI_Comm_size(comm, &size), "MPI_Comm_size")

        // The ranks that share this machine's memory, whatever launched them (Open MPI also says
        // so in OMPI_COMM_WORLD_LOCAL_RANK, but other launchers do not).
        var local: MPI_Comm? = descent_mpi_comm_null()
        try mpiCheck(MPI_Comm_split_type(comm, descent_mpi_comm_type_shared(), rank, descent_mpi_info_null(), &local),
                     "MPI_Comm_split_type")
        var localRank: Int32 = 0, localSize: Int32 = 0
        try mpiCheck(MPI_Comm_rank(local, &localRank), "MPI_Comm_rank")
        try mpiCheck(MPI_Comm_size(local, &localSize), "MPI_Comm_size")
        try mpiCheck(MPI_Comm_free(&local), "MPI_Comm_free")

        self.comm = comm
        self.rank = Int(rank)
        self.size = Int(size)
        self.localRank = Int(localRank)
        self.localSize = Int(localSize)
    }

    /// Ends MPI for this process: a collective, so every rank calls it (after `agreeOnFailure`
    /// when some rank failed). Nothing may be called on the communicator afterwards.
    public func finalize() throws(MPIError) {
        var comm: MPI_Comm? = self.comm
        try mpiCheck(MPI_Comm_free(&comm), "MPI_Comm_free")
        try mpiCheck(MPI_Finalize(), "MPI_Finalize")
    }

    /// The last resort, when the ranks can no longer agree (an MPI call itself failed, so a
    /// collective may never complete): asks the runtime to end every process of the job with `code`.
    public func abort(code: Int32 = 1) -> Never {
        fflush(nil)  // What this rank printed must not die in its buffers.
        _ = MPI_Abort(descent_mpi_comm_world(), code)
        fatalError("MPI_Abort returned")  // It does not; this satisfies `Never`.
    }

    /// Seconds since some fixed moment, for timing (`MPI_Wtime`).
    public static func time() -> Double { MPI_Wtime() }
}
