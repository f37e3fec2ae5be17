import Dispatch

/// A delimited text file parsed into a row-major buffer of `Element`s (float64 for today's
/// ``DataTable``, float32 for the binary cache), with what ``DelimitedFileReader`` would report.
struct ParsedRows<Element: BinaryFloatingPoint> {
    var columnNames: [String]
    var hasHeader: Bool
    var rows: Int
    var columns: Int
    /// The values, from `offset` on (``LargeRows``: float32 ones start on a cache line).
    var values: [Element]
    var offset = 0
    /// True for a `.descent` cache: its values were rounded to float32 when `convert` wrote it.
    var fromCache = false
    /// Columns of text (class labels), NaN in `values` (``DataTable/textColumns``).
    var textColumns: [Int: TextColumn] = [:]
    /// Each row's line, when blank lines make it differ from the row's position (``DataTable/rowLines``).
    var rowLines: [Int]?
}

/// The parallel text parser behind ``DelimitedFileReader/read(path:memoryBytes:float32Above:)``: the same table,
/// the same errors in the same order, from a mapped file split across the cores.
///
/// 1. The first block (64 KiB) is checked for a NUL byte, so binary garbage is refused at once.
/// 2. The file is cut into chunks of about `chunkBytes`, each ending just after an LF (so no line,
///    CRLF or UTF-8 sequence is split). A counting pass (``ChunkCensus``, all cores) numbers their
///    lines, counts their rows and finds binary bytes; the memory check and binary data are
///    refused from it, before any values are allocated.
/// 3. The first filled line decides the separator, the header and the column count, as today.
/// 4. A parsing pass (``ChunkParser``, all cores) writes every chunk's rows into their own part of
///    one buffer, text and empty fields as NaN with the text kept aside; then the text columns are
///    decided (``IngestPlan/fillKeepingText(_:)``), and the first problem in the file is the error.
/// Each pass hands back the mapped pages of a chunk once it is done with it (``MappedFile``).
enum IngestParser {
    static let defaultChunkBytes = 4 << 20
    static let firstBlockBytes = 64 << 10

    /// Parses `bytes`, named `source` in errors. `memoryBytes`: refuse what would not fit, as
    /// ``DelimitedFileReader/checkLoadFits`` does (nil: no check). `file`: pages to release.
    static func parse<Element: BinaryFloatingPoint>(
        _ bytes: UnsafeBufferPointer<UInt8>, source: String, as: Element.Type = Element.self, memoryBytes: UInt64? = nil,
        chunkBytes: Int = defaultChunkBytes, releasing file: MappedFile? = nil
    ) throws(DataError) -> ParsedRows<Element> {
        let plan = try IngestPlan<Element>(bytes, source: source, memoryBytes: memoryBytes, chunkBytes: chunkBytes, releasing: file)
        var filled = Result<(textColumns: [Int: TextColumn], rowLines: [Int]?), DataError>.success(([:], nil))
        let (values, offset) = LargeRows.make(count: plan.rows * plan.columns) { (start: UnsafeMutablePointer<Element>) in
            filled = Result { () throws(DataError) in try plan.fillKeepingText(start) }
        }
        let (textColumns, rowLines) = try filled.get()
        return ParsedRows(columnNames: plan.layout.columnNames, hasHeader: plan.layout.hasHeader, rows: plan.rows, columns: plan.columns,
                          values: values, offset: offset, textColumns: textColumns, rowLines: rowLines)
    }
}
