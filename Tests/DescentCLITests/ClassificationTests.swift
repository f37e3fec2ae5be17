import Descent
import Foundation
import Testing

/// Classifiers end to end on real data sets (scikit-learn's, exported by
/// Bench/export_sklearn_datasets.py into Datasets/): a text-label target with `--model logistic`,
/// ten integer classes with `--model softmax` and `--model mlp`, and `predict` for each.
@Suite struct ClassificationTests {
    static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Datasets").path
    let directory: String

    init() throws { directory = try temporaryDirectory() }

    func summary(_ name: String) throws -> ClassificationSummary {
        try #require(try ModelFile.read(from: directory + "/" + name).training?.classification)
    }

    /// Breast cancer (569 rows, 30 features, malignant / benign): far above the majority baseline;
    /// predict prints the label and its probability, and every class's with --probabilities.
    @Test func logisticTrainsOnTextLabelsAndPredictsThem() throws {
        let data = Self.datasets + "/breast_cancer.csv"
        let train = try descent(["train", "--data", data, "--model", "logistic", "--backend", "cpu", "--quiet", "--model-out", "bc.json",
                                 "--plot", "bc.svg"], in: directory)
        #expect(train.status == 0, "\(train.errors)")
        #expect(try String(contentsOfFile: directory + "/bc.svg", encoding: .utf8).contains("loss (binary cross-entropy)"))
        #expect(train.errors.contains("classes benign, malignant") && train.errors.contains("majority baseline"))
        let summary = try summary("bc.json")
        #expect(summary.classNames == ["benign", "malignant"] && summary.confusion?.count == 2)
        #expect(summary.testAccuracy >= 0.9 && summary.testAccuracy >= summary.majorityAccuracy + 0.25, "\(summary)")
        let predict = try descent(["predict", "--model", "bc.json", "--data", data], in: directory)
        let lines = predict.output.split(separator: "\n")
        #expect(predict.status == 0 && lines.count == 570, "\(predict.errors)")
        #expect(lines[0].contains("predicted") && lines[0].contains("probability") && lines[0].contains("actual"))
        let first = lines[1].split(separator: " ")
        #expect(["benign", "malignant"].contains(String(first[1])) && Double(first[2]).map { $0 >= 0.5 && $0 <= 1 } == true, "\(lines[1])")
        let all = try descent(["predict", "--model", "bc.json", "--data", data, "--probabilities"], in: directory)
        #expect(all.output.contains("p(benign)") && all.output.contains("p(malignant)"))
    }

    /// Digits (1,797 8×8 images, classes 0–9): softmax and an MLP far above the majority baseline.
    @Test func tenIntegerClassesTrainWithSoftmaxAndMLP() throws {
        let data = Self.datasets + "/digits.csv"
        let softmax = try descent(["train", "--data", data, "--model", "softmax", "--epochs", "20", "--backend", "cpu", "--quiet",
                                   "--model-out", "s.json"], in: directory)
        #expect(softmax.status == 0, "\(softmax.errors)")
        #expect(softmax.errors.contains("confusion (rows: actual, columns: predicted)"))
        let s = try summary("s.json")
        #expect(s.classNames == (0...9).map(String.init) && s.testAccuracy >= 0.9 && s.majorityAccuracy < 0.15, "\(s)")
        let mlp = try descent(["train", "--data", data, "--model", "mlp", "--task", "classification", "--hidden", "32", "--epochs", "10",
                               "--backend", "cpu", "--quiet", "--model-out", "m.json"], in: directory)
        #expect(mlp.status == 0, "\(mlp.errors)")
        let m = try summary("m.json")
        #expect(m.testAccuracy >= 0.85 && m.testAccuracy >= m.majorityAccuracy + 0.6, "\(m)")
        let predict = try descent(["predict", "--model", "m.json", "--data", data], in: directory)
        #expect(predict.status == 0 && predict.output.split(separator: "\n").count == 1798, "\(predict.errors)")
    }
}
