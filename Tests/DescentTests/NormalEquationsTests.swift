import Testing
@testable import Descent

/// The summary's least-squares optimum from normal equations summed in one pass over the rows.
@Suite struct NormalEquationsTests {
    func data(_ rows: [[Double]], targets: [Double]) -> RegressionData {
        RegressionData(featureNames: (0..<rows[0].count).map { "x\($0)" }, targetName: "y",
                       features: Matrix(rows: rows.count, columns: rows[0].count, values: rows.flatMap { $0 }), targets: targets)
    }

    @Test func anExactLineIsRecovered() {
        let rows: [[Double]] = (0..<50).map { (i: Int) -> [Double] in [Double(i % 7) - 3, Double(i * i % 11) / 5] }
        let targets: [Double] = rows.map { (row: [Double]) -> Double in 2 * row[0] - 0.5 * row[1] + 0.25 }
        let fit = LeastSquares.solve(data(rows, targets: targets))
        #expect(abs(fit.weights[0] - 2) < 1e-12 && abs(fit.weights[1] + 0.5) < 1e-12 && abs(fit.bias - 0.25) < 1e-12)
    }

    /// A copy of an earlier column, and a column of zeros (a constant feature, normalised), get
    /// weight 0, as the QR fit gave them; the others are fitted as without them.
    @Test func dependentColumnsGetWeightZero() {
        let rows: [[Double]] = (0..<40).map { (i: Int) -> [Double] in [Double(i % 5), Double(i % 5), 0, Double(i % 3)] }
        let targets: [Double] = rows.map { (row: [Double]) -> Double in row[0] + 3 * row[3] - 1 }
        let fit = LeastSquares.solve(data(rows, targets: targets))
        #expect(abs(fit.weights[0] - 1) < 1e-9 && fit.weights[1] == 0 && fit.weights[2] == 0 && abs(fit.weights[3] - 3) < 1e-9)
        #expect(abs(fit.bias + 1) < 1e-9)
    }

    /// Rows added in blocks sum to the same equations as rows added at once.
    @Test func blocksOfRowsAddUp() {
        let rows: [[Double]] = (0..<30).map { (i: Int) -> [Double] in [Double(i % 4), Double(i % 9) * 0.5] }
        let targets: [Double] = rows.map { (row: [Double]) -> Double in row[0] - row[1] + (row[0] * row[1]).truncatingRemainder(dividingBy: 2) }
        let set = data(rows, targets: targets)
        var once = NormalEquations(features: 2), blocks = NormalEquations(features: 2)
        once.add(set, rows: 0..<30)
        for first in stride(from: 0, to: 30, by: 7) { blocks.add(set, rows: first..<min(first + 7, 30)) }
        #expect(once.solve()! == blocks.solve()!)
    }
}
