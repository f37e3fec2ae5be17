import ArgumentParser
import Descent
import Foundation
#if canImport(DescentMPI)
import DescentMPI
#endif

/// How a run is spread over processes: `mpi` (data parallelism over the ranks of an MPI job).
enum DistributedMode: String, CaseIterable, ExpressibleByArgument {
    case mpi
}

/// `--distributed mpi`, also chosen without the flag when an MPI launcher started the process.
struct DistributedOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Train data-parallel over the ranks of an MPI job (default under mpirun: mpi). One process alone is one rank.", valueName: "mpi"))
    var distributed: DistributedMode?

    /// Variables MPI launchers set in every rank's environment: Open MPI's `mpirun`, MPICH's Hydra, PMIx.
    static let launcherVariables = ["OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"]

    /// Whether this process is a rank of an MPI job: asked for, or started by an MPI launcher.
    var isRequested: Bool {
        distributed == .mpi || Self.launcherVariables.contains { ProcessInfo.processInfo.environment[$0] != nil }
    }

    /// Runs `body` as one rank of the job when distributed (setting ``Distributed/current``), else
    /// as a plain process. Every rank ends in one agreement: a failure anywhere, before or after
    /// the training loop's own agreements, ends every rank with a non-zero status, and rank 0
    /// alone prints the message, naming the rank that failed.
    func run(_ body: () throws -> Void) throws {
        guard isRequested else { return try body() }
        #if canImport(DescentMPI)
        let communicator: MPICommunicator
        do { communicator = try MPICommunicator() } catch { throw InputError("cannot start MPI: \(error)") }
        Distributed.current = DistributedContext(communicator: communicator, localRank: communicator.localRank)
        var status: Int32 = 0
        var failure: String?
        var agreedAlready = false
        do {
            try body()
        } catch let error as DistributedError {
            (failure, status, agreedAlready) = (error.description, 1, true)
        } catch let error as MPIError {
            FileHandle.standardError.write(Data("Error: rank \(communicator.rank): \(error)\n".utf8))
            communicator.abort()  // a collective failed: the ranks can no longer agree
        } catch let exit as ExitCode {
            status = exit.rawValue  // an interruption: every rank stopped after the same step, rank 0 words it
        } catch {
            (failure, status) = (Train.message(for: error), 1)
        }
        if !agreedAlready {
            do { try communicator.agreeOnFailure(failure) } catch let error as DistributedError {
                (failure, status) = (error.description, max(status, 1))
            } catch {
                FileHandle.standardError.write(Data("Error: rank \(communicator.rank): \(error)\n".utf8))
                communicator.abort()
            }
        }
        if let failure, status != 0 { note("Error: \(failure)") }  // rank 0 only: note is silent elsewhere
        do { try communicator.finalize() } catch { communicator.abort() }
        if status != 0 { throw ExitCode(status) }
        #else
        throw InputError("this descent was built without Open MPI: --distributed mpi and mpirun need it (README: \"Train on several machines\")")
        #endif
    }
}

/// The rank this process is in an MPI job, and its place on its machine.
struct DistributedContext {
    var communicator: any Communicator
    /// The rank's place among the ranks on its machine: it picks the device.
    var localRank: Int
}

/// The job this process belongs to, set once before training; nil for a plain run.
enum Distributed {
    nonisolated(unsafe) static var current: DistributedContext?

    /// Whether this process prints and writes files: rank 0, or a plain run.
    static var speaks: Bool { (current?.communicator.rank ?? 0) == 0 }
}
