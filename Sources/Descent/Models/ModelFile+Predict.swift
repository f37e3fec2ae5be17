/// Inference from a saved model: a raw feature row in, the target's value or the classes' probabilities out.
extension ModelFile {
    /// The head's output for one raw (unnormalised) feature row: for regression the value in the
    /// target's file units; for a classifier every class's probability, in ``classNames`` order.
    public func outputs(rawFeatures: some Collection<Double>) -> [Double] {
        let row = normalization.normalizeFeatures(rawFeatures)
        if spec.hidden.isEmpty, spec.outputs == 1, spec.head.task == .regression {
            return [normalization.target.denormalize(linearModel.predict(row))]  // the linear model as it always was
        }
        let output = NetworkReference.predict(params: parameters, spec: spec, features: Matrix(rows: 1, columns: row.count, values: row))
        if spec.head.task == .regression { return output.map(normalization.target.denormalize) }
        return ClassificationSummary.probabilities(headOutput: output, head: spec.head)
    }

    /// A regression model's prediction for one raw feature row, in the target's file units.
    public func predict(rawFeatures: some Collection<Double>) -> Double {
        outputs(rawFeatures: rawFeatures)[0]
    }

    /// A classifier's answer for one raw feature row: the most probable class, and every class's probability.
    public func classify(rawFeatures: some Collection<Double>) -> (index: Int, probabilities: [Double]) {
        let probabilities = outputs(rawFeatures: rawFeatures)
        return (ClassificationSummary.argmax(probabilities, row: 0, classes: probabilities.count), probabilities)
    }
}
