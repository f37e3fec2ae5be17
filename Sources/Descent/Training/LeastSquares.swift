/// The exact minimum of the mean squared error on a data set: the point the lesson contrasts with
/// gradient descent (solving for the zero of the derivative), and the floor a training run's loss can approach.
public enum LeastSquares {
    /// Solves `min ‖[X 1] θ - y‖²` by Householder QR, in `Double`.
    ///
    /// QR rather than the normal equations: forming XᵀX squares the condition number. A column that
    /// is (numerically) dependent on earlier ones, such as a constant feature, gets weight 0.
    public static func solve(_ data: RegressionData) -> LinearModel {
        let rows = data.count, columns = data.features.columns + 1
        // Column-major copy of [X 1], and y, both overwritten by the factorisation.
        var a = [Double](repeating: 1, count: rows * columns)
        for column in 0..<(columns - 1) {
            for row in 0..<rows { a[column * rows + row] = data.features[row, column] }
        }
        var b = data.targets
        var diagonal = [Double](repeating: 0, count: columns)
        let largestNorm = (0..<columns).map { norm(a, column: $0, rows: rows, from: 0) }.max() ?? 0
        let tolerance = 1e-10 * max(largestNorm, 1)

        for k in 0..<min(columns, rows) {
            let alpha = norm(a, column: k, rows: rows, from: k)
            guard alpha > tolerance else { diagonal[k] = 0; continue }
            let sign: Double = a[k * rows + k] >= 0 ? 1 : -1
            diagonal[k] = -sign * alpha
            a[k * rows + k] += sign * alpha  // v = x + sign(x₀)‖x‖e₀, stored in place
            let vv = norm(a, column: k, rows: rows, from: k).squared
            for j in (k + 1)..<columns { reflect(&a, column: j, by: a, k: k, rows: rows, vv: vv) }
            var dot = 0.0
            for i in k..<rows { dot += a[k * rows + i] * b[i] }
            for i in k..<rows { b[i] -= 2 * dot / vv * a[k * rows + i] }
        }

        var theta = [Double](repeating: 0, count: columns)
        for k in stride(from: min(columns, rows) - 1, through: 0, by: -1) where diagonal[k] != 0 {
            var sum = b[k]
            for j in (k + 1)..<columns { sum -= a[j * rows + k] * theta[j] }
            theta[k] = sum / diagonal[k]
        }
        return LinearModel(weights: Array(theta.dropLast()), bias: theta[columns - 1])
    }

    private static func norm(_ a: [Double], column: Int, rows: Int, from start: Int) -> Double {
        var sum = 0.0
        for i in start..<rows { sum += a[column * rows + i] * a[column * rows + i] }
        return sum.squareRoot()
    }

    private static func reflect(_ a: inout [Double], column j: Int, by v: [Double], k: Int, rows: Int, vv: Double) {
        var dot = 0.0
        for i in k..<rows { dot += v[k * rows + i] * a[j * rows + i] }
        let factor = 2 * dot / vv
        for i in k..<rows { a[j * rows + i] -= factor * v[k * rows + i] }
    }
}

private extension Double {
    var squared: Double { self * self }
}

/// The mean squared error of `model` on `data`, in normalised units: the course's loss.
public func meanSquaredError(_ model: LinearModel, on data: RegressionData) -> Double {
    let predictions = LinearReference.linearForward(features: data.features, model: model)
    return LinearReference.linearResidual(predictions: predictions, targets: data.targets).loss
}
