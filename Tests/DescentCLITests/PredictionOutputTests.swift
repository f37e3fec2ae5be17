import Foundation
import Testing

/// `predict --output` (issue 12, item 6): CSV and JSON at full precision, the line (or id) first,
/// class probabilities for a classifier, the label when present; nothing written when the input
/// has an error; line numbers that count blank lines; a terminal table with one format per column.
@Suite struct PredictionOutputTests {
    /// 40 rows of small targets (about 0.001), negative and positive.
    static func smallTargets() -> String {
        "a,b,y\n" + (0..<40).map { i in "\(i % 7),\((i * 3) % 11),\(Double(2 * (i % 7) - (i * 3) % 11) / 1000)" }.joined(separator: "\n") + "\n"
    }

    @Test func csvAndJSONCarryFullPrecision() throws {
        let directory = try temporaryDirectory()
        try Self.smallTargets().write(toFile: directory + "/s.csv", atomically: true, encoding: .utf8)
        #expect(try descent(["train", "--data", "s.csv", "--backend", "cpu", "--quiet", "--epochs", "5"], in: directory).status == 0)
        let csv = try descent(["predict", "--model", "s.model.json", "--data", "s.csv", "--output", "p.csv"], in: directory)
        #expect(csv.status == 0 && csv.errors.contains("Predictions for 40 rows written to p.csv"), "\(csv.errors)")
        let lines = try String(contentsOfFile: directory + "/p.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines[0] == "line,predicted,actual" && lines[1].hasPrefix("2,") && lines[1].hasSuffix(",0.0") && lines[2].hasSuffix(",-0.001"), "\(lines.prefix(3))")
        let value = try #require(Double(lines[1].split(separator: ",")[1]))
        #expect("\(value)" == lines[1].split(separator: ",")[1] && !lines[1].contains(" "))  // round-trip digits
        #expect(try descent(["predict", "--model", "s.model.json", "--data", "s.csv", "--output", "p.json"], in: directory).status == 0)
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/p.json"))) as? [[String: Any]])
        #expect(json.count == 40 && json[0]["line"] as? Int == 2 && json[1]["actual"] as? Double == -0.001)
        // Foundation's JSON reader may round the last digit: the text itself is checked above.
        #expect(abs((json[0]["predicted"] as? Double ?? 0) - value) <= 1e-15 * abs(value), "\(json[0])")
        #expect(try String(contentsOfFile: directory + "/p.json", encoding: .utf8).contains("{\"line\": 2, \"predicted\": \(value), \"actual\": 0.0}"))
    }

    @Test func theTerminalTableHasOneFormatPerColumnAndEnoughDigits() throws {
        let directory = try temporaryDirectory()
        try Self.smallTargets().write(toFile: directory + "/s.csv", atomically: true, encoding: .utf8)
        #expect(try descent(["train", "--data", "s.csv", "--backend", "cpu", "--quiet", "--epochs", "5"], in: directory).status == 0)
        let table = try descent(["predict", "--model", "s.model.json", "--data", "s.csv"], in: directory)
        let rows = table.output.split(separator: "\n").dropFirst().map { $0.split(separator: " ") }
        #expect(rows.count == 40)
        let decimals = Set(rows.flatMap { $0.dropFirst() }.map { $0.split(separator: ".").last!.count })
        #expect(decimals.count == 1 && decimals.first! >= 7, "\(table.output.prefix(300))")  // about 0.009 at most: six significant digits
        #expect(!table.output.contains(" 0.00\n") && !table.output.contains(","))
    }

    @Test func aClassifierWritesEveryClassProbability() throws {
        let directory = try temporaryDirectory()
        let rows = (0..<40).map { i in "\(i % 7),\((i * 3) % 11),\(i % 7 > 3 ? "yes" : "no")" }
        try ("a,b,label\n" + rows.joined(separator: "\n") + "\n").write(toFile: directory + "/c.csv", atomically: true, encoding: .utf8)
        #expect(try descent(["train", "--data", "c.csv", "--backend", "cpu", "--quiet", "--epochs", "5", "--model", "logistic"], in: directory).status == 0)
        let result = try descent(["predict", "--model", "c.model.json", "--data", "c.csv", "--output", "-"], in: directory)
        let lines = result.output.split(separator: "\n")
        #expect(lines.first == "line,predicted,p(no),p(yes),actual" && lines.count == 41, "\(result.errors)")
        let fields = lines[1].split(separator: ",")
        #expect(fields.count == 5 && abs(Double(fields[2])! + Double(fields[3])! - 1) < 1e-12)
    }

    @Test func nothingIsWrittenWhenTheInputHasAnError() throws {
        let directory = try temporaryDirectory()
        try integerCSV().write(toFile: directory + "/d.csv", atomically: true, encoding: .utf8)
        #expect(try descent(["train", "--data", "d.csv", "--backend", "cpu", "--quiet", "--epochs", "2"], in: directory).status == 0)
        try "a,b\n1,2\n3,4\n5,oops\n".write(toFile: directory + "/bad.csv", atomically: true, encoding: .utf8)
        for output in [["--output", "p.csv"], ["--output", "-"], []] {
            let result = try descent(["predict", "--model", "d.model.json", "--data", "bad.csv"] + output, in: directory)
            #expect(result.status == 1 && result.errors.contains("bad.csv:4: column 2: 'oops' is not a number") && result.output.isEmpty, "\(result.errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/p.csv"))
        let same = try descent(["predict", "--model", "d.model.json", "--data", "d.csv", "--output", "d.csv"], in: directory)
        #expect(same.status == 1 && same.errors.contains("--output d.csv is the same file as --data d.csv"), "\(same.errors)")
    }

    @Test func rowNumbersAreTheFilesLinesAfterBlankLines() throws {
        let directory = try temporaryDirectory()
        try integerCSV().write(toFile: directory + "/d.csv", atomically: true, encoding: .utf8)
        #expect(try descent(["train", "--data", "d.csv", "--backend", "cpu", "--quiet", "--epochs", "2"], in: directory).status == 0)
        try "a,b\n\n1,2\n\n\n3,4\n".write(toFile: directory + "/gaps.csv", atomically: true, encoding: .utf8)
        let result = try descent(["predict", "--model", "d.model.json", "--data", "gaps.csv", "--output", "-"], in: directory)
        #expect(result.output.split(separator: "\n").map { $0.split(separator: ",")[0] } == ["line", "3", "6"], "\(result.output)")
    }
}
