import Descent
import DescentOpenCL

/// The end-of-run summary, on standard error.
struct TrainingReport {
    var summary: TrainingSummary
    var unit: TargetUnit
    var settings: TrainingSettings
    var spec: ModelSpec
    /// The run's facts for the verdict's advice.
    var facts: TrainingSummary.RunFacts? = nil

    func print() {
        note("""

            Summary (mean squared error in normalised units, the course's loss)
              train MSE              \(readable(summary.trainMSE, digits: 4))\(summary.optimumTrainMSE.map { "  (least-squares optimum \(readable($0, digits: 4)))" } ?? "")
              test MSE               \(readable(summary.testMSE, digits: 4))
              least-squares optimum  \(readable(summary.optimumTestMSE, digits: 4))  (test MSE of the exact fit to the training rows)
              test RMSE              \(unit.format(summary.testRMSE))
            """)
        if let lines = extraLines { note(lines) }
        for line in summary.notes ?? [] { note("note: " + line) }
        if settings.updateRule.l2 > 0 {
            note("note: with --l2 \(settings.updateRule.l2) the least-squares optimum is the ridge optimum (bias unpenalised), the point this penalty aims at")
        }
        if let verdict { note("\n" + verdict) }
    }

    /// The overfitting warning of a network, or else the verdict.
    var verdict: String? { overfitting ?? summary.verdict(settings: settings, facts: facts) }

    /// Issue 11's metrics, after the course's four lines: MAE, the MSE in the target's own units, R², the baseline.
    private var extraLines: String? {
        guard let mae = summary.testMAE, let r2 = summary.testR2, let baseline = summary.baselineTestMSE, let units = summary.testMSEUnits else { return nil }
        return """
              test MAE               \(unit.format(mae))
              test MSE, own units    \(readable(units, digits: 4))  (the target's file units, squared)
              test R²                \(readable(r2, digits: 4))\(summary.optimumTestR2.map { "  (least-squares optimum \(readable($0, digits: 4)))" } ?? "")
              mean baseline          \(readable(baseline, digits: 4))  (test MSE of always predicting the training rows' mean)
            """
    }

    /// A model with hidden layers that fits the training rows better than the best line but the
    /// test rows far worse learned the training rows, not the data: more epochs would not help.
    private var overfitting: String? {
        guard !spec.hidden.isEmpty, let optimumTrain = summary.optimumTrainMSE, summary.trainMSE < optimumTrain,
              summary.testMSE > TrainingSummary.farFromOptimumFactor * summary.optimumTestMSE else { return nil }
        return """
            The model fits the training rows better than the best line (train MSE \(readable(summary.trainMSE, digits: 4)) against \(readable(optimumTrain, digits: 4))) \
            but the test rows worse (\(readable(summary.ratioToOptimum, digits: 1))× the optimum's test MSE): it overfits. \
            Train fewer epochs (--epochs \(max(settings.epochs / 4, 1))) or use fewer hidden units.
            """
    }
}

/// The end-of-run summary of a classifier, on standard error.
struct ClassificationReport {
    var summary: ClassificationSummary

    func print() {
        let names = summary.classNames
        let majority = names.indices.contains(summary.majorityClass) ? names[summary.majorityClass] : "?"
        note("""

            Summary (test rows)
              accuracy               \(percent(summary.testAccuracy))  (train \(percent(summary.trainAccuracy)))
              majority baseline      \(percent(summary.majorityAccuracy))  (always '\(majority.terminalSafe.elided(to: 30))')
              log-loss               \(readable(summary.testLogLoss, digits: 4))\(summary.priorLogLoss.map { "  (class frequencies: \(readable($0, digits: 4)))" } ?? "")
            """)
        guard let confusion = summary.confusion else { return }
        let width = max(8, (names.map { $0.terminalSafe.elided(to: 12).count }.max() ?? 0) + 2)
        var lines = ["  confusion (rows: actual, columns: predicted)",
                     "  " + "".padding(toLength: width, withPad: " ", startingAt: 0)
                        + names.map { $0.terminalSafe.elided(to: 12).leftPadded(width) }.joined()]
        for (index, row) in confusion.enumerated() {
            lines.append("  " + names[index].terminalSafe.elided(to: 12).padding(toLength: width, withPad: " ", startingAt: 0)
                         + row.map { String($0).leftPadded(width) }.joined())
        }
        note(lines.joined(separator: "\n"))
    }

    private func percent(_ value: Double) -> String { fixed(100 * value, digits: 1) + "%" }
}

/// ``TrainingError`` in the command line's words, with its advice.
func worded(_ error: TrainingError) -> InputError {
    InputError("\(error): try a smaller --learning-rate")
}

/// A backend's error in the command line's words (the CPU fallback's notice, and errors).
func worded(backendError error: any Error) -> String {
    if let error = error as? OpenCLError { return worded(error) }
    guard let error = error as? BackendError, case let .unsupported(kind, backend) = error else { return "\(error)" }
    return "--model \(kind.rawValue) does not run on the \(backend) backend yet"
}
