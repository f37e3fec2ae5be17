import Foundation
import Testing

/// `descent train --shuffle rows|chunks --chunk-rows N --shuffle-buffer K` and streaming (issue
/// 14): bad values are refused by their flags; data larger than the device (capped here with
/// `DESCENT_DEVICE_MEMORY_MB`) streams in chunks, with a notice, to the model the resident chunk
/// shuffle trains on the same chunk plan.
@Suite struct StreamingCommandTests {
    @Test(arguments: [
        (["--chunk-rows", "0"], "--chunk-rows 0 is out of range: expected an integer from 1 to 2147483647"),
        (["--shuffle", "chunks", "--shuffle-buffer", "0"], "--shuffle-buffer 0 is out of range: expected an integer from 1 to 2147483647"),
        (["--shuffle", "rows", "--chunk-rows", "100"], "--chunk-rows 100 applies to --shuffle chunks, not --shuffle rows"),
        (["--shuffle", "chunks", "--checkpoint", "run.ckpt"], "--checkpoint cannot be combined with --shuffle chunks yet"),
        (["--shuffle", "sideways"], "--shuffle"),
    ])
    func badFlagsAreRefused(flags: [String], message: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try descent(["train", "--backend", "cpu", "--epochs", "1", "--quiet"] + flags, in: directory)
        #expect(result.status != 0)
        #expect(result.errors.contains(message), "\(result.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    @Test func aBadDeviceMemoryCapIsRefused() throws {
        let result = try descent(["train", "--backend", "opencl", "--epochs", "1", "--quiet"], environment: ["DESCENT_DEVICE_MEMORY_MB": "lots"])
        #expect(result.status != 0)
        #expect(result.errors.contains("DESCENT_DEVICE_MEMORY_MB=lots is out of range: expected a whole number of MiB ≥ 1") || result.errors.contains("no OpenCL device"),
                "\(result.errors)")
    }

    /// The CPU reference trains the chunk shuffle resident; its model is the same whichever way the rows are cut.
    @Test func chunkShuffleTrainsOnTheCPU() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.rows(2_000).write(toFile: directory + "/rows.csv", atomically: true, encoding: .utf8)
        let result = try descent(["train", "--data", "rows.csv", "--backend", "cpu", "--epochs", "2", "--quiet", "--chunk-rows", "300",
                                  "--shuffle-buffer", "2", "--model-out", "m.json"], in: directory)
        #expect(result.status == 0, "\(result.errors)")
        let rows = try descent(["train", "--data", "rows.csv", "--backend", "cpu", "--epochs", "2", "--quiet", "--model-out", "r.json"], in: directory)
        #expect(rows.status == 0)
        #expect(try Self.parameters(directory + "/m.json") != Self.parameters(directory + "/r.json"), "the chunk shuffle orders the rows differently")
    }

    /// 40,000 rows of 10 features (32,000 to train) need 1.7 MB on the device: under a 1 MiB cap they stream.
    @Test func dataLargerThanTheDeviceStreams() throws {
        guard try descent(["devices"]).output.contains("[0]") else {
            #expect(!openCLRequired, "DESCENT_REQUIRE_OPENCL=1 but `descent devices` found none")
            return
        }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.rows(40_000).write(toFile: directory + "/rows.csv", atomically: true, encoding: .utf8)
        let flags = ["train", "--data", "rows.csv", "--backend", "opencl", "--epochs", "2", "--quiet", "--chunk-rows", "1000", "--shuffle-buffer", "2"]
        let streamed = try descent(flags + ["--model-out", "s.json"], in: directory, environment: ["DESCENT_DEVICE_MEMORY_MB": "1"])
        #expect(streamed.status == 0, "\(streamed.errors)")
        #expect(streamed.errors.contains("which has 1 MiB"), "\(streamed.errors)")
        #expect(streamed.errors.contains("streaming them in pieces of 2000 rows (--shuffle chunks: chunks of 1000 rows, 2 per shuffle buffer)"), "\(streamed.errors)")
        let resident = try descent(flags + ["--model-out", "r.json"], in: directory)
        #expect(resident.status == 0, "\(resident.errors)")
        #expect(!resident.errors.contains("streaming"))
        #expect(try Self.parameters(directory + "/s.json") == Self.parameters(directory + "/r.json"))

        let refused = try descent(flags + ["--validation", "0.1"], in: directory, environment: ["DESCENT_DEVICE_MEMORY_MB": "1"])
        #expect(refused.status != 0)
        #expect(refused.errors.contains("streaming does not support --validation yet"), "\(refused.errors)")
        let large = try descent(flags.dropLast(4) + ["--chunk-rows", "20000"], in: directory, environment: ["DESCENT_DEVICE_MEMORY_MB": "1"])
        #expect(large.status != 0)
        #expect(large.errors.contains("streaming them in pieces of 32000 rows (--chunk-rows 20000 × --shuffle-buffer 4, in whole batches) needs"), "\(large.errors)")
        #expect(large.errors.contains("lower --chunk-rows or --shuffle-buffer"), "\(large.errors)")
        let exact = try descent(["train", "--data", "rows.csv", "--backend", "opencl", "--epochs", "1", "--quiet", "--shuffle", "rows"],
                                in: directory, environment: ["DESCENT_DEVICE_MEMORY_MB": "1"])
        #expect(exact.status != 0)
        #expect(exact.errors.contains("--shuffle rows needs them all on the device"), "\(exact.errors)")
    }

    /// `rows` rows of 10 features and a target, fixed numbers.
    static func rows(_ count: Int) -> String {
        var text = (0..<10).map { "x\($0)" }.joined(separator: ",") + ",y\n"
        for row in 0..<count {
            let features = (0..<10).map { Double((row * 7 + $0 * 13) % 101) / 10 }
            let target = features.enumerated().reduce(0.5) { $0 + Double($1.offset % 3 - 1) * $1.element }
            text += (features + [target]).map { String($0) }.joined(separator: ",") + "\n"
        }
        return text
    }

    /// A saved model's parameters, to compare runs.
    static func parameters(_ path: String) throws -> [Double] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        let parameters = object?["parameters"] as? [Double] ?? []
        #expect(!parameters.isEmpty, "no parameters in \(path)")
        return parameters
    }
}
