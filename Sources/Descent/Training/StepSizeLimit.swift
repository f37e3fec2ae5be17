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
    /// ``maxColumns``, or without rows.
    public static func stableLearningRate(for data: TrainingData, spec: ModelSpec) -> Double? {
        guard var gram = Gram(spec: spec, features: data.features.columns) else { return nil }
        gram.add(data)
        return gram.stableLearningRate(rows: data.count)
    }

    /// The sums of `[X 1]ᵀ[X 1]` over rows added in order, a row at a time: loaded rows all at
    /// once and a file's rows a block at a time sum alike, so their stable rates agree bit for bit
    /// (the normal equations' sums run four rows at a time and ended a few ulps away).
    struct Gram {
        let columns: Int
        let gradient: GradientConvention
        var sums: [Double]
        var row: [Double]

        /// Nil for a model other than the linear regression, or past ``maxColumns``.
        init?(spec: ModelSpec, features: Int) {
            guard spec.hidden.isEmpty, spec.outputs == 1, case let .mse(gradient) = spec.head, features + 1 <= maxColumns else { return nil }
            columns = features + 1
            self.gradient = gradient
            sums = [Double](repeating: 0, count: columns * columns)
            row = [Double](repeating: 1, count: columns)
        }

        mutating func add(_ data: TrainingData) {
            for r in 0..<data.count {
                for c in 0..<columns - 1 { row[c] = data.features[r, c] }
                for i in 0..<columns where row[i] != 0 {
                    let x = row[i]
                    for j in i..<columns { sums[i * columns + j] += x * row[j] }
                }
            }
        }

        /// `2 / (factor × λmax(G))` with `G` the sums over `rows`, or nil without rows.
        func stableLearningRate(rows: Int) -> Double? {
            guard rows > 0 else { return nil }
            var gram = sums
            for i in 0..<columns {
                for j in i..<columns {
                    gram[i * columns + j] /= Double(rows)
                    gram[j * columns + i] = gram[i * columns + j]
                }
            }
            return StepSizeLimit.stableLearningRate(meanGram: gram, size: columns, gradient: gradient)
        }
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
