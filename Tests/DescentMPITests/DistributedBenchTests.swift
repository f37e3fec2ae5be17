import Foundation
import Testing

/// `descent bench --distributed` under `mpirun`: one table from rank 0 with every rank's times and
/// the aggregate, after a check of the step against one process's.
@Suite(.serialized) struct DistributedBenchTests {
    @Test func twoRanksReportEveryRankAndTheAggregate() throws {
        let job = try mpirunDescent(ranks: 2, ["bench", "--distributed", "--rows", "3000", "--features", "8", "--batch-sizes", "64,600", "--steps", "3"],
                                    limit: 600)
        #expect(!job.timedOut && job.status == 0, "\(job.errors)")
        let lines = job.output.split(separator: "\n").map(String.init)
        for (batch, rows) in [(64, 32), (600, 300)] {
            for rank in 0..<2 {
                let words = lines.map { $0.split(separator: " ").map(String.init) }.filter { $0.count == 9 && $0[0] == "\(batch)" && $0[1] == "\(rank)" }
                #expect(words.count == 1 && words.first?[2] == "\(rows)", "batch \(batch) rank \(rank): \(job.output)")
            }
            #expect(lines.contains { $0.hasPrefix("batch \(batch), 2 ranks: aggregate ") && $0.contains("% of the step") }, "\(job.output)")
        }
        #expect(lines.filter { $0.hasPrefix("batch  rank") }.count == 1, "one voice: \(job.output)")
        #expect(job.errors.components(separatedBy: "Distributed bench:").count == 2, "one voice: \(job.errors)")
    }

    @Test func outputsOfTheSingleProcessBenchAreRefused() throws {
        let job = try run(descentExecutable, ["bench", "--distributed", "--json", "/tmp/x.json"])
        #expect(job.status != 0 && job.errors.contains("--json does not apply to --distributed"), "\(job.errors)")
    }
}
