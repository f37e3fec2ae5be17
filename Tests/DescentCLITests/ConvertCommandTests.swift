import Foundation
import Testing

/// `descent convert`: a cache that `--data` trains on like its text file, and outputs checked
/// like every other command's.
@Suite struct ConvertCommandTests {
    /// Columns past 2^24 are named with their step in float32 (timestamps by 128 s, ids by 2):
    /// integers that differed in the file may be stored alike.
    @Test func columnsPastExactIntegersAreNamed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "ts,x,id\n1700000000,0.5,16777217\n1700000060,0.25,-16777216\n1700000001,1,3\n".write(toFile: directory + "/t.csv", atomically: true, encoding: .utf8)
        let converted = try descent(["convert", "t.csv", "--output", "t.descent"], in: directory)
        #expect(converted.status == 0)
        #expect(converted.errors.contains("notice: columns 'ts' (to 1700000000: steps of 128), 'id' (to 16777216: steps of 2) pass 2^24 = 16777216"),
                "\(converted.errors)")
        #expect(!converted.errors.contains("'x'"))
    }

    @Test func aConvertedCacheTrainsAndItsBadInputsAreRefused() throws {
        let directory = try temporaryDirectory()
        let csv = directory + "/d.csv"
        var text = "a,b,y\n"
        for row in 0..<64 { text += "\(Double(row) / 8),\(Double(row % 5)),\(Double(row) / 4 + 1)\n" }
        try Data(text.utf8).write(to: URL(fileURLWithPath: csv))
        let converted = try descent(["convert", csv, "--output", "d.descent"], in: directory)
        #expect(converted.status == 0 && converted.errors.contains("convert: 64 rows × 3 columns"), "\(converted.errors)")
        #expect(!converted.errors.contains("notice"), "\(converted.errors)")
        let trained = try descent(["train", "--data", "d.descent", "--target", "y", "--epochs", "2", "--backend", "cpu", "--model-out", "m.model.json"], in: directory)
        #expect(trained.status == 0, "\(trained.errors)")
        // The output may not replace the input; a broken input names its problem.
        let same = try descent(["convert", csv, "--output", csv], in: directory)
        #expect(same.status != 0 && same.errors.contains("--output \(csv) is the same file as the input"), "\(same.errors)")
        try Data("1,2\n3,x\n".utf8).write(to: URL(fileURLWithPath: csv))
        let bad = try descent(["convert", csv, "--output", "e.descent"], in: directory)
        #expect(bad.status != 0 && bad.errors.contains("d.csv:2: column 2: 'x' is not a number"), "\(bad.errors)")
        #expect(bad.errors.contains("a .descent cache holds numbers only: write a column of labels as numbers"), "\(bad.errors)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/e.descent"))
        // An empty field is a missing value: train reads it from the text file (--missing), a cache cannot hold it.
        try Data("a,b\n1,2\n3,\n".utf8).write(to: URL(fileURLWithPath: csv))
        let missing = try descent(["convert", csv, "--output", "e.descent"], in: directory)
        #expect(missing.status != 0 && missing.errors.contains("d.csv:3: column 2: '' is not a number"), "\(missing.errors)")
        #expect(missing.errors.contains("an empty field is a missing value, which a .descent cache cannot hold"), "\(missing.errors)")
        try? FileManager.default.removeItem(atPath: directory)
    }
}
