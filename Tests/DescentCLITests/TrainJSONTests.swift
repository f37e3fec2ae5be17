import Foundation
import Testing

/// `descent train --json FILE` (issue 11 item 5): the whole summary for scripts, checked like every
/// other output, and the course's 250 lines unchanged beside it.
@Suite struct TrainJSONTests {
    func object(_ path: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    @Test func theSummaryHoldsSettingsMetricsTimingsMemoryAndTheStop() throws {
        let directory = try temporaryDirectory()
        let train = try descent(["train", "--rng", "numpy", "--backend", "cpu", "--json", "s.json"], in: directory)
        #expect(train.status == 0, "\(train.errors)")
        let expected = try String(contentsOfFile: fixturesDirectory + "/course_seed0.log", encoding: .utf8)
        #expect(train.output == expected)
        let json = try object(directory + "/s.json")
        #expect(json["format"] as? String == "descent-train-summary" && json["backend"] as? String == "cpu")
        #expect((json["settings"] as? [String: Any])?["epochs"] as? Int == 50)
        let regression = try #require(json["regression"] as? [String: Any])
        for key in ["testMSE", "testMSEUnits", "testRMSE", "testMAE", "testR2", "baselineTestMSE", "optimumTestMSE", "optimumTestR2", "trainMSE"] {
            #expect(regression[key] is Double, "\(key)")
        }
        #expect((json["stop"] as? [String: Any])?["reason"] as? String == "completed")
        let timings = try #require(json["timings"] as? [String: Double])
        #expect(timings["trainingSeconds"]! > 0 && timings["totalSeconds"]! >= timings["trainingSeconds"]!)
        #expect((json["peakResidentBytes"] as? Int ?? 0) > 1_000_000)
        #expect((json["verdict"] as? String)?.hasPrefix("Worse than predicting the mean") == true)
        #expect(train.errors.contains("test R²") && train.errors.contains("mean baseline"))
    }

    @Test func theJSONMayNotReplaceTheData() throws {
        let directory = try temporaryDirectory()
        try "a,b,y\n1,2,3\n2,3,5\n3,1,4\n4,4,8\n5,2,7\n".write(toFile: directory + "/d.csv", atomically: true, encoding: .utf8)
        let train = try descent(["train", "--backend", "cpu", "--quiet", "--data", "d.csv", "--json", "d.csv"], in: directory)
        #expect(train.status != 0 && train.errors.contains("--json d.csv is the same file as --data d.csv"), "\(train.errors)")
    }

    @Test func aClassifierWritesItsSummary() throws {
        let directory = try temporaryDirectory()
        let rows = (0..<40).map { "\(Double($0 % 7)),\(Double($0 % 5)),\($0 % 7 > 3 ? "yes" : "no")" }
        try ("a,b,y\n" + rows.joined(separator: "\n") + "\n").write(toFile: directory + "/c.csv", atomically: true, encoding: .utf8)
        let train = try descent(["train", "--backend", "cpu", "--quiet", "--data", "c.csv", "--model", "logistic", "--json", "c.json"], in: directory)
        #expect(train.status == 0, "\(train.errors)")
        let json = try object(directory + "/c.json")
        let classification = try #require(json["classification"] as? [String: Any])
        #expect(classification["testAccuracy"] is Double && json["regression"] == nil)
        // The log-loss baseline: the training rows' class frequencies (3 of 7 values are "yes").
        let prior = try #require(classification["priorLogLoss"] as? Double)
        #expect(prior > 0.6 && prior < 0.75 && train.errors.contains("(class frequencies: "), "\(prior)")
    }
}
