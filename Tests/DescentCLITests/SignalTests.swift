import Descent
import Foundation
import Testing

/// SIGTERM and SIGHUP stop a run as Ctrl-C does: after the step in hand, with a checkpoint, no
/// temporary file left, the user's files untouched, and the shell's status for the signal.
@Suite struct SignalTests {
    @Test(arguments: [(SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")])
    func aSignalStopsAfterTheStepWithACheckpoint(signal: Int32, name: String) throws {
        let directory = try temporaryDirectory()
        try "precious\n".write(toFile: directory + "/loss.csv", atomically: true, encoding: .utf8)
        let run = try RunningDescent(["train", "--backend", "cpu", "--epochs", "10000000", "--slice-seconds", "0", "--quiet",
                                      "--checkpoint", "c.json", "--checkpoint-every", "50", "--loss-csv", "loss.csv"], in: directory)
        run.wait { FileManager.default.fileExists(atPath: directory + "/c.json") }
        run.send(signal)
        let result = run.finish()
        #expect(!result.signalled && result.status == 128 + signal, "\(result.errors)")
        #expect(result.errors.contains("Interrupted after") && result.errors.contains("(\(name)); progress saved to c.json"), "\(result.errors)")
        let checkpoint = try #require(try ModelFile.read(from: directory + "/c.json").checkpoint)
        #expect(checkpoint.completedEpochs >= 50)
        #expect(try String(contentsOfFile: directory + "/loss.csv", encoding: .utf8) == "precious\n")
        #expect(try temporaryFiles(in: directory).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory + "/housing.model.json"))
    }

    /// A second signal, sent before the run has stopped for the first, ends it at once: status 143,
    /// and the half-written CSV removed. Tried until the second signal lands first, at most 10 times.
    /// (Epochs of 100,000 steps, so that a slice runs its full 0.1 s: a slice never spans epochs.)
    @Test func aSecondSignalQuitsAtOnceWithoutAStrayFile() throws {
        let rows = "a,y\n" + (0..<125_000).map { "\($0 % 7),\($0 % 5)\n" }.joined()
        for _ in 0..<10 {
            let directory = try temporaryDirectory()
            try rows.write(toFile: directory + "/rows.csv", atomically: true, encoding: .utf8)
            let run = try RunningDescent(["train", "--backend", "cpu", "--data", "rows.csv", "--batch-size", "1", "--epochs", "1000",
                                          "--quiet", "--loss-csv", "loss.csv"], in: directory)
            run.wait { run.errors.contains("Backend:") }
            Thread.sleep(forTimeInterval: 0.5)  // slices have grown to about 0.1 s
            #expect(try temporaryFiles(in: directory).contains { $0.hasPrefix(".loss.csv.") })
            run.send(SIGTERM)
            usleep(20_000)  // the first must arrive on its own (two pending signals merge); a slice lasts about 0.1 s
            run.send(SIGTERM)
            let result = run.finish()
            #expect(!result.signalled && result.status == 143, "\(result.errors)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["rows.csv"])
            if !result.errors.contains("Interrupted after") { return }  // the second signal ended it
        }
        Issue.record("10 runs all stopped for the first signal before the second came")
    }

    /// A run that ends well moves its streamed CSV into place: one row per batch, nothing left over.
    @Test func theStreamedCSVReplacesTheFileOnlyAtTheEnd() throws {
        let directory = try temporaryDirectory()
        try "precious\n".write(toFile: directory + "/loss.csv", atomically: true, encoding: .utf8)
        let result = try descent(["train", "--backend", "cpu", "--epochs", "3", "--quiet", "--loss-csv", "loss.csv"], in: directory)
        #expect(result.status == 0, "\(result.errors)")
        let rows = try String(contentsOfFile: directory + "/loss.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 1 + 15 && rows[1].hasPrefix("0,0,0,") && rows.last?.hasPrefix("14,2,4,") == true)
        #expect(try temporaryFiles(in: directory).isEmpty)
    }
}
