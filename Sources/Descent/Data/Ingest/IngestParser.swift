import Dispatch

/// A delimited text file parsed into a row-major buffer of `Element`s (float64 for today's
/// ``DataTable``, float32 for the binary cache), with what ``DelimitedFileReader`` would report.
struct ParsedRows<Element: BinaryFloatingPoint> {
    var columnNames: [String]
    var hasHeader: Bool
    var rows: Int
    var columns: Int
    var values: [Element]
}

/// The parallel text parser behind ``DelimitedFileReader/read(path:memoryBytes:)``: the same table,
/// the same errors in the same order, from a mapped file split across the cores.
///
/// 1. The first block (64 KiB) is checked for a NUL byte, so binary garbage is refused at once.
/// 2. The file is cut into chunks of about `chunkBytes`, each ending just after an LF (so no line,
///    CRLF or UTF-8 sequence is split). A counting pass (``ChunkCensus``, all cores) numbers their
///    lines, counts their rows and finds binary bytes; the memory check and binary data are
///    refused from it, before any values are allocated.
/// 3. The first filled line decides the separator, the header and the column count, as today.
/// 4. A parsing pass (``ChunkParser``, all cores) writes every chunk's rows into their own part of
///    one buffer; the first problem of the first chunk that has one is the error.
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
        guard let base = bytes.baseAddress, bytes.count > 0 else { throw .empty(source: source) }
        let count = bytes.count
        if let nul = UnsafeBufferPointer(rebasing: bytes[..<min(count, firstBlockBytes)]).firstIndex(of: 0) {
            throw .binary(source: source, line: lineFeeds(base, 0..<nul) + 1)
        }
        let bodyStart = count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
        let chunks = chunkRanges(base, bodyStart..<count, chunkBytes: max(1, chunkBytes))

        let censuses = concurrentMap(chunks.count) { index in
            defer { file?.release(chunks[index]) }
            return ChunkCensus.take(base, chunks[index])
        }
        if let memoryBytes {
            let lines = censuses.reduce(0) { $0 + $1.lineFeeds } + 1
            let fields = fieldsInFirstLine(base, count)
            let needed = DelimitedFileReader.loadBytes(fileBytes: count, lines: lines, fields: max(fields, 1))
            guard let needed, needed <= memoryBytes else {
                throw .tooLargeToLoad(source: source, lines: lines, fields: fields, neededBytes: needed, memoryBytes: memoryBytes)
            }
        }
        if let bad = censuses.lazy.compactMap(\.firstNUL).first ?? censuses.lazy.compactMap(\.firstInvalidUTF8).first {
            throw .binary(source: source, line: lineFeeds(base, 0..<bad) + 1)
        }

        guard let layout = try TableLayout(base, bodyStart..<count, source: source) else { throw .empty(source: source) }
        var rowsPerChunk = censuses.map(\.filledLines)
        var firstLines = [Int](), firstRows = [Int](), line = 1, row = 0
        for (index, chunk) in chunks.enumerated() {
            if layout.hasHeader, chunk.contains(layout.firstLineStart) { rowsPerChunk[index] -= 1 }
            firstLines.append(line)
            firstRows.append(row)
            line += censuses[index].lineEnds
            row += rowsPerChunk[index]
        }
        if layout.hasHeader, row == 0 { throw .headerOnly(source: source) }

        let columns = layout.columnNames.count
        let parser = ChunkParser<Element>(base: base, separator: layout.separator, columns: columns,
                                          headerStart: layout.hasHeader ? layout.firstLineStart : nil)
        var problems = [ChunkParser<Element>.Problem?]()
        let values = [Element](unsafeUninitializedCapacity: row * columns) { buffer, initialized in
            let output = SendablePointer(pointer: buffer.baseAddress)
            problems = concurrentMap(chunks.count) { index in
                defer { file?.release(chunks[index]) }
                guard let start = output.pointer else { return nil }
                let (written, problem) = parser.parse(chunks[index], firstLine: firstLines[index],
                                                      into: start + firstRows[index] * columns, capacity: rowsPerChunk[index])
                precondition(problem != nil || written == rowsPerChunk[index], "IngestParser: the passes disagree on a chunk's rows")
                return problem
            }
            initialized = row * columns
        }
        if let problem = problems.lazy.compactMap({ $0 }).first { throw error(problem, base, columns: columns, source: source) }
        return ParsedRows(columnNames: layout.columnNames, hasHeader: layout.hasHeader, rows: row, columns: columns, values: values)
    }

    /// Today's error for a chunk's first problem, worded from the field's bytes as today.
    private static func error<Element>(_ problem: ChunkParser<Element>.Problem, _ base: UnsafePointer<UInt8>, columns: Int, source: String) -> DataError {
        switch problem {
        case let .ragged(line, found):
            return .raggedRow(source: source, line: line, found: found, expected: columns)
        case let .field(line, column, range):
            let field = Array(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))[...]
            guard DelimitedFileReader.parseNumber(field) != nil else {
                let text = String(decoding: field.prefix(40), as: UTF8.self)
                if let separator = [";", "|", ":"].first(where: { text.contains($0) }) {
                    return .wrongSeparator(source: source, line: line, column: column, text: text, separator: separator)
                }
                return .notANumber(source: source, line: line, column: column, text: text)
            }
            return .notFinite(source: source, line: line, column: column, text: String(decoding: field, as: UTF8.self))
        }
    }
}
