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

    /// A field that is neither a number nor empty, met by a parser that ``keepsText``: a class
    /// label if no row has a number in its column, else a typo (``IngestPlan`` decides). Its text
    /// is copied at once: the chunk's mapped pages are handed back after the parse, and reading
    /// them again would make the whole file resident again.
    struct TextField {
        var row: Int32  // the row in the chunk
        var column: Int32
        var line: Int
        var start: Int
        var end: Int
        var text: String
    }

    /// Where a chunk's parse stopped: the rows written, the first problem, and, after one, the
    /// byte and line where the next line starts (to read on from).
    struct Outcome {
        var rows: Int
        var problem: Problem?
        var resume: Int
        var resumeLine: Int
    }

    var base: UnsafePointer<UInt8>
    var separator: Separator
    var columns: Int
    /// Where the header line starts, skipped wherever it falls; nil without a header.
    var headerStart: Int?
    /// False: a field that is not a number (empty, or text) is a problem, as a cache needs.
    /// True: an empty field is NaN (a missing value) and a text field NaN and a ``TextField``, as
    /// ``DelimitedFileReader`` reads them; only a ragged row or a number float32 or float64
    /// cannot hold (infinity) stops the parse. The row of such a number is left in the output
    /// after the rows written, 0 where its fields are numbers and NaN elsewhere.
    var keepsText = false

    /// Parses the lines of `range`, the first numbered `firstLine`, into `output` (room for
    /// `capacity` rows, as the counting pass found); returns the rows written and the first
    /// problem, where parsing stopped. Text fields (``keepsText``) are appended to `texts`; a row's
    /// line is written to `lines` where given, when it is not `firstRowLine` + the row (blank lines).
    func parse(_ range: Range<Int>, firstLine: Int, into output: UnsafeMutablePointer<Element>, capacity: Int,
               texts: inout [TextField], lines: UnsafeMutablePointer<Int>? = nil, firstRowLine: Int = 0) -> Outcome {
        let end = range.upperBound
        var index = range.lowerBound, line = firstLine, rows = 0
        while index < end {
            let lineStart = index, textsBefore = texts.count
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
                        let value = DecimalParser.parse(base, fieldStart, fieldEnd)
                        if let value, case let converted = Element(value), converted.isFinite {
                            row[column] = converted
                        } else if keepsText, value == nil {
                            row[column] = .nan
                            if fieldEnd > fieldStart {
                                let text = String(decoding: UnsafeBufferPointer(start: base + fieldStart, count: fieldEnd - fieldStart), as: UTF8.self)
                                texts.append(TextField(row: Int32(rows), column: Int32(column), line: line, start: fieldStart, end: fieldEnd, text: text))
                            }
                        } else {
                            problem = .field(line: line, column: column + 1, range: fieldStart..<fieldEnd)
                            if keepsText { row[column] = 0 }  // a number (infinity): see below
                        }
                    } else if column < columns, keepsText {
                        // The rest of a row with a problem still tells which columns hold numbers (a
                        // column with one is no text column): 0 where a number is, NaN elsewhere.
                        row[column] = DecimalParser.parse(base, fieldStart, fieldEnd) == nil ? .nan : 0
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
                if column != columns {
                    texts.removeLast(texts.count - textsBefore)  // a ragged row's fields count for nothing
                    return Outcome(rows: rows, problem: .ragged(line: line, found: column), resume: index, resumeLine: line + 1)
                }
                if let problem { return Outcome(rows: rows, problem: problem, resume: index, resumeLine: line + 1) }
                if let lines, line != firstRowLine + rows { lines[rows] = line }
                rows += 1
            }
            line += 1
        }
        return Outcome(rows: rows, problem: nil, resume: end, resumeLine: line)
    }
}
