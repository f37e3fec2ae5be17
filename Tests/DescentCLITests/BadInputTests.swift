import Descent
import Foundation
import Testing

/// Every malformed input gets one specific message and a non-zero exit; the well-formed oddities
/// are accepted. The files live in `Corpus/`.
@Suite struct BadInputTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus").path

    static let rejected: [(file: String, message: String)] = [
        ("empty.csv", "empty.csv: the file holds no data rows"),
        ("header-only.csv", "header-only.csv: the file has a header row but no data rows"),
        ("non-numeric.csv", "non-numeric.csv:3: column 2: 'abc' is not a number"),
        ("ragged.csv", "ragged.csv:3: found 2 fields, expected 3 like the first row"),
        ("nan.csv", "nan.csv:3: column 2: 'nan' is not a finite number"),
        ("inf.csv", "inf.csv:3: column 3: 'inf' is not a finite number"),
        ("overflow.csv", "overflow.csv:3: column 3: '1e999' is not a finite number"),
        ("duplicate-header.csv", "duplicate-header.csv:1: the header names column 'a' twice"),
        ("semicolons.csv", "semicolons.csv:2: column 1: '1;2;3' is not a number: fields look separated by ';'"),
        ("binary.data", "binary.data:2: the file holds binary data"),
        ("bad-utf8.data", "bad-utf8.data:3: the file holds binary data"),
        ("no-such-file.csv", "no-such-file.csv: cannot read the file: no such file"),
        (".", "cannot read the file: it is a directory"),
    ]

    @Test(arguments: rejected)
    func malformedDataIsRejectedWithASpecificMessage(file: String, message: String) throws {
        let directory = try temporaryDirectory()
        let result = try descent(["train", "--data", Self.corpus + "/" + file, "--backend", "cpu"], in: directory)
        #expect(result.status != 0)
        #expect(result.errors.contains(message), "stderr: \(result.errors)")
        #expect(!result.errors.contains("Fatal error"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)  // nothing written
    }

    @Test func bomCRLFQuotesSpacesAndBlankLinesAreAccepted() throws {
        let result = try descent(["train", "--data", Self.corpus + "/accepted.csv", "--split", "0.6", "--backend", "cpu",
                                  "--batch-size", "2", "--epochs", "3"], in: try temporaryDirectory())
        #expect(result.status == 0, "stderr: \(result.errors)")
        #expect(result.errors.contains("3 train rows, 2 test rows, 2 features, target y"))
    }

    @Test func anUnknownTargetNamesTheColumns() throws {
        let result = try descent(["train", "--data", Self.corpus + "/accepted.csv", "--target", "nope"])
        #expect(result.status != 0 && result.errors.contains("no column named 'nope' for --target (columns: x1, x2, y)"))
    }

    @Test func aFileTooLargeForMemoryIsRefusedBeforeReading() throws {
        #expect(throws: DataError.tooLarge(source: Self.corpus + "/accepted.csv", bytes: 61, memoryBytes: 100)) {
            try DelimitedFileReader.read(path: Self.corpus + "/accepted.csv", memoryBytes: 100)
        }
    }

    @Test(arguments: [
        (["--split", "0.001"], "--split 0.001 leaves 0 training and 506 test rows of the 506 in housing.data (bundled): expected a fraction from 0.0020 to 0.9980"),
        (["--epochs=-3"], "--epochs -3 is out of range: expected an integer ≥ 1"),
        (["--checkpoint-every", "0"], "--checkpoint-every 0 is out of range"),
        (["--learning-rate", "inf"], "--learning-rate inf is out of range: expected a finite number > 0"),
    ])
    func settingsOutOfRangeAreRejectedBeforeAnyWork(arguments: [String], message: String) throws {
        let directory = try temporaryDirectory()
        let result = try descent(["train", "--backend", "cpu"] + arguments, in: directory)
        #expect(result.status != 0 && result.errors.contains(message), "stderr: \(result.errors)")
        #expect(!result.errors.contains("Epoch"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func aBatchLargerThanTheTrainingSetIsOneFullBatchStep() throws {
        let result = try descent(["train", "--backend", "cpu", "--batch-size", "1000", "--epochs", "2"], in: try temporaryDirectory())
        #expect(result.status == 0)
        #expect(result.errors.contains("--batch-size 1000 is larger than the 404 training rows: each epoch is one step"))
        #expect(result.output.split(separator: "\n").count == 2)
    }

    @Test func predictChecksTheFeatureCount() throws {
        let directory = try temporaryDirectory()
        _ = try descent(["train", "--backend", "cpu", "--quiet"], in: directory)
        try "1 2 3\n".write(toFile: directory + "/short.txt", atomically: true, encoding: .utf8)
        let result = try descent(["predict", "--data", "short.txt"], in: directory)
        #expect(result.status != 0 && result.errors.contains("rows have 3 columns and no header; the model was trained on headerless rows of 14 columns with the target in column 14: give rows of 14 columns, or 13 without the target"), "\(result.errors)")
    }
}

