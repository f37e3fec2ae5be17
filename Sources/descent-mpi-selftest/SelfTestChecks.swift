import CMPI
import Descent
import DescentMPI

/// The checks of `descent-mpi-selftest`. Each one finds this rank's failure (or none); then every
/// rank agrees on whether some rank failed, so a failed check stops the whole job with one message.
struct SelfTestChecks {
    let communicator: MPICommunicator
    var rank: Int { communicator.rank }
    var size: Int { communicator.size }

    func run() throws {
        try check("ranks", ranks)
        try check("rank-ordered sum", rankOrderedSum)
        try check("rank-ordered sum of mismatched lengths", mismatchedLengths)
        try check("broadcast", broadcast)
        try check("MPI errors are returned, not fatal", errorsAreReturned)
        try check("failure agreement", failureAgreement)
    }

    /// Runs `body` on this rank, agrees with the others, and prints `ok <name>: <detail>` on rank 0.
    func check(_ name: String, _ body: () throws -> Outcome) throws {
        let outcome: Outcome
        do { outcome = try body() } catch let error as DistributedError { outcome = .failed("\(error)") }
        let failure: String? = if case let .failed(message) = outcome { "\(name): \(message)" } else { nil }
        try communicator.agreeOnFailure(failure)
        if rank == 0, case let .passed(detail) = outcome { print("ok  \(name): \(detail)") }
    }

    enum Outcome { case passed(String), failed(String) }

    // MARK: - The checks

    /// Every rank sees the same size, and the local rank matches Open MPI's own where it says one.
    func ranks() throws -> Outcome {
        let sizes = try communicator.sumInRankOrder([Double(size)])
        guard sizes == [Double(size * size)] else { return .failed("the ranks disagree on the size") }
        if let told = OMPIEnvironment.localRank, told != communicator.localRank {
            return .failed("local rank \(communicator.localRank), Open MPI says \(told)")
        }
        var locals = [Double](repeating: 0, count: size)
        locals[rank] = Double(communicator.localRank)
        let table = try communicator.sumInRankOrder(locals).map { String(Int($0)) }.joined(separator: " ")
        return .passed("\(size) rank\(size == 1 ? "" : "s"), local ranks \(table)")
    }

    /// The sum equals the serial rank-order sum bit for bit on values whose sum depends on the order.
    func rankOrderedSum() throws -> Outcome {
        let count = 4099
        let sum = try communicator.sumInRankOrder(OrderSensitiveValues.of(rank: rank, count: count))
        let all = (0..<size).map { OrderSensitiveValues.of(rank: $0, count: count) }
        let serial = RankOrderedSum.of(all)
        guard sum.map(\.bitPattern) == serial.map(\.bitPattern) else {
            let first = sum.indices.first { sum[$0].bitPattern != serial[$0].bitPattern }!
            return .failed("element \(first) is \(sum[first]), the serial sum is \(serial[first])")
        }
        let reversed = RankOrderedSum.of(all.reversed())
        let orderMatters = zip(reversed, serial).filter { $0.bitPattern != $1.bitPattern }.count
        if size >= 3, orderMatters == 0 { return .failed("the test values do not depend on the order (check is vacuous)") }
        let library = try communicator.sumByLibrary(all[rank])
        let libraryDiffers = zip(library, serial).filter { $0.bitPattern != $1.bitPattern }.count
        guard try communicator.sumInRankOrder([]) == [] else { return .failed("an empty sum is not empty") }
        return .passed("\(count) values bit-identical to the serial sum; reverse order differs in \(orderMatters), "
            + "MPI_Allreduce in \(libraryDiffers)")
    }

    /// Different lengths on different ranks throw `countMismatch` on every rank (no hang).
    func mismatchedLengths() throws -> Outcome {
        guard size > 1 else { return .passed("skipped (one rank)") }
        do {
            _ = try communicator.sumInRankOrder([Double](repeating: 1, count: rank + 1))
            return .failed("no error")
        } catch let error as DistributedError {
            guard error == .countMismatch(smallest: 1, largest: size) else { return .failed("\(error)") }
            return .passed("\(error)")
        }
    }

    /// The last rank's bytes and doubles (with -0, a NaN payload, infinities) reach every rank exactly.
    func broadcast() throws -> Outcome {
        let root = size - 1
        let text = try communicator.broadcast(bytes: rank == root ? Array("hello from rank \(root)".utf8) : [1, 2], from: root)
        guard String(decoding: text, as: UTF8.self) == "hello from rank \(root)" else { return .failed("bytes differ") }
        let special: [Double] = [-0.0, Double(nan: 0x5A5A, signaling: false), .infinity, -.infinity,
                                 .leastNonzeroMagnitude, 1.0 / 3.0]
        let doubles = try communicator.broadcast(rank == root ? special : [], from: root)
        guard doubles.map(\.bitPattern) == special.map(\.bitPattern) else { return .failed("doubles differ") }
        guard try communicator.broadcast(bytes: [], from: 0) == [] else { return .failed("an empty broadcast is not empty") }
        do {
            _ = try communicator.broadcast(bytes: [], from: size)
            return .failed("a root outside the job was accepted")
        } catch DistributedError.invalidRoot(root: size, size: size) {}
        return .passed("\(text.count) bytes and \(special.count) doubles from rank \(root), bit for bit")
    }

    /// A failed MPI call throws an error naming the call and the library's words for it.
    func errorsAreReturned() throws -> Outcome {
        do {
            try Self.bcastWithInvalidRoot(size: size)
            return .failed("MPI_Bcast with an invalid root succeeded")
        } catch let MPIError.callFailed(call, _, message) where call == "MPI_Bcast" && message.contains("MPI_ERR_ROOT") {
            return .passed("MPI_Bcast to root \(size): \(message)")
        }
    }

    /// `MPI_Bcast` on the world communicator to a root outside the job, bypassing the root check.
    static func bcastWithInvalidRoot(size: Int) throws {
        var byte: UInt8 = 0
        try mpiCheck(MPI_Bcast(&byte, 1, descent_mpi_byte(), Int32(size), descent_mpi_comm_world()), "MPI_Bcast")
    }

    /// With every rank but 0 failing, every rank gets the same error naming rank 1 and its message.
    func failureAgreement() throws -> Outcome {
        try communicator.agreeOnFailure(nil)
        guard size > 1 else { return .passed("no failure passes") }
        do {
            try communicator.agreeOnFailure(rank == 0 ? nil : "rehearsal on rank \(rank)")
            return .failed("no error")
        } catch let error as DistributedError {
            let expected = DistributedError.rankFailed(rank: 1, message: "rehearsal on rank 1", failedRanks: Array(1..<size))
            guard error == expected else { return .failed("\(error)") }
            return .passed("no failure passes; \(error)")
        }
    }
}
