/// The course's linear model on any backend, in ``LinearModel`` terms: what the validator's stage
/// checks, the benches and the linear tests use. `stepSize` is the step on the course's gradient
/// (the ``Head/mse(_:)`` head with the course convention), as before the flat layout.
extension TrainingBackend {
    /// Prepares the linear model with the course's gradient for `data`.
    public func load(_ data: TrainingData) throws {
        try prepare(spec: .linear(inputs: data.features.columns), data: data)
    }

    /// Sets a linear model's parameters: `(w…, b)` is its layout.
    public func setModel(_ model: LinearModel) throws {
        try setParameters(model.weights + [model.bias])
    }

    /// The parameters read as a linear model.
    public func model() throws -> LinearModel {
        LinearModel(flat: try parameters())
    }

    /// One submission of course-gradient steps, start to finish.
    public func trainEpoch(order: [Int32], batchSize: Int, stepSize: Double) throws -> [Double] {
        try trainSteps(order: order, batchSize: batchSize, learningRate: stepSize)
    }
}

extension LinearModel {
    /// A linear model's flat parameters `(w…, b)` in its ``ParameterLayout``.
    public init(flat: [Double]) {
        self.init(weights: Array(flat.dropLast()), bias: flat.last ?? 0)
    }

    /// `(w…, b)`: the model in its ``ParameterLayout``.
    public var flat: [Double] { weights + [bias] }
}
