import Foundation

/// Reads a data file for training: delimited text (CSV or whitespace, parsed across the cores by
/// `IngestParser`), a `.descent` binary cache (``DescentCache``), or a `.npy` array
/// (`NPYFile`), the last two recognised by their magic bytes whatever the file's name.
public enum IngestReader {
    /// The table in `path`, exactly as ``DelimitedFileReader`` has always read text files (same
    /// values, names, header detection, errors), refusing one that would not fit in `memoryBytes`.
    ///
    /// The values are float64, or float32 for a file larger than `float32Above` bytes, so that
    /// millions of rows are held once at the precision the OpenCL device trains in (the CPU
    /// reference widens them to float64 as it reads them).
    public static func read(path: String, memoryBytes: UInt64 = MemoryLimit.current.bytes,
                            float32Above: UInt64 = float32FileBytes) throws(DataError) -> DataTable {
        if fileBytes(path) > float32Above {
            return table(try readRows(path: path, as: Float.self, memoryBytes: memoryBytes), source: path) { rows in
                Matrix(rows: rows.rows, columns: rows.columns, float32: rows.values, offset: rows.offset)
            }
        }
        return table(try readRows(path: path, as: Double.self, memoryBytes: memoryBytes), source: path) { rows in
            Matrix(rows: rows.rows, columns: rows.columns, values: rows.values)
        }
    }

    private static func table<Element>(_ rows: consuming ParsedRows<Element>, source: String, values: (consuming ParsedRows<Element>) -> Matrix) -> DataTable {
        let (names, hasHeader, textColumns, rowLines, fromCache) = (rows.columnNames, rows.hasHeader, rows.textColumns, rows.rowLines, rows.fromCache)
        var table = DataTable(source: source, columnNames: names, hasHeader: hasHeader, values: values(rows), textColumns: textColumns)
        table.rowLines = rowLines
        table.fromCache = fromCache
        return table
    }

    /// Files larger than this (64 MiB) are held as float32 by default: the course's data and every
    /// small file keep float64, which the course's exact reproduction needs.
    public static let float32FileBytes: UInt64 = 64 << 20

    private static func fileBytes(_ path: String) -> UInt64 {
        var status = stat()
        return stat(path, &status) == 0 ? UInt64(max(status.st_size, 0)) : 0
    }

    /// The rows of `path` as `Element`s (float32 for the cache, float64 for today's table).
    static func readRows<Element: BinaryFloatingPoint>(path: String, as: Element.Type, memoryBytes: UInt64) throws(DataError) -> ParsedRows<Element> {
        let file = try open(path: path, memoryBytes: memoryBytes)
        if DescentCache.matches(file.bytes) { return try DescentCache.decode(file.bytes, source: path, as: Element.self, memoryBytes: memoryBytes) }
        if NPYFile.matches(file.bytes) { return try NPYFile.decode(file.bytes, source: path, as: Element.self, memoryBytes: memoryBytes) }
        return try IngestParser.parse(file.bytes, source: path, as: Element.self, memoryBytes: memoryBytes, releasing: file)
    }

    /// `path` mapped, once it is known to be a regular file whose size (four times over) fits in `memoryBytes`.
    static func open(path: String, memoryBytes: UInt64) throws(DataError) -> MappedFile {
        if let problem = FileKind.problem(path: path) { throw .unreadable(path: path, cause: .file(problem)) }
        var status = stat()
        let size = stat(path, &status) == 0 ? UInt64(max(status.st_size, 0)) : 0
        guard size.multipliedReportingOverflow(by: 4).partialValue <= memoryBytes, size < UInt64.max / 4 else {
            throw .tooLarge(source: path, bytes: size, memoryBytes: memoryBytes)
        }
        return try MappedFile(path: path)
    }
}

extension IngestReader {
    /// `bytes` (a file's contents, named `source` in errors) parsed by the parallel reader in
    /// chunks of about `chunkBytes`: small chunks cut the file at every line. For the fuzzer, which
    /// checks it against ``DelimitedFileReader/parse(_:source:)``.
    public static func parse(_ bytes: [UInt8], source: String, chunkBytes: Int) throws(DataError) -> DataTable {
        let rows = try bytes.withUnsafeBufferPointer { buffer throws(DataError) in
            try IngestParser.parse(buffer, source: source, as: Double.self, chunkBytes: chunkBytes)
        }
        return table(rows, source: source) { rows in Matrix(rows: rows.rows, columns: rows.columns, values: rows.values) }
    }
}
