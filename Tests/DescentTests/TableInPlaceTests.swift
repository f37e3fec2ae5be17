import Testing
@testable import Descent

/// ``PreparedTable`` holds the rows once (issue 14, "hold the data once"): handed the parsed
/// table's only reference, it drops rows, encodes the features, splits and normalises the
/// training rows in the table's own buffer, and copies out only the test rows. Before, each step
/// made a new float64 copy of every row (up to four at once).
@Suite struct TableInPlaceTests {
    func parse(_ text: String) throws -> DataTable { try DelimitedFileReader.parse(Array(text.utf8), source: "t.csv") }
    func address(_ values: [Double]) -> UInt { values.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }

    /// Rows `a,b,y` with a few empty fields in `b` when `gaps`.
    func text(rows: Int, gaps: Bool = false) -> String {
        "a,b,y\n" + (0..<rows).map { row in
            "\(row % 7),\(gaps && row % 9 == 4 ? "" : String(row * 3 % 11)),\(row % 5 + row / 10)"
        }.joined(separator: "\n") + "\n"
    }

    @Test func theTrainingRowsAreTheParsedTablesBuffer() throws {
        var table = try parse(text(rows: 100))
        let parsed = address(table.values.values)
        let prepared = try PreparedTable(consume table, options: TableOptions())
        #expect(address(prepared.prepared.train.features.values) == parsed)
        // The same values as the course's copying path: the first 80 rows train.
        let expected = try PreparedData(try parse(text(rows: 100)).regressionData(), trainFraction: 0.8)
        #expect(prepared.prepared.train.features == expected.train.features && prepared.prepared.train.targets == expected.train.targets)
        #expect(prepared.prepared.test.features == expected.test.features && prepared.prepared.test.targets == expected.test.targets)
        #expect(prepared.prepared.normalization == expected.normalization)
    }

    @Test func aShuffledSplitMovesTheTrainingRowsInPlace() throws {
        var options = TableOptions()
        options.shuffle = true
        options.splitSeed = 5
        var table = try parse(text(rows: 60))
        let parsed = address(table.values.values)
        let prepared = try PreparedTable(consume table, options: options)
        #expect(address(prepared.prepared.train.features.values) == parsed)
        let data = try parse(text(rows: 60)).regressionData()
        let split = try TableSplit.indices(count: 60, fraction: 0.8, shuffle: true, seed: 5, stratify: false,
                                           classes: data.targets, classNames: [], source: "t.csv")
        let expected = try PreparedData(train: data.rows(at: split.train), test: data.rows(at: split.test))
        #expect(prepared.prepared.train.features == expected.train.features && prepared.prepared.train.targets == expected.train.targets)
        #expect(prepared.prepared.test.features == expected.test.features && prepared.prepared.test.targets == expected.test.targets)
    }

    @Test func droppedRowsAndFilledFieldsStayInTheBuffer() throws {
        for policy in [MissingPolicy.drop, .mean] {
            var options = TableOptions()
            options.missing = policy
            var table = try parse(text(rows: 90, gaps: true))
            let parsed = address(table.values.values)
            let prepared = try PreparedTable(consume table, options: options)
            #expect(address(prepared.prepared.train.features.values) == parsed, "\(policy)")
            let rows = policy == .drop ? 80 : 90  // rows 4, 13, …, 85 have an empty field
            #expect(prepared.prepared.train.count + prepared.prepared.test.count == rows, "\(policy)")
            #expect(!prepared.prepared.train.features.values.contains { $0.isNaN }, "\(policy)")
        }
    }

    /// Normalised in place, a test row that overflows is still named by its value before.
    @Test func aTestValueThatOverflowsIsNamedByItsRawValue() throws {
        func data(_ values: [Double]) -> TrainingData {
            TrainingData(featureNames: ["a"], targetName: "y", features: Matrix(rows: values.count, columns: 1, values: values),
                         targets: values.map { _ in 1 })
        }
        #expect(throws: DataError.outsideRange(source: "t", column: "a", value: 1e300, minimum: 0, maximum: 1e-300)) {
            try PreparedData(train: data([0, 1e-300]), test: data([0, 1e300]), source: "t")
        }
    }
}
