/// How good a trained model is, next to the best a linear model can do on the same split.
///
/// A metric that is not finite (a test row so far outside the training rows' range that its
/// squared error overflows) is stored as JSON `null` and read back as NaN, and `notes` says why,
/// so the model file stays valid JSON that any reader, `descent predict` included, can load.
public struct TrainingSummary: Codable, Equatable, Sendable {
    /// Mean squared errors in normalised units (the course's loss).
    public var trainMSE: Double
    /// The model's mean squared error on the test rows (normalised targets).
    public var testMSE: Double
    /// The least-squares optimum's test MSE (fitted on the training rows).
    public var optimumTestMSE: Double
    /// Test RMSE in the target's own units (MEDV: thousands of dollars).
    public var testRMSE: Double
    /// Why a metric is missing, in words; nil when all are finite.
    public var notes: [String]?
    /// The target's value when it is the same in every training row (nothing to learn); else nil.
    public var constantTarget: Double?

    /// Test MSE beyond this multiple of the optimum gets a warning: a trained linear model should
    /// come within a few tens of percent of the floor.
    public static let farFromOptimumFactor = 2.0

    /// The least-squares optimum's train MSE; absent in files from before models beyond the line.
    public var optimumTrainMSE: Double?

    // Issue 11's metrics (RegressionMetrics.swift); absent in files from before them.
    /// Test MSE in the target's own (file) units: ``testMSE`` × the target's scale².
    public var testMSEUnits: Double?
    /// Mean absolute test error in the target's own units.
    public var testMAE: Double?
    /// R² on the test rows: 1 − SS_res / SS_tot about the test rows' mean (scikit-learn's `r2_score`).
    public var testR2: Double?
    /// The test MSE (normalised) of always predicting the training rows' mean: the baseline.
    public var baselineTestMSE: Double?
    /// R² of the least-squares optimum on the test rows.
    public var optimumTestR2: Double?
    /// What the optimum is: "least-squares", or "ridge" with `--l2`.
    public var optimumKind: String?

    /// Measures `model` on `data` and computes the least-squares optimum to compare with.
    public init(model: LinearModel, data: PreparedData) {
        self.init(model: model, data: data, shouldStop: { false })!
    }

    /// The summary, or nil when `shouldStop` answered true during the least-squares fit (asked
    /// between blocks of rows and between its columns: on a large file the fit takes seconds, and Ctrl-C must not wait).
    public init?(model: LinearModel, data: PreparedData, ridge: Double = 0, shouldStop: () -> Bool) {
        self.init(predictTrain: LinearReference.linearForward(features: data.train.features, model: model),
                  test: LinearReference.linearForward(features: data.test.features, model: model),
                  data: data, ridge: ridge, shouldStop: shouldStop)
    }

    /// The summary of any regression model, from its predictions (normalised units) for the
    /// training and the test rows. With `ridge` (``TrainingSettings/ridge``) the optimum is the
    /// ridge optimum the run's L2 penalty aims at.
    public init?(predictTrain train: [Double], test: [Double], data: PreparedData, ridge: Double = 0, shouldStop: () -> Bool) {
        guard let optimum = LeastSquares.solve(data.train, ridge: ridge, shouldStop: shouldStop) else { return nil }
        trainMSE = LinearReference.linearResidual(predictions: train, targets: data.train.targets).loss
        testMSE = LinearReference.linearResidual(predictions: test, targets: data.test.targets).loss
        optimumTestMSE = meanSquaredError(optimum, on: data.test)
        optimumTrainMSE = meanSquaredError(optimum, on: data.train)
        testRMSE = testMSE.squareRoot() * data.normalization.target.scale
        let badRow = (0..<data.test.count).first { row in
            let residual = test[row] - data.test.targets[row]
            return !(residual * residual).isFinite
        }
        notes = Self.notes(trainMSE: trainMSE, testMSE: testMSE, optimumTestMSE: optimumTestMSE, firstNonFiniteTestRow: badRow,
                           trainRows: data.train.count, testRows: data.test.count)
        let target = data.normalization.target
        constantTarget = target.minimum == target.maximum ? target.minimum : nil
        addMetrics(testPredictions: test, optimumPredictions: LinearReference.linearForward(features: data.test.features, model: optimum),
                   data: data)
        optimumKind = ridge > 0 ? "ridge" : "least-squares"
    }

