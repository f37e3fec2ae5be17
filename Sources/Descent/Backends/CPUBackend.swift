/// The CPU backend: the reference arithmetic in `Double`.
///
/// The linear model with a mean-squared-error head runs fused, one pass per step: what
/// ``LinearReference/linearStep(data:batch:model:stepSize:)`` computes (forward as a left-to-right dot product plus the bias,
/// the residual, the loss and gradient sums, the course's `(1/n) ·` scaling, the update), with the
/// batch's sums taken in the ``ReductionPlan/standard`` order: row by row within each of 12
/// chunks, the chunk sums in chunk order. That is the order ``DistributedTrainer`` adds its ranks'
/// chunks in, so a plain CPU run and an `mpirun` run of any rank count give the same bits (the
/// tests assert it), and it stays within a few ulps of the reference's one sequential sum and of
/// the course's numbers. No allocation inside an epoch, one read of each row.
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
    private var rule = UpdateRule.sgd
    private var state = OptimizerState()
    private var mask: [Double] = []

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
        // Rows held as float32 (a large file): the reference computes in float64, so it keeps its
        // own float64 copy while it is the backend in use (its fused loop reads every value each step).
        if data.features.precision == .float32 { self.data.features = Matrix(rows: data.count, columns: data.features.columns, values: data.features.values) }
        columns = data.features.columns
        let layout = ParameterLayout(spec: spec)
        params = [Double](repeating: 0, count: layout.count)
        mask = layout.weightMask
        rule = .sgd
        state = OptimizerState()
    }

    public func setUpdateRule(_ rule: UpdateRule) throws {
        guard spec != nil else { throw BackendError.notPrepared }
        self.rule = rule
        state = OptimizerState(rule: rule, count: params.count)
    }

    public func optimizerState() throws -> OptimizerState { state }

    public func setOptimizerState(_ state: OptimizerState) throws {
        guard state.fits(rule, count: params.count) else { throw BackendError.optimizerState(kind: rule.kind, parameters: params.count) }
        self.state = state
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
        if rule.isPlainSGD, isFusedLinear, case let .mse(convention) = spec.head {
            pendingLosses = runLinearSteps(order: order, batchSize: batchSize, stepSize: learningRate * convention.factor)
            return
        }
        var losses = [Double]()
        for start in stride(from: order.startIndex, to: order.endIndex, by: batchSize) {
            let batch = NetworkReference.batch(features: data.features, targets: data.targets,
                                               rows: order[start..<min(start + batchSize, order.endIndex)])
            if rule.isPlainSGD {
                let step = NetworkReference.step(params: params, spec: spec, features: batch.features, targets: batch.targets,
                                                 learningRate: learningRate)
                params = step.params
                losses.append(step.loss)
                continue
            }
            // Another rule: the mean loss's gradient (the head's convention included), then the rule's step.
            let n = Double(max(batch.features.rows, 1))
            let sums = NetworkReference.gradient(params: params, spec: spec, features: batch.features, targets: batch.targets, scale: 1 / n)
            OptimizerStep.apply(rule, params: &params, gradient: sums.gradient, state: &state, mask: mask, learningRate: learningRate)
            losses.append(sums.lossSum / n)
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
        guard rule.isPlainSGD else {
            return OptimizerStep.apply(rule, params: &params, gradient: gradient, state: &state, mask: mask, learningRate: learningRate)
        }
        for index in params.indices { params[index] -= learningRate * gradient[index] }
    }

    public func predict(features: Matrix) throws -> [Double] {
        guard let spec else { throw BackendError.notPrepared }
        try BackendCheck.columns(features, spec: spec)
        return NetworkReference.predict(params: params, spec: spec, features: features)
    }

    /// The course's step, fused: `w -= stepSize · (1/n) Σ r x`, `b -= stepSize · (1/n) Σ r`, each
    /// sum taken in the ``ReductionPlan/standard`` order (each chunk's rows from zero, the chunk
    /// sums in chunk order), as ``DistributedTrainer`` adds the ranks' chunks.
    private func runLinearSteps(order: ArraySlice<Int32>, batchSize: Int, stepSize: Double) -> [Double] {
        var losses = [Double]()
        losses.reserveCapacity((order.count + batchSize - 1) / batchSize)
        let d = columns, plan = ReductionPlan.standard
        // Gradient sums (the weights', then the residuals' for the bias): the batch's, one chunk's.
        var batchSums = [Double](repeating: 0, count: d + 1), chunkSums = batchSums
        data.features.values.withUnsafeBufferPointer { x in
            data.targets.withUnsafeBufferPointer { y in
                params.withUnsafeMutableBufferPointer { p in
                    batchSums.withUnsafeMutableBufferPointer { g in
                        chunkSums.withUnsafeMutableBufferPointer { c in
                            for start in stride(from: order.startIndex, to: order.endIndex, by: batchSize) {
                                let end = min(start + batchSize, order.endIndex)
                                for index in 0...d { g[index] = -0.0 }  // the exact additive identity
                                var lossSum = -0.0
                                for chunk in 0..<plan.chunks {
                                    let range = plan.range(chunk, in: start..<end)
                                    guard !range.isEmpty else { continue }
                                    for index in 0...d { c[index] = 0 }
                                    var chunkLoss = 0.0
                                    for position in range {
                                        let row = Int(order[position]) * d
                                        var z = 0.0
                                        for column in 0..<d { z += x[row + column] * p[column] }
                                        let r = (z + p[d]) - y[Int(order[position])]
                                        chunkLoss += r * r
                                        for column in 0..<d { c[column] += r * x[row + column] }
                                        c[d] += r
                                    }
                                    for index in 0...d { g[index] += c[index] }
                                    lossSum += chunkLoss
                                }
                                let n = end - start, scale = 1 / Double(n)
                                for index in 0...d { p[index] -= stepSize * (scale * g[index]) }
                                losses.append(lossSum / Double(n))
                            }
                        }
                    }
                }
            }
        }
        return losses
    }
}
