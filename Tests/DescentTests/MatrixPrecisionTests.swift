import Foundation
import Testing
@testable import Descent

/// A large file's rows held once as float32 (issue 14, "hold the data once"): a float32
/// ``Matrix`` reads, filters, narrows and normalises in place as a float64 one does, keeps its
/// precision through every step, and the reader puts it on a cache line.
@Suite struct MatrixPrecisionTests {
    /// 5 rows × 3 columns of float32 values, 3 elements into their array (as a reader leaves them).
    static let float32 = Matrix(rows: 5, columns: 3, float32: [9, 9, 9] + (0..<15).map { Float($0) + 0.5 } + [7], offset: 3)
    static let float64 = Matrix(rows: 5, columns: 3, values: (0..<15).map { Double($0) + 0.5 })

    @Test func aFloat32MatrixReadsAsTheFloat64One() {
        let matrix = Self.float32
        #expect(matrix.precision == .float32 && matrix == Self.float64 && Self.float64 == matrix)
        #expect(matrix.values == Self.float64.values && matrix[4, 2] == 14.5 && matrix.row(1) == [3.5, 4.5, 5.5][...])
        #expect(matrix.column(2) == Self.float64.column(2))
        #expect(matrix.rows(1..<3) == Self.float64.rows(1..<3) && matrix.rows(1..<3).precision == .float32)
        #expect(matrix.rows(at: [4, 0, 4]) == Self.float64.rows(at: [4, 0, 4]) && matrix.rows(at: [2]).precision == .float32)
        #expect(matrix.float32Array() == (0..<15).map { Float($0) + 0.5 } && Array(matrix.float32Values!) == matrix.float32Array())
        #expect(matrix != Matrix(rows: 5, columns: 3, float32: (0..<15).map { Float($0) }))
    }

    @Test func changesInPlaceKeepThePrecision() {
        var float32 = Self.float32, float64 = Self.float64
        float32[1, 1] = 0.25
        float64[1, 1] = 0.25
        #expect(float32.precision == .float32 && float32 == float64)
        float32.keepRows([0, 2, 3])
        float64.keepRows([0, 2, 3])
        #expect(float32.precision == .float32 && float32 == float64 && float32.rows == 3)
        float32[2, 0] = .nan
        float64[2, 0] = .nan
        float32.selectColumns([2, 0], fills: [nil, -1])
        float64.selectColumns([2, 0], fills: [nil, -1])
        #expect(float32.precision == .float32 && float32 == float64 && float32.columns == 2 && float32[2, 1] == -1)
        let first = float32.transform { value, column in column == 1 && value > 5 ? .infinity : value / 3 }
        #expect(float64.transform { value, column in column == 1 && value > 5 ? .infinity : value / 3 } != nil)
        #expect(first?.index == 3 && first?.value == 6.5)
        #expect(float32[0, 0] == Double(Float(2.5 / 3)) && float64[0, 0] == 2.5 / 3)  // float64 arithmetic, rounded once
        var widened = float32
        widened.values[0] = 1
        #expect(widened.precision == .float64 && widened[0, 0] == 1 && float32.precision == .float32)
    }

    @Test func aCopySharesNothingOnceChanged() {
        let original = Self.float32
        var copy = original
        copy.keepRows([4])
        copy[0, 0] = 100
        #expect(original == Self.float64 && copy.rows == 1 && copy[0, 0] == 100)
    }

    /// A file past the threshold is read as float32, on a cache line, with the values a float32 parse gives.
    @Test(arguments: ["csv", "npy"])
    func aLargeFileIsReadAsFloat32OnACacheLine(kind: String) throws {
        let path: String
        if kind == "npy" {
            path = try FileTrainingRowsTests.npy(rows: 301, columns: 4, float32: false)
        } else {
            path = NSTemporaryDirectory() + "descent-\(UUID().uuidString).csv"
            var text = "a,b,c\n"
            for row in 0..<301 { text += "\(Double(row) * 0.1),\(1.0 / Double(row + 3)),\(Double(row % 7) - 2.5e-3)\n" }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let float64 = try IngestReader.read(path: path)
        let float32 = try IngestReader.read(path: path, float32Above: 0)
        #expect(float64.values.precision == .float64 && float32.values.precision == .float32)
        #expect(float32.values.withValues(float64: { _ in 1 }, float32: { Int(bitPattern: $0.baseAddress) % 64 }) == 0)
        #expect(float32.values.float32Array() == float64.values.values.map(Float.init) || kind == "csv")
        if kind == "csv" {  // parsed straight to float32, correctly rounded
            let text = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
            #expect(float32.values.float32Array() == text.flatMap { $0.split(separator: ",").map { Float(String($0))! } })
        }
    }

    /// The table made ready to train stays float32 and equals the float64 table rounded as the device rounds it.
    @Test func aFloat32TablePreparesInItsOwnBuffer() throws {
        let path = try FileTrainingRowsTests.npy(rows: 2_001, columns: 6, float32: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = TableOptions()
        options.shuffle = true
        let float64 = try PreparedTable(try IngestReader.read(path: path), options: options).prepared
        let float32 = try PreparedTable(try IngestReader.read(path: path, float32Above: 0), options: options).prepared
        #expect(float32.train.features.precision == .float32 && float32.test.features.precision == .float32)
        #expect(float32.normalization == float64.normalization)  // float32 values, measured in float64
        #expect(float32.train.features.float32Array() == float64.train.features.float32Array())
        #expect(float32.test.features.float32Array() == float64.test.features.float32Array())
        #expect(float32.train.targets == float64.train.targets && float32.train.fingerprint == TrainingData(
            featureNames: float32.train.featureNames, targetName: "", features: Matrix(rows: float32.train.count, columns: 5, values: float32.train.features.values),
            targets: float32.train.targets).fingerprint)
    }
}
