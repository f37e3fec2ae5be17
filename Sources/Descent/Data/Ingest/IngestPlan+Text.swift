import Foundation

/// Text columns (class labels) and empty fields (missing values) in the parallel reader, as
/// ``DelimitedFileReader/parse(_:source:)`` reads them: a column with no number in any row of the
/// right width, and a first text field without `;`, `|` or `:`, is text; any other field that is
/// not a number is an error, reported where it is. Whether a column is text depends on the
/// whole file, so the chunks are parsed first (text fields kept aside, NaN in their place), and
/// the columns decided after.
extension IngestPlan {
    typealias TextField = ChunkParser<Element>.TextField

    /// Parses every chunk into `output` keeping text fields and empty ones; the text columns, and
    /// each row's line when they are not simply the row's position (blank lines).
    func fillKeepingText(_ output: UnsafeMutablePointer<Element>) throws(DataError) -> (textColumns: [Int: TextColumn], rowLines: [Int]?) {
        let parser = parser(keepingText: true)
        let shared = SendablePointer(pointer: output)
        // Zeroed pages that only blank lines write to: a file without any adds nothing resident.
        let lines = SendablePointer(pointer: calloc(max(rows, 1), MemoryLayout<Int>.stride)!.assumingMemoryBound(to: Int.self))
        defer { free(lines.pointer!) }
        let first = layout.hasHeader ? 2 : 1
        let budget = TextBudget(memory.map { $0.available - $0.needed })
        let parsed = IngestParser.concurrentMap(chunks.count) { index -> (ChunkParser<Element>.Outcome, [TextField])? in
            defer { file?.release(chunks[index]) }
            guard !budget.isSpent else { return nil }
            var texts = [TextField]()
            let outcome = parser.parse(chunks[index], firstLine: firstLines[index], into: shared.pointer! + firstRows[index] * columns,
                                       capacity: rowsPerChunk[index], texts: &texts, lines: lines.pointer! + firstRows[index],
                                       firstRowLine: firstRows[index] + first)
            precondition(outcome.problem != nil || outcome.rows == rowsPerChunk[index], "IngestParser: the passes disagree on a chunk's rows")
            budget.spend(texts.reduce(0) { $0 + TextBudget.bytes($1.text) }, reading: chunks[index].count)
            return (outcome, texts)
        }
        if budget.isSpent, let memory {
            let needed = memory.needed.addingReportingOverflow(budget.bytesForWholeFile(base: chunks.last!.upperBound))
            throw .tooLargeToLoad(source: source, lines: memory.lines, fields: memory.fields, neededBytes: needed.overflow ? nil : needed.partialValue,
                                  memoryBytes: memory.available)
        }
        let outcomes = parsed.map { $0! }
        // The text fields that can matter: those before the first problem (the chunks after it cannot report first).
        let stop = outcomes.firstIndex { $0.0.problem != nil }
        let relevant = outcomes[...(stop ?? outcomes.count - 1)]
        var candidates = Set<Int32>()
        for (_, texts) in relevant { for field in texts { candidates.insert(field.column) } }
        if candidates.isEmpty {
            if let stop { throw error(outcomes[stop].0.problem!) }
            return ([:], rowLines(lines.pointer!))
        }
        let numeric = numericColumns(Array(candidates), outcomes: outcomes.map { $0.0 }, output: output)
        var firstText = [Int32: TextField]()
        for (_, texts) in relevant { for field in texts where firstText[field.column] == nil { firstText[field.column] = field } }
        let text = Set(candidates.filter { column in
            let first = firstText[column]!
            return !numeric[Int(column)] && !first.text.utf8.contains { ";|:".utf8.contains($0) }
        })
        // The first error in file order: a chunk's problem, or a text field in a column of numbers before it.
        for (outcome, texts) in relevant {
            let typo = texts.first { !text.contains($0.column) }.map { ChunkParser<Element>.Problem.field($0) }
            let first = [typo, outcome.problem].compactMap { $0 }.min { $0.position < $1.position }
            if let first { throw error(first) }
        }
        // One pass over the fields, each into its column (a pass per column was quadratic in the columns).
        var values = [[String]?](repeating: nil, count: columns)
        for column in text { values[Int(column)] = [String](repeating: "", count: rows) }
        for (chunk, (_, texts)) in outcomes.enumerated() {
            for field in texts where values[Int(field.column)] != nil {
                values[Int(field.column)]![firstRows[chunk] + Int(field.row)] = DelimitedFileReader.unquote(field.text)
            }
        }
        let textColumns = Dictionary(uniqueKeysWithValues: text.map { column in
            (Int(column), TextColumn(firstLine: firstText[column]!.line, values: values[Int(column)]!))
        })
        return (textColumns, rowLines(lines.pointer!))
    }

