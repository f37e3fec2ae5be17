import Foundation
import Testing
@testable import Descent

/// `.descent` caches: what a text file holds, as float32, read back by mapping; corrupt or
/// truncated caches refused naming the offset and what was expected.
@Suite struct DescentCacheTests {
    let directory: String = {
        let path = NSTemporaryDirectory() + "descent-cache-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    func cache(of text: String) throws -> (path: String, bytes: Data) {
        let source = directory + "/t.csv", path = directory + "/t.descent"
        try Data(text.utf8).write(to: URL(fileURLWithPath: source))
        let bytes = try DescentCache.encode(path: source).bytes
        try bytes.write(to: URL(fileURLWithPath: path))
        return (path, bytes)
    }

    func failure(_ bytes: Data) -> String {
        let path = directory + "/bad.descent"
        try? bytes.write(to: URL(fileURLWithPath: path))
        do { _ = try IngestReader.read(path: path); return "read" } catch { return error.description }
    }

    @Test func aCacheReadsBackAsItsTextFileInFloat32() throws {
        let text = "a,b,\"y\"\n1.5,-2,3e-3\n4,0.1,-0\n1e30,7,8\n"
        let (path, bytes) = try cache(of: text)
        let table = try IngestReader.read(path: path)
        let original = try DelimitedFileReader.parse(Array(text.utf8), source: "t.csv")
        #expect(table.columnNames == ["a", "b", "y"] && table.hasHeader && table.source == path)
        #expect(table.values.values.map(\.bitPattern) == original.values.values.map { Double(Float($0)).bitPattern })
        // The statistics: mean, minimum, maximum per column, after the names.
        let statistics = (0..<9).map { index in
            Double(bitPattern: bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 72 + 8 * index, as: UInt64.self)) })
        }
        let column0 = [1.5, 4, Double(Float(1e30))]
        #expect(statistics[0] == column0.reduce(0, +) / 3 && statistics[1] == 1.5 && statistics[2] == Double(Float(1e30)))
        #expect(statistics[4] == -2 && statistics[5] == 7)
        // Header-less files keep their x1… names and say so.
        let plain = try IngestReader.read(path: try cache(of: "1 2\n3 4\n").path)
        #expect(!plain.hasHeader && plain.columnNames == ["x1", "x2"] && plain.values.values == [1, 2, 3, 4])
    }

    @Test func aCorruptCacheSaysWhatIsWrongAndWhere() throws {
        let (_, bytes) = try cache(of: "a,b\n1,2\n3,4\n")
        let prefix = "cannot read the file: a corrupt .descent cache: "
        #expect(failure(bytes.prefix(30)).hasSuffix(prefix + "truncated: the file is 30 bytes, shorter than the 64-byte header"))
        #expect(failure(bytes.prefix(70)).hasSuffix(prefix + "truncated: the values end at offset 80, the file at 70"))
        #expect(failure(bytes.dropLast()).hasSuffix(prefix + "truncated: the statistics end at offset \(bytes.count), the file at \(bytes.count - 1)"))
        #expect(failure(bytes + Data([0])).hasSuffix(prefix + "1 bytes after the statistics' end at offset \(bytes.count)"))
        var version = bytes
        version[8] = 9
        #expect(failure(version).hasSuffix(prefix + "version 9 at offset 8, expected 1"))
        var rows = bytes
        rows[16] = 3
        #expect(failure(rows).hasSuffix(prefix + "the names' offset at offset 32 is 80, expected 88 (64 + rows × columns × 4)"))
        var nan = bytes
        nan.replaceSubrange(68..<72, with: [0x00, 0x00, 0xC0, 0x7F])
        #expect(failure(nan).hasSuffix(prefix + "the value at row 1, column 2 (offset 68) is not finite"))
        var name = bytes
        name[80] = 200
        #expect(failure(name).hasSuffix(prefix + "column name 1 at offset 80 is 200 bytes, past the names' end at offset 90"))
    }

    @Test func valuesThatOverflowFloat32AreRefused() throws {
        let source = directory + "/big.csv"
        try Data("1,2\n3,1e300\n".utf8).write(to: URL(fileURLWithPath: source))
        #expect(throws: DataError.notFinite(source: source, line: 2, column: 2, text: "1e300")) { try DescentCache.encode(path: source) }
    }
}
