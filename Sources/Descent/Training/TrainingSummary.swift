/// How good a trained model is, next to the best a linear model can do on the same split.
public struct TrainingSummary: Codable, Equatable, Sendable {
    /// Mean squared errors in normalised units (the course's loss).
    public var trainMSE: Double
    public var testMSE: Double
    /// The least-squares optimum's test MSE (fitted on the training rows).
    public var optimumTestMSE: Double
    /// Test RMSE in the target's own units (MEDV: thousands of dollars).
    public var testRMSE: Double

    /// Test MSE beyond this multiple of the optimum gets a warning: a trained linear model should
    /// come within a few tens of percent of the floor.
    public static let farFromOptimumFactor = 2.0

    public init(model: LinearModel, data: PreparedData) {
        self.init(model: model, data: data, shouldStop: { false })!
    }

    /// The summary, or nil when `shouldStop` answered true during the least-squares fit (asked
    /// between its columns: on a large file the fit takes seconds, and Ctrl-C must not wait).
    public init?(model: LinearModel, data: PreparedData, shouldStop: () -> Bool) {
        guard let optimum = LeastSquares.solve(data.train, shouldStop: shouldStop) else { return nil }
        trainMSE = meanSquaredError(model, on: data.train)
        testMSE = meanSquaredError(model, on: data.test)
        optimumTestMSE = meanSquaredError(optimum, on: data.test)
        testRMSE = testMSE.squareRoot() * data.normalization.target.scale
    }

    public var ratioToOptimum: Double { testMSE / optimumTestMSE }

    /// A plain-words verdict, or nil when training came close to the optimum.
    public func verdict(settings: TrainingSettings) -> String? {
        // The absolute floor keeps an exactly linear data set (optimum ≈ 0) from reading as "10²⁷× worse".
        guard testMSE > Self.farFromOptimumFactor * optimumTestMSE + 1e-9 else { return nil }
        let suggestion = max(settings.epochs * 10, 100)
        return """
            Training stopped far from the best linear fit: test MSE is \(fixed(ratioToOptimum, digits: 1))× the least-squares optimum.
            The model is under-trained: train longer (--epochs \(suggestion)) or take smaller batches (--batch-size \(max(settings.batchSize / 4, 1))).
            """
    }
}