    /// Test MSE over the optimum's: 1 is as good as least squares.
    public var ratioToOptimum: Double { testMSE / optimumTestMSE }

    /// Why a metric is missing; `firstNonFiniteTestRow` is the first test row (0-based) whose
    /// squared error overflows.
    static func notes(trainMSE: Double, testMSE: Double, optimumTestMSE: Double, firstNonFiniteTestRow row: Int?,
                      trainRows: Int, testRows: Int) -> [String]? {
        var notes = [String]()
        if !trainMSE.isFinite { notes.append("train MSE is not finite (the error of the training rows overflows)") }
        if !testMSE.isFinite || !optimumTestMSE.isFinite {
            notes.append("test MSE is not finite: "
                + (row.map { "test row \($0 + 1) of \(testRows) (row \(trainRows + $0 + 1) of the data)" } ?? "a test row")
                + " lies so far outside the training rows' range that its squared error overflows; its prediction cannot be trusted")
        }
        return notes.isEmpty ? nil : notes
    }

    // MARK: Coding: non-finite metrics as null

    private enum CodingKeys: String, CodingKey {
        case trainMSE, testMSE, optimumTestMSE, testRMSE, notes, constantTarget, optimumTrainMSE
        case testMSEUnits, testMAE, testR2, baselineTestMSE, optimumTestR2, optimumKind
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        for (key, value) in [(CodingKeys.trainMSE, trainMSE), (.testMSE, testMSE), (.optimumTestMSE, optimumTestMSE), (.testRMSE, testRMSE)] {
            try container.encode(value.isFinite ? value : nil, forKey: key)
        }
        try container.encodeIfPresent(notes, forKey: .notes)
        try container.encodeIfPresent(constantTarget, forKey: .constantTarget)
        if let optimumTrainMSE { try container.encode(optimumTrainMSE.isFinite ? optimumTrainMSE : nil, forKey: .optimumTrainMSE) }
        for (key, value) in [(CodingKeys.testMSEUnits, testMSEUnits), (.testMAE, testMAE), (.testR2, testR2), (.baselineTestMSE, baselineTestMSE),
                             (.optimumTestR2, optimumTestR2)] {
            if let value { try container.encode(value.isFinite ? value : nil, forKey: key) }
        }
        try container.encodeIfPresent(optimumKind, forKey: .optimumKind)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func metric(_ key: CodingKeys) throws -> Double { try container.decodeIfPresent(Double.self, forKey: key) ?? .nan }
        trainMSE = try metric(.trainMSE)
        testMSE = try metric(.testMSE)
        optimumTestMSE = try metric(.optimumTestMSE)
        testRMSE = try metric(.testRMSE)
        notes = try container.decodeIfPresent([String].self, forKey: .notes)
        constantTarget = try container.decodeIfPresent(Double.self, forKey: .constantTarget)
        optimumTrainMSE = container.contains(.optimumTrainMSE) ? try metric(.optimumTrainMSE) : nil
        func optional(_ key: CodingKeys) throws -> Double? { container.contains(key) ? try metric(key) : nil }
        testMSEUnits = try optional(.testMSEUnits)
        testMAE = try optional(.testMAE)
        testR2 = try optional(.testR2)
        baselineTestMSE = try optional(.baselineTestMSE)
        optimumTestR2 = try optional(.optimumTestR2)
        optimumKind = try container.decodeIfPresent(String.self, forKey: .optimumKind)
    }
}
