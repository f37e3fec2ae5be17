import Descent
@testable import DescentCLI
import Foundation
import Testing

/// `descent train` on a `.descent` cache read a piece at a time (issue 14): `--stream`, or by
/// itself when the rows do not fit on the device (capped with `DESCENT_DEVICE_MEMORY_MB`),
/// trains the model, saves the file and prints the summary that loading the file whole and the
/// same chunk shuffle give; what it cannot serve yet is refused by its flag.
@Suite struct FileStreamingCommandTests {
    /// A directory holding `rows.csv` (2,000 rows of 10 features and a target) and its cache `rows.descent`.
    static func directoryWithCache() throws -> String {
        let directory = try temporaryDirectory()
        try StreamingCommandTests.rows(2_000).write(toFile: directory + "/rows.csv", atomically: true, encoding: .utf8)
        let converted = try descent(["convert", "rows.csv", "--output", "rows.descent"], in: directory)
        #expect(converted.status == 0, "\(converted.errors)")
        return directory
    }

    static func model(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
    }

    /// The saved model's parts that training decides (not its backend or date), as JSON text to compare.
    static func learned(_ path: String) throws -> [String] {
        let model = try Self.model(path)
        let training = model["training"] as? [String: Any] ?? [:]
        return try [model["parameters"], model["normalization"], model["input"], training["summary"]].map { part in
            String(decoding: try JSONSerialization.data(withJSONObject: part ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
        }
    }

    @Test func streamingFromTheFileTrainsTheLoadedFilesModel() throws {
        let directory = try Self.directoryWithCache()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let flags = ["train", "--data", "rows.descent", "--backend", "cpu", "--epochs", "2", "--batch-size", "50", "--learning-rate", "0.05",
                     "--chunk-rows", "300", "--shuffle-buffer", "2", "--optimizer", "adam"]
        let loaded = try descent(flags + ["--model-out", "loaded.json"], in: directory)
        #expect(loaded.status == 0, "\(loaded.errors)")
        let streamed = try descent(flags + ["--stream", "--model-out", "streamed.json"], in: directory)
        #expect(streamed.status == 0, "\(streamed.errors)")
        #expect(streamed.errors.contains("Training a linear model on rows.descent, read a piece at a time: 1600 train rows, 400 test rows, 10 features, target y"),
                "\(streamed.errors)")
        #expect(streamed.errors.contains("notice: pieces of 600 rows (--shuffle chunks: chunks of 300 rows, 2 per shuffle buffer)"), "\(streamed.errors)")
        #expect(streamed.output == loaded.output && streamed.output.split(separator: "\n").count == 2 * 32)
        #expect(try Self.learned(directory + "/streamed.json") == Self.learned(directory + "/loaded.json"))
        let summary = try #require(streamed.errors.range(of: "Summary"))
        #expect(streamed.errors[summary.lowerBound...] == loaded.errors[try #require(loaded.errors.range(of: "Summary")).lowerBound...])
        let predicted = try descent(["predict", "--model", "streamed.json", "--data", "rows.csv"], in: directory)
        #expect(predicted.status == 0, "\(predicted.errors)")
    }

    /// A cache whose target holds the classes 0, 1 and 2: a softmax classifier read a piece at a
    /// time is the loaded file's (parameters, classes, summary) on each backend, and `predict` names the class.
    @Test(arguments: ["cpu", "opencl"])
    func aClassifierStreamsAsTheLoadedFileTrainsIt(backend: String) throws {
        if backend == "opencl", try !descent(["devices"]).output.contains("[0]") {
            #expect(!openCLRequired, "DESCENT_REQUIRE_OPENCL=1 but `descent devices` found none")
            return
        }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var text = "a,b,c,kind\n"
        for row in 0..<900 {
            let a = Double((row * 37) % 101) / 10, b = Double((row * 53) % 89) / 10, c = Double(row % 7)
            text += "\(a),\(b),\(c),\(a + b < 7 ? 0 : a > b ? 1 : 2)\n"
        }
        try text.write(toFile: directory + "/kinds.csv", atomically: true, encoding: .utf8)
        #expect(try descent(["convert", "kinds.csv", "--output", "kinds.descent"], in: directory).status == 0)
        let flags = ["train", "--data", "kinds.descent", "--backend", backend, "--model", "softmax", "--epochs", "3", "--batch-size", "32",
                     "--learning-rate", "0.5", "--chunk-rows", "100", "--shuffle-buffer", "3"]
        let loaded = try descent(flags + ["--model-out", "loaded.json"], in: directory)
        let streamed = try descent(flags + ["--stream", "--model-out", "streamed.json"], in: directory)
        #expect(loaded.status == 0 && streamed.status == 0, "\(loaded.errors)\n\(streamed.errors)")
        #expect(streamed.errors.contains("read a piece at a time: 720 train rows, 180 test rows, 3 features, target kind (classes 0, 1, 2)"), "\(streamed.errors)")
        #expect(streamed.output == loaded.output)
        let parts = { (name: String) throws -> [String] in
            let model = try Self.model(directory + "/" + name), training = model["training"] as? [String: Any] ?? [:]
            return try [model["parameters"], model["normalization"], model["classNames"], training["classification"]].map { part in
                String(decoding: try JSONSerialization.data(withJSONObject: part ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
            }
        }
        #expect(try parts("streamed.json") == parts("loaded.json"))
        #expect(try parts("streamed.json")[2] == #"["0","1","2"]"#)
        let summary = try #require(streamed.errors.range(of: "Summary (test rows)"))
        #expect(streamed.errors[summary.lowerBound...] == loaded.errors[try #require(loaded.errors.range(of: "Summary (test rows)")).lowerBound...])
        let predicted = try descent(["predict", "--model", "streamed.json", "--data", "kinds.csv"], in: directory)
        #expect(predicted.status == 0 && predicted.output.contains("probability"), "\(predicted.errors)")
    }

    /// An MLP on a target of five integers read as numbers: the notice loading the file gives,
    /// from the file read a piece at a time; none for a target of real numbers.
    @Test func fewIntegerValuesAreNoticedAsLoadingNoticesThem() throws {
        let directory = try Self.directoryWithCache()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var text = "a,b,grade\n"
        for row in 0..<500 { text += "\(Double(row % 13) / 4),\(row % 7),\((row * 3) % 5)\n" }
        try text.write(toFile: directory + "/grades.csv", atomically: true, encoding: .utf8)
        #expect(try descent(["convert", "grades.csv", "--output", "grades.descent"], in: directory).status == 0)
        let notice = "notice: the target holds only 5 distinct integers, read as numbers (regression); --task classification reads them as classes"
        let flags = ["train", "--model", "mlp", "--hidden", "3", "--epochs", "1", "--backend", "cpu", "--model-out", "m.json"]
        let loaded = try descent(flags + ["--data", "grades.descent"], in: directory)
        let streamed = try descent(flags + ["--data", "grades.descent", "--stream"], in: directory)
        #expect(loaded.status == 0 && loaded.errors.contains(notice), "\(loaded.errors)")
        #expect(streamed.status == 0 && streamed.errors.contains(notice), "\(streamed.errors)")
        let real = try descent(flags + ["--data", "rows.descent", "--stream"], in: directory)
        #expect(real.status == 0 && !real.errors.contains("distinct integers"), "\(real.errors)")
    }

    /// 1,600 training rows of 10 features need more than a 1 MiB device holds with --chunk-rows 20000: read from the file.
    @Test func rowsLargerThanTheDeviceAreReadFromTheFile() throws {
        guard try descent(["devices"]).output.contains("[0]") else {
            #expect(!openCLRequired, "DESCENT_REQUIRE_OPENCL=1 but `descent devices` found none")
            return
        }
        let directory = try Self.directoryWithCache()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try StreamingCommandTests.rows(40_000).write(toFile: directory + "/large.csv", atomically: true, encoding: .utf8)
        #expect(try descent(["convert", "large.csv", "--output", "large.descent"], in: directory).status == 0)
        let flags = ["train", "--data", "large.descent", "--backend", "opencl", "--epochs", "2", "--quiet", "--chunk-rows", "1000", "--shuffle-buffer", "2"]
        let streamed = try descent(flags + ["--model-out", "s.json"], in: directory, environment: ["DESCENT_DEVICE_MEMORY_MB": "1"])
        #expect(streamed.status == 0, "\(streamed.errors)")
        #expect(streamed.errors.contains("notice: large.descent: its 32000 training rows need 1.6 MiB on") && streamed.errors.contains("which has 1.0 MiB: training on them a piece at a time, read from the file (never loaded whole)"),
                "\(streamed.errors)")
        let loaded = try descent(flags + ["--shuffle", "chunks", "--model-out", "r.json"], in: directory)
        #expect(loaded.status == 0 && !loaded.errors.contains("piece at a time"), "\(loaded.errors)")
        #expect(try StreamingCommandTests.parameters(directory + "/s.json") == StreamingCommandTests.parameters(directory + "/r.json"))
        // Flags the file path does not serve keep the loaded path, which streams to the device from memory.
        let validated = try descent(flags + ["--validation", "0.1"], in: directory, environment: ["DESCENT_DEVICE_MEMORY_MB": "1"])
        #expect(!validated.errors.contains("read from the file"))
        // A batch too large for the device is a worded error (it was OpenCL's allocation failure), advising --batch-size.
        let large = try descent(Array(flags.dropLast(4)) + ["--batch-size", "30000", "--model-out", "b.json"], in: directory, environment: ["DESCENT_DEVICE_MEMORY_MB": "1"])
        #expect(large.status != 0 && large.errors.contains("streaming them in pieces of 30000 rows") && large.errors.contains("a piece is one batch, so lower --batch-size"),
                "\(large.errors)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/b.json"))
    }

