extension DelimitedFileReader {
    /// Memory the loader and training take for a file of `fileBytes` bytes in `lines` lines of
    /// `fields` fields, from how the parser holds it (measured, rounded up): the bytes twice (read,
    /// then as an array), about 192 bytes of bookkeeping per line, 32 per field while parsing, and
    /// five float64 copies of every value (the table, the features, the normalised train and test
    /// rows, the backend's). Nil when that overflows 64 bits.
    public static func loadBytes(fileBytes: Int, lines: Int, fields: Int) -> UInt64? {
        ByteCount.sum(ByteCount.product(2, fileBytes),
                      ByteCount.product(lines, 192),
                      ByteCount.product(lines, fields, 32 + 5 * 8))
    }

    /// Refuses `bytes` (a whole file, read) when parsing and training it would not fit in
    /// `memoryBytes`: its lines and the fields of its first line are counted first, which is cheap.
    static func checkLoadFits(_ bytes: some Collection<UInt8>, source: String, memoryBytes: UInt64) throws(DataError) {
        var lines = 1, fields = 0, inFirstLine = true, inField = false, sawComma = false, firstLineFields = 0
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                lines += 1
                if inFirstLine && (firstLineFields > 0 || sawComma) { inFirstLine = false }
                inField = false
                continue
            }
            guard inFirstLine else { continue }
            if byte == UInt8(ascii: ",") {
                sawComma = true
                inField = false
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                inField = false
            } else if !inField {
                inField = true
                firstLineFields += 1
            }
        }
        fields = sawComma ? max(firstLineFields, 1) : firstLineFields
        let needed = loadBytes(fileBytes: bytes.count, lines: lines, fields: max(fields, 1))
        guard let needed, needed <= memoryBytes else {
            throw .tooLargeToLoad(source: source, lines: lines, fields: fields, neededBytes: needed, memoryBytes: memoryBytes)
        }
    }
}
