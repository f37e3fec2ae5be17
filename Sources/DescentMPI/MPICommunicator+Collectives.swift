import CMPI
import Descent

extension MPICommunicator {
    /// Gathers every rank's vector to every rank (`MPI_Allgather`) and adds them in rank order
    /// (`RankOrderedSum`). Not `MPI_Allreduce`: its summation order is the library's choice (it
    /// depends on the rank count, the message size and tuning parameters, and may change with the
    /// library's version), so the last bits could differ from the serial sum and between runs; an
    /// allgather only copies, so the arithmetic is ours and fixed. The price is bandwidth: each rank
    /// receives (size − 1)·n values instead of about 2n, which is cheap for the few ranks and the
    /// small parameter vectors Descent trains (see BENCHMARKS.md, "MPI collectives on one machine").
    public func sumInRankOrder(_ values: [Double]) throws -> [Double] {
        let count = try agreedCount(values.count)
        guard count > 0 else { return [] }
        let gathered = try [Double](unsafeUninitializedCapacity: count * size) { buffer, initialized in
            try values.withUnsafeBufferPointer { send in
                try mpiCheck(MPI_Allgather(send.baseAddress, Int32(count), descent_mpi_double(),
                                           buffer.baseAddress, Int32(count), descent_mpi_double(), comm),
                             "MPI_Allgather")
            }
            initialized = count * size
        }
        return gathered.withUnsafeBufferPointer { RankOrderedSum.of(gathered: $0, count: count) }
    }

    /// The sum by the library's own reduction (`MPI_Allreduce` with `MPI_SUM`), whose order is not
    /// fixed: for comparison in benchmarks and self-tests only, never for training.
    public func sumByLibrary(_ values: [Double]) throws -> [Double] {
        let count = try mpiCount(values.count)
        var result = [Double](repeating: 0, count: values.count)
        try values.withUnsafeBufferPointer { send in
            try result.withUnsafeMutableBufferPointer { receive in
                try mpiCheck(MPI_Allreduce(send.baseAddress, receive.baseAddress, count, descent_mpi_double(),
                                           descent_mpi_sum(), comm), "MPI_Allreduce")
            }
        }
        return result
    }

    public func broadcast(_ values: [Double], from root: Int) throws -> [Double] {
        try broadcastElements(values, from: root, type: descent_mpi_double())
    }

    public func broadcast(bytes: [UInt8], from root: Int) throws -> [UInt8] {
        try broadcastElements(bytes, from: root, type: descent_mpi_byte())
    }

    /// One `MPI_Allgather` of a failed flag per rank, then, when some rank failed, a broadcast of
    /// the lowest failing rank's message, so every rank throws the same `rankFailed`.
    public func agreeOnFailure(_ failure: String?) throws {
        let flags = try allgather(Int64(failure == nil ? 0 : 1))
        let failedRanks = flags.indices.filter { flags[$0] != 0 }
        guard let first = failedRanks.first else { return }
        let message = try broadcast(bytes: Array((failure ?? "").utf8), from: first)
        throw DistributedError.rankFailed(rank: first, message: String(decoding: message, as: UTF8.self),
                                          failedRanks: failedRanks)
    }

    public func barrier() throws {
        try mpiCheck(MPI_Barrier(comm), "MPI_Barrier")
    }

    // MARK: - Helpers

    /// `count` when every rank passed the same one (one `MPI_Allreduce` of (count, −count) with
    /// `MPI_MAX`, which gives the largest and the negated smallest at once).
    func agreedCount(_ count: Int) throws -> Int {
        _ = try mpiCount(count)
        var local: [Int64] = [Int64(count), -Int64(count)]
        var extremes: [Int64] = [0, 0]
        try mpiCheck(MPI_Allreduce(&local, &extremes, 2, descent_mpi_int64(), descent_mpi_max(), comm), "MPI_Allreduce")
        let largest = Int(extremes[0]), smallest = Int(-extremes[1])
        guard smallest == largest else { throw DistributedError.countMismatch(smallest: smallest, largest: largest) }
        return count
    }

    /// Every rank's `value`, in rank order.
    func allgather(_ value: Int64) throws -> [Int64] {
        var value = value
        var all = [Int64](repeating: 0, count: size)
        try mpiCheck(MPI_Allgather(&value, 1, descent_mpi_int64(), &all, 1, descent_mpi_int64(), comm), "MPI_Allgather")
        return all
    }

    /// `root`'s elements to every rank: their count first, so the others can make room.
    func broadcastElements<Element: BitwiseCopyable>(_ elements: [Element], from root: Int,
                                                     type: MPI_Datatype) throws -> [Element] {
        try checkRoot(root)
        var count = Int64(rank == root ? elements.count : 0)
        try mpiCheck(MPI_Bcast(&count, 1, descent_mpi_int64(), Int32(root), comm), "MPI_Bcast")
        let narrow = try mpiCount(Int(count))
        var result = rank == root ? elements : [Element](unsafeUninitializedCapacity: Int(count)) { _, n in n = Int(count) }
        guard narrow > 0 else { return result }
        try result.withUnsafeMutableBytes { buffer in
            try mpiCheck(MPI_Bcast(buffer.baseAddress, narrow, type, Int32(root), comm), "MPI_Bcast")
        }
        return result
    }
}
