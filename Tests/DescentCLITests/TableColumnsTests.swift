import Foundation
import Testing

/// Which columns are features (issue 12, item 1): `--features`, `--drop`, a saved index dropped
/// with a notice, `--id` kept out of the features and carried into predictions; and the messages
/// when a flag names a column that is not there.
@Suite struct TableColumnsTests {
    /// 40 rows: a saved index, an id, a, b, c and y.
    static func csv() -> String {
        ",id,a,b,c,y\n" + (0..<40).map { i in "\(i),r\(i),\(i % 7),\((i * 3) % 11),\(i % 4),\(2 * (i % 7) - (i * 3) % 11)" }.joined(separator: "\n") + "\n"
    }

    func train(_ flags: [String], in directory: String) throws -> CommandResult {
        try Self.csv().write(toFile: directory + "/t.csv", atomically: true, encoding: .utf8)
        return try descent(["train", "--data", "t.csv", "--backend", "cpu", "--quiet", "--epochs", "2"] + flags, in: directory)
    }

    @Test func featuresDropAndIdChooseTheColumns() throws {
        let directory = try temporaryDirectory()
        let all = try train(["--id", "id"], in: directory)
        #expect(all.status == 0 && all.errors.contains("3 features, target y"), "\(all.errors)")
        #expect(all.errors.contains("notice: column 1 has no name and counts 0, 1, 2, … (a saved row index): dropped"))
        let chosen = try train(["--features", "a,c"], in: directory)
        #expect(chosen.status == 0 && chosen.errors.contains("2 features, target y"), "\(chosen.errors)")
        let dropped = try train(["--drop", "b,c", "--id", "id"], in: directory)
        #expect(dropped.status == 0 && dropped.errors.contains("1 features, target y"), "\(dropped.errors)")
    }

    @Test func theIdLeadsThePredictions() throws {
        let directory = try temporaryDirectory()
        #expect(try train(["--id", "id"], in: directory).status == 0)
        let predict = try descent(["predict", "--model", "t.model.json", "--data", "t.csv", "--output", "-"], in: directory)
        #expect(predict.status == 0, "\(predict.errors)")
        let lines = predict.output.split(separator: "\n")
        #expect(lines.first == "id,predicted,actual" && lines[1].hasPrefix("r0,") && lines.count == 41, "\(predict.output.prefix(200))")
    }

    @Test(arguments: [
        (["--features", "a,zz"], "t.csv: no column named 'zz' for --features (columns: , id, a, b, c, y)"),
        (["--drop", "q"], "t.csv: no column named 'q' for --drop"),
        (["--id", "nope"], "t.csv: no column named 'nope' for --id"),
        (["--drop", "y"], "t.csv: 'y' is the target column (--target); it cannot also be given to --drop"),
        (["--features", "a", "--id", "a"], "t.csv: 'a' is the id column; it cannot also be a feature"),
        (["--drop", "a,b,c,id"], "t.csv: no feature columns are left (every column is the target, the id or dropped)"),
    ])
    func aColumnThatIsNotThereIsNamed(flags: [String], message: String) throws {
        let directory = try temporaryDirectory()
        let result = try train(flags, in: directory)
        #expect(result.status == 1 && result.errors.contains(message), "\(result.errors)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/t.model.json"))
    }
}