    @Test(arguments: [
        (["--data", "rows.csv", "--stream"], "--stream reads a .descent cache or an .npy array a piece at a time, and rows.csv is neither: convert it first"),
        (["--data", "rows.descent", "--stream", "--validation", "0.1"], "--stream cannot be combined with --validation yet"),
        (["--data", "rows.descent", "--stream", "--stratify"], "--stream cannot be combined with --stratify yet"),
        (["--data", "rows.descent", "--stream", "--shuffle", "rows"], "--stream cannot be combined with --shuffle rows yet"),
        (["--data", "rows.descent", "--stream", "--drop", "x1"], "--stream cannot be combined with --drop yet"),
        (["--data", "rows.descent", "--stream", "--target", "z"], "rows.descent: no column named 'z' for --target"),
        (["--stream"], "--stream reads a .descent cache or an .npy array a piece at a time, and housing.data (bundled) is neither"),
    ])
    func whatStreamingCannotServeIsRefused(flags: [String], message: String) throws {
        let directory = try Self.directoryWithCache()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try descent(["train", "--backend", "cpu", "--epochs", "1", "--quiet"] + flags, in: directory)
        #expect(result.status != 0)
        #expect(result.errors.contains(message), "\(result.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["rows.csv", "rows.descent"])
    }

    /// Whether a file fits in memory was judged at float64's 20 bytes a value, though a file past
    /// the float32 size loads at 12: a file that would load streamed, with a notice of 5/3 the memory.
    @Test func theMemoryLoadingWouldTakeIsInTheLoadedPrecision() throws {
        let directory = try Self.directoryWithCache()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = try RowFile(path: directory + "/rows.descent")
        let float64 = DelimitedFileReader.loadBytes(fileBytes: 0, lines: file.rows, fields: file.columns, precision: .float64)
        let float32 = DelimitedFileReader.loadBytes(fileBytes: 0, lines: file.rows, fields: file.columns, precision: .float32)
        #expect(try Train.loadingBytes(file, environment: [:]) == float64)
        #expect(try Train.loadingBytes(file, environment: ["DESCENT_FLOAT32_FILE_BYTES": "0"]) == float32)
        #expect(float32 != float64)
    }

