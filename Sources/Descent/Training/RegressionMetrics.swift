/// Issue 11's regression metrics: the error in the target's own units, R², and where the test
/// score lies between the baseline (always predicting the training rows' mean) and the optimum.
extension TrainingSummary {
    /// Fills the metrics beyond the course's MSE from the test rows' predictions (normalised units)
    /// of the model and of the optimum.
    mutating func addMetrics(testPredictions test: [Double], optimumPredictions optimum: [Double], data: PreparedData) {
        // The training rows' mean, normalised: 0 up to rounding; measured, not assumed.
        let trainMean = data.train.targets.reduce(0, +) / Double(max(data.train.count, 1))
        addMetrics(testPredictions: test, optimumPredictions: optimum, testTargets: data.test.targets, trainTargetMean: trainMean,
                   targetScale: data.normalization.target.scale)
    }

    /// ``addMetrics(testPredictions:optimumPredictions:data:)`` from the test targets and the
    /// training targets' mean (normalised units), for rows that are not held whole.
    mutating func addMetrics(testPredictions test: [Double], optimumPredictions optimum: [Double], testTargets targets: [Double],
                             trainTargetMean trainMean: Double, targetScale scale: Double) {
        let rows = Double(max(targets.count, 1))
        testMSEUnits = testMSE * scale * scale
        testMAE = zip(test, targets).reduce(0) { $0 + abs($1.0 - $1.1) } / rows * scale
        baselineTestMSE = targets.reduce(0) { $0 + ($1 - trainMean) * ($1 - trainMean) } / rows
        testR2 = Self.r2(test, targets: targets)
        optimumTestR2 = Self.r2(optimum, targets: targets)
    }

    /// scikit-learn's `r2_score`: 1 − Σ(y − ŷ)² / Σ(y − ȳ)² with ȳ the mean of these targets;
    /// NaN when the targets are constant (R² is undefined there).
    public static func r2(_ predictions: [Double], targets: [Double]) -> Double {
        let mean = targets.reduce(0, +) / Double(max(targets.count, 1))
        var residual = 0.0, total = 0.0
        for (prediction, target) in zip(predictions, targets) {
            residual += (target - prediction) * (target - prediction)
            total += (target - mean) * (target - mean)
        }
        return total > 0 ? 1 - residual / total : .nan
    }

    /// How far the test MSE got from the baseline towards the optimum: 0 at the baseline, 1 at the
    /// optimum, negative when worse than the baseline; nil when the baseline is unknown (an old
    /// file) or no better than the optimum (nothing to learn beyond the mean).
    public var fractionOfWayToOptimum: Double? {
        guard let baselineTestMSE, baselineTestMSE.isFinite, testMSE.isFinite, optimumTestMSE.isFinite,
              baselineTestMSE - optimumTestMSE > 1e-12 * max(baselineTestMSE, 1e-300) else { return nil }
        return (baselineTestMSE - testMSE) / (baselineTestMSE - optimumTestMSE)
    }
}
