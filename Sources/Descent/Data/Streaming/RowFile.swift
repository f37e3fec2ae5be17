import Foundation

/// A `.descent` cache or an `.npy` array read in place, a block of rows at a time, for data larger
/// than memory (issue 14): the file is mapped and never copied whole; the pages a block touched
/// are handed back once it is read, so the process's resident memory stays at a block's, not the
/// file's. Values widen to float64 exactly as the whole-file readers widen them, so training from
/// a `RowFile` sees the bits `--data` would load.
public final class RowFile: @unchecked Sendable {
    /// The path, as messages name it.
    public let source: String
    /// The header's names, or `x1`, `x2`, … without one.
    public var columnNames: [String] { layout.columnNames }
    /// True when the names came from a header row.
    public var hasHeader: Bool { layout.hasHeader }
    /// Rows in the file.
    public var rows: Int { layout.rows }
    /// Values per row.
    public var columns: Int { layout.columns }
    /// The file's size in bytes.
    public var fileBytes: Int { file.bytes.count }
    let layout: BinaryLayout
    private let file: MappedFile
    /// Read every value as float32 first (a float64 array's values rounded), as the loader holds a
    /// large file: set by ``FileTrainingRows`` for float32 rows.
    var roundsToFloat32 = false

    /// Opens `path`, checking its header against its size; reads no values.
    /// - Throws: ``DataError/notStreamable(source:)`` for any file but a cache or an `.npy` array,
    ///   the header's problem for a damaged one.
    public init(path: String) throws(DataError) {
        if let problem = FileKind.problem(path: path) { throw .unreadable(path: path, cause: .file(problem)) }
        file = try MappedFile(path: path)
        source = path
        if DescentCache.matches(file.bytes) {
            layout = try DescentCache.layout(file.bytes, source: path)
        } else if NPYFile.matches(file.bytes) {
            layout = try NPYFile.layout(file.bytes, source: path)
        } else {
            throw .notStreamable(source: path)
        }
        file.release(0..<min(file.bytes.count, 1 << 16))
    }

    /// Whether `path` starts as a cache or an `.npy` array does (false for anything unreadable).
    public static func isBinary(path: String) -> Bool {
        guard FileKind.problem(path: path) == nil, let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        return head.withUnsafeBufferPointer { DescentCache.matches($0) || NPYFile.matches($0) }
    }

    /// Rows `range`, every column, row-major as float64, into `output` (`range.count × columns`
    /// values); the pages read are handed back. Throws for the first non-finite value, naming its row and column.
    public func read(_ range: Range<Int>, into output: UnsafeMutablePointer<Double>) throws(DataError) {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "RowFile: rows \(range) of \(rows)")
        let raw = UnsafeRawBufferPointer(file.bytes), first = range.lowerBound * columns, count = range.count * columns
        var bad: Int?
        for index in 0..<count {
            let value = value(raw, index: first + index)
            if !value.isFinite, bad == nil { bad = first + index }
            output[index] = value
        }
        release(range)
        if let bad { throw layout.notFinite(index: bad, source: source, inFloat32: roundsToFloat32) }
    }

    /// Hands back the pages of rows `range`.
    public func release(_ range: Range<Int>) {
        let start = layout.dataOffset + range.lowerBound * columns * layout.itemBytes
        file.release(start..<(start + range.count * columns * layout.itemBytes))
    }

    /// Row `row`'s values into `output` (`columns` values), leaving its pages mapped: for gathers
    /// that visit rows out of order and release their span once it is done.
    @inline(__always)
    func copyRow(_ row: Int, into output: UnsafeMutablePointer<Double>) {
        let raw = UnsafeRawBufferPointer(file.bytes), first = row * columns
        for column in 0..<columns { output[column] = value(raw, index: first + column) }
    }

    @inline(__always)
    private func value(_ raw: UnsafeRawBufferPointer, index: Int) -> Double {
        let value = layout.value(raw, index: index)
        return roundsToFloat32 ? Double(Float(value)) : value
    }
}
