import Foundation
import Testing

/// `descent bench` itself: its published keys, its check before timing, and its two orders of reading.
@Suite struct BenchCommandTests {
    static let kernels = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Kernels")
    static let keys: Set = ["backend", "device", "batchSize", "epochSeconds", "samplesPerSecond", "stepsPerSecond",
                            "gigabytesPerSecond", "shuffle", "meanReadStride", "peakResidentBytes"]
    static let csvHeader = "backend,device,batchSize,epochSeconds,deviceSeconds,stepsPerSecond,samplesPerSecond,"
        + "gigabytesPerSecond,bandwidthFraction,shuffle,meanReadStride,peakResidentBytes"

    /// A tiny run, one batch size: the records of every backend (the OpenCL one, with its bandwidth
    /// probe, where a device exists), as JSON objects and CSV lines.
    func bench(shuffle: String, backend: String = "all", buffer: Int = 2) throws -> (result: CommandResult, json: [[String: Any]], csv: [String]) {
        let directory = try temporaryDirectory()
        let result = try descent(["bench", "--backend", backend, "--rows", "2000", "--features", "3", "--batch-sizes", "32",
                                  "--epochs", "1", "--repeats", "1", "--shuffle", shuffle, "--chunk-rows", "50", "--shuffle-buffer", "\(buffer)",
                                  "--json", "b.json", "--csv", "b.csv"], in: directory)
        let json = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/b.json")))) as? [[String: Any]]
        let csv = (try? String(contentsOfFile: directory + "/b.csv", encoding: .utf8))?.split(separator: "\n").map(String.init)
        return (result, json ?? [], csv ?? [])
    }

    @Test(arguments: ["rows", "chunks"])
    func everyShuffleWritesThePublishedKeys(shuffle: String) throws {
        let run = try bench(shuffle: shuffle)
        #expect(run.result.status == 0, "\(run.result.errors)")
        #expect(run.json.contains { $0["backend"] as? String == "cpu" }, "\(run.json)")
        for record in run.json {
            #expect(Self.keys.isSubset(of: record.keys), "missing \(Self.keys.subtracting(record.keys))")
            #expect(record["shuffle"] as? String == shuffle && record["batchSize"] as? Int == 32)
            #expect((record["peakResidentBytes"] as? Int ?? 0) > 1 << 20)
            if record["backend"] as? String == "opencl" {  // from the recorded epoch after the timed ones
                #expect((record["deviceSeconds"] as? Double ?? 0) > 0, "\(record)")
            }
        }
        #expect(run.csv.first == Self.csvHeader)
        #expect(run.csv.count == run.json.count + 1)
        let columns = Self.csvHeader.split(separator: ",").count
        #expect(run.csv.dropFirst().allSatisfy { Self.fields($0) == columns }, "\(run.csv)")
    }

    /// The fields of a CSV line, a quoted field (the device's name has commas) counted once.
    static func fields(_ line: String) -> Int {
        var count = 1, quoted = false
        for character in line {
            if character == "\"" { quoted.toggle() } else if character == ",", !quoted { count += 1 }
        }
        return count
    }

    /// Without --chunk-rows each batch size gets train's default plan: a batch of 16,384 is one
    /// buffer of four 4,096-row chunks, read in order (stride 1 within each chunk); a batch of 32
    /// samples a buffer of 4 × 65,536 rows (here all 20,000) at random.
    @Test func chunksFollowTrainsDefaultPerBatchSize() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try descent(["bench", "--backend", "cpu", "--rows", "20000", "--features", "3", "--batch-sizes", "16384,32",
                                  "--epochs", "1", "--repeats", "1", "--shuffle", "chunks", "--json", "b.json"], in: directory)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("cpu batch 16384: warming up, timing 1 × 1 epoch(s), --shuffle chunks (chunks of 4096 rows, 4 per shuffle buffer)"), "\(result.errors)")
        #expect(result.errors.contains("cpu batch 32: warming up, timing 1 × 1 epoch(s), --shuffle chunks (chunks of 65536 rows, 4 per shuffle buffer)"), "\(result.errors)")
        let records = (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/b.json")))) as? [[String: Any]] ?? []
        let stride = { (batch: Int) in records.first { $0["batchSize"] as? Int == batch }?["meanReadStride"] as? Double ?? .nan }
        #expect(stride(16_384) < 10 && stride(32) > 1_000, "\(records)")
    }

    /// Rows: a random gather over all 2000 rows (about 667 rows between reads); chunks of 50 rows,
    /// one to a shuffle buffer: about 17 rows between reads within a chunk, and a jump between chunks.
    @Test func chunksAndRowsReportDifferentOrdersOfReading() throws {
        let rows = try bench(shuffle: "rows", backend: "cpu"), chunks = try bench(shuffle: "chunks", backend: "cpu", buffer: 1)
        let rowStride = rows.json.first?["meanReadStride"] as? Double ?? 0
        let chunkStride = chunks.json.first?["meanReadStride"] as? Double ?? .infinity
        #expect(rowStride > 400 && chunkStride < 100, "rows \(rowStride), chunks \(chunkStride)")
    }

    /// A kernel with the bias update's sign flipped is caught by the one-step check against the
    /// CPU reference, and nothing is timed or recorded.
    @Test func aWrongKernelFailsValidationBeforeAnyTiming() throws {
        let found = try descent(["devices"]).output.contains("[0]")
        #expect(found || !openCLRequired, "DESCENT_REQUIRE_OPENCL=1 but `descent devices` found none")
        guard found else { return }
        let directory = try temporaryDirectory()
        for name in ["common.cl", "linear.cl"] {
            var text = try String(contentsOf: Self.kernels.appendingPathComponent(name), encoding: .utf8)
            if name == "linear.cl" {
                let update = "w[FEATURES] -= step * (scale * r_sum);"
                #expect(text.contains(update), "the planted bug no longer applies to linear.cl")
                text = text.replacingOccurrences(of: update, with: "w[FEATURES] += step * (scale * r_sum);")
            }
            try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
        let result = try descent(["bench", "--backend", "opencl", "--kernel-source", directory, "--rows", "512", "--features", "4",
                                  "--batch-sizes", "16", "--epochs", "1", "--repeats", "1", "--json", "b.json"], in: directory)
        #expect(result.status != 0 && result.errors.contains("one step disagrees with the CPU reference"), "\(result.errors)")
        #expect(!result.errors.contains("warming up"), "\(result.errors)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/b.json"))) as? [Any]
        #expect(json?.isEmpty == true)
    }
}
