import Foundation

/// The end-of-run verdict (issue 11): where the test score lies between the baseline (always
/// predicting the training rows' mean) and the optimum (the best linear fit), and advice that is
/// right for the run at hand.
extension TrainingSummary {
    /// What the advice needs to know about the run besides its settings.
    public struct RunFacts: Sendable {
        /// The rows the gradient saw (a batch size is never suggested past them).
        public var trainRows: Int
        /// ``StepSizeLimit/stableLearningRate(for:spec:)``, when known.
        public var stableLearningRate: Double?
        /// Why the run ended early, if it did.
        public var stopReason: StopReason?

        public init(trainRows: Int, stableLearningRate: Double? = nil, stopReason: StopReason? = nil) {
            self.trainRows = trainRows
            self.stableLearningRate = stableLearningRate
            self.stopReason = stopReason
        }
    }

    /// The verdict in plain words: the placement, then advice when the run stopped far from the
    /// optimum; nil when the test MSEs are not finite (``notes`` explains).
    public func verdict(settings: TrainingSettings, facts: RunFacts? = nil) -> String? {
        if let constantTarget {
            return "The target is constant: every training row has \(String(format: "%.6g", constantTarget)), so there is nothing to learn "
                + "(the best model predicts that value); check the data file and --target."
        }
        guard testMSE.isFinite, optimumTestMSE.isFinite else { return nil }
        let far = testMSE > Self.farFromOptimumFactor * optimumTestMSE + 1e-9  // the floor: an exactly linear set (optimum ≈ 0)
        let worse = fractionOfWayToOptimum.map { $0 <= 0 } ?? baselineTestMSE.map { testMSE >= $0 } ?? false
        var lines = [placement(far: far, worse: worse)]
        if far || worse { lines.append(advice(settings: settings, facts: facts)) }
        return lines.joined(separator: "\n")
    }

    /// "Worse than predicting the mean", "x% of the way from the mean to the best linear fit", or close to it.
    func placement(far: Bool, worse: Bool) -> String {
        let optimumName = "the \(optimumKind ?? "least-squares") optimum"
        let ratio = optimumTestMSE > 0 ? "\(readable(ratioToOptimum, digits: 1))× \(optimumName)"
            : "\(readable(testMSE, digits: 4)) where the least-squares fit is exact (0)"
        if worse, let baselineTestMSE {
            return "Worse than predicting the mean: test MSE \(readable(testMSE, digits: 4)) against \(readable(baselineTestMSE, digits: 4)) "
                + "for always predicting the training rows' mean" + (testR2.map { " (R² \(readable($0, digits: 2)))" } ?? "") + "."
        }
        if testMSE <= optimumTestMSE {
            return "As good as the best linear fit or better on the test rows: test MSE is \(ratio) (the optimum is fitted to the training rows, so a model can beat it on others)."
        }
        guard let fraction = fractionOfWayToOptimum, let baselineTestMSE else {
            return far ? "Training stopped far from the best linear fit: test MSE is \(ratio)." : "Close to the best linear fit: test MSE is \(ratio)."
        }
        let way = "\(readable(100 * fraction, digits: 0))% of the way from the mean (\(readable(baselineTestMSE, digits: 4))) to the best linear fit (\(readable(optimumTestMSE, digits: 4)))"
        return far ? "Training stopped far from the best linear fit: test MSE is \(ratio), \(way)."
            : "Close to the best linear fit: test MSE is \(ratio), \(way)."
    }

    /// What to change: the learning rate when it is far below the stable limit, more steps (epochs,
    /// a smaller batch that is neither the one used nor past the rows), or an adaptive optimiser.
    func advice(settings: TrainingSettings, facts: RunFacts?) -> String {
        var changes = [String]()
        if let limit = facts?.stableLearningRate, settings.learningRate < limit / 4 {
            let suggested = Self.roundedDown(limit / 2)
            changes.append("raise the learning rate (--learning-rate \(Self.plain(suggested)): steps stay stable up to about \(Self.plain(Self.roundedDown(limit))) on these rows)")
        }
        if case .earlyStopping? = facts?.stopReason {
            changes.append("wait longer for an improvement (--early-stopping \(max((settings.earlyStoppingPatience ?? 10) * 3, 10)))")
        } else {
            let epochs = settings.epochs > Int.max / 10 ? settings.epochs : max(settings.epochs * 10, 100)
            changes.append("train longer (--epochs \(epochs))")
        }
        let rows = facts?.trainRows ?? Int.max
        let batch = settings.batchSize >= rows ? max(rows / 4, 1) : max(settings.batchSize / 4, 1)
        if batch < settings.batchSize, batch <= rows { changes.append("take smaller batches (--batch-size \(batch))") }
        let listed = changes.count == 1 ? changes[0] : changes.dropLast().joined(separator: ", ") + " or " + changes.last!
        return "The model is under-trained: \(listed); or let an adaptive optimiser set the steps (--optimizer adam --epochs auto)."
    }

    /// `value` rounded down to 2 significant digits (a suggestion stays on the safe side).
    static func roundedDown(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return value }
        let unit = pow10(Int((log10(value)).rounded(.down)) - 1)
        return (value / unit).rounded(.down) * unit
    }

    /// A number as a flag takes it: no trailing zeros.
    static func plain(_ value: Double) -> String {
        var text = String(format: "%.6g", value)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    private static func pow10(_ exponent: Int) -> Double { exponent >= 0 ? (0..<exponent).reduce(1.0) { v, _ in v * 10 } : 1 / pow10(-exponent) }
}
