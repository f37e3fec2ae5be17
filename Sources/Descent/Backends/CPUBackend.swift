/// The CPU backend: the reference arithmetic in `Double`.
///
/// The linear model with a mean-squared-error head runs fused, one pass per step: exactly what
/// ``LinearReference/linearStep(data:batch:model:stepSize:)`` computes, in the same order (forward as a left-to-right dot
/// product plus the bias, the residual, the loss and gradient sums row by row, the course's
/// `(1/n) ·` scaling, the update), so its results are bit-identical to the reference's and to the
/// course's numbers, which the tests assert. No allocation inside an epoch, one read of each row.
///
/// Every other model (logistic, softmax, MLP, a linear model under another loss) runs through
/// ``NetworkReference``: the float64 twins of the device's network kernels.
public final class CPUBackend: TrainingBackend {
    public let name = "cpu"
    public let deviceDescription = "CPU (Swift, float64)"
    private var spec: ModelSpec?
    private var data = TrainingData(featureNames: [], targetName: "", features: Matrix(rows: 0, columns: 0), targets: [])
    private var columns = 0
    private var params: [Double] = []  // in the spec's ParameterLayout
    private var pendingLosses: [Double] = []

    /// A backend with nothing prepared yet.
    public init() {}

    /// Whether the spec is the course's model: one output, no hidden layer, mean squared error.
    private var isFusedLinear: Bool {
        guard let spec, spec.hidden.isEmpty, case .mse = spec.head else { return false }
        return true
    }

    public func prepare(spec: ModelSpec, data: TrainingData) throws {
        try BackendCheck.data(data, spec: spec)
        self.spec = spec
        self.data = data
        columns = data.features.columns
        params = [Double](repeating: 0, count: ParameterLayout(spec: spec).count)
    }

    public func setParameters(_ values: [Double]) throws {
        guard spec != nil else { throw BackendError.notPrepared }
        guard values.count == params.count else { throw BackendError.parameterCount(expected: params.count, got: values.count) }
        params = values
    }

    public func parameters() throws -> [Double] {
        guard spec != nil else { throw BackendError.notPrepared }
        return params
    }

    /// Runs the whole submission at once: the CPU has nothing to overlap it with.
    public func submitSteps(order: ArraySlice<Int32>, batchSize: Int, learningRate: Double) throws {
        guard let spec else { throw BackendError.notPrepared }
        try BackendCheck.order(order, batchSize: batchSize, rows: data.count)
        if isFusedLinear, case let .mse(convention) = spec.head {
            pendingLosses = runLinearSteps(order: order, batchSize: batchSize, stepSize: learningRate * convention.factor)
            return
        }
        var losses = [Double]()
        for start in stride(from: order.startIndex, to: order.endIndex, by: batchSize) {
            let batch = NetworkReference.batch(features: data.features, targets: data.targets,
                                               rows: order[start..<min(start + batchSize, order.endIndex)])
            let step = NetworkReference.step(params: params, spec: spec, features: batch.features, targets: batch.targets,
                                             learningRate: learningRate)
            params = step.params
            losses.append(step.loss)
        }
        pendingLosses = losses
    }

    public func collectSteps() -> [Double] { pendingLosses }

    public func gradientSums(rows: ArraySlice<Int32>) throws -> GradientSums {
        guard let spec else { throw BackendError.notPrepared }
        try BackendCheck.order(rows, batchSize: 1, rows: data.count)
        let batch = NetworkReference.batch(features: data.features, targets: data.targets, rows: rows)
        return NetworkReference.gradient(params: params, spec: spec, features: batch.features, targets: batch.targets)
    }

    public func applyGradient(_ gradient: [Double], learningRate: Double) throws {
        guard spec != nil else { throw BackendError.notPrepared }
        guard gradient.count == params.count else { throw BackendError.parameterCount(expected: params.count, got: gradient.count) }
        for index in params.indices { params[index] -= learningRate * gradient[index] }
    }

    public func predict(features: Matrix) throws -> [Double] {
        guard let spec else { throw BackendError.notPrepared }
        try BackendCheck.columns(features, spec: spec)
        return NetworkReference.predict(params: params, spec: spec, features: features)
    }

    /// The course's step, fused: `w -= stepSize · (1/n) Σ r x`, `b -= stepSize · (1/n) Σ r`.
    private func runLinearSteps(order: ArraySlice<Int32>, batchSize: Int, stepSize: Double) -> [Double] {
        var losses = [Double]()
        losses.reserveCapacity((order.count + batchSize - 1) / batchSize)
        var sums = [Double](repeating: 0, count: columns)
        let d = columns
        data.features.values.withUnsafeBufferPointer { x in
            data.targets.withUnsafeBufferPointer { y in
                params.withUnsafeMutableBufferPointer { p in
                    sums.withUnsafeMutableBufferPointer { g in
                        for start in stride(from: order.startIndex, to: order.endIndex, by: batchSize) {
                            let end = min(start + batchSize, order.endIndex)
                            for column in 0..<d { g[column] = 0 }
                            var lossSum = 0.0, residualSum = 0.0
                            for position in start..<end {
                                let row = Int(order[position]) * d
                                var z = 0.0
                                for column in 0..<d { z += x[row + column] * p[column] }
                                let r = (z + p[d]) - y[Int(order[position])]
                                lossSum += r * r
                                for column in 0..<d { g[column] += r * x[row + column] }
                                residualSum += r
                            }
                            let n = end - start, scale = 1 / Double(n)
                            for column in 0..<d { p[column] -= stepSize * (scale * g[column]) }
                            p[d] -= stepSize * (scale * residualSum)
                            losses.append(lossSum / Double(n))
                        }
                    }
                }
            }
        }
        return losses
    }
}
