import Descent
import Foundation
import Testing

/// A test row far outside the training range makes the test MSE infinite: the model is still saved
/// as a file `predict` reads, and the summary says why the metric is missing.
@Suite struct NonFiniteSummaryTests {
    @Test func aModelWithAnInfiniteTestMSEIsSavedLoadableAndExplained() throws {
        let directory = try temporaryDirectory()
        var rows = (0..<40).map { "\($0 % 10) \(($0 * 7) % 10) \($0 % 10 * 2 + 1)" }
        rows[39] = "1e200 3 5"  // the last row is a test row
        try (rows.joined(separator: "\n") + "\n").write(toFile: directory + "/o.data", atomically: true, encoding: .utf8)
        let train = try descent(["train", "--backend", "cpu", "--quiet", "--epochs", "2", "--data", "o.data", "--model-out", "o.json"], in: directory)
        #expect(train.status == 0, "\(train.errors)")
        #expect(train.errors.contains("note: test MSE is not finite: test row 8 of 8 (row 40 of the data) lies so far outside the training rows' range"))
        let text = try String(contentsOfFile: directory + "/o.json", encoding: .utf8)
        #expect(text.contains("\"testMSE\" : null") && !text.contains("\"inf\""))
        try (rows[0..<5].joined(separator: "\n") + "\n").write(toFile: directory + "/p.data", atomically: true, encoding: .utf8)
        let predict = try descent(["predict", "--model", "o.json", "--data", "p.data"], in: directory)
        #expect(predict.status == 0, "\(predict.errors)")  // once: "malformed: ... Expected to decode Double but found a string"
        #expect(predict.output.split(separator: "\n").count == 6, "\(predict.output)")
    }
}
