import Foundation
import Testing

/// `--validation`, `--early-stopping`, `--min-delta` and `--epochs auto` (issue 11 item 4) on the
/// command line: validation lines only with the flag, the stop in the summary, and a run resumed
/// from a checkpoint that stops at the epoch an uninterrupted run stops at.
@Suite struct EarlyStoppingCommandTests {
    func stop(_ path: String) throws -> [String: Any] {
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        return try #require(json["stop"] as? [String: Any])
    }

    let flags = ["train", "--rng", "numpy", "--backend", "cpu", "--learning-rate", "1", "--validation", "0.2", "--early-stopping", "5"]

    @Test func aResumedRunStopsAtTheSameEpochWithTheSameModel() throws {
        let directory = try temporaryDirectory()
        let whole = try descent(flags + ["--epochs", "2000", "--json", "whole.json", "--model-out", "whole.model.json", "--plot", "loss.svg"], in: directory)
        #expect(whole.status == 0, "\(whole.errors)")
        #expect(whole.errors.contains("324 train rows, 80 validation rows, 102 test rows") && whole.errors.contains("the model keeps that epoch's parameters"))
        #expect(whole.output.contains("Epoch   0 validation loss = "))
        #expect(try String(contentsOfFile: directory + "/loss.svg", encoding: .utf8).contains("validation loss"))
        let wholeStop = try stop(directory + "/whole.json")
        let epochs = try #require(wholeStop["completedEpochs"] as? Int)
        #expect(wholeStop["reason"] as? String == "early-stopping" && epochs > 10 && epochs < 2000)

        // Stopped 2 epochs after the best one: a resumed run that forgot the best would go on past the whole run's stop.
        let best = try #require(wholeStop["bestEpoch"] as? Int)
        let part = try descent(flags + ["--epochs", "\(best + 3)", "--checkpoint", "c.json", "--model-out", "part.model.json"], in: directory)
        #expect(part.status == 0, "\(part.errors)")
        let rest = try descent(["train", "--resume", "c.json", "--backend", "cpu", "--epochs", "2000", "--json", "rest.json", "--model-out", "rest.model.json"],
                               in: directory)
        #expect(rest.status == 0, "\(rest.errors)")
        let restStop = try stop(directory + "/rest.json")
        #expect(restStop["completedEpochs"] as? Int == epochs && restStop["bestEpoch"] as? Int == wholeStop["bestEpoch"] as? Int)
        func parameters(_ name: String) throws -> [Double] {
            let model = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))) as? [String: Any]
            return model?["parameters"] as? [Double] ?? []
        }
        #expect(try parameters("rest.model.json") == (try parameters("whole.model.json")) && !(try parameters("whole.model.json")).isEmpty)
    }

    /// A checkpoint whose early-stopping state does not fit the model is refused, not trusted.
    @Test func aCheckpointWithAnUnfittingBestIsRefused() throws {
        let directory = try temporaryDirectory()
        let part = try descent(flags + ["--epochs", "3", "--checkpoint", "c.json", "--model-out", "m.json"], in: directory)
        #expect(part.status == 0, "\(part.errors)")
        var file = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/c.json"))) as? [String: Any])
        var checkpoint = try #require(file["checkpoint"] as? [String: Any])
        var state = try #require(checkpoint["earlyStopping"] as? [String: Any])
        state["bestParameters"] = [1.0]
        checkpoint["earlyStopping"] = state
        file["checkpoint"] = checkpoint
        try JSONSerialization.data(withJSONObject: file).write(to: URL(fileURLWithPath: directory + "/c.json"))
        let rest = try descent(["train", "--resume", "c.json", "--backend", "cpu", "--epochs", "2000", "--model-out", "m.json"], in: directory)
        #expect(rest.status != 0 && rest.errors.contains("early-stopping state holds 1 parameters"), "\(rest.errors)")
    }

    @Test func epochsAutoImpliesAValidationSplitAndPatience() throws {
        let directory = try temporaryDirectory()
        let run = try descent(["train", "--backend", "cpu", "--quiet", "--learning-rate", "1", "--epochs", "auto", "--json", "s.json"], in: directory)
        #expect(run.status == 0, "\(run.errors)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/s.json"))) as? [String: Any])
        let settings = try #require(json["settings"] as? [String: Any])
        #expect(settings["epochs"] as? Int == 10_000 && settings["validationFraction"] as? Double == 0.2 && settings["earlyStoppingPatience"] as? Int == 20)
        #expect(try stop(directory + "/s.json")["reason"] as? String == "early-stopping")
    }

    @Test(arguments: [
        (["--early-stopping", "5"], "--early-stopping needs --validation FRACTION"),
        (["--validation", "1.5"], "--validation 1.5 is out of range: expected a number strictly between 0 and 1"),
        (["--validation", "0.2", "--early-stopping", "0"], "--early-stopping 0 is out of range: expected an integer ≥ 1"),
        (["--validation", "0.2", "--early-stopping", "3", "--min-delta=-1"], "--min-delta -1.0 is out of range: expected a finite number ≥ 0"),
        (["--validation", "0.001"], "--validation 0.001 holds out 0 of the 404 training rows"),
        (["--epochs", "many"], "--epochs"),
    ])
    func badStoppingFlagsAreRefused(arguments: [String], message: String) throws {
        let run = try descent(["train", "--backend", "cpu", "--quiet"] + arguments, in: try temporaryDirectory())
        #expect(run.status != 0 && run.errors.contains(message), "\(run.errors)")
    }
}
