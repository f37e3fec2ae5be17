/// What does not add up in a `.descent` cache (``UnreadableCause/corruptCache(_:)``): each case names
/// the field's offset and what was found and expected there, in bytes.
public enum CacheProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is shorter than its header.
    case truncatedHeader(fileBytes: UInt64, headerBytes: Int)
    /// A format version (offset 8) other than the one this build writes.
    case unsupportedVersion(found: UInt32, expected: UInt32)
    /// No columns (offset 24).
    case noColumns
    /// `rows` × `columns` values overflow 64 bits.
    case countOverflow(rows: UInt64, columns: UInt64)
    /// The names' offset (offset 32) is not where the values end.
    case namesOffset(found: UInt64, expected: UInt64)
    /// The values end past the end of the file.
    case truncatedValues(valuesEnd: UInt64, fileBytes: UInt64)
    /// The statistics' offset (offset 48) is not where the names end, or lies outside the file.
    case statisticsOffset(found: UInt64, expected: UInt64, fileBytes: UInt64)
    /// The statistics end past the end of the file.
    case truncatedStatistics(statisticsEnd: UInt64, fileBytes: UInt64)
    /// Bytes follow the statistics' end.
    case trailingBytes(count: UInt64, statisticsEnd: UInt64)
    /// Column `column`'s (from 1) name length at `offset` lies past the names' end.
    case nameLengthPastEnd(column: Int, offset: Int, namesEnd: UInt64)
    /// Column `column`'s (from 1) name of `length` bytes at `offset` runs past the names' end.
    case namePastEnd(column: Int, offset: Int, length: Int, namesEnd: UInt64)
    /// Column `column`'s (from 1) name at `offset` is not valid UTF-8.
    case nameNotUTF8(column: Int, offset: Int)
    /// The names end elsewhere than the statistics' offset says.
    case namesEnd(found: Int, expected: UInt64)
    /// The value at `row`, `column` (from 1), at `offset`, is not finite.
    case notFinite(row: Int, column: Int, offset: Int)

    /// In words, for messages (after "a corrupt .descent cache:").
    public var description: String {
        switch self {
        case let .truncatedHeader(size, header): "truncated: the file is \(size) bytes, shorter than the \(header)-byte header"
        case let .unsupportedVersion(found, expected): "version \(found) at offset 8, expected \(expected)"
        case .noColumns: "0 columns at offset 24, expected at least 1"
        case let .countOverflow(rows, columns): "\(rows) rows (offset 16) × \(columns) columns (offset 24) are more values than 64 bits can count"
        case let .namesOffset(found, expected): "the names' offset at offset 32 is \(found), expected \(expected) (64 + rows × columns × 4)"
        case let .truncatedValues(end, size): "truncated: the values end at offset \(end), the file at \(size)"
        case let .statisticsOffset(found, expected, size):
            "the statistics' offset at offset 48 is \(found), expected \(expected) (names' offset + their bytes, offset 40), within the file's \(size) bytes"
        case let .truncatedStatistics(end, size): "truncated: the statistics end at offset \(end), the file at \(size)"
        case let .trailingBytes(count, end): "\(count) bytes after the statistics' end at offset \(end)"
        case let .nameLengthPastEnd(column, offset, end): "column name \(column)'s length at offset \(offset) lies past the names' end at offset \(end)"
        case let .namePastEnd(column, offset, length, end): "column name \(column) at offset \(offset) is \(length) bytes, past the names' end at offset \(end)"
        case let .nameNotUTF8(column, offset): "column name \(column) at offset \(offset) is not valid UTF-8"
        case let .namesEnd(found, expected): "the names end at offset \(found), expected \(expected)"
        case let .notFinite(row, column, offset): "the value at row \(row), column \(column) (offset \(offset)) is not finite"
        }
    }
}
