/// The course's model: `z = x · w + b`.
///
/// Later models (multi-layer perceptrons) get their own type beside this one; the backends and the
/// model file tell them apart by ``ModelSpec/kind``.
public struct LinearModel: Codable, Equatable, Sendable {
    /// One weight per feature.
    public var weights: [Double]
    /// The intercept.
    public var bias: Double

    /// A model from its parameters.
    public init(weights: [Double], bias: Double) {
        self.weights = weights
        self.bias = bias
    }

    /// The course's initial parameters: weights drawn from a standard normal, bias 0.
    public init(features: Int, random: inout TrainingRandom) {
        self.init(weights: (0..<features).map { _ in random.nextNormal() }, bias: 0)
    }

    /// The prediction for one normalised feature row.
    public func predict(_ row: some Collection<Double>) -> Double {
        precondition(row.count == weights.count, "predict: \(row.count) features for a model of \(weights.count)")
        var z = 0.0
        for (x, w) in zip(row, weights) { z += x * w }
        return z + bias
    }

    /// Whether every parameter is finite.
    public var isFinite: Bool { bias.isFinite && weights.allSatisfy(\.isFinite) }
}

/// The gradient of a batch's loss with respect to the parameters.
public struct LinearGradient: Equatable, Sendable {
    /// The gradient with respect to each weight.
    public var weights: [Double]
    /// The gradient with respect to the bias.
    public var bias: Double

    /// A gradient from its parts.
    public init(weights: [Double], bias: Double) {
        self.weights = weights
        self.bias = bias
    }
}

/// Which gradient a step follows.
public enum GradientConvention: String, CaseIterable, Codable, Sendable {
    /// `(1/n) Σ (z - y) x`: half the exact derivative of the mean squared error, as the course
    /// computes it. Its numbers depend on this, so it is the default.
    case course
    /// `(2/n) Σ (z - y) x`: the exact derivative.
    case exact

    /// The factor on the course's gradient. Both backends compute the course's gradient and fold
    /// this factor into the step size, so each convention runs the same kernels.
    public var factor: Double { self == .course ? 1 : 2 }
}
