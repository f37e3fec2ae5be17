import Descent

/// The end-of-run summary, on standard error.
struct TrainingReport {
    var summary: TrainingSummary
    var unit: TargetUnit
    var settings: TrainingSettings

    func print() {
        note("""

            Summary (mean squared error in normalised units, the course's loss)
              train MSE              \(readable(summary.trainMSE, digits: 4))
              test MSE               \(readable(summary.testMSE, digits: 4))
              least-squares optimum  \(readable(summary.optimumTestMSE, digits: 4))  (test MSE of the exact fit to the training rows)
              test RMSE              \(unit.format(summary.testRMSE))
            """)
        for line in summary.notes ?? [] { note("note: " + line) }
        if let verdict = summary.verdict(settings: settings) { note("\n" + verdict) }
    }
}
