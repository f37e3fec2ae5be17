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
        public var mean: Double
        public var minimum: Double
        public var maximum: Double
    }

    static func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= magic.count && zip(bytes, magic).allSatisfy { $0 == $1 }
    }

    /// The whole file for `rows`, flagged `hasHeader` when the names came from a header row.
    static func encode(_ rows: ParsedRows<Float>) -> Data {
        var names = Data()
        for name in rows.columnNames {
            append(UInt32(name.utf8.count), to: &names)
            names.append(contentsOf: Array(name.utf8))
        }
        let valueBytes = rows.values.count * 4
        var file = Data(capacity: headerBytes + valueBytes + names.count + rows.columns * 24)
        file.append(contentsOf: magic)
        append(version, to: &file)
        append(UInt32(rows.hasHeader ? 1 : 0), to: &file)
        for field in [rows.rows, rows.columns, headerBytes + valueBytes, names.count, headerBytes + valueBytes + names.count, 0] {
            append(UInt64(field), to: &file)
        }
        #if _endian(little)
        rows.values.withUnsafeBytes { file.append(contentsOf: $0) }
        #else
        for value in rows.values { append(value.bitPattern, to: &file) }
        #endif
        file.append(names)
        for statistics in statistics(rows) {
            for value in [statistics.mean, statistics.minimum, statistics.maximum] { append(value.bitPattern, to: &file) }
        }
        return file
    }

    /// Mean, minimum and maximum of each column, accumulated in float64 in one pass over the rows.
    static func statistics(_ rows: ParsedRows<Float>) -> [Statistics] {
        var sums = [Double](repeating: 0, count: rows.columns)
        var minima = [Double](repeating: .infinity, count: rows.columns), maxima = [Double](repeating: -.infinity, count: rows.columns)
        rows.values.withUnsafeBufferPointer { values in
            for row in 0..<rows.rows {
                for column in 0..<rows.columns {
                    let value = Double(values[row * rows.columns + column])
                    sums[column] += value
                    minima[column] = min(minima[column], value)
                    maxima[column] = max(maxima[column], value)
                }
            }
        }
        return (0..<rows.columns).map { Statistics(mean: sums[$0] / Double(max(rows.rows, 1)), minimum: minima[$0], maximum: maxima[$0]) }
    }

    static func append<Integer: FixedWidthInteger>(_ value: Integer, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
}

extension DescentCache {
    /// What `descent convert` writes: the file at `path` (text, `.npy` or a cache) read as float32
    /// rows and encoded as a cache, with its shape for the summary line.
    public static func encode(path: String, memoryBytes: UInt64 = MemoryLimit.current.bytes) throws(DataError) -> (bytes: Data, rows: Int, columns: Int) {
        let rows = try IngestReader.readRows(path: path, as: Float.self, memoryBytes: memoryBytes)
        return (encode(rows), rows.rows, rows.columns)
    }
}
