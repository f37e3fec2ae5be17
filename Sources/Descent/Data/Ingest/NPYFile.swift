import Foundation

/// A NumPy `.npy` array as input (format versions 1 to 3): a 2-D, C-order (row-major) array of
/// little-endian float32 (`<f4`) or float64 (`<f8`) values, one row per sample. It carries no
/// column names, so its columns are named as a header-less text file's are: x1, x2, …
/// (`--target x5`). Anything else (Fortran order, other types, other ranks, non-finite values)
/// is refused saying what was found and what is expected.
enum NPYFile {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"

    static func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= magic.count && zip(bytes, magic).allSatisfy { $0 == $1 }
    }

    /// Where an `.npy` array's values lie (format versions 1 to 3, 2-D, C order, `<f4` or `<f8`),
    /// checked against the file's size; the values themselves are not read.
    static func layout(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws(DataError) -> BinaryLayout {
        func refuse(_ problem: NPYProblem) -> DataError { .unreadable(path: source, cause: .npy(problem)) }
        guard bytes.count >= 10 else { throw refuse(.truncatedPreamble(fileBytes: bytes.count)) }
        let major = bytes[6]
        guard (1...3).contains(major) else { throw refuse(.unsupportedVersion(Int(major))) }
        let lengthBytes = major == 1 ? 2 : 4
        guard bytes.count >= 8 + lengthBytes else { throw refuse(.truncatedHeaderLength) }
        var headerLength = 0
        for index in 0..<lengthBytes { headerLength |= Int(bytes[8 + index]) << (8 * index) }
        let dataOffset = 8 + lengthBytes + headerLength
        guard dataOffset <= bytes.count else { throw refuse(.truncatedHeader(headerEnd: dataOffset, fileBytes: bytes.count)) }
        let header = String(decoding: UnsafeBufferPointer(rebasing: bytes[(8 + lengthBytes)..<dataOffset]), as: UTF8.self)
        let description = value(of: "descr", in: header) ?? "?"
        let itemBytes: Int
        switch description {
        case "'<f4'": itemBytes = 4
        case "'<f8'": itemBytes = 8
        default: throw refuse(.unsupportedType(descriptor: description))
        }
        guard value(of: "fortran_order", in: header) == "False" else { throw refuse(.fortranOrder) }
        let shapeText = value(of: "shape", in: header) ?? "?"
        let shape = shapeText.split { "(), ".contains($0) }.map { Int($0) }
        // At least one row: with none, the file's size bounds nothing (a (0, 10^11) header named
        // 10^11 columns and trapped), and there is nothing to train on or predict for.
        guard shape.count == 2, let rows = shape[0], let columns = shape[1], rows >= 1, columns >= 1 else {
            throw refuse(.unsupportedShape(shape: shapeText))
        }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, count <= (bytes.count - dataOffset) / itemBytes else {
            throw refuse(.truncatedData(rows: rows, columns: columns, itemBytes: itemBytes, dataOffset: dataOffset, fileBytes: bytes.count))
        }
        return BinaryLayout(columnNames: (1...columns).map { "x\($0)" }, hasHeader: false, rows: rows, columns: columns,
                            dataOffset: dataOffset, itemBytes: itemBytes, kind: .npy)
    }

    static func decode<Element: BinaryFloatingPoint>(_ bytes: UnsafeBufferPointer<UInt8>, source: String, as: Element.Type,
                                                     memoryBytes: UInt64) throws(DataError) -> ParsedRows<Element> {
        func refuse(_ problem: NPYProblem) -> DataError { .unreadable(path: source, cause: .npy(problem)) }
        let layout = try layout(bytes, source: source)
        let rows = layout.rows, columns = layout.columns, count = rows * columns
        let dataOffset = layout.dataOffset, itemBytes = layout.itemBytes
        guard let needed = DelimitedFileReader.loadBytes(fileBytes: 0, lines: rows, fields: columns, precision: Element.self == Float.self ? .float32 : .float64), needed <= memoryBytes else {
            throw .tooLargeToLoad(source: source, lines: rows, fields: columns,
                                  neededBytes: DelimitedFileReader.loadBytes(fileBytes: 0, lines: rows, fields: columns, precision: Element.self == Float.self ? .float32 : .float64), memoryBytes: memoryBytes)
        }
        let raw = UnsafeRawBufferPointer(bytes)
        var bad: Int?
        let (values, offset) = LargeRows.make(count: count) { (buffer: UnsafeMutablePointer<Element>) in
            for index in 0..<count {
                let at = dataOffset + itemBytes * index
                let value = itemBytes == 4
                    ? Element(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))))
                    : Element(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))))
                if !value.isFinite, bad == nil { bad = index }
                buffer[index] = value
            }
        }
        if let bad { throw refuse(.notFinite(row: bad / columns + 1, column: bad % columns + 1, inFloat32: Element.self == Float.self)) }
        return ParsedRows(columnNames: layout.columnNames, hasHeader: false, rows: rows, columns: columns, values: values, offset: offset)
    }

    /// The text of `key`'s value in the header dictionary (`{'descr': '<f8', 'shape': (3, 2), }`).
    private static func value(of key: String, in header: String) -> String? {
        guard let keyRange = header.range(of: "'\(key)':") else { return nil }
        let rest = header[keyRange.upperBound...].drop { $0 == " " }
        if rest.first == "(" { return rest.firstIndex(of: ")").map { String(rest[...$0]) } }
        return String(rest.prefix { $0 != "," && $0 != "}" }).trimmingCharacters(in: .whitespaces)
    }
}
