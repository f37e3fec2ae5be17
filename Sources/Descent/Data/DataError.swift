/// Why a data file or a column choice was rejected; each message names the file, and where it
/// can, the line and column, the offending text and what was expected.
public enum DataError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case empty(source: String)
    case headerOnly(source: String)
    case notANumber(source: String, line: Int, column: Int, text: String)
    case notFinite(source: String, line: Int, column: Int, text: String)
    case raggedRow(source: String, line: Int, found: Int, expected: Int)
    case duplicateColumn(source: String, name: String)
    case unknownTarget(source: String, name: String, available: [String])
    case tooFewColumns(source: String, found: Int)
    case tooFewRows(source: String, found: Int, needed: Int)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read the file: \(reason)"
        case let .empty(source):
            return "\(source): the file holds no data rows (expected rows of numbers)"
        case let .headerOnly(source):
            return "\(source): the file has a header row but no data rows"
        case let .notANumber(source, line, column, text):
            return "\(source):\(line): column \(column): '\(text)' is not a number (expected a decimal number such as 0.538)"
        case let .notFinite(source, line, column, text):
            return "\(source):\(line): column \(column): '\(text)' is not a finite number (NaN, infinity and overflowing values cannot be trained on)"
        case let .raggedRow(source, line, found, expected):
            return "\(source):\(line): found \(found) fields, expected \(expected) like the first row"
        case let .duplicateColumn(source, name):
            return "\(source):1: the header names column '\(name)' twice (column names must be unique)"
        case let .unknownTarget(source, name, available):
            return "\(source): no column named '\(name)' for --target (columns: \(available.joined(separator: ", ")))"
        case let .tooFewColumns(source, found):
            return "\(source): found \(found) column, expected at least 2 (features and a target)"
        case let .tooFewRows(source, found, needed):
            return "\(source): found \(found) data rows, need at least \(needed)"
        }
    }
}
