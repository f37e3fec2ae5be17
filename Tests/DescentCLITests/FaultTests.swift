import Descent
import Foundation
import Testing

/// Divergence, interruption, resumption and crashes while saving: a clear error, and nothing lost.
@Suite struct FaultTests {
    @Test func divergenceStopsAtOnceAndKeepsTheOldModel() throws {
        let directory = try temporaryDirectory()
        try "precious\n".write(toFile: directory + "/m.json", atomically: true, encoding: .utf8)
        let result = try descent(["train", "--backend", "cpu", "--learning-rate", "100", "--model-out", "m.json"], in: directory)
        #expect(result.status != 0)
        #expect(result.errors.contains("diverged at epoch 0, iteration"))
        #expect(result.errors.contains("try a smaller --learning-rate"))
        #expect(try String(contentsOfFile: directory + "/m.json", encoding: .utf8) == "precious\n")
    }

    @Test func resumingGivesTheSameRunAsNeverStopping() throws {
        let directory = try temporaryDirectory()
        let common = ["train", "--rng", "numpy", "--backend", "cpu"]
        let whole = try descent(common + ["--model-out", "whole.json"], in: directory)
        let first = try descent(common + ["--epochs", "20", "--checkpoint", "c.json", "--checkpoint-every", "7", "--model-out", "part.json"], in: directory)
        let rest = try descent(["train", "--backend", "cpu", "--resume", "c.json", "--epochs", "50", "--model-out", "resumed.json"], in: directory)
        #expect(whole.status == 0 && first.status == 0 && rest.status == 0, "\(rest.errors)")
        #expect(first.output + rest.output == whole.output)
        let a = try ModelFile.read(from: directory + "/whole.json"), b = try ModelFile.read(from: directory + "/resumed.json")
        #expect(a.parameters == b.parameters)  // bit for bit
    }

    @Test func divergenceInTheLastStepIsCaughtToo() throws {
        let directory = try temporaryDirectory()
        let result = try descent(["train", "--backend", "cpu", "--learning-rate", "1e30", "--batch-size", "1000", "--epochs", "1"], in: directory)
        #expect(result.status != 0 && result.errors.contains("diverged in the last step of epoch 0"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func aCheckpointWithImpossibleProgressIsRejected() throws {
        let directory = try temporaryDirectory()
        _ = try descent(["train", "--backend", "cpu", "--epochs", "2", "--checkpoint", "c.json", "--quiet"], in: directory)
        let text = try String(contentsOfFile: directory + "/c.json", encoding: .utf8)
            .replacingOccurrences(of: "\"completedEpochs\" : 2", with: "\"completedEpochs\" : -1")
        try text.write(toFile: directory + "/c.json", atomically: true, encoding: .utf8)
        let result = try descent(["train", "--backend", "cpu", "--resume", "c.json"], in: directory)
        #expect(result.status != 0 && result.errors.contains("checkpoint after -1 epochs"), "\(result.errors)")
    }

    @Test func aCheckpointWithImpossibleStepsIsRejected() throws {
        let directory = try temporaryDirectory()
        _ = try descent(["train", "--backend", "cpu", "--epochs", "2", "--checkpoint", "c.json", "--checkpoint-every", "1", "--quiet"], in: directory)
        var file = try ModelFile.read(from: directory + "/c.json")
        for (epochs, steps) in [(1, 5), (1, -1), (2, 1)] {  // an epoch has 5 steps; the run, 2 epochs
            file.checkpoint = ModelFile.Checkpoint(completedEpochs: epochs, completedSteps: steps)
            try JSONEncoder().encode(file).write(to: URL(fileURLWithPath: directory + "/c.json"))  // write() would refuse it
            let result = try descent(["train", "--backend", "cpu", "--resume", "c.json"], in: directory)
            #expect(result.status != 0 && result.errors.contains("checkpoint after step \(steps) of epoch \(epochs)"), "\(result.errors)")
        }
    }

    @Test func resumingOtherDataIsRefused() throws {
        let directory = try temporaryDirectory()
        _ = try descent(["train", "--backend", "cpu", "--epochs", "2", "--checkpoint", "c.json", "--quiet"], in: directory)
        let result = try descent(["train", "--backend", "cpu", "--resume", "c.json", "--data", BadInputTests.corpus + "/accepted.csv"], in: directory)
        #expect(result.status != 0 && result.errors.contains("the checkpoint was trained on other data"), "\(result.errors)")
        let changed = try descent(["train", "--backend", "cpu", "--resume", "c.json", "--split", "0.5"], in: directory)
        #expect(changed.status != 0 && changed.errors.contains("--split cannot change a resumed run"))
    }

