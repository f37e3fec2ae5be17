import Foundation
import Testing

/// Issue 12's done-when: a CSV with a saved index, an id column, two text columns and about 4 %
/// empty fields trains with `--drop`/`--id` and `--missing mean`, and its predictions written with
/// `--output` equal the model file's parameters applied by hand (the expectation is computed here,
/// in Swift, from the model file's JSON: fills, one-hot levels, normalisation, weights; not from
/// Descent's code), to 1e-9 relative, with the ids first; the same rows without the target predict too.
/// `scripts/check_predictions.py` makes the same check in numpy.
@Suite struct TableRoundTripTests {
    static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Datasets").path

    @Test func predictionsEqualTheModelsParametersAppliedByHand() throws {
        let directory = try temporaryDirectory()
        let data = try String(contentsOfFile: Self.datasets + "/shop.csv", encoding: .utf8)
        try data.write(toFile: directory + "/shop.csv", atomically: true, encoding: .utf8)
        let train = try descent(["train", "--data", "shop.csv", "--backend", "cpu", "--quiet", "--epochs", "30",
                                 "--drop", "batch", "--id", "id", "--missing", "mean"], in: directory)
        #expect(train.status == 0, "\(train.errors)")
        #expect(train.errors.contains("notice: column 1 has no name and counts 0, 1, 2, … (a saved row index): dropped"))
        #expect(train.errors.contains("notice: column 'color' holds text: one-hot encoded as 3 features (levels blue, green, red)"))
        #expect(train.errors.contains("8 features, target y"), "\(train.errors)")

        let predict = try descent(["predict", "--model", "shop.model.json", "--data", "shop.csv", "--output", "p.csv"], in: directory)
        #expect(predict.status == 0, "\(predict.errors)")
        let rows = try String(contentsOfFile: directory + "/p.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["id", "predicted", "actual"])
        let expected = try Self.byHand(model: directory + "/shop.model.json", data: data)
        #expect(rows.count == expected.count + 1)
        for (row, want) in zip(rows.dropFirst(), expected) {
            #expect(row[0] == want.id)
            let got = try #require(Double(row[1]))
            #expect(abs(got - want.value) <= 1e-9 * abs(want.value), "\(row[0]): \(got) against \(want.value)")
        }

        // The same rows without the target column.
        let withoutTarget = data.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",") }
        try (withoutTarget.joined(separator: "\n") + "\n").write(toFile: directory + "/new.csv", atomically: true, encoding: .utf8)
        let unlabelled = try descent(["predict", "--model", "shop.model.json", "--data", "new.csv", "--output", "-"], in: directory)
        #expect(unlabelled.status == 0, "\(unlabelled.errors)")
        let lines = unlabelled.output.split(separator: "\n")
        #expect(lines.first == "id,predicted")
        #expect(lines.dropFirst().map(String.init) == rows.dropFirst().map { "\($0[0]),\($0[1])" })
    }

    /// Each row's prediction from the model file's numbers: empty fields filled, levels one-hot,
    /// `(x − mean) / (max − min)`, `w·x + b`, denormalised.
    static func byHand(model path: String, data: String) throws -> [(id: String, value: Double)] {
        let model = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let input = try #require(model["input"] as? [String: Any])
        let columns = try #require(input["columns"] as? [[String: Any]])
        let normalization = try #require(model["normalization"] as? [String: Any])
        let features = try #require(normalization["features"] as? [[String: Any]])
        let target = try #require(normalization["target"] as? [String: Any])
        let parameters = try #require(model["parameters"] as? [Double])
        func scaled(_ x: Double, _ s: [String: Any]) -> Double {
            let low = s["minimum"] as! Double, high = s["maximum"] as! Double
            return (x - (s["mean"] as! Double)) / (high > low ? high - low : 1)
        }
        let lines = data.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let idColumn = try #require(lines[0].firstIndex(of: input["id"] as! String))
        return lines.dropFirst().map { fields in
            var x = [Double]()
            for column in columns {
                let field = fields[column["position"] as! Int]
                if let levels = column["levels"] as? [String] {
                    let level = field.isEmpty ? column["fillLevel"] as! String : field
                    x += levels.map { $0 == level ? 1 : 0 }
                } else {
                    x.append(field.isEmpty ? column["fill"] as! Double : Double(field)!)
                }
            }
            var z = parameters.last!
            for (index, value) in x.enumerated() { z += parameters[index] * scaled(value, features[index]) }
            let low = target["minimum"] as! Double, high = target["maximum"] as! Double
            return (fields[idColumn], z * (high - low) + (target["mean"] as! Double))
        }
    }
}
