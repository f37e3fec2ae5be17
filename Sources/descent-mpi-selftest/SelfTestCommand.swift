import ArgumentParser
import Descent
import DescentMPI
import Foundation

/// `mpirun -np N descent-mpi-selftest`: checks Descent's MPI collectives on every rank and prints
/// `ok` lines on rank 0; `--bench` times the rank-ordered sum instead. The failure options make
/// one rank fail in one of the four ways a training run can, so tests can see every rank stop.
@main
struct SelfTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "descent-mpi-selftest",
        abstract: "Check (or time) Descent's MPI collectives; run under mpirun."
    )

    @Flag(help: "Time the rank-ordered sum for 1 to 1M values instead of checking.")
    var bench = false

    @Option(help: ArgumentHelp("Rank that reports a failure after the checks (every rank must stop naming it).",
                               valueName: "rank"))
    var failOnRank: Int?

    @Option(help: ArgumentHelp("Rank whose own MPI call fails after the checks (the job is aborted).", valueName: "rank"))
    var mpiErrorOnRank: Int?

    @Option(help: ArgumentHelp("Rank that exits without a word after the checks (the runtime ends the job).",
                               valueName: "rank"))
    var exitOnRank: Int?

    @Option(help: ArgumentHelp("Rank that stops answering after the checks (only a time limit ends the job).",
                               valueName: "rank"))
    var hangOnRank: Int?

    func run() throws {
        let communicator: MPICommunicator
        do { communicator = try MPICommunicator() } catch {
            printError("descent-mpi-selftest: \(error)")
            throw ExitCode.failure
        }
        let name = "descent-mpi-selftest: rank \(communicator.rank) of \(communicator.size)"
        do {
            if bench {
                try CollectiveBench(communicator: communicator).run()
            } else {
                try SelfTestChecks(communicator: communicator).run()
                try injectFailures(communicator)
            }
            try communicator.finalize()
        } catch let error as DistributedError {
            // Every rank got the same error from a collective, so every rank can finish cleanly.
            printError("\(name): \(error)")
            try? communicator.finalize()
            throw ExitCode.failure
        } catch {
            // An MPI call failed here: the other ranks may wait in a collective this rank never
            // joins, so only the runtime can end them.
            printError("\(name): \(error); aborting the job")
            communicator.abort(code: 2)
        }
    }

    /// The failure this run was asked to show, after the checks passed.
    func injectFailures(_ communicator: MPICommunicator) throws {
        if communicator.rank == exitOnRank {
            printError("descent-mpi-selftest: rank \(communicator.rank) exits without finalizing (--exit-on-rank)")
            Foundation.exit(3)
        }
        if communicator.rank == hangOnRank {
            printError("descent-mpi-selftest: rank \(communicator.rank) stops answering (--hang-on-rank)")
            while true { sleep(1) }
        }
        if communicator.rank == mpiErrorOnRank {
            try SelfTestChecks.bcastWithInvalidRoot(size: communicator.size)
        }
        let failure = communicator.rank == failOnRank ? "injected failure (--fail-on-rank \(communicator.rank))" : nil
        try communicator.agreeOnFailure(failure)
        try communicator.barrier()
    }
}

/// Writes `message` and a newline to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
