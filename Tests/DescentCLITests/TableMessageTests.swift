import Foundation
import Testing

/// The remaining messages of issue 12's error cases: a column the model needs, a headerless file
/// for a model that reads names, a class too small to stratify, and `--max-levels` out of range.
@Suite struct TableMessageTests {
    func trained(in directory: String) throws {
        try integerCSV().write(toFile: directory + "/d.csv", atomically: true, encoding: .utf8)
        #expect(try descent(["train", "--data", "d.csv", "--backend", "cpu", "--quiet", "--epochs", "2"], in: directory).status == 0)
    }

    @Test func aColumnTheModelNeedsIsNamed() throws {
        let directory = try temporaryDirectory()
        try trained(in: directory)
        try "a,c\n1,2\n".write(toFile: directory + "/new.csv", atomically: true, encoding: .utf8)
        let result = try descent(["predict", "--model", "d.model.json", "--data", "new.csv"], in: directory)
        #expect(result.status == 1 && result.errors.contains("new.csv: no column 'b', which the model needs (it was trained on a, b)"), "\(result.errors)")
    }

    @Test func aHeaderlessFileForAModelOfNamedColumnsSaysWhatItTakes() throws {
        let directory = try temporaryDirectory()
        try trained(in: directory)
        try "1 2 3 4\n".write(toFile: directory + "/new.txt", atomically: true, encoding: .utf8)
        let result = try descent(["predict", "--model", "d.model.json", "--data", "new.txt"], in: directory)
        #expect(result.status == 1 && result.errors.contains(
            "new.txt: rows have 4 columns and no header; the model takes 2 columns (a, b), optionally followed by y; give a header row naming them"), "\(result.errors)")
        try "1 2\n3 4\n".write(toFile: directory + "/ok.txt", atomically: true, encoding: .utf8)
        #expect(try descent(["predict", "--model", "d.model.json", "--data", "ok.txt"], in: directory).status == 0)
    }

    @Test func aClassTooSmallToStratifyIsNamed() throws {
        let directory = try temporaryDirectory()
        let rows = (0..<30).map { i in "\(i % 7),\(i == 0 ? "rare" : i % 2 == 0 ? "even" : "odd")" }
        try ("a,label\n" + rows.joined(separator: "\n") + "\n").write(toFile: directory + "/c.csv", atomically: true, encoding: .utf8)
        let result = try descent(["train", "--data", "c.csv", "--backend", "cpu", "--model", "softmax", "--stratify"], in: directory)
        #expect(result.status == 1 && result.errors.contains(
            "c.csv: the class 'rare' has 1 row, too few to appear in both the training and the test rows"), "\(result.errors)")
    }

    @Test func maxLevelsOutOfRangeIsRefused() throws {
        let result = try descent(["train", "--backend", "cpu", "--max-levels", "0"])
        #expect(result.status != 0 && result.errors.contains("--max-levels 0 is out of range: expected an integer ≥ 1"), "\(result.errors)")
    }
}
