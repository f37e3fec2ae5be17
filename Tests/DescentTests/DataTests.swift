import Foundation
import Testing
@testable import Descent

@Suite struct DataTests {
    func parse(_ text: String) throws -> DataTable {
        try DelimitedFileReader.parse(Array(text.utf8), source: "t.csv")
    }

    @Test func csvWithHeaderPicksTheTargetByName() throws {
        let table = try parse("a,b,price\n1,2,3\n4,5,6\n")
        #expect(table.hasHeader && table.columnNames == ["a", "b", "price"])
        let data = try table.regressionData(target: "a")
        #expect(data.targetName == "a" && data.featureNames == ["b", "price"])
        #expect(data.features.values == [2, 3, 5, 6] && data.targets == [1, 4])
        let byDefault = try table.regressionData()
        #expect(byDefault.targetName == "price")
    }

    @Test func toleratesBOMCRLFQuotesTrailingSpaceAndBlankLines() throws {
        let table = try parse("\u{FEFF}\"a\",\"b\"\r\n1, 2 \r\n\r\n3,4   \r\n\n")
        #expect(table.columnNames == ["a", "b"])
        #expect(table.values.values == [1, 2, 3, 4])
    }

    @Test func aFirstRowWithATypoIsAnErrorNotAHeader() {
        #expect(throws: DataError.notANumber(source: "t.csv", line: 1, column: 2, text: "abc")) { try parse("1,abc,3\n4,5,6\n") }
    }

    @Test func whitespaceFilesNeedNoHeader() throws {
        let table = try parse("  1 2\t3\n4   5 6\n")
        #expect(!table.hasHeader && table.values.rows == 2 && table.columnNames == ["x1", "x2", "x3"])
    }

    @Test func errorsNameLineColumnAndText() {
        #expect(throws: DataError.notANumber(source: "t.csv", line: 3, column: 2, text: "abc")) { try parse("a,b\n1,2\n3,abc\n") }
        #expect(throws: DataError.raggedRow(source: "t.csv", line: 2, found: 1, expected: 2)) { try parse("1,2\n3\n") }
        #expect(throws: DataError.notFinite(source: "t.csv", line: 1, column: 1, text: "1e999")) { try parse("1e999,2\n") }
        #expect(throws: DataError.empty(source: "t.csv")) { try parse("\n\n") }
        #expect(throws: DataError.headerOnly(source: "t.csv")) { try parse("a,b\n") }
        #expect(throws: DataError.duplicateColumn(source: "t.csv", name: "a")) { try parse("a,a\n1,2\n") }
        #expect(throws: DataError.unknownTarget(source: "t.csv", name: "z", available: ["a", "b"])) {
            try parse("a,b\n1,2\n").regressionData(target: "z")
        }
        let message = DataError.notANumber(source: "t.csv", line: 3, column: 2, text: "abc").description
        #expect(message == "t.csv:3: column 2: 'abc' is not a number (expected a decimal number such as 0.538)")
    }

    @Test func aConstantColumnNormalisesToZeroNotNaN() throws {
        let data = try parse("c,x,y\n5,1,2\n5,2,4\n5,3,6\n5,4,8\n5,5,10\n").regressionData()
        let prepared = try PreparedData(data, trainFraction: 0.8)
        #expect(prepared.train.features.column(0).allSatisfy { $0 == 0 })
        #expect(prepared.test.features.values.allSatisfy { $0.isFinite })
        let model = try Trainer(settings: TrainingSettings()).runLinear(on: CPUBackend(), train: prepared.train).linearModel
        #expect(model.isFinite)
        #expect(LeastSquares.solve(prepared.train).isFinite)
    }

    @Test func bundledDataIsTheCoursesTable() {
        let table = BundledData.housing()
        #expect(table.values.rows == 506 && table.values.columns == 14)
        #expect(table.columnNames.last == "MEDV")
        #expect(table.values[0, 0] == 0.00632 && table.values[505, 13] == 11.9)
    }

    @Test func dollarsAreFormattedForPeople() {
        #expect(BundledData.housingTargetUnit.format(24.35669) == "$24,356.69")
        #expect(BundledData.housingTargetUnit.format(1234.5) == "$1,234,500.00")
        #expect(TargetUnit.plain.format(-3.14159) == "-3.14")
    }

    /// Numbers are named as the float32 they are where they are one (a large file's or a cache's
    /// 0.1 is 0.100000001490116… widened), and by their own shortest decimal where two would read alike.
    @Test func classNamesReadAlikeFromFloat32AndFloat64Rows() {
        #expect(DataTable.className(Double(Float(0.1))) == "0.1" && DataTable.className(0.1) == "0.1")
        #expect(DataTable.className(3) == "3" && DataTable.className(0.5) == "0.5")
        #expect(DataTable.classNames([0.1, Double(Float(0.1)), 0.2]) == ["0.1", "0.10000000149011612", "0.2"])
    }
}
