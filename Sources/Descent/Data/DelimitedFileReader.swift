import Foundation

/// Reads numeric tables from text: whitespace-separated files like the course's `housing.data`,
/// and comma-separated files, with or without a header row.
///
/// The format is detected from the first non-blank line: a comma makes it CSV, otherwise fields are
/// separated by runs of spaces and tabs. A first row with at least as many words as numbers is a header.
/// LF, CRLF and CR-only line endings, a UTF-8 byte-order mark, trailing whitespace, blank lines and double-quoted
/// header names are accepted. Written by hand rather than with a CSV library: the files are
/// numbers, and the errors must name line and column. One exception: a column with no number in
/// any row (class labels such as `malignant`/`benign`) is kept as text (``DataTable/textColumns``),
/// to be a classification target; as a feature it is refused when the features are taken.
public enum DelimitedFileReader {
    /// Reads the file at `path`, refusing one that would not fit in `memoryBytes` (by default the
    /// ``MemoryLimit``) once parsed and trained on: first by its size (at least four times it), then,
    /// once its lines are counted, by its lines and fields (``loadBytes(fileBytes:lines:fields:precision:)``).
    /// The file is mapped and parsed across the cores by ``IngestReader`` (the same table and the
    /// same errors as ``parse(_:source:)``, binary data refused from its first block); a `.descent`
    /// cache or a `.npy` array is recognised by its first bytes and read without parsing.
    /// Text columns (class labels) and empty fields (missing values) are read there too, as
    /// ``parse(_:source:)`` reads them.
    /// `-` (standard input), a pipe, a FIFO or a process substitution is read whole first
    /// (``StreamInput``) and parsed as text.
    /// A file larger than `float32Above` bytes is held as float32 (``IngestReader/read(path:memoryBytes:float32Above:)``).
    public static func read(path: String, memoryBytes: UInt64 = MemoryLimit.current.bytes,
                            float32Above: UInt64 = IngestReader.float32FileBytes) throws(DataError) -> DataTable {
        if let bytes = try StreamInput.bytes(path: path, memoryBytes: memoryBytes) {
            return try parse(bytes, source: StreamInput.sourceName(path))
        }
        return try IngestReader.read(path: path, memoryBytes: memoryBytes, float32Above: float32Above)
    }

    /// Reads `path` as ``read(path:memoryBytes:float32Above:)`` does, for predictions, whose row
    /// numbers are the file's lines (blank lines counted): ``DataTable/rowLines`` where blank lines
    /// make them differ from the rows' positions. Text is always held as float64, so that a large
    /// file's predictions are the ones its rows give; a `.descent` cache or `.npy` array, which
    /// has no lines, as ``read(path:memoryBytes:float32Above:)`` reads it.
    public static func readNumbered(path: String, memoryBytes: UInt64 = MemoryLimit.current.bytes) throws(DataError) -> DataTable {
        if let bytes = try StreamInput.bytes(path: path, memoryBytes: memoryBytes) {
            return try parse(bytes, source: StreamInput.sourceName(path))
        }
        if RowFile.isBinary(path: path) { return try read(path: path, memoryBytes: memoryBytes) }
        return try IngestReader.read(path: path, memoryBytes: memoryBytes, float32Above: .max)
    }

