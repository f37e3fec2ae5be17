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
