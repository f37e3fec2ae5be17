/// Seeded synthetic regression data with known true parameters, for benchmarks and tests:
/// `x ~ N(0, 1)`, `w ~ N(0, 1)`, `b = 0.5`, `y = x · w + b + 0.1 ε` with `ε ~ N(0, 1)`.
///
/// The features are already on the scale training expects, so benchmarks skip normalisation.
public struct SyntheticData: Sendable {
    /// The rows.
    public var data: RegressionData
    /// The model the targets were drawn from (plus noise).
    public var trueModel: LinearModel

    /// `rows` random rows of `features` features and their noisy linear targets.
    public init(rows: Int, features: Int, seed: UInt64 = 0) {
        var random = TrainingRandom(kind: .standard, seed: seed)
        let weights = (0..<features).map { _ in random.nextNormal() }
        var x = [Double](repeating: 0, count: rows * features)
        var y = [Double](repeating: 0, count: rows)
        for row in 0..<rows {
            var z = 0.5
            for column in 0..<features {
                let value = random.nextNormal()
                x[row * features + column] = value
                z += value * weights[column]
            }
            y[row] = z + 0.1 * random.nextNormal()
        }
        trueModel = LinearModel(weights: weights, bias: 0.5)
        data = RegressionData(featureNames: (1...max(features, 1)).prefix(features).map { "x\($0)" }, targetName: "y",
                              features: Matrix(rows: rows, columns: features, values: x), targets: y)
    }
}
