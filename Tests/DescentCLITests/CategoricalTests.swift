import Foundation
import Testing

/// Categorical columns (issue 12, item 2): text one-hot encoded with a notice, `--categorical` for
/// integer codes, the levels kept in the model and used by `predict`, an unseen level refused or
/// (`--unknown-category ignore`) encoded as zeros, and `--max-levels`.
@Suite struct CategoricalTests {
    static let colors = ["red", "green", "blue"]

    /// 60 rows: a number, a color, an integer code and y.
    static func csv(colors: [String] = colors, rows: Int = 60) -> String {
        "x,color,code,y\n" + (0..<rows).map { i in
            "\(i % 9),\(colors[i % colors.count]),\(i % 4),\(Double(i % 9) + Double(i % colors.count) * 2 + Double(i % 4))"
        }.joined(separator: "\n") + "\n"
    }

    @Test func textIsOneHotAndIntegerCodesOnRequest() throws {
        let directory = try temporaryDirectory()
        try Self.csv().write(toFile: directory + "/c.csv", atomically: true, encoding: .utf8)
        let plain = try descent(["train", "--data", "c.csv", "--backend", "cpu", "--quiet", "--epochs", "2"], in: directory)
        #expect(plain.status == 0 && plain.errors.contains("notice: column 'color' holds text: one-hot encoded as 3 features (levels blue, green, red)"), "\(plain.errors)")
        #expect(plain.errors.contains("5 features, target y"))
        let coded = try descent(["train", "--data", "c.csv", "--backend", "cpu", "--quiet", "--epochs", "2", "--categorical", "code"], in: directory)
        #expect(coded.status == 0 && coded.errors.contains("8 features, target y"), "\(coded.errors)")
        let model = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/c.model.json"))) as! [String: Any]
        let columns = (model["input"] as! [String: Any])["columns"] as! [[String: Any]]
        #expect(columns.map { $0["levels"] as? [String] } == [nil, ["blue", "green", "red"], ["0", "1", "2", "3"]])
        let predict = try descent(["predict", "--model", "c.model.json", "--data", "c.csv", "--output", "-"], in: directory)
        #expect(predict.status == 0 && predict.output.split(separator: "\n").count == 61, "\(predict.errors)")
    }

    @Test func anUnseenLevelIsRefusedOrIgnored() throws {
        let directory = try temporaryDirectory()
        try Self.csv().write(toFile: directory + "/c.csv", atomically: true, encoding: .utf8)
        #expect(try descent(["train", "--data", "c.csv", "--backend", "cpu", "--quiet", "--epochs", "2"], in: directory).status == 0)
        try "x,color,code\n1,red,0\n2,purple,1\n".write(toFile: directory + "/new.csv", atomically: true, encoding: .utf8)
        let refused = try descent(["predict", "--model", "c.model.json", "--data", "new.csv", "--output", "p.csv"], in: directory)
        #expect(refused.status == 1 && refused.errors.contains(
            "new.csv:3: column 'color': 'purple' is a level the model was not trained on (levels: blue, green, red); --unknown-category ignore encodes it as all zeros"), "\(refused.errors)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/p.csv"))  // nothing written
        let ignored = try descent(["predict", "--model", "c.model.json", "--data", "new.csv", "--unknown-category", "ignore"], in: directory)
        #expect(ignored.status == 0 && ignored.output.split(separator: "\n").count == 3, "\(ignored.errors)")
    }

    @Test func tooManyLevelsIsAnErrorThatSaysSo() throws {
        let directory = try temporaryDirectory()
        try Self.csv(colors: (0..<60).map { "c\($0)" }, rows: 80).write(toFile: directory + "/c.csv", atomically: true, encoding: .utf8)
        let result = try descent(["train", "--data", "c.csv", "--backend", "cpu", "--quiet", "--epochs", "2"], in: directory)
        #expect(result.status == 1 && result.errors.contains(
            "c.csv: the categorical column 'color' holds 60 distinct values, more than the limit of 50; --max-levels raises the limit, --drop leaves the column out"), "\(result.errors)")
        let raised = try descent(["train", "--data", "c.csv", "--backend", "cpu", "--quiet", "--epochs", "2", "--max-levels", "60"], in: directory)
        #expect(raised.status == 0, "\(raised.errors)")
    }
}
