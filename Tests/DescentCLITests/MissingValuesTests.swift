import Foundation
import Testing

/// Empty fields (issue 12, item 3): refused by default with the count, the columns and the first
/// line; dropped or filled on request, the fills kept in the model and used by `predict`.
@Suite struct MissingValuesTests {
    /// 40 rows of a, b, y with a empty on lines 4 and 9, b on line 9.
    static func csv() -> String {
        var rows = (0..<40).map { i in "\(i % 7),\((i * 3) % 11),\(2 * (i % 7) - (i * 3) % 11)" }
        rows[2] = ",5,1"
        rows[7] = ",,3"
        return "a,b,y\n" + rows.joined(separator: "\n") + "\n"
    }

    func train(_ flags: [String], in directory: String) throws -> CommandResult {
        try Self.csv().write(toFile: directory + "/m.csv", atomically: true, encoding: .utf8)
        return try descent(["train", "--data", "m.csv", "--backend", "cpu", "--quiet", "--epochs", "2"] + flags, in: directory)
    }

    @Test func theDefaultRefusesNamingCountColumnsAndLine() throws {
        let directory = try temporaryDirectory()
        let result = try train([], in: directory)
        #expect(result.status == 1 && result.errors.contains(
            "m.csv: 3 empty fields (missing values) in columns a, b, the first on line 4; --missing drop|mean|median|most-frequent handles them"), "\(result.errors)")
    }

    @Test func dropLeavesTheRowsOut() throws {
        let result = try train(["--missing", "drop"], in: try temporaryDirectory())
        #expect(result.status == 0 && result.errors.contains("notice: 2 rows with empty fields (in a, b) dropped"), "\(result.errors)")
        #expect(result.errors.contains("30 train rows, 8 test rows"), "\(result.errors)")
    }

    @Test func fillsComeFromTheTrainingRowsAndPredictUsesThem() throws {
        let directory = try temporaryDirectory()
        let result = try train(["--missing", "median"], in: directory)
        #expect(result.status == 0 && result.errors.contains("32 train rows, 8 test rows"), "\(result.errors)")
        try "a,b\n,4\n3,\n".write(toFile: directory + "/new.csv", atomically: true, encoding: .utf8)
        let filled = try descent(["predict", "--model", "m.model.json", "--data", "new.csv", "--output", "-"], in: directory)
        #expect(filled.status == 0 && filled.output.hasPrefix("line,predicted\n2,"), "\(filled.errors)")
        // The same rows with the fills written in predict the same.
        let model = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/m.model.json"))) as! [String: Any]
        let fills = ((model["input"] as! [String: Any])["columns"] as! [[String: Any]]).map { $0["fill"] as! Double }
        try "a,b\n\(fills[0]),4\n3,\(fills[1])\n".write(toFile: directory + "/full.csv", atomically: true, encoding: .utf8)
        let full = try descent(["predict", "--model", "m.model.json", "--data", "full.csv", "--output", "-"], in: directory)
        #expect(full.output == filled.output, "\(full.output) against \(filled.output)")
    }

    @Test func aModelWithoutFillsRefusesEmptyFieldsAtPredict() throws {
        let directory = try temporaryDirectory()
        #expect(try train(["--missing", "drop"], in: directory).status == 0)
        try "a,b\n1,4\n\n3,\n".write(toFile: directory + "/new.csv", atomically: true, encoding: .utf8)
        let result = try descent(["predict", "--model", "m.model.json", "--data", "new.csv"], in: directory)
        #expect(result.status == 1 && result.errors.contains("new.csv: 1 empty field (missing values) in column b, the first on line 4; the model was trained without fill values"), "\(result.errors)")
        #expect(result.output.isEmpty)  // no header row before the error
    }
}
