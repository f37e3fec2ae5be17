import Descent
import Foundation
import Testing

/// An Adam run with a cosine schedule, stopped by a signal and resumed from its checkpoint, ends
/// with the model of the run never stopped, on the same backend: the checkpoint carries Adam's
/// moments and step count, the schedule's position follows from the epoch.
@Suite struct OptimizerCheckpointTests {
    @Test(arguments: ["cpu", "opencl"])
    func anInterruptedAdamCosineRunResumesBitIdentically(backend: String) throws {
        let directory = try temporaryDirectory()
        let settings = ["--optimizer", "adam", "--learning-rate", "0.01", "--lr-schedule", "cosine", "--warmup-epochs", "2",
                        "--batch-size", "4", "--epochs", "300", "--backend", backend, "--quiet"]
        let whole = try descent(["train", "--model-out", "whole.json"] + settings, in: directory)
        guard whole.status == 0 else {
            #expect(backend == "opencl" && whole.errors.contains("OpenCL"), "\(whole.errors)")  // no device here
            return
        }
        let first = try RunningDescent(["train", "--checkpoint", "c.json", "--checkpoint-every", "1", "--slice-seconds", "0",
                                        "--model-out", "resumed.json"] + settings, in: directory)
        first.wait { FileManager.default.fileExists(atPath: directory + "/c.json") }
        first.send(SIGTERM)
        let stopped = first.finish()
        guard stopped.status == 143 else {  // finished before the signal: nothing to resume
            #expect(stopped.status == 0, "\(stopped.errors)")
            return
        }
        let checkpoint = try #require(try ModelFile.read(from: directory + "/c.json").checkpoint)
        let state = try #require(checkpoint.optimizerState)
        #expect(state.step > 0 && state.first.count == 14 && state.second.count == 14)
        let rest = try descent(["train", "--resume", "c.json", "--quiet", "--model-out", "resumed.json"], in: directory)
        #expect(rest.status == 0, "\(rest.errors)")
        let a = try ModelFile.read(from: directory + "/whole.json"), b = try ModelFile.read(from: directory + "/resumed.json")
        #expect(a.parameters == b.parameters, "resumed after \(checkpoint.completedEpochs) epochs, \(checkpoint.completedSteps ?? 0) steps")
    }

    /// A checkpoint whose state does not fit its rule is refused when read, never trusted.
    @Test func aCheckpointWithStateOfTheWrongSizeIsRefused() throws {
        let directory = try temporaryDirectory()
        let run = try descent(["train", "--backend", "cpu", "--epochs", "2", "--optimizer", "momentum", "--quiet",
                               "--checkpoint", "c.json"], in: directory)
        #expect(run.status == 0, "\(run.errors)")
        #expect(try ModelFile.read(from: directory + "/c.json").checkpoint?.optimizerState?.first.count == 14)
        // Edited as JSON: ModelFile.write checks what it writes, too.
        let url = URL(fileURLWithPath: directory + "/c.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var checkpoint = try #require(json["checkpoint"] as? [String: Any]), state = try #require(checkpoint["optimizerState"] as? [String: Any])
        state["first"] = (try #require(state["first"] as? [Double])).dropLast() as [Double]
        checkpoint["optimizerState"] = state
        json["checkpoint"] = checkpoint
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        let result = try descent(["train", "--resume", "c.json", "--epochs", "3"], in: directory)
        #expect(result.status != 0 && result.errors.contains("optimizer state that does not fit momentum over 14 parameters"), "\(result.errors)")
    }
}
