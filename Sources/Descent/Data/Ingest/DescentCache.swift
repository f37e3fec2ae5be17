import Foundation

/// The `.descent` binary cache: a table as float32 rows that `--data` maps and copies with no
/// parsing (`descent convert FILE.csv --output FILE.descent`). Little-endian throughout:
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic `89 44 45 53 43 0D 0A 1A` ("\x89DESC\r\n\x1a": not text, so no text reader takes it) |
/// | 8 | 4 | version, 1 |
/// | 12 | 4 | flags: bit 0 set when the column names came from a header row |
/// | 16 | 8 | rows |
/// | 24 | 8 | columns |
/// | 32 | 8 | offset of the column names (= 64 + rows × columns × 4) |
/// | 40 | 8 | bytes of the column names |
/// | 48 | 8 | offset of the statistics (= names' offset + their bytes) |
/// | 56 | 8 | reserved, 0 |
/// | 64 | rows × columns × 4 | the values, float32, row-major |
/// | names | | per column: its UTF-8 byte count (4 bytes), then the bytes |
/// | statistics | columns × 24 | per column: mean, minimum, maximum of its float32 values, as float64 |
///
/// The file ends right after the statistics. Every offset and size is checked on reading, and a
/// file that disagrees is refused naming the offset and what was expected there.
public enum DescentCache {
    static let magic: [UInt8] = [0x89, 0x44, 0x45, 0x53, 0x43, 0x0D, 0x0A, 0x1A]
    static let version: UInt32 = 1
    static let headerBytes = 64

    /// One column's statistics, as stored.
    public struct Statistics: Equatable, Sendable {
        /// The column's mean.
        public var mean: Double
        /// The column's smallest value.
        public var minimum: Double
        /// The column's largest value.
        public var maximum: Double
    }

    static func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= magic.count && zip(bytes, magic).allSatisfy { $0 == $1 }
    }

    /// The whole file for `rows`, flagged `hasHeader` when the names came from a header row.
    static func encode(_ rows: ParsedRows<Float>) -> Encoded {
        let values = rows.values[rows.offset..<(rows.offset + rows.rows * rows.columns)]
        return try! assemble(rows: rows.rows, columns: rows.columns, hasHeader: rows.hasHeader, names: rows.columnNames) { output in
            values.withUnsafeBufferPointer { if let base = $0.baseAddress { output.update(from: base, count: $0.count) } }
            return nil
        }
    }

    /// The file, in one buffer that `fill` parses the values straight into (so the values are
    /// held once, not parsed and then copied), with the statistics it stores; `fill`'s error, if any, is thrown.
    static func assemble(rows: Int, columns: Int, hasHeader: Bool, names: [String],
                         fill: (UnsafeMutablePointer<Float>) -> DataError?) throws(DataError) -> Encoded {
        var nameBytes = [UInt8]()
        for name in names {
            withUnsafeBytes(of: UInt32(name.utf8.count).littleEndian) { nameBytes += $0 }
            nameBytes += Array(name.utf8)
        }
        let valueCount = rows * columns, namesOffset = headerBytes + valueCount * 4
        let statisticsOffset = namesOffset + nameBytes.count, total = statisticsOffset + columns * 24
        let file = UnsafeMutableRawPointer.allocate(byteCount: total, alignment: 64)
        let values = (file + headerBytes).bindMemory(to: Float.self, capacity: valueCount)
        if let problem = fill(values) {
            file.deallocate()
            throw problem
        }
        var header = magic
        func put<Integer: FixedWidthInteger>(_ value: Integer) { withUnsafeBytes(of: value.littleEndian) { header += $0 } }
        put(version)
        put(UInt32(hasHeader ? 1 : 0))
        for field in [rows, columns, namesOffset, nameBytes.count, statisticsOffset, 0] { put(UInt64(field)) }
        file.copyMemory(from: header, byteCount: headerBytes)
        (file + namesOffset).copyMemory(from: nameBytes, byteCount: nameBytes.count)
        var statisticBits = [UInt64]()
        let stored = statistics(UnsafeBufferPointer(start: values, count: valueCount), rows: rows, columns: columns)
        for column in stored {
            statisticBits += [column.mean, column.minimum, column.maximum].map { $0.bitPattern.littleEndian }
        }
        (file + statisticsOffset).copyMemory(from: statisticBits, byteCount: columns * 24)
        #if _endian(big)
        for index in 0..<valueCount { values[index] = Float(bitPattern: values[index].bitPattern.byteSwapped) }
        #endif
        return Encoded(bytes: Data(bytesNoCopy: file, count: total, deallocator: .custom { pointer, _ in pointer.deallocate() }),
                       rows: rows, columns: columns, columnNames: names, statistics: stored)
    }

    /// Mean, minimum and maximum of each column, accumulated in float64 in one pass over the rows.
    static func statistics(_ values: UnsafeBufferPointer<Float>, rows: Int, columns: Int) -> [Statistics] {
        var sums = [Double](repeating: 0, count: columns)
        var minima = [Double](repeating: .infinity, count: columns), maxima = [Double](repeating: -.infinity, count: columns)
        for row in 0..<rows {
            for column in 0..<columns {
                let value = Double(values[row * columns + column])
                sums[column] += value
                minima[column] = min(minima[column], value)
                maxima[column] = max(maxima[column], value)
            }
        }
        return (0..<columns).map { Statistics(mean: sums[$0] / Double(max(rows, 1)), minimum: minima[$0], maximum: maxima[$0]) }
    }
}

extension DescentCache {
    /// What `descent convert` writes, with what its summary and notices need.
    public struct Encoded: Sendable {
        /// The cache file.
        public var bytes: Data
        public var rows: Int
        public var columns: Int
        public var columnNames: [String]
        /// Each column's statistics, as stored.
        public var statistics: [Statistics]

        /// The columns whose values reach 2^24 in magnitude, with the largest magnitude: past it
        /// float32 steps by 2 or more, so integers (ids, class labels, timestamps) that differed in
        /// the file may be stored alike.
        public var beyondExactIntegers: [(name: String, magnitude: Double)] {
            zip(columnNames, statistics).compactMap { name, column in
                let magnitude = max(abs(column.minimum), abs(column.maximum))
                return magnitude >= 16_777_216 ? (name, magnitude) : nil
            }
        }
    }

    /// What `descent convert` writes: the file at `path` (text, `.npy` or a cache) read as float32
    /// rows and encoded as a cache, with its shape and statistics for the summary line and notices.
    /// - Throws: ``DataError`` for a file that cannot be read as numbers, or whose values overflow float32.
    public static func encode(path: String, memoryBytes: UInt64 = MemoryLimit.current.bytes) throws(DataError) -> Encoded {
        let file = try IngestReader.open(path: path, memoryBytes: memoryBytes)
        guard !matches(file.bytes), !NPYFile.matches(file.bytes) else {
            return encode(try IngestReader.readRows(path: path, as: Float.self, memoryBytes: memoryBytes))
        }
        let plan = try IngestPlan<Float>(file.bytes, source: path, memoryBytes: memoryBytes, chunkBytes: IngestParser.defaultChunkBytes, releasing: file)
        return try assemble(rows: plan.rows, columns: plan.columns, hasHeader: plan.layout.hasHeader, names: plan.layout.columnNames, fill: plan.fill)
    }
}
