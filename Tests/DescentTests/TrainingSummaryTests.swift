import Foundation
import Testing
@testable import Descent

/// A summary whose metrics overflow (a test row far outside the training range) still makes a
/// model file that reads back, with the metrics as null and the reason in words.
@Suite struct TrainingSummaryTests {
    /// 40 rows of y = 2a + 1; the last (a test row) has a = 1e200.
    func outlierData() throws -> PreparedData {
        var values = [Double]()
        for row in 0..<40 { values += [Double(row % 10), Double((row * 7) % 10), Double(row % 10 * 2 + 1)] }
        values[39 * 3] = 1e200
        let table = DataTable(source: "o.data", columnNames: ["a", "b", "y"], hasHeader: false,
                              values: Matrix(rows: 40, columns: 3, values: values))
        return try PreparedData(table.regressionData(), trainFraction: 0.8)
    }

    @Test func nonFiniteMetricsAreExplained() throws {
        let data = try outlierData()
        let summary = TrainingSummary(model: LeastSquares.solve(data.train), data: data)
        #expect(!summary.testMSE.isFinite && summary.trainMSE.isFinite)
        let notes = try #require(summary.notes)
        #expect(notes == ["test MSE is not finite: test row 8 of 8 (row 40 of the data) lies so far outside the training rows' range that its squared error overflows; its prediction cannot be trusted"])
        #expect(summary.verdict(settings: TrainingSettings()) == nil)  // not "inf× the optimum"
    }

    @Test func aModelWithNonFiniteMetricsIsSavedAsNullAndReadsBack() throws {
        let data = try outlierData()
        let model = LeastSquares.solve(data.train)
        let summary = TrainingSummary(model: model, data: data)
        let file = ModelFile(model: model, normalization: data.normalization, targetUnit: .plain,
                             training: .init(data: "o.data", trainRows: data.train.count, testRows: data.test.count,
                                             settings: TrainingSettings(), backend: "cpu", device: "test", summary: summary,
                                             createdAt: "now"))
        let path = NSTemporaryDirectory() + "descent-summary-\(UUID().uuidString).json"
        defer { unlink(path) }
        try file.write(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"testMSE\" : null") && !text.contains("\"inf\""))
        let read = try ModelFile.read(from: path)
        #expect(read.training?.summary?.testMSE.isNaN == true)
        #expect(read.training?.summary?.trainMSE == summary.trainMSE)
        #expect(read.training?.summary?.notes == summary.notes)
        #expect(read.parameters == file.parameters && read.spec == file.spec)
    }

    @Test func aFileFromBeforeNullMetricsStillReads() throws {
        let data = try outlierData()
        let path = NSTemporaryDirectory() + "descent-summary-\(UUID().uuidString).json"
        defer { unlink(path) }
        let file = ModelFile(model: LeastSquares.solve(data.train), normalization: data.normalization, targetUnit: .plain, training: nil)
        var text = String(decoding: try JSONEncoder().encode(file), as: UTF8.self)
        text.removeLast()  // "}"
        text += #","training":{"data":"o.data","trainRows":32,"testRows":8,"backend":"cpu","device":"d","createdAt":"x","#
            + #""settings":\#(String(decoding: try JSONEncoder().encode(TrainingSettings()), as: UTF8.self)),"#
            + #""summary":{"trainMSE":0.1,"testMSE":"inf","optimumTestMSE":"inf","testRMSE":"inf"}}}"#
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ModelFile.read(from: path).training?.summary?.testMSE == .infinity)
    }
}
