import Foundation
import Testing
@testable import Descent

/// `.npy` arrays as data: 2-D C-order float32 and float64, columns named x1…; anything else
/// refused saying what it is.
@Suite struct NPYFileTests {
    /// A version 1 `.npy` file of `values` (already little-endian bytes) under `header`.
    func npy(_ header: String, _ values: [UInt8]) throws -> String {
        var text = header
        while (10 + text.utf8.count + 1) % 64 != 0 { text += " " }
        text += "\n"
        let bytes = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(text.utf8.count & 0xFF), UInt8(text.utf8.count >> 8)] + Array(text.utf8) + values
        let path = NSTemporaryDirectory() + "descent-\(UUID().uuidString).npy"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func bytes<Value>(_ values: [Value]) -> [UInt8] { values.withUnsafeBytes { Array($0) } }

    @Test func float64AndFloat32ArraysRead() throws {
        let doubles = [1.5, -2, 0.1, 4e-300, 5, 6]
        let table = try IngestReader.read(path: try npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", bytes(doubles)))
        #expect(table.values == Matrix(rows: 3, columns: 2, values: doubles) && table.columnNames == ["x1", "x2"] && !table.hasHeader)
        let floats: [Float] = [1.5, -2, 0.1]
        let single = try IngestReader.read(path: try npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }", bytes(floats)))
        #expect(single.values.values == floats.map(Double.init))
    }

    /// An array piped in (`--data -`, a FIFO) was "binary data … expected text rows of numbers":
    /// it is named for what it is, with the way to read it (a file by its path). So is a cache.
    @Test func anArrayOnAStreamSaysToSaveItToAFile() throws {
        let path = try npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", bytes([1.0, 2.0]))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let array = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(throws: DataError.binaryArrayOnStream(source: "standard input")) {
            try DelimitedFileReader.parse(array, source: "standard input")
        }
        #expect(throws: DataError.binaryArrayOnStream(source: "p")) { try DelimitedFileReader.parse(DescentCache.magic + [0, 1], source: "p") }
        #expect(DataError.binaryArrayOnStream(source: "p").description.contains("save it to a file"))
    }

    @Test func otherArraysAreRefused() throws {
        func message(_ path: String) -> String {
            do { _ = try IngestReader.read(path: path); return "read" } catch { return error.description }
        }
        #expect(message(try npy("{'descr': '<f8', 'fortran_order': True, 'shape': (1, 2), }", bytes([1.0, 2]))).hasSuffix("cannot read the file: a .npy file, but it is in Fortran (column-major) order, expected C order"))
        #expect(message(try npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1, 2), }", bytes([Int32(1), 2]))).hasSuffix("its type is '<i4', expected '<f4' or '<f8' (little-endian float32 or float64)"))
        #expect(message(try npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", bytes([1.0, 2, 3, 4]))).hasSuffix("its shape is (4,), expected (rows, columns) with at least one row and one column"))
        #expect(message(try npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", bytes([1.0, 2, 3]))).hasSuffix("truncated: 2 × 2 values of 8 bytes need 128 + 2 × 2 × 8 bytes, the file has 152"))
        #expect(message(try npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", bytes([1.0, .nan]))).hasSuffix("the value at row 1, column 2 is not finite"))
    }

    /// A shape the file's size cannot check: a negative row count was taken as -1 rows, and zero
    /// rows of 10^11 columns passed the size check and trapped naming 10^11 columns.
    @Test func negativeAndZeroRowShapesRefused() throws {
        for shape in ["(-1, 2)", "(0, 100000000000)", "(0, 3)", "(2, -1)"] {
            let path = try npy("{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }", bytes([1.0, 2, 3, 4]))
            var message = "read"
            do { _ = try IngestReader.read(path: path) } catch { message = error.description }
            #expect(message.hasSuffix("its shape is \(shape), expected (rows, columns) with at least one row and one column"))
            #expect(throws: DataError.self) { try RowFile(path: path) }
        }
    }
}
