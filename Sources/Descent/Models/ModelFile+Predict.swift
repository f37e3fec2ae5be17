/// Inference from a saved model: a raw feature row in, the target's value or the classes' probabilities out.
extension ModelFile {
    /// The head's output for one raw (unnormalised) feature row: for regression the value in the
    /// target's file units; for a classifier every class's probability, in ``classNames`` order.
    ///
    /// - Throws: ``PredictionError/featureCount(expected:got:)`` unless the row holds exactly one
    ///   value per feature of the model (a row that still holds its target is refused, not cut).
    public func outputs(rawFeatures: some Collection<Double>) throws(PredictionError) -> [Double] {
        let expected = normalization.features.count
        guard rawFeatures.count == expected else { throw .featureCount(expected: expected, got: rawFeatures.count) }
        let row = normalization.normalizeFeatures(rawFeatures)
        if spec.hidden.isEmpty, spec.outputs == 1, spec.head.task == .regression {
            return [normalization.target.denormalize(linearModel.predict(row))]  // the linear model as it always was
        }
        let output = NetworkReference.predict(params: parameters, spec: spec, features: Matrix(rows: 1, columns: row.count, values: row))
        if spec.head.task == .regression { return output.map(normalization.target.denormalize) }
        return ClassificationSummary.probabilities(headOutput: output, head: spec.head)
    }

    /// A regression model's prediction for one raw feature row, in the target's file units.
    /// - Throws: ``PredictionError/featureCount(expected:got:)`` for a row of the wrong length.
    public func predict(rawFeatures: some Collection<Double>) throws(PredictionError) -> Double {
        try outputs(rawFeatures: rawFeatures)[0]
    }

    /// A classifier's answer for one raw feature row: the most probable class, and every class's probability.
    /// - Throws: ``PredictionError/featureCount(expected:got:)`` for a row of the wrong length.
    public func classify(rawFeatures: some Collection<Double>) throws(PredictionError) -> (index: Int, probabilities: [Double]) {
        let probabilities = try outputs(rawFeatures: rawFeatures)
        return (ClassificationSummary.argmax(probabilities, row: 0, classes: probabilities.count), probabilities)
    }
}

/// Why a saved model refused a row to predict from.
public enum PredictionError: Error, Equatable, CustomStringConvertible {
    /// A row of `got` values for a model of `expected` features.
    case featureCount(expected: Int, got: Int)

    /// In words, for messages.
    public var description: String {
        switch self {
        case let .featureCount(expected, got): "a row of \(got) values for a model of \(expected) features"
        }
    }
}
