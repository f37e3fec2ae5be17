import Descent
import Foundation
import Testing

/// Checkpoints hold any model's spec and flat parameters: a classifier's run, stopped and resumed,
/// ends bit for bit where the uninterrupted run does, and the resumed run keeps the checkpoint's model.
@Suite struct ModelResumeTests {
    @Test func anMLPClassifierResumesBitForBit() throws {
        let directory = try temporaryDirectory()
        let data = ClassificationTests.datasets + "/breast_cancer.csv"
        let common = ["train", "--backend", "cpu", "--data", data, "--quiet"]
        let model = ["--model", "mlp", "--hidden", "6,3", "--activation", "tanh"]
        let whole = try descent(common + model + ["--epochs", "4", "--model-out", "whole.json"], in: directory)
        #expect(whole.status == 0, "\(whole.errors)")
        let first = try descent(common + model + ["--epochs", "2", "--checkpoint", "c.json", "--model-out", "first.json"], in: directory)
        #expect(first.status == 0, "\(first.errors)")
        let rest = try descent(common + ["--resume", "c.json", "--epochs", "4", "--model-out", "rest.json"], in: directory)
        #expect(rest.status == 0 && rest.errors.contains("Resuming c.json after 2 epochs"), "\(rest.errors)")
        let a = try ModelFile.read(from: directory + "/whole.json"), b = try ModelFile.read(from: directory + "/rest.json")
        #expect(b.spec == a.spec && b.classNames == ["benign", "malignant"])
        #expect(a.parameters == b.parameters)
        let changed = try descent(common + ["--resume", "c.json", "--epochs", "4", "--activation", "relu"], in: directory)
        #expect(changed.status != 0 && changed.errors.contains("--activation cannot change a resumed run"), "\(changed.errors)")
    }
}
