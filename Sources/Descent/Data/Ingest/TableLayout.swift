/// What the first filled line of a text file decides, as ``DelimitedFileReader`` decides it: the
/// separator (a comma makes it CSV), whether it is a header (at least as many words as numbers),
/// and the column names (the header's, unquoted, or x1, x2, …).
struct TableLayout {
    var separator: FieldSeparator
    var hasHeader: Bool
    var columnNames: [String]
    /// Where the first filled line starts (its first byte, before trimming).
    var firstLineStart: Int

    /// Nil when `range` of `base` holds no filled line.
    init?(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, source: String) throws(DataError) {
        var index = range.lowerBound
        var found: (start: Int, text: ArraySlice<UInt8>)?
        while index < range.upperBound, found == nil {
            let start = index
            while index < range.upperBound, base[index] != 10, base[index] != 13 { index += 1 }
            var text = Array(UnsafeBufferPointer(start: base + start, count: index - start))[...]
            while let first = text.first, first == 32 || first == 9 { text = text.dropFirst() }
            while let last = text.last, last == 32 || last == 9 { text = text.dropLast() }
            if !text.isEmpty { found = (start, text) }
            if index < range.upperBound {
                index += base[index] == 13 && index + 1 < range.upperBound && base[index + 1] == 10 ? 2 : 1
            }
        }
        guard let (start, text) = found else { return nil }
        firstLineStart = start
        separator = text.contains(44) ? .comma : .whitespace
        let fields: [ArraySlice<UInt8>] = separator == .comma
            ? text.split(separator: 44, omittingEmptySubsequences: false).map(Self.trimmed)
            : text.split { $0 == 32 || $0 == 9 || $0 == 13 }
        let words = fields.count { DelimitedFileReader.parseNumber($0) == nil }
        hasHeader = words > 0 && 2 * words >= fields.count
        columnNames = (1...fields.count).map { "x\($0)" }
        if hasHeader {
            columnNames = fields.map { Self.unquote(String(decoding: $0, as: UTF8.self)) }
            var seen = Set<String>()
            if let duplicate = columnNames.first(where: { !seen.insert($0).inserted }) {
                throw .duplicateColumn(source: source, name: duplicate)
            }
        }
    }

    private static func trimmed(_ text: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var text = text
        while let first = text.first, first == 32 || first == 9 || first == 13 { text = text.dropFirst() }
        while let last = text.last, last == 32 || last == 9 || last == 13 { text = text.dropLast() }
        return text
    }

    private static func unquote(_ name: String) -> String {
        guard name.count >= 2, name.first == "\"", name.last == "\"" else { return name }
        return String(name.dropFirst().dropLast())
    }
}
