import Descent
import Foundation
import Testing

/// `--optimizer` and its hyper-parameters, the penalties and the schedules: each bad value named
/// with its flag and range, flags the chosen rule would ignore refused, and runs that train.
@Suite struct OptimizerOptionsTests {
    let directory: String

    init() throws { directory = try temporaryDirectory() }

    @Test(arguments: [
        (["--optimizer", "momentum", "--momentum", "1"], "--momentum 1.0 is out of range: expected a number from 0 up to, not including, 1"),
        (["--optimizer", "adam", "--beta1=-0.1"], "--beta1 -0.1 is out of range"),
        (["--optimizer", "adam", "--beta2", "1.5"], "--beta2 1.5 is out of range"),
        (["--optimizer", "adam", "--epsilon", "0"], "--epsilon 0.0 is out of range: expected a finite number > 0"),
        (["--l2=-1"], "--l2 -1.0 is out of range: expected a finite number ≥ 0"),
        (["--l1", "nan"], "--l1 nan is out of range"),
        (["--optimizer", "adamw", "--weight-decay", "2"], "--weight-decay 2.0 is out of range"),
        (["--optimizer", "adam", "--weight-decay", "0.1"], "--weight-decay 0.1 is out of range: expected 0 unless --optimizer adamw"),
        (["--momentum", "0.5"], "--momentum applies to --optimizer momentum or nesterov"),
        (["--optimizer", "nesterov", "--beta1", "0.5"], "--beta1 applies to --optimizer adam or adamw"),
        (["--lr-schedule", "step", "--lr-gamma", "0"], "--lr-gamma 0.0 is out of range: expected a number > 0 and ≤ 1"),
        (["--lr-schedule", "step", "--lr-step-epochs", "0"], "--lr-step-epochs 0 is out of range"),
        (["--warmup-epochs=-2"], "--warmup-epochs -2 is out of range"),
        (["--lr-gamma", "0.5"], "--lr-gamma applies to --lr-schedule step or exponential"),
        (["--optimizer", "rmsprop"], "--optimizer"),
    ])
    func badValuesNameTheirFlags(arguments: [String], message: String) throws {
        let result = try descent(["train", "--backend", "cpu", "--epochs", "1", "--quiet"] + arguments, in: directory)
        #expect(result.status != 0 && result.errors.contains(message), "\(result.errors)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/housing.model.json"))
    }

    /// Adam with a cosine schedule and warmup trains, logs each epoch's rate after its lines, and
    /// the model file records the rule and the schedule; with --l2 the summary names the ridge optimum.
    @Test func adamWithAScheduleTrainsAndLogsItsRate() throws {
        let result = try descent(["train", "--backend", "cpu", "--epochs", "4", "--optimizer", "adam", "--learning-rate", "0.05",
                                  "--lr-schedule", "cosine", "--warmup-epochs", "1", "--l2", "0.01"], in: directory)
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.filter { $0.contains("learning rate = ") }.count == 4)
        #expect(lines[5] == "Epoch   0 learning rate = 0.025", "the rate after epoch 0's five lines: \(lines.prefix(6))")
        #expect(result.errors.contains("ridge optimum"), "\(result.errors)")
        let settings = try #require(try ModelFile.read(from: directory + "/housing.model.json").training?.settings)
        #expect(settings.optimizer == UpdateRule(kind: .adam, l2: 0.01))
        #expect(settings.schedule == LearningRateSchedule(kind: .cosine, warmupEpochs: 1))
    }

    /// No optimiser flag: the settings carry none, so the course's model file and output are as before.
    @Test func theDefaultRunRecordsNoOptimizer() throws {
        let result = try descent(["train", "--backend", "cpu", "--epochs", "1"], in: directory)
        #expect(result.status == 0 && !result.output.contains("learning rate"), "\(result.errors)")
        let text = try String(contentsOfFile: directory + "/housing.model.json", encoding: .utf8)
        #expect(!text.contains("optimizer") && !text.contains("schedule"))
    }
}
