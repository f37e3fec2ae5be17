import Foundation
import Testing

/// `descent train` holds a large file's rows once, as float32 (issue 14; files past 64 MiB, or
/// past `DESCENT_FLOAT32_FILE_BYTES` to try it here): the OpenCL device trains on those rows in
/// place and ends where it ends from float64 rows (it rounds them to float32 itself); the CPU
/// reference widens them and trains too.
@Suite struct Float32RowsCommandTests {
    @Test func float32RowsTrainTheModelThatFloat64RowsTrain() throws {
        let directory = try FileStreamingCommandTests.directoryWithCache()  // rows.descent: float32 values
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let flags = ["train", "--data", "rows.descent", "--epochs", "3", "--batch-size", "64", "--quiet", "--learning-rate", "0.05"]
        for (backend, _) in try Self.bothPrecisions(flags, in: directory) {
            let learned64 = try FileStreamingCommandTests.learned(directory + "/64-\(backend).json")
            let learned32 = try FileStreamingCommandTests.learned(directory + "/32-\(backend).json")
            #expect(learned32[1] == learned64[1], "the normalisation, measured in float64 from the same float32 values")
            if backend == "opencl" {
                #expect(learned32[0] == learned64[0], "the device trains on the same float32 rows")
            } else {
                let a = try StreamingCommandTests.parameters(directory + "/32-\(backend).json"), b = try StreamingCommandTests.parameters(directory + "/64-\(backend).json")
                #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) }, "\(a) against \(b)")
                #expect(a != b, "float64 arithmetic on rows rounded to float32 (so the float32 path ran) ends a few ulps away")
            }
        }
    }