    /// Which of `candidates` hold a number in some row of the right width: a value written (text
    /// and empty fields wrote NaN), including the row of a problem's number (infinity), or, in a
    /// chunk that stopped at a problem, a number in the rows after it, parsed again into scratch space.
    private func numericColumns(_ candidates: [Int32], outcomes: [ChunkParser<Element>.Outcome], output: UnsafeMutablePointer<Element>) -> [Bool] {
        let parser = parser(keepingText: true)
        let found = IngestParser.concurrentMap(chunks.count) { index in
            var numeric = [Bool](repeating: false, count: columns)
            func mark(_ values: UnsafeMutablePointer<Element>, rows: Int) {
                for column in candidates where !numeric[Int(column)] {
                    numeric[Int(column)] = (0..<rows).contains { !values[$0 * columns + Int(column)].isNaN }
                }
            }
            // The rows written, and the row of a number that stopped the parse (ChunkParser.keepsText).
            func rows(_ outcome: ChunkParser<Element>.Outcome) -> Int {
                if case .field = outcome.problem { outcome.rows + 1 } else { outcome.rows }
            }
            var outcome = outcomes[index]
            mark(output + firstRows[index] * columns, rows: rows(outcome))
            guard outcome.problem != nil else { return numeric }
            let scratch = UnsafeMutablePointer<Element>.allocate(capacity: max(rowsPerChunk[index], 1) * columns)
            defer { scratch.deallocate() }
            while outcome.problem != nil, candidates.contains(where: { !numeric[Int($0)] }) {
                var ignored = [TextField]()
                outcome = parser.parse(outcome.resume..<chunks[index].upperBound, firstLine: outcome.resumeLine, into: scratch,
                                       capacity: rowsPerChunk[index], texts: &ignored)
                mark(scratch, rows: rows(outcome))
            }
            return numeric
        }
        return (0..<columns).map { column in found.contains { $0[column] } }
    }

    /// The rows' lines when some differ from `row + 1` (+ 1 past a header): blank lines. `lines`
    /// holds those that differ, 0 for the others.
    private func rowLines(_ lines: UnsafeMutablePointer<Int>) -> [Int]? {
        let first = layout.hasHeader ? 2 : 1
        guard (0..<rows).contains(where: { lines[$0] != 0 }) else { return nil }
        return (0..<rows).map { lines[$0] == 0 ? $0 + first : lines[$0] }
    }
}

extension ChunkParser.Problem {
    /// The line and 1-based column where the problem is (column 0 for a ragged row).
    var position: (line: Int, column: Int) {
        switch self {
        case let .ragged(line, _): (line, 0)
        case let .field(line, column, _): (line, column)
        }
    }

    static func field(_ text: ChunkParser.TextField) -> Self {
        .field(line: text.line, column: Int(text.column) + 1, range: text.start..<text.end)
    }
}

/// What the text fields of a file being read take (``IngestPlan/fillKeepingText(_:)``), against
/// what the memory check left: the values' estimate counts nothing per field of text, which costs
/// its ``ChunkParser/TextField`` and its place in the column (64 bytes), and its bytes past a
/// short string's 15. Once they pass the rest of the memory, the chunks not yet read are skipped
/// and the file is refused as too large, with its text extrapolated from the part read.
final class TextBudget: @unchecked Sendable {
    private let lock = NSLock()
    private let limit: UInt64?
    private var spent: UInt64 = 0, read = 0

    init(_ limit: UInt64?) { self.limit = limit }

    static func bytes(_ text: String) -> UInt64 {
        UInt64(MemoryLayout<ChunkParser<Float>.TextField>.stride + MemoryLayout<String>.stride) + UInt64(text.utf8.count > 15 ? text.utf8.count : 0)
    }

    var isSpent: Bool { lock.withLock { limit.map { spent > $0 } ?? false } }

    /// Adds a chunk's text (`bytes`), read from `count` bytes of the file.
    func spend(_ bytes: UInt64, reading count: Int) {
        lock.withLock {
            spent += bytes
            read += count
        }
    }

    /// The text of the whole file, `fileBytes` long, at the rate of the part read.
    func bytesForWholeFile(base fileBytes: Int) -> UInt64 {
        lock.withLock { read > 0 ? UInt64(Double(spent) * Double(fileBytes) / Double(read)) : spent }
    }
}
