extension DelimitedFileReader {
    /// Memory the loader and training take for a file of `fileBytes` bytes in `lines` lines of
    /// `fields` fields, as ``IngestReader`` and ``PreparedTable`` hold it (issue 14, "hold the data
    /// once"): the file once (mapped: its pages count as resident until parsing releases them),
    /// 16 bytes a line (the row orders, the target column), the parsed float64 values once (the
    /// encoded features, the training rows and their normalised values are made in that buffer),
    /// a second float64 copy's room for the rows copied out of it (the test rows, and the
    /// `--validation` hold-out), and one float32 copy (what the OpenCL backend uploads; the CPU
    /// backend trains on the float64 rows themselves). Checked against `descent train`'s peak in
    /// `LoadEstimateTests`. The parser itself keeps nothing per line of numbers; fields of text
    /// are counted as they are read (`TextBudget`). Nil when that overflows 64 bits.
    ///
    /// Rows held as float32 (a large file, ``IngestReader/float32FileBytes``) take 4 bytes a value
    /// held, 4 of room for the rows copied out, and 4 for the staging copy a GPU is handed (a CPU
    /// device trains on the held rows in place): 12 a value instead of 20.
    public static func loadBytes(fileBytes: Int, lines: Int, fields: Int, precision: Matrix.Precision = .float64) -> UInt64? {
        ByteCount.sum(ByteCount.product(fileBytes, 1),
                      ByteCount.product(lines, 16),
                      ByteCount.product(lines, fields, precision == .float32 ? 3 * 4 : 2 * 8 + 4))
    }

    /// Refuses `bytes` (a whole file, read) when parsing and training it would not fit in
    /// `memoryBytes`: its lines and the fields of its first line are counted first, which is cheap.
    static func checkLoadFits(_ bytes: some Collection<UInt8>, source: String, memoryBytes: UInt64) throws(DataError) {
        let lines = bytes.count { $0 == UInt8(ascii: "\n") } + 1
        let fields = fieldsInFirstLine(bytes)
        let needed = loadBytes(fileBytes: bytes.count, lines: lines, fields: max(fields, 1))
        guard let needed, needed <= memoryBytes else {
            throw .tooLargeToLoad(source: source, lines: lines, fields: fields, neededBytes: needed, memoryBytes: memoryBytes)
        }
    }

    /// The fields of the first line that has any: commas plus one in CSV, else runs of non-blanks.
    private static func fieldsInFirstLine(_ bytes: some Collection<UInt8>) -> Int {
        var commas = 0, runs = 0, inRun = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n"):
                if commas > 0 || runs > 0 { return commas > 0 ? commas + 1 : runs }
                inRun = false
            case UInt8(ascii: ","):
                commas += 1
                inRun = false
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                inRun = false
            default:
                if !inRun { runs += 1 }
                inRun = true
            }
        }
        return commas > 0 ? commas + 1 : runs
    }
}
