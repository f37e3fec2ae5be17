import Foundation
import Testing

/// `descent train` under `mpirun` (issue 13): the same log and the same parameters, bit for bit on
/// the CPU, for 1, 2 and 3 ranks; a rank that cannot read its data ends the whole job promptly,
/// named; Ctrl-C (SIGINT to mpirun) leaves a checkpoint that another rank count resumes exactly.
@Suite(.serialized) struct DistributedTrainingTests {
    /// Trains the bundled data on the CPU in one process (`--distributed mpi` without mpirun: one rank).
    static let common = ["train", "--backend", "cpu", "--seed", "3", "--epochs", "12", "--batch-size", "37"]
    /// How long a run that should end may take before it counts as hung: generous, since it is only
    /// reached by a hang (tests of promptness check the time they took themselves).
    static let hangLimit = 600.0

    @Test(arguments: [2, 3])
    func ranksGiveTheSingleRankRunsBits(ranks: Int) throws {
        let directory = try temporaryDirectory()
        let one = try run(descentExecutable, Self.common + ["--distributed", "mpi", "--model-out", "\(directory)/one.json"])
        #expect(one.status == 0, "\(one.errors)")
        let many = try mpirunDescent(ranks: ranks, Self.common + ["--model-out", "\(directory)/many.json"])
        #expect(!many.timedOut && many.status == 0, "\(many.errors)")
        #expect(many.output == one.output && one.output.split(separator: "\n").count == 12 * 11)
        let expected = try parameters("\(directory)/one.json"), got = try parameters("\(directory)/many.json")
        #expect(!expected.isEmpty && got == expected)
        #expect(!many.errors.contains("Backend:") || many.errors.components(separatedBy: "Backend:").count == 2, "one voice: \(many.errors)")
    }

    @Test(arguments: [2, 3])
    func ranksPrintThePlainRunsLogLinesAndWriteItsParameters(ranks: Int) throws {
        // The done-when: the 250 lines of `descent train --backend cpu --seed 3` (no
        // --distributed: the plain path, Trainer on the CPU backend's fused step), and its model's
        // parameters bit for bit.
        let directory = try temporaryDirectory()
        let plain = try run(descentExecutable, ["train", "--backend", "cpu", "--seed", "3", "--model-out", "\(directory)/plain.json"])
        let many = try mpirunDescent(ranks: ranks, ["train", "--backend", "cpu", "--seed", "3", "--model-out", "\(directory)/many.json"])
        #expect(plain.status == 0 && many.status == 0, "\(many.errors)")
        #expect(many.output == plain.output && plain.output.split(separator: "\n").count == 250)
        let a = try parameters("\(directory)/plain.json"), b = try parameters("\(directory)/many.json")
        #expect(a.count == 14 && a == b, "differences: \(zip(a, b).map { $0 - $1 })")
    }

    @Test func aRankWithoutItsDataFileStopsTheJobNamingIt() throws {
        let directory = try temporaryDirectory()
        let good = "\(directory)/good.csv"
        try ("a,b,y\n" + (0..<40).map { "\($0),\($0 % 7),\(2 * $0 + 1)" }.joined(separator: "\n") + "\n").write(toFile: good, atomically: true, encoding: .utf8)
        let args = ["train", "--backend", "cpu", "--epochs", "3", "--model-out", "\(directory)/m.json"]
        // MPMD: rank 0 gets the file, rank 1 a path that does not exist.
        let job = try runMPI(["-np", "1", descentExecutable] + args + ["--data", good, ":", "-np", "1", descentExecutable] + args
            + ["--data", "\(directory)/missing.csv"], limit: 60)
        #expect(!job.timedOut && job.seconds < 30, "took \(job.seconds) s")
        #expect(job.status != 0)
        #expect(job.errors.contains("Error: rank 1 failed:") && job.errors.contains("missing.csv"), "\(job.errors)")
        #expect(job.errors.components(separatedBy: "rank 1 failed").count == 2, "one message: \(job.errors)")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/m.json"))
    }

    @Test func aDivergenceOnEveryRankIsOneMessageNamingEveryRank() throws {
        // Every rank fails, not only rank 0: no rank leaves silently, and rank 0's one message says so.
        let directory = try temporaryDirectory()
        let job = try mpirunDescent(ranks: 3, ["train", "--backend", "cpu", "--learning-rate", "100", "--model-out", "\(directory)/m.json"])
        #expect(!job.timedOut && job.status != 0, "\(job.errors)")
        #expect(job.errors.contains("Error: rank 0 failed: diverged at epoch 0, iteration"), "\(job.errors)")
        #expect(job.errors.contains("(ranks 1, 2 failed too)") && job.errors.components(separatedBy: "Error:").count == 2, "\(job.errors)")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/m.json"))
    }

    @Test func onlyRankZeroNeedsWhereItWrites() throws {
        // Rank 1 writes nothing, so an output directory that exists only on rank 0's machine is fine.
        let directory = try temporaryDirectory()
        let args = ["train", "--backend", "cpu", "--epochs", "2", "--quiet"]
        let job = try runMPI(["-np", "1", descentExecutable] + args + ["--model-out", "\(directory)/m.json", ":", "-np", "1", descentExecutable]
            + args + ["--model-out", "\(directory)/absent/m.json"])
        #expect(!job.timedOut && job.status == 0, "\(job.errors)")
        #expect(FileManager.default.fileExists(atPath: "\(directory)/m.json"))
    }