    /// Parses `bytes` (the contents of a file named `source` in messages). An empty CSV field is a
    /// missing value: NaN in a numeric column, `""` in a text column (see ``DataTable``).
    public static func parse(_ bytes: [UInt8], source: String) throws(DataError) -> DataTable {
        // A file with these magic bytes never gets here (the readers take it by its path), a stream can.
        if bytes.withUnsafeBufferPointer({ DescentCache.matches($0) || NPYFile.matches($0) }) { throw .binaryArrayOnStream(source: source) }
        if let bad = firstBinaryByte(bytes) {
            throw .binary(source: source, line: bytes[..<bad].count { $0 == UInt8(ascii: "\n") } + 1)
        }
        var lines = splitLines(bytes)
        lines.removeAll { $0.fields.isEmpty }
        guard let first = lines.first else { throw .empty(source: source) }
        let separator: Separator = first.text.contains(UInt8(ascii: ",")) ? .comma : .whitespace
        var rows = lines.map { Row(number: $0.number, fields: separator.fields(of: $0.text)) }

        let expected = rows[0].fields.count
        // A header is a first row of names, though some may look numeric (years such as 2010): at
        // least as many words as numbers. A row of numbers with a stray word is a data row with a typo.
        let words = rows[0].fields.count { parseNumber($0) == nil }
        let hasHeader = words > 0 && 2 * words >= expected
        var columnNames = (1...expected).map { "x\($0)" }
        if hasHeader {
            columnNames = rows[0].fields.map { unquote(String(decoding: $0, as: UTF8.self)) }
            if let duplicate = firstDuplicate(columnNames) { throw .duplicateColumn(source: source, name: duplicate) }
            rows.removeFirst()
            guard !rows.isEmpty else { throw .headerOnly(source: source) }
        }

        // Text columns (labels, categories): no field is a number, at least one is text. A column
        // of numbers with a stray word is a typo, reported where it is.
        var text = [Int: TextColumn]()
        for index in 0..<expected {
            var firstText: Int?
            var anyNumber = false
            for (position, row) in rows.enumerated() where row.fields.count == expected && !row.fields[index].isEmpty {
                if parseNumber(row.fields[index]) != nil { anyNumber = true; break }
                if firstText == nil { firstText = position }
            }
            guard !anyNumber, let firstText else { continue }
            guard !rows[firstText].fields[index].contains(where: { ";|:".utf8.contains($0) }) else { continue }
            text[index] = TextColumn(firstLine: rows[firstText].number, values: [])
            text[index]!.values.reserveCapacity(rows.count)
        }

        var values = [Double]()
        values.reserveCapacity(rows.count * expected)
        for row in rows {
            guard row.fields.count == expected else {
                throw .raggedRow(source: source, line: row.number, found: row.fields.count, expected: expected)
            }
            for (index, field) in row.fields.enumerated() {
                if text[index] != nil {
                    text[index]!.values.append(unquote(String(decoding: field, as: UTF8.self)))
                    values.append(.nan)
                    continue
                }
                if field.isEmpty { values.append(.nan); continue }  // missing
                guard let value = parseNumber(field) else { throw fieldError(field, source: source, line: row.number, column: index + 1) }
                guard value.isFinite else {
                    throw .notFinite(source: source, line: row.number, column: index + 1, text: String(decoding: field, as: UTF8.self))
                }
                values.append(value)
            }
        }
        var table = DataTable(source: source, columnNames: columnNames, hasHeader: hasHeader,
                              values: Matrix(rows: rows.count, columns: expected, values: values), textColumns: text)
        table.rowLines = rows.map(\.number)
        return table
    }

    /// Why `field` is not a number: another separator, or just text.
    private static func fieldError(_ field: ArraySlice<UInt8>, source: String, line: Int, column: Int) -> DataError {
        let text = String(decoding: field.prefix(40), as: UTF8.self)
        if let separator = [";", "|", ":"].first(where: { text.contains($0) }) {
            return .wrongSeparator(source: source, line: line, column: column, text: text, separator: separator)
        }
        return .notANumber(source: source, line: line, column: column, text: text)
    }

    // MARK: - Pieces

    private struct Line { var number: Int; var text: ArraySlice<UInt8>; var fields: ArraySlice<UInt8> }
    private struct Row { var number: Int; var fields: [ArraySlice<UInt8>] }

    private enum Separator {
        case comma, whitespace
        func fields(of text: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
            switch self {
            case .comma:
                return text.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(trimmed)
            case .whitespace:
                return text.split(whereSeparator: isSpace)
            }
        }
    }

    /// Lines ended by LF, CRLF, or a lone CR (classic Mac OS, and some spreadsheet exports).
    private static func splitLines(_ bytes: [UInt8]) -> [Line] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var lines = [Line]()
        var start = body.startIndex, index = body.startIndex
        func end(at stop: Int) {
            let text = trimmed(body[start..<stop])
            lines.append(Line(number: lines.count + 1, text: text, fields: text))
        }
        while index < body.endIndex {
            switch body[index] {
            case UInt8(ascii: "\n"):
                end(at: index)
                start = index + 1
            case UInt8(ascii: "\r") where index + 1 == body.endIndex || body[index + 1] != UInt8(ascii: "\n"):
                end(at: index)
                start = index + 1
            default: break
            }
            index += 1
        }
        end(at: body.endIndex)
        return lines
    }

    /// The offset of a NUL byte or of the first byte that is not valid UTF-8, if any.
    private static func firstBinaryByte(_ bytes: [UInt8]) -> Int? {
        if let nul = bytes.firstIndex(of: 0) { return nul }
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    private static func trimmed(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var text = text
        while let first = text.first, isSpace(first) { text = text.dropFirst() }
        while let last = text.last, isSpace(last) { text = text.dropLast() }
        return text
    }

    /// A decimal number, or nil. Rejects hexadecimal floats, which `Double(_:)` would accept.
    static func parseNumber(_ field: ArraySlice<UInt8>) -> Double? {
        guard !field.isEmpty, !field.contains(where: { $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "X") }) else { return nil }
        return Double(String(decoding: field, as: UTF8.self))
    }

    static func unquote(_ name: String) -> String {
        guard name.count >= 2, name.first == "\"", name.last == "\"" else { return name }
        return String(name.dropFirst().dropLast())
    }

    private static func firstDuplicate(_ names: [String]) -> String? {
        var seen = Set<String>()
        return names.first { !seen.insert($0).inserted }
    }
}
