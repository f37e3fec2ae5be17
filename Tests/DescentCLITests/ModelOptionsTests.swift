import Descent
import Foundation
import Testing

/// `--model`, `--hidden`, `--activation`, `--loss`, `--task`: what trains, what is refused and
/// how it is worded, and the MLP's capacity on the course's data.
@Suite struct ModelOptionsTests {
    let directory: String

    init() throws { directory = try temporaryDirectory() }

    @Test(arguments: [
        (["--model", "logistic"], "--model logistic needs a target of 2 classes; this one has 229"),
        (["--model", "softmax", "--task", "regression"], "--model softmax classifies and the target is read as numbers"),
        (["--model", "linear", "--task", "classification"], "--model linear is a regression model and the target is read as classes"),
        (["--hidden", "8"], "--hidden applies to --model mlp"),
        (["--model", "mlp", "--hidden", "0"], "--hidden 0 is out of range"),
        (["--model", "mlp", "--hidden", "4,x"], "--hidden"),
        (["--model", "softmax", "--loss", "huber"], "--loss applies to regression"),
    ])
    func refusedChoicesNameTheirFlags(arguments: [String], message: String) throws {
        let result = try descent(["train", "--backend", "cpu", "--epochs", "1", "--quiet"] + arguments, in: directory)
        #expect(result.status != 0 && result.errors.contains(message), "\(result.errors)")
        #expect(try temporaryFiles(in: directory).isEmpty && !FileManager.default.fileExists(atPath: directory + "/housing.model.json"))
    }

    /// The capacity check, shortened: an MLP fits the training rows better than any line.
    @Test func anMLPFitsTheTrainingRowsBetterThanTheLinearOptimum() throws {
        let result = try descent(["train", "--model", "mlp", "--hidden", "64", "--epochs", "250", "--seed", "1", "--backend", "cpu",
                                  "--quiet"], in: directory)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("Training a mlp (hidden 64, relu) model") && result.errors.contains("(least-squares optimum"))
        let file = try ModelFile.read(from: directory + "/housing.model.json")
        let summary = try #require(file.training?.summary)
        #expect(file.spec.hidden == [64] && file.layout.count == 13 * 64 + 64 + 64 + 1)
        #expect(summary.trainMSE <= 0.75 * (summary.optimumTrainMSE ?? 0), "\(summary)")
        let predict = try descent(["predict", "--model", "housing.model.json"], in: directory)
        #expect(predict.status == 0 && predict.output.contains("$"), "\(predict.errors)")
    }

    @Test func huberAndTanhTrainAndSave() throws {
        let result = try descent(["train", "--model", "mlp", "--hidden", "8,4", "--activation", "tanh", "--loss", "huber",
                                  "--epochs", "3", "--backend", "cpu", "--quiet"], in: directory)
        #expect(result.status == 0, "\(result.errors)")
        let spec = try ModelFile.read(from: directory + "/housing.model.json").spec
        #expect(spec == ModelSpec(kind: .mlp, inputs: 13, hidden: [8, 4], activation: .tanh, head: .huber(delta: 1)))
    }

    /// Every kind runs on the OpenCL backend too (``OpenCLNetwork`` for all but the linear model).
    @Test func aClassifierTrainsOnOpenCL() throws {
        let result = try descent(["train", "--model", "logistic", "--data", ClassificationTests.datasets + "/breast_cancer.csv",
                                  "--quiet", "--model-out", "a.json"], in: directory)
        #expect(result.status == 0, "\(result.errors)")
        guard result.errors.contains("Backend: opencl") else { return }  // no OpenCL device here
        let summary = try #require(try ModelFile.read(from: directory + "/a.json").training?.classification)
        #expect(summary.testAccuracy >= 0.9 && !result.errors.contains("training on the CPU reference instead"), "\(result.errors)")
    }

    /// Digits 0–9 read as numbers by an MLP: trained as asked, with a notice pointing at --task.
    @Test func fewIntegerValuesReadAsNumbersAreNoticed() throws {
        let result = try descent(["train", "--model", "mlp", "--hidden", "4", "--epochs", "1", "--backend", "cpu", "--quiet",
                                  "--data", ClassificationTests.datasets + "/digits.csv", "--model-out", "d.json"], in: directory)
        #expect(result.status == 0 && result.errors.contains("notice: the target holds only 10 distinct integers, read as numbers (regression); --task classification reads them as classes"), "\(result.errors)")
        let housing = try descent(["train", "--model", "mlp", "--hidden", "4", "--epochs", "1", "--backend", "cpu", "--quiet"], in: directory)
        #expect(housing.status == 0 && !housing.errors.contains("distinct integers"), "\(housing.errors)")
    }
}