    /// Ctrl-C stops after the step in hand and saves where it stopped; resuming gives the log lines
    /// and the model of the run that was never stopped. Runs are cut to one step per submission
    /// (`--slice-seconds 0`), so the stop lands mid-epoch: tried until it does, at most 10 times.
    @Test func ctrlCStopsAfterTheStepAndResumingChangesNothing() throws {
        for _ in 0..<10 {
            let directory = try temporaryDirectory()
            let (status, errors) = try interruptedRun(in: directory)
            guard status == 130 else { Issue.record("exit status \(status) after Ctrl-C, expected 130: \(errors)"); return }
            #expect(errors.contains("Interrupted after") && errors.contains("progress saved to c.json"), "\(errors)")
            #expect(!FileManager.default.fileExists(atPath: directory + "/housing.model.json"))
            guard let checkpoint = try ModelFile.read(from: directory + "/c.json").checkpoint else {
                Issue.record("c.json is not a checkpoint"); return
            }
            #expect(checkpoint.completedEpochs >= 100)  // the first checkpoint came before Ctrl-C
            guard let steps = checkpoint.completedSteps else { continue }  // stopped at an epoch's end: again
            #expect(errors.contains("after \(checkpoint.completedEpochs) epochs and \(steps) step"))
            let epochs = String(checkpoint.completedEpochs + 2)
            let rest = try descent(["train", "--backend", "cpu", "--resume", "c.json", "--epochs", epochs, "--model-out", "resumed.json"], in: directory)
            let whole = try descent(["train", "--backend", "cpu", "--epochs", epochs, "--model-out", "whole.json"], in: directory)
            #expect(rest.status == 0 && whole.status == 0, "\(rest.errors)")
            let first = try String(contentsOfFile: directory + "/first.log", encoding: .utf8)
            #expect(first + rest.output == whole.output)
            let a = try ModelFile.read(from: directory + "/whole.json"), b = try ModelFile.read(from: directory + "/resumed.json")
            #expect(a.parameters == b.parameters)  // bit for bit
            return
        }
        Issue.record("10 interrupted runs all stopped at an epoch's end")
    }

    /// Starts a very long course run with checkpoints, its log going to first.log, and sends it
    /// SIGINT (as Ctrl-C) once the first checkpoint shows that training has begun.
    private func interruptedRun(in directory: String) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: descentExecutable)
        process.arguments = ["train", "--backend", "cpu", "--epochs", "10000000", "--slice-seconds", "0",
                             "--checkpoint", "c.json", "--checkpoint-every", "100"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let errors = Pipe()
        process.standardError = errors
        #expect(FileManager.default.createFile(atPath: directory + "/first.log", contents: nil))
        process.standardOutput = FileHandle(forWritingAtPath: directory + "/first.log")
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: directory + "/c.json"), Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        process.interrupt()
        // A run that ignored Ctrl-C would go on for days: give it 20 s (slow under ASan), then kill it.
        let stopBy = Date().addingTimeInterval(20)
        while process.isRunning, Date() < stopBy { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            Issue.record("train did not stop within 20 s of Ctrl-C")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    /// Kills a process that saves models in a loop at random moments: the file is always a whole
    /// model, the old one or the new one.
    @Test func aKillDuringSavingNeverLeavesAPartialModel() throws {
        let directory = try temporaryDirectory()
        var generator = SystemRandomNumberGenerator()
        var seen = Set<Double>()
        for _ in 0..<30 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: descentExecutable)
            process.arguments = ["_save-loop", "--model-out", "m.json"]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            try process.run()
            // Once saving has begun (start-up is slow under the address sanitizer), kill at a random moment.
            let deadline = Date().addingTimeInterval(10)
            while !FileManager.default.fileExists(atPath: directory + "/m.json"), Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
            // One save's time, measured (a save is slow on a loaded machine or under ASan): the
            // random moment then spans a few saves, so the kills land between different ones.
            let first = inode(directory + "/m.json"), started = Date()
            while inode(directory + "/m.json") == first, Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
            let period = max(Date().timeIntervalSince(started), 0.001)
            Thread.sleep(forTimeInterval: Double.random(in: 0...(3 * period), using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let file = try ModelFile.read(from: directory + "/m.json")
            #expect(file.linearModel.bias == 1 || file.linearModel.bias == 2)
            seen.insert(file.linearModel.bias)
        }
        #expect(seen == [1, 2])  // the kills landed between different saves
    }

    private func inode(_ path: String) -> UInt64? {
        var status = stat()
        return stat(path, &status) == 0 ? UInt64(status.st_ino) : nil
    }
}
