/// The exact minimum of the mean squared error on a data set: the point the lesson contrasts with
/// gradient descent (solving for the zero of the derivative), and the floor a training run's loss can approach.
public enum LeastSquares {
    /// Solves `min ‖[X 1] θ - y‖²` from the normal equations `[X 1]ᵀ[X 1] θ = [X 1]ᵀ y`, in `Double`.
    ///
    /// One streaming pass accumulates the `(features + 1)²` sums in float64 (``NormalEquations``),
    /// so the fit holds no copy of the rows: on millions of rows a QR factorisation needed a second
    /// full float64 copy of the data. Forming XᵀX squares the condition number, which the
    /// normalised training data (every column scaled to unit spread) keeps small: on the course's
    /// data the weights agree with numpy's `lstsq` to 1e-9. A column that is (numerically)
    /// dependent on earlier ones, such as a constant feature, gets weight 0, as QR gave it.
    public static func solve(_ data: RegressionData) -> LinearModel {
        solve(data, shouldStop: { false })!
    }

    /// ``solve(_:)``, stopping early with nil when `shouldStop` answers true (asked before every
    /// ``NormalEquations/blockRows`` rows of the pass, and once per column of the solve).
    ///
    /// With `ridge` λ > 0 the ridge optimum: `min (1/2n)‖[X 1] θ − y‖² + (λ/2)‖w‖²`, the bias
    /// unpenalised: the point the course's gradient (`(1/n) Σ r x`) plus `--l2 λ` (`+ λ w`) leads
    /// to. Solved from the same sums as `([X 1]ᵀ[X 1] + nλ·diag(1…1, 0)) θ = [X 1]ᵀ y`.
    public static func solve(_ data: RegressionData, ridge: Double = 0, shouldStop: () -> Bool) -> LinearModel? {
        guard var equations = NormalEquations.sums(of: data, shouldStop: shouldStop) else { return nil }
        if ridge > 0 { equations.penalizeWeights(Double(data.count) * ridge) }
        guard let theta = equations.solve(shouldStop: shouldStop) else { return nil }
        return LinearModel(weights: Array(theta.dropLast()), bias: theta[theta.count - 1])
    }
}

/// The mean squared error of `model` on `data`, in normalised units: the course's loss.
public func meanSquaredError(_ model: LinearModel, on data: RegressionData) -> Double {
    let predictions = LinearReference.linearForward(features: data.features, model: model)
    return LinearReference.linearResidual(predictions: predictions, targets: data.targets).loss
}
