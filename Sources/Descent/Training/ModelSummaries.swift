/// The end-of-run summary of any model: the regression summary (MSEs beside the least-squares
/// optimum) or the classification summary (accuracy, log-loss, baseline, confusion matrix).
public enum ModelSummaries {
    /// nil when `shouldStop` answered true during the least-squares fit. `ridge`: the L2 penalty
    /// that makes the optimum the ridge optimum (``TrainingSettings/ridge``).
    public static func regression(_ parameters: [Double], spec: ModelSpec, data: PreparedData, ridge: Double = 0,
                                  shouldStop: () -> Bool = { false }) -> TrainingSummary? {
        if spec.hidden.isEmpty, spec.outputs == 1, spec.head.task == .regression {
            return TrainingSummary(model: LinearModel(flat: parameters), data: data, ridge: ridge, shouldStop: shouldStop)
        }
        return TrainingSummary(predictTrain: NetworkReference.predict(params: parameters, spec: spec, features: data.train.features),
                               test: NetworkReference.predict(params: parameters, spec: spec, features: data.test.features),
                               data: data, ridge: ridge, shouldStop: shouldStop)
    }

    /// The classification summary of `parameters` on `data`'s training and test rows.
    public static func classification(_ parameters: [Double], spec: ModelSpec, data: PreparedData) -> ClassificationSummary {
        func probabilities(_ rows: TrainingData) -> [Double] {
            ClassificationSummary.probabilities(headOutput: NetworkReference.predict(params: parameters, spec: spec, features: rows.features),
                                                head: spec.head)
        }
        return ClassificationSummary(trainProbabilities: probabilities(data.train), testProbabilities: probabilities(data.test), data: data)
    }
}
