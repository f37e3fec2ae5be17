/// The end-of-run summary of a model trained on a file read a block at a time (issue 14): the
/// same numbers ``ModelSummaries/regression(_:spec:data:ridge:shouldStop:)`` (or, for classes,
/// ``ModelSummaries/classification(_:spec:data:)``) gives for the same rows loaded whole,
/// without holding them.
///
/// Every sum runs over the rows in file order, block after block, as the resident summary's
/// sums run over its arrays, so the two agree bit for bit (a test checks it). The training rows
/// are read twice (the model's error with the normal equations' sums, then the optimum's error);
/// the test rows once, keeping three numbers a row (predictions, the optimum's, the target) for
/// the metrics that need the test mean first: 24 bytes a test row, not the row.
extension ModelSummaries {
    /// The regression summary, and the stable learning rate of the linear model's full-batch
    /// gradient descent (``StepSizeLimit``) from the same pass's sums; nil when `shouldStop`
    /// answered true (asked between blocks and during the least-squares solve).
    /// - Throws: ``DataError`` for rows that changed since they were measured (``FileTrainingRows/rows(_:)``).
    public static func regression(_ parameters: [Double], spec: ModelSpec, rows: FileTrainingRows, ridge: Double = 0,
                                  shouldStop: () -> Bool = { false }) throws(DataError) -> (summary: TrainingSummary, stableLearningRate: Double?)? {
        func predictions(_ block: TrainingData) -> [Double] {
            spec.hidden.isEmpty && spec.outputs == 1
                ? LinearReference.linearForward(features: block.features, model: LinearModel(flat: parameters))
                : NetworkReference.predict(params: parameters, spec: spec, features: block.features)
        }
        let blocks = stride(from: 0, to: rows.trainRows, by: NormalEquations.blockRows).map {
            $0..<min($0 + NormalEquations.blockRows, rows.trainRows)
        }
        var equations = NormalEquations(features: rows.featureCount)
        var squares = 0.0, targetSum = 0.0
        for range in blocks {
            if shouldStop() { return nil }
            let block = try rows.rows(range)
            for (prediction, target) in zip(predictions(block), block.targets) { squares += (prediction - target) * (prediction - target) }
            for target in block.targets { targetSum += target }
            equations.add(block, rows: 0..<block.count)
        }
        let stable = StepSizeLimit.stableLearningRate(equations: equations, rows: rows.trainRows, spec: spec)
        if ridge > 0 { equations.penalizeWeights(Double(rows.trainRows) * ridge) }
        guard let theta = equations.solve(shouldStop: shouldStop) else { return nil }
        let optimum = LinearModel(weights: Array(theta.dropLast()), bias: theta[theta.count - 1])
        var optimumSquares = 0.0
        for range in blocks {
            if shouldStop() { return nil }
            let block = try rows.rows(range)
            for (prediction, target) in zip(LinearReference.linearForward(features: block.features, model: optimum), block.targets) {
                optimumSquares += (prediction - target) * (prediction - target)
            }
        }
        var test = [Double](), optimumTest = [Double](), targets = [Double]()
        for first in stride(from: rows.trainRows, to: rows.file.rows, by: NormalEquations.blockRows) {
            if shouldStop() { return nil }
            let block = try rows.rows(first..<min(first + NormalEquations.blockRows, rows.file.rows))
            test += predictions(block)
            optimumTest += LinearReference.linearForward(features: block.features, model: optimum)
            targets += block.targets
        }
        let summary = TrainingSummary(trainSquares: squares, optimumTrainSquares: optimumSquares, trainRows: rows.trainRows,
                                      testPredictions: test, optimumTestPredictions: optimumTest, testTargets: targets,
                                      trainTargetMean: targetSum / Double(rows.trainRows), target: rows.normalization.target,
                                      optimumKind: ridge > 0 ? "ridge" : "least-squares")
        return (summary, stable)
    }
}

extension TrainingSummary {
    /// The summary from sums over the training rows and the test rows' predictions, as the
    /// resident initialiser computes it from whole arrays.
    init(trainSquares: Double, optimumTrainSquares: Double, trainRows: Int, testPredictions test: [Double],
         optimumTestPredictions optimum: [Double], testTargets targets: [Double], trainTargetMean: Double,
         target: ColumnStatistics, optimumKind: String) {
        func meanSquares(_ predictions: [Double]) -> Double {
            zip(predictions, targets).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(targets.count)
        }
        trainMSE = trainSquares / Double(trainRows)
        testMSE = meanSquares(test)
        optimumTestMSE = meanSquares(optimum)
        optimumTrainMSE = optimumTrainSquares / Double(trainRows)
        testRMSE = testMSE.squareRoot() * target.scale
        let badRow = targets.indices.first { !((test[$0] - targets[$0]) * (test[$0] - targets[$0])).isFinite }
        notes = Self.notes(trainMSE: trainMSE, testMSE: testMSE, optimumTestMSE: optimumTestMSE, firstNonFiniteTestRow: badRow,
                           trainRows: trainRows, testRows: targets.count)
        constantTarget = target.minimum == target.maximum ? target.minimum : nil
        addMetrics(testPredictions: test, optimumPredictions: optimum, testTargets: targets, trainTargetMean: trainTargetMean,
                   targetScale: target.scale)
        self.optimumKind = optimumKind
    }
}

extension ModelSummaries {
    /// The classification summary of `parameters` on the file's training and test rows, a block at
    /// a time (training blocks first, each in row order): the loaded file's
    /// ``classification(_:spec:data:)`` bit for bit; nil when `shouldStop` answered true between blocks.
    /// - Throws: ``DataError`` for rows that changed since they were measured (``FileTrainingRows/rows(_:)``).
    public static func classification(_ parameters: [Double], spec: ModelSpec, rows: FileTrainingRows,
                                      shouldStop: () -> Bool = { false }) throws(DataError) -> ClassificationSummary? {
        var tally = ClassificationTally(classNames: rows.classNames)
        for (part, training) in [(0..<rows.trainRows, true), (rows.trainRows..<rows.file.rows, false)] {
            for first in stride(from: part.lowerBound, to: part.upperBound, by: NormalEquations.blockRows) {
                if shouldStop() { return nil }
                let block = try rows.rows(first..<min(first + NormalEquations.blockRows, part.upperBound))
                let probabilities = ClassificationSummary.probabilities(
                    headOutput: NetworkReference.predict(params: parameters, spec: spec, features: block.features), head: spec.head)
                if training { tally.addTrain(probabilities, targets: block.targets) } else { tally.addTest(probabilities, targets: block.targets) }
            }
        }
        return tally.summary
    }
}
