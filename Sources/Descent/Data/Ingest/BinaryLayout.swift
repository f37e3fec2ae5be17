/// Where a binary data file's values lie, as its header says and checked against the file's size:
/// a `.descent` cache (``DescentCache/layout(_:source:)``) or an `.npy` array
/// (``NPYFile/layout(_:source:)``). Reading the values is the caller's: all at once
/// (``DescentCache/decode(_:source:as:memoryBytes:)``) or a block at a time (``RowFile``).
struct BinaryLayout: Sendable {
    enum Kind: Sendable { case cache, npy }

    var columnNames: [String]
    var hasHeader: Bool
    var rows: Int
    var columns: Int
    /// The byte offset of the first value; the values follow row-major, little-endian.
    var dataOffset: Int
    /// 4 (float32) or 8 (float64).
    var itemBytes: Int
    var kind: Kind

    /// Value `index` (row-major) of the file `raw`, widened to float64 exactly as the whole-file decoders widen it.
    @inline(__always)
    func value(_ raw: UnsafeRawBufferPointer, index: Int) -> Double {
        let offset = dataOffset + itemBytes * index
        return itemBytes == 4
            ? Double(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))))
            : Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    }

    /// The error for a non-finite value `index`, as the whole-file decoders word it (`inFloat32`
    /// when the values were read as float32: a float64 1e39 is finite only before).
    func notFinite(index: Int, source: String, inFloat32: Bool = false) -> DataError {
        let row = index / columns + 1, column = index % columns + 1
        switch kind {
        case .cache: return .unreadable(path: source, cause: .corruptCache(.notFinite(row: row, column: column, offset: dataOffset + itemBytes * index)))
        case .npy: return .unreadable(path: source, cause: .npy(.notFinite(row: row, column: column, inFloat32: inFloat32)))
        }
    }
}
