import Foundation
import Testing
@testable import Descent

/// The parallel reader (``IngestParser``, ``IngestReader``) gives exactly what today's reader
/// (``DelimitedFileReader/parse(_:source:)``) gives: the same values bit for bit, names, header,
/// and the same error for every file, wherever the file is cut into chunks.
@Suite struct IngestParserTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpusFiles: [String] = ["Fuzz/corpus", "Tests/DescentCLITests/Corpus"].flatMap { folder in
        let directory = repository.appendingPathComponent(folder).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().map { directory + "/" + $0 }
    }

    /// Today's reader and the new one, on `bytes` cut into chunks of every size in `chunkSizes`.
    func expectSame(_ bytes: [UInt8], chunkSizes: some Sequence<Int>, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = Result { () throws(DataError) in try DelimitedFileReader.parse(bytes, source: "t") }
        for chunkBytes in chunkSizes {
            let found = Result { () throws(DataError) in
                try bytes.withUnsafeBufferPointer { buffer throws(DataError) in
                    try IngestParser.parse(buffer, source: "t", as: Double.self, chunkBytes: chunkBytes)
                }
            }
            // Text columns (class labels) and empty fields (missing values) too: the same table, or the same error.
            switch (expected, found) {
            case let (.success(table), .success(rows)):
                #expect(rows.columnNames == table.columnNames && rows.hasHeader == table.hasHeader, sourceLocation: sourceLocation)
                #expect(rows.rows == table.values.rows && rows.columns == table.values.columns, sourceLocation: sourceLocation)
                #expect(rows.values.map(\.bitPattern) == table.values.values.map(\.bitPattern), "chunks of \(chunkBytes)", sourceLocation: sourceLocation)
                #expect(rows.textColumns == table.textColumns, "chunks of \(chunkBytes)", sourceLocation: sourceLocation)
                let lines = rows.rowLines ?? (0..<rows.rows).map { $0 + (rows.hasHeader ? 2 : 1) }
                #expect(lines == table.rowLines, "chunks of \(chunkBytes)", sourceLocation: sourceLocation)
            case let (.failure(old), .failure(new)):
                #expect(old == new, "chunks of \(chunkBytes): \(String(decoding: bytes.prefix(200), as: UTF8.self))", sourceLocation: sourceLocation)
            default:
                Issue.record("chunks of \(chunkBytes): today \(expected), now \(found) for \(String(decoding: bytes.prefix(200), as: UTF8.self))", sourceLocation: sourceLocation)
            }
            if case .failure = expected, case .failure = found {} else if case .success = expected, case .success = found {} else { return }
        }
    }

    @Test func everyCorpusFileReadsAsToday() throws {
        #expect(Self.corpusFiles.count >= 25)
        for path in Self.corpusFiles {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            expectSame(bytes, chunkSizes: Array(1...min(bytes.count + 1, 80)) + [IngestParser.defaultChunkBytes])
            // The whole path too: mapping, the size and memory checks, and the source named.
            let old = Result { () throws(DataError) in try DelimitedFileReader.parse(bytes, source: path) }
            let new = Result { () throws(DataError) in try IngestReader.read(path: path) }
            switch (old, new) {
            case let (.success(table), .success(read)):
                #expect(read.values == table.values && read.columnNames == table.columnNames && read.source == path)
            case let (.failure(oldError), .failure(newError)): #expect(oldError == newError, "\(path)")
            default: Issue.record("\(path): today \(old), now \(new)")
            }
        }
    }

    @Test func linesCutAtEveryPlace() {
        let files = [
            "a,b,y\r\n1,2,3\r\n4.5,-6e-3,7\r\n\r\n8,9,10",  // CRLF, a blank line, a last line without a newline
            "a,b,y\r1,2,3\r4,5,6\r",  // CR only: one chunk
            "\u{FEFF}x y\n1 2\n\n3 4\n  5\t6  \n7 8",  // a byte-order mark, whitespace, padding
            "1,2\n3,4\r\n5,x\n",  // an error after a CRLF
            "1,2\n3,4\n5\n",  // a ragged last row
            "a,b\n",  // a header and no rows
            "\n\n \n\t\r\n",  // blank
            "1,2,\n3,4,5\n",  // a trailing empty field in the first row
            "1;2;3\n",  // the wrong separator
            "1,2\n3,1e999\n",  // overflow
            "1 2\n3 4\n5 6 \u{E9}\n",  // invalid in no way: é is UTF-8
            // A column's only number on the line of an infinity, before or after it: no text column,
            // so the label before is the error (found by the adversarial pass).
            "a,b\n1,yes\ninf,2\n", "a,b\nyes,1\n2,inf\n", "a,b\nyes,1\n2,1e400\n", "a b\nyes 1\r\n\r\n2 nan\r\n",
        ]
        for text in files {
            let bytes = Array(text.utf8)
            expectSame(bytes, chunkSizes: 1...bytes.count + 1)
        }
        // Binary bytes late in the file, and invalid UTF-8 before a later NUL (the NUL is reported).
        expectSame(Array("1 2\n3 4\n".utf8) + [0xC3, 0x28] + Array(" 5\n6 7\n".utf8) + [0], chunkSizes: 1...20)
        expectSame(Array("1 2\n3 4\n5 \u{E9}".utf8).dropLast(), chunkSizes: 1...12)
    }

    /// Garbage is refused from the first block, before the lines of the whole file are counted:
    /// here counting them would have refused the file as too large to load (today's order).
    @Test func binaryDataIsRefusedFromTheFirstBlock() throws {
        let path = NSTemporaryDirectory() + "descent-garbage-\(UUID().uuidString).data"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(("1 2\n3\u{0}4\n" + String(repeating: "1\n", count: 100_000)).utf8).write(to: URL(fileURLWithPath: path))
        let memory: UInt64 = 4 * 200_010
        #expect(throws: DataError.binary(source: path, line: 2)) { try DelimitedFileReader.read(path: path, memoryBytes: memory) }
    }

    @Test func randomFilesReadAsToday() {
        var random = SplitMix(seed: 14)
        for _ in 0..<300 {
            let bytes = RandomDataFile.make(using: &random)
            expectSame(bytes, chunkSizes: [1, 2, 5, 17, 64, 1 << 20])
        }
    }

    /// Columns of labels, with now and then a number, an empty field, a word with a separator in
    /// it or a ragged row: the same text columns and values, or the same error, as today.
    @Test func randomFilesWithLabelsReadAsToday() {
        var random = SplitMix(seed: 41)
        for _ in 0..<600 {
            let bytes = RandomDataFile.make(using: &random, labels: true)
            expectSame(bytes, chunkSizes: [1, 2, 3, 5, 17, 64, 1 << 20])
        }
    }

    /// A large file of class labels and empty fields used to leave the parallel reader at its
    /// first word for the whole-file float64 parser (1,000,000 × 33 with a label column: 13.8 s and
    /// 2.1 GB, against 2.0 s and 332 MiB now, BENCHMARKS.md). Read as float32 now, with its text
    /// column, missing values and lines past a blank line, as `parse` reads them in float64.
    @Test func labelsAndEmptyFieldsAreReadAsFloat32() throws {
        let path = NSTemporaryDirectory() + "descent-labels-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = "a,b,label\n0.1,2,yes\n\n3,,no\n0.5,6,\"maybe so\"\n7,8,\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let table = try IngestReader.read(path: path, float32Above: 0)
        let expected = try DelimitedFileReader.parse(Array(text.utf8), source: path)
        #expect(table.values.precision == .float32)
        #expect(table.textColumns == expected.textColumns && table.textColumns[2]?.values == ["yes", "no", "maybe so", ""])
        #expect(table.rowLines == [2, 4, 5, 6] && table.rowLines == expected.rowLines)
        #expect((0..<4).allSatisfy { row in (0..<3).allSatisfy { column in
            let (found, wanted) = (table.values[row, column], expected.values[row, column])
            return wanted.isNaN ? found.isNaN : found == Double(Float(wanted))
        } })
    }

    /// The memory check counted 4 or 8 bytes a field, but a field of text costs about 64 while the
    /// file is read: a file of short labels that fits by its numbers but not by its text is refused
    /// as too large, the text included in what it needs, instead of running out of memory.
    @Test func textThatWouldNotFitIsRefusedAsTooLarge() throws {
        let path = NSTemporaryDirectory() + "descent-text-memory-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let row = (0..<10).map { ["yes", "no", "maybe"][$0 % 3] }.joined(separator: ",")
        try ([(0..<10).map { "c\($0)" }.joined(separator: ",")] + Array(repeating: row, count: 20_000)).joined(separator: "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let memory: UInt64 = 8 << 20  // the values' estimate is 5 MiB; the text's 200,000 fields, 12 MiB more
        #expect(throws: Never.self) { _ = try IngestReader.read(path: path, memoryBytes: 64 << 20) }
        do {
            _ = try IngestReader.read(path: path, memoryBytes: memory)
            Issue.record("read in \(memory) bytes")
        } catch let .tooLargeToLoad(_, _, fields, needed, available) {
            #expect(fields == 10 && available == memory)
            #expect((needed ?? 0) > 16 << 20, "the text counted: \(String(describing: needed))")
        } catch {
            Issue.record("\(error)")
        }
    }

    /// In float32 a number past its range stops the parse as infinity does: its row still counts
    /// the numbers before and after it, so the column of `yes` and `2` is no text column, and
    /// `yes` is the error, as in float64 (found by the adversarial pass).
    @Test func aNumberFloat32CannotHoldLeavesItsRowsNumbersCounted() {
        for text in ["a,b\nyes,1\n2,1e39\n", "a,b\n1,yes\n1e39,2\n"] {
            let bytes = Array(text.utf8)
            for chunkBytes in 1...bytes.count + 1 {
                let found = Result { () throws(DataError) in
                    try bytes.withUnsafeBufferPointer { buffer throws(DataError) in
                        try IngestParser.parse(buffer, source: "t", as: Float.self, chunkBytes: chunkBytes)
                    }
                }
                guard case let .failure(error) = found, case let .notANumber(_, line, _, word) = error else {
                    Issue.record("chunks of \(chunkBytes): \(found) for \(text)")
                    continue
                }
                #expect(line == 2 && word == "yes", "chunks of \(chunkBytes): \(error)")
            }
        }
    }

    /// A hundred thousand ordinary rows, in chunks, each its part: same values as today.
    @Test func aLargeFileInManyChunks() {
        var random = SplitMix(seed: 7)
        var text = "a,b,c,d\n"
        for _ in 0..<20_000 {
            text += (0..<4).map { _ in String(format: "%.7g", Double(random.next() % 2_000_000) / 1000 - 1000) }.joined(separator: ",") + "\n"
        }
        expectSame(Array(text.utf8), chunkSizes: [997, 65_536])
    }
}

/// SplitMix64: a small seeded generator for test inputs.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
