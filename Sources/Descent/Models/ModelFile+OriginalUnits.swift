/// A linear or logistic model's weights in the data file's units: what each raw feature adds to
/// the prediction (linear: in the target's units; logistic: to the log-odds), for `descent inspect`.
extension ModelFile {
    /// The weights and bias that act on raw (unnormalised) features; nil for other models.
    public var originalUnitWeights: (weights: [Double], bias: Double)? {
        guard spec.hidden.isEmpty, spec.outputs == 1, spec.kind == .linear || spec.kind == .logistic else { return nil }
        let features = normalization.features
        let w = Array(parameters.prefix(features.count)), b = parameters[features.count]
        // w·(x − c)/s + b = Σ (w/s)·x + (b − Σ w·c/s)
        var weights = zip(w, features).map { $0 / $1.scale }
        var bias = b - zip(w, features).map { $0 * $1.center / $1.scale }.reduce(0, +)
        if spec.head.task == .regression {  // the output is denormalised: y = z·s + c
            let target = normalization.target
            weights = weights.map { $0 * target.scale }
            bias = bias * target.scale + target.center
        }
        return (weights, bias)
    }
}
