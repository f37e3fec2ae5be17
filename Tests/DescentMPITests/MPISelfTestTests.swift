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
    }

    @Test func aHangIsKilledAtTheLimit() throws {
        // The guard the other tests rely on: a job that never ends is stopped and reported.
        let run = try run("/bin/sleep", ["100"], limit: 1)
        #expect(run.timedOut && run.seconds < 4, "took \(run.seconds) s")
    }

    @Test func aStuckRankIsStoppedAtTheLimitWithTheWholeJob() throws {
        // MPI cannot tell a stuck rank from a slow one; the time limit can, and must end every rank.
        let run = try mpirun(ranks: 2, ["--hang-on-rank", "1"], limit: 5)
        #expect(run.timedOut && run.seconds < 15, "took \(run.seconds) s")
        // The ranks are mpirun's children, not ours: wait for them to be gone, not for a fixed time.
        #expect(waitUntil(limit: 30) { processes(running: selfTestExecutable, with: "--hang-on-rank").isEmpty })
    }

    @Test func withoutMPIRunItIsOneRank() throws {
        // Open MPI's singleton start: the same binary works as rank 0 of 1 when not under mpirun.
        let run = try run(selfTestExecutable, [])
        #expect(!run.timedOut)
        #expect(run.status == 0, "\(run.output)\n\(run.errors)")
        #expect(run.output.contains("ok  ranks: 1 rank, local ranks 0\n"), "\(run.output)")
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
