/// What is wrong with a `.npy` file Descent cannot read (``UnreadableCause/npy(_:)``); offsets and
/// sizes are in bytes.
public enum NPYProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is shorter than the 10-byte preamble.
    case truncatedPreamble(fileBytes: Int)
    /// A format version other than 1, 2 or 3 at offset 6.
    case unsupportedVersion(Int)
    /// The file ends before the header length at offset 8.
    case truncatedHeaderLength
    /// The header ends past the end of the file.
    case truncatedHeader(headerEnd: Int, fileBytes: Int)
    /// An element type other than little-endian float32 or float64; `descriptor` is the header's `descr` as written.
    case unsupportedType(descriptor: String)
    /// The array is stored in Fortran (column-major) order.
    case fortranOrder
    /// The shape is not (rows, columns) with at least one row and one column; `shape` is the header's as written.
    case unsupportedShape(shape: String)
    /// The values of a `rows` × `columns` array of `itemBytes`-byte elements do not fit in the file.
    case truncatedData(rows: Int, columns: Int, itemBytes: Int, dataOffset: Int, fileBytes: Int)
    /// The value at `row`, `column` (from 1) is not finite (in float32 when `inFloat32`).
    case notFinite(row: Int, column: Int, inFloat32: Bool)

    /// In words, for messages (after "a .npy file, but").
    public var description: String {
        switch self {
        case let .truncatedPreamble(fileBytes): "truncated: \(fileBytes) bytes, shorter than the 10-byte preamble"
        case let .unsupportedVersion(major): "format version \(major) at offset 6, expected 1, 2 or 3"
        case .truncatedHeaderLength: "truncated before the header length at offset 8"
        case let .truncatedHeader(headerEnd, fileBytes): "truncated: the header ends at offset \(headerEnd), the file at \(fileBytes)"
        case let .unsupportedType(descriptor): "its type is \(descriptor), expected '<f4' or '<f8' (little-endian float32 or float64)"
        case .fortranOrder: "it is in Fortran (column-major) order, expected C order"
        case let .unsupportedShape(shape): "its shape is \(shape), expected (rows, columns) with at least one row and one column"
        case let .truncatedData(rows, columns, itemBytes, dataOffset, fileBytes):
            "truncated: \(rows) × \(columns) values of \(itemBytes) bytes need \(dataOffset) + \(rows) × \(columns) × \(itemBytes) bytes, the file has \(fileBytes)"
        case let .notFinite(row, column, inFloat32): "the value at row \(row), column \(column) is not finite\(inFloat32 ? " in float32" : "")"
        }
    }
}
