import Descent
import Foundation
import Testing

/// `--resume` continues the run the checkpoint holds: on its backend, on the same rows in the same
/// order, checkpointing as before; and the command printed on interruption resumes as printed.
@Suite struct ResumeTests {
    /// A CPU checkpoint resumed without --backend stays on the CPU (auto would take an OpenCL device,
    /// whose float32 copy changed the weights even with no epoch left to train).
    @Test func aResumedRunKeepsTheCheckpointsBackend() throws {
        let directory = try temporaryDirectory()
        let first = try descent(["train", "--backend", "cpu", "--epochs", "3", "--quiet", "--checkpoint", "c.json"], in: directory)
        #expect(first.status == 0, "\(first.errors)")
        let rest = try descent(["train", "--resume", "c.json", "--quiet", "--model-out", "resumed.json"], in: directory)
        #expect(rest.status == 0 && rest.errors.contains("Backend: cpu"), "\(rest.errors)")
        let checkpoint = try ModelFile.read(from: directory + "/c.json"), resumed = try ModelFile.read(from: directory + "/resumed.json")
        #expect(resumed.parameters == checkpoint.parameters)  // bit for bit: nothing was left to train
        #expect(resumed.training?.backend == "cpu")
    }

    /// Interrupted with --data and --target: the printed command, run as printed, finds the data and
    /// goes on from the checkpoint (and, without --checkpoint of its own, keeps checkpointing).
    @Test func thePrintedCommandResumesAsPrinted() throws {
        let directory = try temporaryDirectory()
        try integerCSV().write(toFile: directory + "/rows.csv", atomically: true, encoding: .utf8)
        let first = try RunningDescent(["train", "--backend", "cpu", "--data", "rows.csv", "--target", "y", "--batch-size", "4",
                                        "--epochs", "10000000", "--slice-seconds", "0", "--quiet", "--checkpoint", "c.json",
                                        "--checkpoint-every", "1"], in: directory)
        first.wait { FileManager.default.fileExists(atPath: directory + "/c.json") }
        first.send(SIGTERM)
        let stopped = first.finish()
        #expect(stopped.status == 143, "\(stopped.errors)")
        let printed = try #require(stopped.errors.split(separator: "\n").last { $0.contains("progress saved to c.json (") })
        let command = String(try #require(printed.split(separator: "(").last?.dropLast()))  // "descent train --resume ..."
        #expect(command.hasPrefix("descent train --resume c.json --data rows.csv --target y --backend cpu"), "\(command)")

        func progress() throws -> [Int] {
            let checkpoint = try #require(try ModelFile.read(from: directory + "/c.json").checkpoint)
            return [checkpoint.completedEpochs, checkpoint.completedSteps ?? 0]
        }
        let before = try progress()
        let resumed = try RunningDescent(shell: command, in: directory)
        let advanced = resumed.wait {
            guard let now = try? progress() else { return false }
            return before.lexicographicallyPrecedes(now)
        }
        resumed.send(SIGTERM)
        let result = resumed.finish()
        #expect(advanced && result.status == 143, "\(result.errors)")
        #expect(result.errors.contains("Resuming c.json after"))
    }

    /// The same rows in another order have the same count and statistics, but train another run.
    @Test func reorderedTrainingRowsAreRefused() throws {
        let directory = try temporaryDirectory()
        try integerCSV().write(toFile: directory + "/rows.csv", atomically: true, encoding: .utf8)
        let first = try descent(["train", "--backend", "cpu", "--data", "rows.csv", "--epochs", "2", "--quiet", "--checkpoint", "c.json"],
                                in: directory)
        #expect(first.status == 0, "\(first.errors)")
        try integerCSV(swappingRows: (1, 2)).write(toFile: directory + "/rows.csv", atomically: true, encoding: .utf8)
        let result = try descent(["train", "--data", "rows.csv", "--resume", "c.json", "--epochs", "4"], in: directory)
        #expect(result.status != 0 && result.errors.contains("the training rows differ from the checkpoint's"), "\(result.errors)")
        // The file as it was resumes.
        try integerCSV().write(toFile: directory + "/rows.csv", atomically: true, encoding: .utf8)
        let again = try descent(["train", "--data", "rows.csv", "--resume", "c.json", "--epochs", "4", "--quiet"], in: directory)
        #expect(again.status == 0, "\(again.errors)")
    }

    /// Resumed without --checkpoint, the run goes on saving to the checkpoint it resumed.
    @Test func aResumedRunKeepsCheckpointing() throws {
        let directory = try temporaryDirectory()
        _ = try descent(["train", "--backend", "cpu", "--epochs", "2", "--quiet", "--checkpoint", "c.json"], in: directory)
        let rest = try descent(["train", "--resume", "c.json", "--epochs", "4", "--quiet"], in: directory)
        #expect(rest.status == 0, "\(rest.errors)")
        #expect(try ModelFile.read(from: directory + "/c.json").checkpoint?.completedEpochs == 4)
    }

    /// A checkpoint written before the backend, interval and row fingerprint were recorded still resumes.
    @Test func anOlderCheckpointStillResumes() throws {
        let directory = try temporaryDirectory()
        _ = try descent(["train", "--backend", "cpu", "--epochs", "2", "--quiet", "--checkpoint", "c.json"], in: directory)
        var text = try String(contentsOfFile: directory + "/c.json", encoding: .utf8)
        text = text.split(separator: "\n").filter { !$0.contains("\"every\"") && !$0.contains("\"trainRowsHash\"") }.joined(separator: "\n")
        text = text.replacingOccurrences(of: "\"completedEpochs\" : 2,", with: "\"completedEpochs\" : 2")
        try text.write(toFile: directory + "/c.json", atomically: true, encoding: .utf8)
        let rest = try descent(["train", "--backend", "cpu", "--resume", "c.json", "--epochs", "3", "--quiet"], in: directory)
        #expect(rest.status == 0, "\(rest.errors)")
    }
}
