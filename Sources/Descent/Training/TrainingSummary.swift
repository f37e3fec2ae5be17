/// How good a trained model is, next to the best a linear model can do on the same split.
public struct TrainingSummary: Codable, Equatable, Sendable {
    /// Mean squared errors in normalised units (the course's loss).
    public var trainMSE: Double
    public var testMSE: Double
    /// The least-squares optimum's test MSE (fitted on the training rows).
    public var optimumTestMSE: Double
    /// Test RMSE in the target's own units (MEDV: thousands of dollars).
    public var testRMSE: Double
    /// The target's value when it is the same in every training row (nothing to learn); else nil.
    public var constantTarget: Double?

    /// Test MSE beyond this multiple of the optimum gets a warning: a trained linear model should
    /// come within a few tens of percent of the floor.
    public static let farFromOptimumFactor = 2.0

    public init(model: LinearModel, data: PreparedData) {
        trainMSE = meanSquaredError(model, on: data.train)
        testMSE = meanSquaredError(model, on: data.test)
        optimumTestMSE = meanSquaredError(LeastSquares.solve(data.train), on: data.test)
        testRMSE = testMSE.squareRoot() * data.normalization.target.scale
        let target = data.normalization.target
        constantTarget = target.minimum == target.maximum ? target.minimum : nil
    }

    public var ratioToOptimum: Double { testMSE / optimumTestMSE }

    /// A plain-words verdict, or nil when training came close to the optimum.
    public func verdict(settings: TrainingSettings) -> String? {
        // The absolute floor keeps an exactly linear data set (optimum ≈ 0) from reading as "10²⁷× worse".
        if let constantTarget {
            return "The target is constant: every training row has \(String(format: "%.6g", constantTarget)), so there is nothing to learn "
                + "(the best model predicts that value); check the data file and --target."
        }
        guard testMSE > Self.farFromOptimumFactor * optimumTestMSE + 1e-9 else { return nil }
        let suggestion = settings.epochs > Int.max / 10 ? settings.epochs : max(settings.epochs * 10, 100)
        let ratio = optimumTestMSE > 0 ? "\(readable(ratioToOptimum, digits: 1))× the least-squares optimum"
            : "\(readable(testMSE, digits: 4)) where the least-squares fit is exact (0)"
        return """
            Training stopped far from the best linear fit: test MSE is \(ratio).
            The model is under-trained: train longer (--epochs \(suggestion)) or take smaller batches (--batch-size \(max(settings.batchSize / 4, 1))).
            """
    }
}
