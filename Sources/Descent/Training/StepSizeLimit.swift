/// The largest stable learning rate of full-batch gradient descent on the linear model's mean
/// squared error, from the training rows: the verdict's advice raises a learning rate that is far
/// below it (plain SGD then needs many more steps than the data require) and never one past it.
///
/// The MSE's Hessian is `2G` with `G = [X 1]ᵀ[X 1] / n`; a step of size `s` on the true gradient
/// is stable for `s < 2 / λmax(2G) = 1 / λmax(G)`. The course's gradient is half the true one
/// (``GradientConvention/factor``), so its learning rate may be twice as large.
public enum StepSizeLimit {
    /// Columns past which the Gram matrix is not formed (it costs rows × columns²): no advice then.
    public static let maxColumns = 512

    /// `2 / (factor × λmax(G))`, or nil for a model other than the linear regression, past
    /// ``maxColumns``, or without rows. `G` comes from ``NormalEquations/sums(of:shouldStop:)``,
    /// the sums the least-squares fit and a streamed file's summary take, so that a file loaded
    /// and the same file streamed give the same bits.
    public static func stableLearningRate(for data: TrainingData, spec: ModelSpec) -> Double? {
        guard spec.hidden.isEmpty, spec.outputs == 1, case .mse = spec.head else { return nil }
        guard data.count > 0, data.features.columns + 1 <= maxColumns else { return nil }
        return stableLearningRate(equations: NormalEquations.sums(of: data)!, rows: data.count, spec: spec)
    }

    /// As ``stableLearningRate(for:spec:)``, from the sums of a pass that has already read the
    /// training rows (a file streamed a block at a time is not read again for it).
    static func stableLearningRate(equations: NormalEquations, rows: Int, spec: ModelSpec) -> Double? {
        guard spec.hidden.isEmpty, spec.outputs == 1, case let .mse(gradient) = spec.head else { return nil }
        guard rows > 0, equations.count <= maxColumns else { return nil }
        return stableLearningRate(meanGram: equations.meanGram(rows: rows), size: equations.count, gradient: gradient)
    }

    /// `2 / (factor × λmax(G))` for the mean Gram matrix `G` (`size × size`, symmetric), or nil when λmax is not a positive number.
    static func stableLearningRate(meanGram gram: [Double], size: Int, gradient: GradientConvention) -> Double? {
        let largest = largestEigenvalue(gram, size: size)
        guard largest.isFinite, largest > 0 else { return nil }
        return 2 / (gradient.factor * largest)
    }

    /// λmax of a symmetric positive semi-definite matrix by power iteration (to 1e-6 relative; at most 500 rounds).
    static func largestEigenvalue(_ matrix: [Double], size: Int) -> Double {
        var vector = [Double](repeating: 1 / Double(size).squareRoot(), count: size)
        var estimate = 0.0
        for _ in 0..<500 {
            var next = [Double](repeating: 0, count: size)
            for i in 0..<size {
                var sum = 0.0
                for j in 0..<size { sum += matrix[i * size + j] * vector[j] }
                next[i] = sum
            }
            let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0, norm.isFinite else { return norm }
            vector = next.map { $0 / norm }
            if abs(norm - estimate) <= 1e-6 * norm { return norm }
            estimate = norm
        }
        return estimate
    }
}
