/// A text file counted and laid out (steps 1 to 3 of ``IngestParser``), ready to be parsed into
/// any buffer of `rows × columns` elements: an array, or the values' place in a cache file.
struct IngestPlan<Element: BinaryFloatingPoint> {
    let base: UnsafePointer<UInt8>
    let source: String
    let file: MappedFile?
    let chunks: [Range<Int>]
    let layout: TableLayout
    var firstLines = [Int](), firstRows = [Int](), rowsPerChunk = [Int]()
    var rows = 0
    /// The memory check's figures, when there is one: what is available, what the values need,
    /// and the lines and fields they were counted from (text fields add to it: ``TextBudget``).
    var memory: (available: UInt64, needed: UInt64, lines: Int, fields: Int)?
    var columns: Int { layout.columnNames.count }

    init(_ bytes: UnsafeBufferPointer<UInt8>, source: String, memoryBytes: UInt64?, chunkBytes: Int, releasing file: MappedFile?) throws(DataError) {
        self.source = source
        self.file = file
        guard let base = bytes.baseAddress, bytes.count > 0 else { throw .empty(source: source) }
        self.base = base
        let count = bytes.count
        if let nul = UnsafeBufferPointer(rebasing: bytes[..<min(count, IngestParser.firstBlockBytes)]).firstIndex(of: 0) {
            throw .binary(source: source, line: IngestParser.lineFeeds(base, 0..<nul) + 1)
        }
        let bodyStart = count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
        let chunks = IngestParser.chunkRanges(base, bodyStart..<count, chunkBytes: max(1, chunkBytes))
        self.chunks = chunks

        let censuses = IngestParser.concurrentMap(chunks.count) { index in
            defer { file?.release(chunks[index]) }
            return ChunkCensus.take(base, chunks[index])
        }
        if let memoryBytes {
            let lines = censuses.reduce(0) { $0 + $1.lineFeeds } + 1
            let fields = IngestParser.fieldsInFirstLine(base, count)
            let needed = DelimitedFileReader.loadBytes(fileBytes: count, lines: lines, fields: max(fields, 1),
                                                       precision: Element.self == Float.self ? .float32 : .float64)
            guard let needed, needed <= memoryBytes else {
                throw .tooLargeToLoad(source: source, lines: lines, fields: fields, neededBytes: needed, memoryBytes: memoryBytes)
            }
            memory = (memoryBytes, needed, lines, fields)
        }
        if let bad = censuses.lazy.compactMap(\.firstNUL).first ?? censuses.lazy.compactMap(\.firstInvalidUTF8).first {
            throw .binary(source: source, line: IngestParser.lineFeeds(base, 0..<bad) + 1)
        }

        guard let layout = try TableLayout(base, bodyStart..<count, source: source) else { throw .empty(source: source) }
        self.layout = layout
        rowsPerChunk = censuses.map(\.filledLines)
        var line = 1, row = 0
        for (index, chunk) in chunks.enumerated() {
            if layout.hasHeader, chunk.contains(layout.firstLineStart) { rowsPerChunk[index] -= 1 }
            firstLines.append(line)
            firstRows.append(row)
            line += censuses[index].lineEnds
            row += rowsPerChunk[index]
        }
        if layout.hasHeader, row == 0 { throw .headerOnly(source: source) }
        rows = row
    }

    /// The chunks' parser; `keepingText` as ``ChunkParser/keepsText``.
    func parser(keepingText: Bool = false) -> ChunkParser<Element> {
        ChunkParser<Element>(base: base, separator: layout.separator, columns: columns, headerStart: layout.hasHeader ? layout.firstLineStart : nil,
                             keepsText: keepingText)
    }

    /// Parses every chunk into `output` (`rows × columns` elements), across the cores, numbers
    /// only (a cache's values); the first problem of the first chunk that has one (an empty or
    /// text field among them), as today's error, or nil.
    func fill(_ output: UnsafeMutablePointer<Element>) -> DataError? {
        let parser = parser()
        let shared = SendablePointer(pointer: output)
        let problems = IngestParser.concurrentMap(chunks.count) { index in
            defer { file?.release(chunks[index]) }
            var texts = [ChunkParser<Element>.TextField]()
            let outcome = parser.parse(chunks[index], firstLine: firstLines[index], into: shared.pointer! + firstRows[index] * columns,
                                       capacity: rowsPerChunk[index], texts: &texts)
            precondition(outcome.problem != nil || outcome.rows == rowsPerChunk[index], "IngestParser: the passes disagree on a chunk's rows")
            return outcome.problem
        }
        return problems.lazy.compactMap { $0 }.first.map { error($0) }
    }

    /// Today's error for a chunk's first problem, worded from the field's bytes as today.
    func error(_ problem: ChunkParser<Element>.Problem) -> DataError {
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
