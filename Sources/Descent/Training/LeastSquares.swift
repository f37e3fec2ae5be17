/// The exact minimum of the mean squared error on a data set: the point the lesson contrasts with
/// gradient descent (solving for the zero of the derivative), and the floor a training run's loss can approach.
public enum LeastSquares {
    /// Solves `min ‖[X 1] θ - y‖²` by Householder QR, in `Double`.
    ///
    /// QR rather than the normal equations: forming XᵀX squares the condition number. A column that
    /// is (numerically) dependent on earlier ones, such as a constant feature, gets weight 0.
    public static func solve(_ data: RegressionData) -> LinearModel {
        solve(data, shouldStop: { false })!
    }

    /// ``solve(_:)``, stopping early with nil when `shouldStop` answers true (asked once per column).
    ///
    /// With `ridge` λ > 0 the ridge optimum: `min (1/2n)‖[X 1] θ − y‖² + (λ/2)‖w‖²`, the bias
    /// unpenalised: the point the course's gradient (`(1/n) Σ r x`) plus `--l2 λ` (`+ λ w`) leads
    /// to. Solved by the same QR on `[X 1]` stacked over `[√(nλ) I 0]` with zero targets.
    public static func solve(_ data: RegressionData, ridge: Double = 0, shouldStop: () -> Bool) -> LinearModel? {
        let features = data.features.columns, extra = ridge > 0 ? features : 0
        let rows = data.count + extra, columns = features + 1
        // Column-major copy of [X 1] (over the ridge rows), and y, both overwritten by the factorisation.
        var a = [Double](repeating: 1, count: rows * columns)
        for column in 0..<(columns - 1) {
            for row in 0..<data.count { a[column * rows + row] = data.features[row, column] }
        }
        var b = data.targets
        if extra > 0 {
            let root = (Double(data.count) * ridge).squareRoot()
            for column in 0..<columns {
                for row in data.count..<rows { a[column * rows + row] = row - data.count == column ? root : 0 }
            }
            b += [Double](repeating: 0, count: extra)
        }
        var theta = [Double](repeating: 0, count: columns)
        let finished = a.withUnsafeMutableBufferPointer { a in
            b.withUnsafeMutableBufferPointer { b in
                factorAndSolve(a, b, rows: rows, columns: columns, into: &theta, shouldStop: shouldStop)
            }
        }
        guard finished else { return nil }
        return LinearModel(weights: Array(theta.dropLast()), bias: theta[columns - 1])
    }

    /// Householder QR of the column-major `a` (rows × columns) applied to `b` as it goes, then back
    /// substitution. Works in place on raw buffers: the data can be millions of rows.
    private static func factorAndSolve(_ a: UnsafeMutableBufferPointer<Double>, _ b: UnsafeMutableBufferPointer<Double>,
                                       rows: Int, columns: Int, into theta: inout [Double], shouldStop: () -> Bool) -> Bool {
        func column(_ j: Int) -> UnsafeMutableBufferPointer<Double> { .init(rebasing: a[(j * rows)..<((j + 1) * rows)]) }
        var diagonal = [Double](repeating: 0, count: columns)
        let largestNorm = (0..<columns).map { norm(column($0), from: 0) }.max() ?? 0
        let tolerance = 1e-10 * max(largestNorm, 1)

        for k in 0..<min(columns, rows) {
            if shouldStop() { return false }
            let v = column(k)
            let alpha = norm(v, from: k)
            guard alpha > tolerance else { continue }
            let sign: Double = v[k] >= 0 ? 1 : -1
            diagonal[k] = -sign * alpha
            v[k] += sign * alpha  // v = x + sign(x₀)‖x‖e₀, stored in place
            let vv = norm(v, from: k).squared
            for j in (k + 1)..<columns { reflect(column(j), by: v, from: k, vv: vv) }
            reflect(b, by: v, from: k, vv: vv)
        }

        for k in stride(from: min(columns, rows) - 1, through: 0, by: -1) where diagonal[k] != 0 {
            var sum = b[k]
            for j in (k + 1)..<columns { sum -= a[j * rows + k] * theta[j] }
            theta[k] = sum / diagonal[k]
        }
        return true
    }

    private static func norm(_ x: UnsafeMutableBufferPointer<Double>, from start: Int) -> Double {
        var sum = 0.0
        for i in start..<x.count { sum += x[i] * x[i] }
        return sum.squareRoot()
    }

    /// `x -= 2 (v·x / v·v) v` over elements `start...`.
    private static func reflect(_ x: UnsafeMutableBufferPointer<Double>, by v: UnsafeMutableBufferPointer<Double>, from start: Int, vv: Double) {
        var dot = 0.0
        for i in start..<x.count { dot += v[i] * x[i] }
        let factor = 2 * dot / vv
        for i in start..<x.count { x[i] -= factor * v[i] }
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
