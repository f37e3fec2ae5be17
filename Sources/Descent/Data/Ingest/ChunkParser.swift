/// How a text file's fields are separated: commas (CSV), or runs of spaces and tabs.
enum FieldSeparator { case comma, whitespace }

/// The second pass over one chunk: splits its lines into fields exactly as ``DelimitedFileReader``
/// does (lines end at LF, CRLF or a lone CR; fields are trimmed of spaces and tabs; a comma file
/// splits at every comma, a whitespace file at runs of spaces and tabs; blank lines are skipped)
/// and writes each row's numbers straight into its place in the output.
struct ChunkParser<Element: BinaryFloatingPoint> {
    typealias Separator = FieldSeparator

    /// The first thing wrong in a chunk, in today's order: a row's field count before its fields.
    enum Problem {
        case ragged(line: Int, found: Int)
        case field(line: Int, column: Int, range: Range<Int>)
    }

    var base: UnsafePointer<UInt8>
    var separator: Separator
    var columns: Int
    /// Where the header line starts, skipped wherever it falls; nil without a header.
    var headerStart: Int?

    /// Parses the lines of `range`, the first numbered `firstLine`, into `output` (room for
    /// `capacity` rows, as the counting pass found); returns the rows written and the first
    /// problem, where parsing stopped.
    func parse(_ range: Range<Int>, firstLine: Int, into output: UnsafeMutablePointer<Element>, capacity: Int) -> (rows: Int, problem: Problem?) {
        let end = range.upperBound
        var index = range.lowerBound, line = firstLine, rows = 0
        while index < end {
            let lineStart = index
            var column = 0
            var problem: Problem?
            let row = output + rows * columns
            if lineStart == headerStart {
                while index < end, base[index] != 10, base[index] != 13 { index += 1 }
            } else {
                // One field per iteration; `index` stops on the comma, the line end, or the file end.
                fields: while true {
                    while index < end, base[index] == 32 || base[index] == 9 { index += 1 }
                    // A comma file's line ends in an empty field after a comma, not at the line's start.
                    if index == end || base[index] == 10 || base[index] == 13, separator == .whitespace || column == 0 { break fields }
                    let fieldStart = index
                    while index < end {
                        let byte = base[index]
                        if byte == 10 || byte == 13 || (separator == .comma ? byte == 44 : byte == 32 || byte == 9) { break }
                        index += 1
                    }
                    var fieldEnd = index
                    while fieldEnd > fieldStart, base[fieldEnd - 1] == 32 || base[fieldEnd - 1] == 9 { fieldEnd -= 1 }
                    if column < columns, problem == nil {
                        precondition(rows < capacity, "ChunkParser: more rows than the counting pass found")
                        // float32 overflows to infinity where float64 does not: refused like infinity.
                        if let value = DecimalParser.parse(base, fieldStart, fieldEnd), case let converted = Element(value), converted.isFinite {
                            row[column] = converted
                        } else {
                            problem = .field(line: line, column: column + 1, range: fieldStart..<fieldEnd)
                        }
                    }
                    column += 1
                    if separator == .comma {
                        guard index < end, base[index] == 44 else { break fields }
                        index += 1
                    }
                }
            }
            // The line end: LF, CRLF, or a lone CR.
            if index < end {
                if base[index] == 13, index + 1 < end, base[index + 1] == 10 { index += 2 } else { index += 1 }
            }
            if column > 0 {
                if column != columns { return (rows, .ragged(line: line, found: column)) }
                if let problem { return (rows, problem) }
                rows += 1
            }
            line += 1
        }
        return (rows, nil)
    }
}