    /// `--stream` on a file that is missing or a directory said it was "neither a .descent cache
    /// nor an .npy array: convert it first"; it names the file's own problem.
    @Test func aMissingOrSpecialFileNamesItsProblem() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/folder.npy", withIntermediateDirectories: true)
        for (name, problem) in [("none.npy", "no such file"), ("folder.npy", "it is a directory")] {
            let run = try descent(["train", "--stream", "--data", name, "--epochs", "1"], in: directory)
            #expect(run.status != 0)
            #expect(run.errors.contains("\(name): cannot read the file: \(problem)") && !run.errors.contains("convert it"), "\(run.errors)")
        }
    }

    /// A file that another program truncates while it is streamed used to end the run with SIGBUS
    /// ("Bus error"): now an error that names the file, status 1, and the model file untouched.
    @Test func aFileTruncatedWhileItIsReadIsAnErrorNotACrash() throws {
        let directory = try Self.directoryWithCache()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "precious\n".write(toFile: directory + "/m.json", atomically: true, encoding: .utf8)
        let run = try RunningDescent(["train", "--data", "rows.descent", "--stream", "--backend", "cpu", "--epochs", "1000000",
                                      "--batch-size", "50", "--learning-rate", "0.05", "--model-out", "m.json"], in: directory)
        #expect(run.wait { run.errors.contains("read a piece at a time") }, "\(run.errors)")
        #expect(truncate(directory + "/rows.descent", 4096) == 0)
        let result = run.finish()
        #expect(!result.signalled && result.status == 1, "\(result)")
        #expect(result.errors.contains("Error: rows.descent: the file became shorter while descent was reading it"), "\(result.errors)")
        #expect(try String(contentsOfFile: directory + "/m.json", encoding: .utf8) == "precious\n")
        #expect(try temporaryFiles(in: directory).isEmpty)
    }
}