    /// A file with a text label column and empty fields is read as float32 too (it used to be
    /// parsed again whole, in float64): the device trains the float64 read's model on it, and the
    /// CPU reference ends a few ulps away, as for a file of numbers.
    @Test func labelsAndEmptyFieldsTrainAsFloat32() throws {
        let directory = NSTemporaryDirectory() + "descent-float32-table-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rows = (0..<300).map { i in
            let (a, b) = (Double(i % 17) / 8 - 1.125, Double((i * 7) % 23) / 16 - 0.75)  // float32 holds them: the same table
            return "\(i % 29 == 0 ? "" : String(a)),\(b),\(a + 0.5 * b > 0 ? "up" : "down")"
        }
        try (["a,b,direction"] + rows).joined(separator: "\n").write(toFile: directory + "/table.csv", atomically: true, encoding: .utf8)
        let flags = ["train", "--data", "table.csv", "--model", "logistic", "--missing", "mean", "--epochs", "3", "--batch-size", "32", "--quiet"]
        for (backend, float32) in try Self.bothPrecisions(flags, in: directory) {
            #expect(float32.errors.contains("(classes down, up)"), "\(float32.errors)")
            let a = try StreamingCommandTests.parameters(directory + "/32-\(backend).json"), b = try StreamingCommandTests.parameters(directory + "/64-\(backend).json")
            if backend == "opencl" {
                #expect(a == b, "the device trains on the same float32 rows")
            } else {
                #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) }, "\(a) against \(b)")
                #expect(a != b, "float64 arithmetic on rows rounded to float32 (so the float32 read ran) ends a few ulps away")
            }
        }
    }

    /// `train flags` on each backend (OpenCL where there is a device, and the CPU reference) into
    /// 64-BACKEND.json as the file's size decides (float64 here) and into 32-BACKEND.json held as
    /// float32; each backend with its float32 run.
    static func bothPrecisions(_ flags: [String], in directory: String) throws -> [(backend: String, float32: CommandResult)] {
        let opencl = try descent(["devices"]).output.contains("[0]")
        #expect(opencl || !openCLRequired, "DESCENT_REQUIRE_OPENCL=1 but `descent devices` found none")
        return try (opencl ? ["opencl", "cpu"] : ["cpu"]).map { backend in
            let float64 = try descent(flags + ["--backend", backend, "--model-out", "64-\(backend).json"], in: directory)
            #expect(float64.status == 0, "\(float64.errors)")
            let float32 = try descent(flags + ["--backend", backend, "--model-out", "32-\(backend).json"], in: directory,
                                      environment: ["DESCENT_FLOAT32_FILE_BYTES": "0"])
            #expect(float32.status == 0, "\(float32.errors)")
            return (backend, float32)
        }
    }

    /// A `DESCENT_FLOAT32_FILE_BYTES` that is not a number was ignored (the 64 MiB default stayed
    /// in force without a word), where `DESCENT_DEVICE_MEMORY_MB` refuses one: refused too.
    @Test func aFloat32SizeThatIsNotANumberIsRefused() throws {
        let directory = NSTemporaryDirectory() + "descent-float32-size-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try (["a,y"] + (0..<20).map { "\($0),\(2 * $0)" }).joined(separator: "\n").write(toFile: directory + "/rows.csv", atomically: true, encoding: .utf8)
        let flags = ["train", "--data", "rows.csv", "--epochs", "1", "--quiet", "--backend", "cpu", "--model-out", "m.json"]
        #expect(try descent(flags, in: directory, environment: ["DESCENT_FLOAT32_FILE_BYTES": "0"]).status == 0)
        for text in ["64MiB", "-1", ""] {
            let run = try descent(flags, in: directory, environment: ["DESCENT_FLOAT32_FILE_BYTES": text])
            #expect(run.status != 0, "\(text)")
            #expect(run.errors.contains("DESCENT_FLOAT32_FILE_BYTES=\(text) is not a file size"), "\(run.errors)")
        }
    }

    /// Class labels past 2^24 are not all float32 numbers: parsed as float32, 16777217 read as
    /// 16777216 and two classes silently became one (three classes trained as two). Refused,
    /// naming the column, the value and how to keep float64. A `.descent` cache rounded them so
    /// when it was written, so it is refused however it is loaded (a small one as float64 trained
    /// three classes as two), with the way out that remains (the file it came from).
    @Test func classLabelsFloat32CannotHoldAreRefused() throws {
        let directory = NSTemporaryDirectory() + "descent-float32-labels-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rows = (0..<60).map { "\(Double($0) / 60),\([1, 16777216, 16777217][$0 % 3])" }
        try (["a,label"] + rows).joined(separator: "\n").write(toFile: directory + "/labels.csv", atomically: true, encoding: .utf8)
        let flags = ["train", "--data", "labels.csv", "--model", "softmax", "--epochs", "1", "--quiet", "--backend", "cpu", "--model-out", "m.json"]
        #expect(try descent(flags, in: directory).status == 0, "float64 rows hold the labels exactly")
        let float32 = try descent(flags, in: directory, environment: ["DESCENT_FLOAT32_FILE_BYTES": "0"])
        #expect(float32.status != 0)
        #expect(float32.errors.contains("labels.csv: the target column 'label' holds the class 16777216, beyond 2^24"), "\(float32.errors)")
        #expect(float32.errors.contains("DESCENT_FLOAT32_FILE_BYTES"))
        #expect(try descent(["convert", "labels.csv", "--output", "labels.descent"], in: directory).status == 0)
        let cache = try descent(flags.map { $0 == "labels.csv" ? "labels.descent" : $0 }, in: directory)
        #expect(cache.status != 0)
        #expect(cache.errors.contains("labels.descent: the target column 'label' holds the class 16777216, beyond 2^24, "
                                      + "and a .descent cache holds float32"), "\(cache.errors)")
        #expect(cache.errors.contains("train from the file it was converted from"))
    }

    /// Fractional class labels and categorical levels read as float32 (or from a cache) were named
    /// by their float64 widening ('0.10000000149011612'), saved so in the model; predict showed those
    /// names against the file's 0.1, and refused the file's level 0.1 as one never trained on.
    @Test func fractionalClassLabelsKeepTheirNames() throws {
        let directory = NSTemporaryDirectory() + "descent-float32-names-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rows = (0..<60).map { "\(Double($0) / 60),\(["0.1", "0.2", "0.3"][$0 % 3])" }
        try (["a,label"] + rows).joined(separator: "\n").write(toFile: directory + "/labels.csv", atomically: true, encoding: .utf8)
        let flags = ["train", "--data", "labels.csv", "--model", "softmax", "--epochs", "1", "--quiet", "--backend", "cpu", "--model-out", "m.json"]
        let float32 = try descent(flags, in: directory, environment: ["DESCENT_FLOAT32_FILE_BYTES": "0"])
        #expect(float32.status == 0, "\(float32.errors)")
        #expect(float32.errors.contains("(classes 0.1, 0.2, 0.3)"), "\(float32.errors)")
        let model = try String(contentsOfFile: directory + "/m.json", encoding: .utf8)
        #expect(!model.contains("0.10000000149011612"))
        #expect(try descent(["convert", "labels.csv", "--output", "labels.descent"], in: directory).status == 0)
        let cache = try descent(flags.map { $0 == "labels.csv" ? "labels.descent" : $0 }, in: directory)
        #expect(cache.errors.contains("(classes 0.1, 0.2, 0.3)"), "a cache's float32 values, widened as loaded: \(cache.errors)")
        // Categorical levels too: trained on float32 rows, the model predicts on the float64 read.
        let levels = try descent(["train", "--data", "labels.csv", "--target", "a", "--categorical", "label", "--epochs", "1", "--quiet",
                                  "--backend", "cpu", "--model-out", "levels.json"], in: directory, environment: ["DESCENT_FLOAT32_FILE_BYTES": "0"])
        #expect(levels.status == 0, "\(levels.errors)")
        let predicted = try descent(["predict", "--model", "levels.json", "--data", "labels.csv"], in: directory)
        #expect(predicted.status == 0, "\(predicted.errors)")
        // A float64 file holding 0.1 and the float32 0.100000001490116… keeps them two levels, each its own.
        let twins = (0..<60).map { "\(Double($0) / 60),\(["0.1", "0.100000001490116119384765625", "0.2"][$0 % 3])" }
        try (["a,label"] + twins).joined(separator: "\n").write(toFile: directory + "/twins.csv", atomically: true, encoding: .utf8)
        let train = try descent(["train", "--data", "twins.csv", "--target", "a", "--categorical", "label", "--epochs", "1", "--quiet",
                                 "--backend", "cpu", "--model-out", "twins.json"], in: directory)
        #expect(train.status == 0, "\(train.errors)")
        #expect(try String(contentsOfFile: directory + "/twins.json", encoding: .utf8).contains("0.10000000149011612"))
        let twinsPredicted = try descent(["predict", "--model", "twins.json", "--data", "twins.csv"], in: directory)
        #expect(twinsPredicted.status == 0, "\(twinsPredicted.errors)")
    }
}
