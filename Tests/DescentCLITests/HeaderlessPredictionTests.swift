import Descent
import Foundation
import Testing

/// Headerless files (issue 12, item 8): the model records the training file's width and the
/// target's position; `predict` matches columns by position, refuses a file of another width, and
/// without `--data` predicts only for a model trained on the bundled data.
@Suite struct HeaderlessPredictionTests {
    @Test func aTargetOtherThanTheLastIsReadFromItsOwnColumn() throws {
        let directory = try temporaryDirectory()
        #expect(try descent(["train", "--backend", "cpu", "--quiet", "--epochs", "2", "--target", "CRIM", "--model-out", "crim.json"], in: directory).status == 0)
        let result = try descent(["predict", "--model", "crim.json", "--output", "-"], in: directory)
        #expect(result.status == 0, "\(result.errors)")
        let fields = result.output.split(separator: "\n")[1].split(separator: ",")
        let table = BundledData.housing()
        #expect(fields[0] == "497" && Double(fields[2]) == table.values[table.values.rows - 10, 0], "\(result.output)")  // the label is CRIM's
        // The prediction is the one for the same row read by name from a header.
        let row = (0..<14).map { "\(table.values[table.values.rows - 10, $0])" }.joined(separator: ",")
        try (BundledData.housingColumns.joined(separator: ",") + "\n" + row + "\n").write(toFile: directory + "/row.csv", atomically: true, encoding: .utf8)
        let named = try descent(["predict", "--model", "crim.json", "--data", "row.csv", "--output", "-"], in: directory)
        #expect(named.output.split(separator: "\n")[1].split(separator: ",")[1] == fields[1], "\(named.output) against \(result.output)")
    }

    @Test func aFileOfAnotherWidthIsRefused() throws {
        let directory = try temporaryDirectory()
        #expect(try descent(["train", "--backend", "cpu", "--quiet", "--epochs", "2", "--target", "CRIM", "--model-out", "crim.json"], in: directory).status == 0)
        let row = BundledData.housing().values.values[13..<26].map { "\($0)" }.joined(separator: " ")
        try (row + "\n").write(toFile: directory + "/13.txt", atomically: true, encoding: .utf8)
        let result = try descent(["predict", "--model", "crim.json", "--data", "13.txt"], in: directory)
        #expect(result.status == 1 && result.errors.contains(
            "13.txt: rows have 13 columns and no header; the model was trained on headerless rows of 14 columns with the target in column 1: give rows of 14 columns (the target's may hold anything), or a header row naming the columns"), "\(result.errors)")
        #expect(result.output.isEmpty)
    }

    @Test func predictWithoutDataAsksForItUnlessTheModelIsTheBundledDatas() throws {
        let directory = try temporaryDirectory()
        try integerCSV().write(toFile: directory + "/d.csv", atomically: true, encoding: .utf8)
        #expect(try descent(["train", "--data", "d.csv", "--backend", "cpu", "--quiet", "--epochs", "2"], in: directory).status == 0)
        let result = try descent(["predict", "--model", "d.model.json"], in: directory)
        #expect(result.status == 1 && result.errors.contains("d.model.json was trained on d.csv, not the bundled data: give the rows to predict with --data"), "\(result.errors)")
    }
}
