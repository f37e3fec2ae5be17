import Foundation
import Testing

/// `descent cv --folds K` (issue 12, item 4), `--normalize` kept in the model (item 5), and
/// `descent inspect` (item 9).
@Suite struct CrossValidateAndInspectTests {
    @Test func crossValidationPrintsEachFoldAndTheMean() throws {
        let directory = try temporaryDirectory()
        try integerCSV().write(toFile: directory + "/d.csv", atomically: true, encoding: .utf8)
        let result = try descent(["cv", "--data", "d.csv", "--backend", "cpu", "--folds", "4", "--epochs", "3", "--shuffle-split"], in: directory)
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 5 && lines[0].hasPrefix("fold 1    test MSE ") && lines[4].hasPrefix("mean      test MSE ") && lines[4].contains(" ± "), "\(result.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["d.csv"])  // no model saved
        let bad = try descent(["cv", "--data", "d.csv", "--backend", "cpu", "--folds", "1"], in: directory)
        #expect(bad.status != 0 && bad.errors.contains("--folds 1 is out of range: expected an integer ≥ 2"))
        let many = try descent(["cv", "--data", "d.csv", "--backend", "cpu", "--folds", "41"], in: directory)
        #expect(many.status == 1 && many.errors.contains("d.csv: 40 rows cannot make 41 folds"), "\(many.errors)")
    }

    @Test func aStratifiedClassSortedFileTrainsAndTestsBothClasses() throws {
        let directory = try temporaryDirectory()
        let rows = (0..<60).map { i in "\(i % 7),\((i * 3) % 11),\(i < 30 ? "no" : "yes")" }
        try ("a,b,label\n" + rows.joined(separator: "\n") + "\n").write(toFile: directory + "/sorted.csv", atomically: true, encoding: .utf8)
        let result = try descent(["train", "--data", "sorted.csv", "--backend", "cpu", "--quiet", "--epochs", "3", "--model", "logistic",
                                  "--shuffle-split", "--stratify", "--split-seed", "5"], in: directory)
        #expect(result.status == 0, "\(result.errors)")
        // The confusion matrix of the test rows: 6 of each class.
        let confusion = result.errors.split(separator: "\n").filter { $0.hasPrefix("  no ") || $0.hasPrefix("  yes ") }
        #expect(confusion.map { $0.split(separator: " ").dropFirst().compactMap { Int($0) }.reduce(0, +) } == [6, 6], "\(result.errors)")
        try integerCSV().write(toFile: directory + "/d.csv", atomically: true, encoding: .utf8)
        let regression = try descent(["train", "--data", "d.csv", "--backend", "cpu", "--stratify"], in: directory)
        #expect(regression.status == 1 && regression.errors.contains(
            "d.csv: the target 'y' holds numbers (regression); stratifying splits classes: --stratify applies to classification"), "\(regression.errors)")
        let seedAlone = try descent(["train", "--backend", "cpu", "--split-seed", "3"], in: directory)
        #expect(seedAlone.status != 0 && seedAlone.errors.contains("--split-seed applies to --shuffle-split"), "\(seedAlone.errors)")
    }

    @Test func theScalingIsKeptAndInspectShowsTheModel() throws {
        let directory = try temporaryDirectory()
        try integerCSV().write(toFile: directory + "/d.csv", atomically: true, encoding: .utf8)
        let train = try descent(["train", "--data", "d.csv", "--backend", "cpu", "--quiet", "--epochs", "300", "--normalize", "standard",
                                 "--learning-rate", "0.05"], in: directory)
        #expect(train.status == 0, "\(train.errors)")
        let text = try descent(["inspect", "d.model.json"], in: directory)
        #expect(text.status == 0 && text.output.contains("a linear model (regression), 3 parameters") && text.output.contains("standard"), "\(text.output)")
        let json = try descent(["inspect", "d.model.json", "--json"], in: directory)
        let report = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let features = try #require(report["features"] as? [[String: Any]])
        let weights = features.map { $0["weight"] as! Double }, bias = report["bias"] as! Double
        // y = 2a − b + (i mod 3): the weights in data units are near 2 and −1; predict agrees with them.
        #expect(abs(weights[0] - 2) < 0.2 && abs(weights[1] + 1) < 0.2, "\(weights)")
        #expect(((features[0]["normalization"] as! [String: Any])["method"] as? String) == "standard")
        let predict = try descent(["predict", "--model", "d.model.json", "--data", "d.csv", "--output", "-"], in: directory)
        let first = predict.output.split(separator: "\n")[1].split(separator: ",")
        #expect(abs(Double(first[1])! - bias) <= 1e-9 * max(1, abs(bias)), "\(first) against bias \(bias)")  // row a = 0, b = 0
    }
}
