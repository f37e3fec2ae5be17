import Foundation
import Testing

/// `descent-mpi-selftest` under `mpirun`: the collectives pass their checks on 2 and 3 ranks, and a
/// failure on one rank ends every rank promptly, in each of the three ways a rank can fail.
@Suite(.serialized) struct MPISelfTestTests {
    static let checks = ["ranks", "rank-ordered sum", "rank-ordered sum of mismatched lengths", "broadcast",
                         "MPI errors are returned, not fatal", "failure agreement"]

    @Test(arguments: [2, 3])
    func everyCheckPasses(ranks: Int) throws {
        let run = try mpirun(ranks: ranks, [])
        #expect(!run.timedOut)
        #expect(run.status == 0, "\(run.output)\n\(run.errors)")
        for check in Self.checks { #expect(run.output.contains("ok  \(check):"), "\(run.output)") }
        #expect(run.output.contains("ok  ranks: \(ranks) ranks, local ranks "))
        #expect(run.output.contains("countMismatch") == false)
    }

    @Test func threeRanksUseValuesWhoseSumDependsOnTheOrder() throws {
        let run = try mpirun(ranks: 3, [])
        let line = run.output.split(separator: "\n").first { $0.hasPrefix("ok  rank-ordered sum:") } ?? ""
        #expect(line.contains("bit-identical to the serial sum"), "\(run.output)")
        #expect(!line.contains("reverse order differs in 0,"), "\(line)")
    }

    @Test(arguments: [(2, 1), (3, 0), (3, 2)])
    func aFailureOnOneRankStopsEveryRankNamingIt(ranks: Int, failing: Int) throws {
        let run = try mpirun(ranks: ranks, ["--fail-on-rank", String(failing)])
        #expect(!run.timedOut && run.seconds < 30, "took \(run.seconds) s")
        #expect(run.status != 0)
        for rank in 0..<ranks {
            let line = "rank \(rank) of \(ranks): rank \(failing) failed: injected failure (--fail-on-rank \(failing))"
            #expect(run.errors.contains(line), "\(run.errors)")
        }
    }

    @Test func anMPIErrorOnOneRankAbortsTheJob() throws {
        let run = try mpirun(ranks: 3, ["--mpi-error-on-rank", "1"])
        #expect(!run.timedOut && run.seconds < 30, "took \(run.seconds) s")
        #expect(run.status != 0)
        #expect(run.errors.contains("rank 1 of 3: MPI_Bcast failed: MPI_ERR_ROOT"), "\(run.errors)")
        #expect(run.errors.contains("aborting the job"))
    }

    @Test func aRankThatExitsWithoutAWordEndsTheJob() throws {
        let run = try mpirun(ranks: 3, ["--exit-on-rank", "2"])
        #expect(!run.timedOut && run.seconds < 30, "took \(run.seconds) s")
        #expect(run.status != 0)
    }
}