    @Test func ranksWithDifferentSettingsStopTogether() throws {
        let directory = try temporaryDirectory()
        let args = ["train", "--backend", "cpu", "--epochs", "3", "--model-out", "\(directory)/m.json"]
        let job = try runMPI(["-np", "1", descentExecutable] + args + ["--seed", "1", ":", "-np", "1", descentExecutable] + args + ["--seed", "2"])
        #expect(!job.timedOut && job.status != 0)
        #expect(job.errors.contains("Error: rank 1 failed: its training rows, settings"), "\(job.errors)")
    }

    @Test func anInterruptedJobResumesOnAnotherRankCountToTheSameBits() throws {
        let directory = try temporaryDirectory()
        // 1000 epochs: the ranks are frozen once the first checkpoint appears, and with 300 a quiet
        // machine finished the remaining 290 before the process list named them (seen once).
        let args = ["train", "--backend", "cpu", "--seed", "5", "--epochs", "1000", "--batch-size", "20"]
        let whole = try run(descentExecutable, args + ["--distributed", "mpi", "--quiet", "--model-out", "\(directory)/whole.json"], limit: 120)
        #expect(whole.status == 0, "\(whole.errors)")
        // Interrupted once the first checkpoint (epoch 10 of 1000) is written.
        let stopped = try mpirunDescent(ranks: 2, args + ["--quiet", "--checkpoint", "\(directory)/c.json", "--model-out", "\(directory)/x.json"],
                                        limit: 120, interruptWhenExists: "\(directory)/c.json")
        #expect(!stopped.timedOut && stopped.status != 0, "\(stopped.errors)")
        #expect(stopped.errors.contains("Interrupted after") && stopped.errors.contains("progress saved to"), "\(stopped.errors)")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/x.json"))
        let resumed = try mpirunDescent(ranks: 3, ["train", "--resume", "\(directory)/c.json", "--quiet", "--model-out", "\(directory)/r.json"], limit: 300)
        #expect(resumed.status == 0, "\(resumed.errors)")
        #expect(try parameters("\(directory)/r.json") == parameters("\(directory)/whole.json"))
    }

    @Test func openCLRanksAgreeWithinTheFloat32Bound() throws {
        let directory = try temporaryDirectory()
        let args = ["train", "--backend", "opencl", "--seed", "3", "--epochs", "2", "--batch-size", "101"]
        // Each run is waited for to its end: the limit only stops a hang. A cold kernel cache, or a
        // suite that runs beside this one on two cores, can make a correct run take minutes, and a
        // limit near the expected time (the old 120 s) failed such a run as if it had hung.
        let one = try run(descentExecutable, args + ["--distributed", "mpi", "--model-out", "\(directory)/one.json"], limit: Self.hangLimit)
        try #require(!one.timedOut, "the single-rank run did not end within \(Self.hangLimit) s: \(one.errors)")
        guard one.status == 0 else {
            try #require(one.errors.contains("no OpenCL device"), "\(one.errors)")
            return  // no device here: nothing to compare
        }
        let two = try mpirunDescent(ranks: 2, args + ["--model-out", "\(directory)/two.json"], limit: Self.hangLimit)
        #expect(!two.timedOut && two.status == 0, "\(two.errors)")
        let a = try parameters("\(directory)/one.json"), b = try parameters("\(directory)/two.json")
        #expect(a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($0)) }, "\(a)\n\(b)")
    }
}

/// The `descent` executable SwiftPM built beside this test bundle.
let descentExecutable = URL(fileURLWithPath: selfTestExecutable).deletingLastPathComponent().appendingPathComponent("descent").path

/// `mpirun -np <ranks> descent <arguments>`, optionally sending mpirun SIGINT (Ctrl-C) once a file appears.
func mpirunDescent(ranks: Int, _ arguments: [String], limit: Double = 120, interruptWhenExists: String? = nil) throws -> MPIRunResult {
    try runMPI(["-np", String(ranks), descentExecutable] + arguments, limit: limit, interruptWhenExists: interruptWhenExists)
}

/// `mpirun` with `arguments` (an MPMD line too), oversubscribed and unbound, as the self-test runs it.
/// With `interruptWhenExists`, Ctrl-C (SIGINT to mpirun) as soon as that file appears (the ranks
/// are named by it among their arguments): mid-run on any machine, however fast or loaded.
func runMPI(_ arguments: [String], limit: Double = 120, interruptWhenExists: String? = nil) throws -> MPIRunResult {
    guard let mpirunPath else { throw MPIRunError.noMPIRun }
    let full = ["--oversubscribe", "--bind-to", "none"] + arguments
    guard let interruptWhenExists else { return try run(mpirunPath, full, limit: limit) }
    nonisolated(unsafe) var stopped = false
    DispatchQueue.global().async {
        let deadline = Date().addingTimeInterval(limit)
        while !FileManager.default.fileExists(atPath: interruptWhenExists), Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        // Freeze the ranks first: on a quiet machine they would finish the run before mpirun's
        // forwarded signal arrived. Stopped, they take the signal where they stand once continued.
        let launchers = processes(running: mpirunPath, with: descentExecutable)
        let ranks = processes(running: descentExecutable, with: interruptWhenExists).filter { !launchers.contains($0) }
        for id in ranks { kill(id, SIGSTOP) }
        for id in launchers { kill(id, SIGINT) }
        Thread.sleep(forTimeInterval: 0.5)
        for id in ranks { kill(id, SIGCONT) }
        stopped = true
    }
    let result = try run(mpirunPath, full, limit: limit)
    _ = stopped
    return result
}

/// The flat parameters a model file holds, as written (text identity is bit identity: the writer prints round-trip digits).
func parameters(_ path: String) throws -> [Double] {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
    return (object?["parameters"] as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue } ?? []
}

func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("descent-mpi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}
