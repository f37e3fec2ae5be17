import Testing
@testable import Descent

/// What messages echo from files: control characters escaped, long lists and texts cut short,
/// huge numbers in scientific notation.
@Suite struct MessageTextTests {
    @Test func controlCharactersAreEscaped() {
        #expect("\u{1B}[31mred\u{7}\r\n\tx\u{202E}".terminalSafe == "\\e[31mred\\u{7}\\r\\n\\tx\\u{202E}")
        #expect("MEDV, café".terminalSafe == "MEDV, café")
    }

    @Test func longListsAndTextsAreElided() {
        let names = (1...5000).map { "column\($0)" }
        let list = elidedList(names)
        #expect(list.hasPrefix("column1, column2") && list.hasSuffix(", … and 4988 more") && list.count < 200)
        #expect(elidedList(["a", "b"]) == "a, b")
        #expect(String(repeating: "9", count: 1000).elided(to: 40) == String(repeating: "9", count: 40) + "… (960 more characters)")
    }

    @Test func hugeValuesAreScientific() {
        #expect(readable(1.5e300, digits: 4) == "1.5000e+300")
        #expect(readable(-2e15, digits: 2) == "-2.000e+15")
        #expect(readable(12.345678, digits: 4) == "12.3457")
        #expect(TargetUnit(multiplier: 1000, prefix: "$").format(1e300) == "$1.000e+303")
        #expect(TargetUnit(multiplier: 1000, prefix: "$").format(24.5) == "$24,500.00")
        #expect(TargetUnit(multiplier: 1, prefix: "\u{1B}[2J").format(1) == "\\e[2J1.00")
    }

    @Test func aConstantTargetIsNamedNotInfinitelyFarFromTheOptimum() throws {
        let rows = 20
        let features = Matrix(rows: rows, columns: 1, values: (0..<rows).map { Double($0 * $0 % 7) })
        let data = RegressionData(featureNames: ["x"], targetName: "y", features: features, targets: Array(repeating: 7, count: rows))
        let prepared = try PreparedData(data, trainFraction: 0.8)
        let summary = TrainingSummary(model: LinearModel(weights: [0.3], bias: 0.1), data: prepared)
        let verdict = summary.verdict(settings: TrainingSettings())
        #expect(verdict?.contains("The target is constant: every training row has 7,") == true, "\(verdict ?? "nil")")
        #expect(verdict?.contains("inf") == false)
    }
}
