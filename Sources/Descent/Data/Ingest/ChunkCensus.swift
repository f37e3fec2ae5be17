/// What the first, counting pass learns about one chunk of a text file (a run of whole lines):
/// enough to number its lines, place its rows in the output, check the memory needed, and
/// recognise binary data exactly where today's reader does (the first NUL byte anywhere, else
/// the first byte that is not valid UTF-8).
struct ChunkCensus {
    /// LF bytes: today's binary-data and memory messages count lines by these alone.
    var lineFeeds = 0
    /// Line ends: LF, CRLF or a lone CR, as ``DelimitedFileReader`` splits lines.
    var lineEnds = 0
    /// Lines holding anything but spaces, tabs and line ends: the header and the data rows.
    var filledLines = 0
    var firstNUL: Int?
    var firstInvalidUTF8: Int?

    /// Counts `range` of `base` (which ends after an LF, or at the end of the file `count` long).
    static func take(_ base: UnsafePointer<UInt8>, _ range: Range<Int>) -> ChunkCensus {
        var census = ChunkCensus()
        var index = range.lowerBound
        let end = range.upperBound
        var filled = false
        while index < end {
            let byte = base[index]
            if byte > 32, byte < 0x80 {
                filled = true
                index += 1
                continue
            }
            switch byte {
            case 10:
                census.lineFeeds += 1
                census.lineEnds += 1
                if filled { census.filledLines += 1 }
                filled = false
            case 13:
                if index + 1 == end || base[index + 1] != 10 {
                    census.lineEnds += 1
                    if filled { census.filledLines += 1 }
                    filled = false
                }
            case 32, 9: break
            case 0:
                if census.firstNUL == nil { census.firstNUL = index }
                filled = true
            case 0x80...:
                filled = true
                if let length = utf8SequenceLength(base, index, end) {
                    index += length
                    continue
                }
                if census.firstInvalidUTF8 == nil { census.firstInvalidUTF8 = index }
            default:
                filled = true
            }
            index += 1
        }
        if filled { census.filledLines += 1 }
        return census
    }

    /// The length of the well-formed UTF-8 sequence starting with a non-ASCII byte at `index`,
    /// or nil (Unicode's table 3-7: no overlong forms, surrogates, or scalars past U+10FFFF, as
    /// Swift's decoder checks).
    static func utf8SequenceLength(_ base: UnsafePointer<UInt8>, _ index: Int, _ end: Int) -> Int? {
        let lead = base[index]
        let length: Int, low: UInt8, high: UInt8
        switch lead {
        case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
        case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
        case 0xED: (length, low, high) = (3, 0x80, 0x9F)
        case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
        case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
        case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
        default: return nil
        }
        guard index + length <= end, (low...high).contains(base[index + 1]) else { return nil }
        for offset in 2..<length where !(0x80...0xBF).contains(base[index + offset]) { return nil }
        return length
    }
}
