import Foundation

/// The bound for one fused logistic step (`linear.cl` built with `HEAD_BCE`) against
/// ``NetworkReference/step(params:spec:features:targets:learningRate:)`` for a one-layer
/// binary cross-entropy spec, by the reasoning of ``ErrorBound`` (γ(k) of the magnitudes involved).
extension ErrorBound {
    /// One fused logistic step from the same parameters `(w…, b)`, targets 0 or 1. Per row:
    /// - the logit z carries the forward bound εz = γ(D + 4)(Σ|x w| + |b|);
    /// - the residual r = σ(z) − y: σ is ¼-Lipschitz (εz / 4), and σ's own evaluation, `1 / (1 + e^−z)`
    ///   (`1 / (1 + e)` or `e / (1 + e)` with e = e^−|z|, whose relative error passes to σ at most
///   undiminished) with exp at 4 ulp (8u), the addition (1u) and OpenCL's 2.5-ulp division (5u), is within
    ///   γ(16)·σ; the subtraction adds γ(2)|r|;
    /// - the loss ℓ = max(z, 0) − z·y + log1p(e^−|z|) is 1-Lipschitz in z (εz), and its evaluation
    ///   (max(z, 0) − z·y is exact for y ∈ {0, 1}; exp and log1p at 4 ulp each on values ≤ 1, one
    ///   addition of |z| + log 2) within γ(16)(|z| + 1), plus γ(2)|z y| for any other target.
    /// Then as ``step(features:targets:model:stepSize:)``: the residual errors carried into the
    /// gradient (`η (1/n) Σ εrᵢ |xᵢd|`), the gradient's own `γ(n + 5)` and the update's `γ(5)`; the
    /// mean loss adds `γ(n + 3)` of `(1/n) Σ ℓᵢ` (the chain of additions and the rounded 1/n).
    public static func logisticStep(features x: Matrix, targets y: [Double], params: [Double],
                                    learningRate: Double) -> (parameters: [Double], loss: Double) {
        let model = LinearModel(flat: params)
        let z = LinearReference.linearForward(features: x, model: model)
        let forwardBounds = forward(features: x, model: model)
        var residuals = [Double](), residualError = [Double](), lossError = 0.0, losses = 0.0
        for i in z.indices {
            let sigma = NetworkStages.sigmoid(z[i]), r = sigma - y[i]
            residuals.append(r)
            residualError.append(forwardBounds[i] / 4 + gamma(16) * sigma + gamma(2) * abs(r))
            lossError += forwardBounds[i] + gamma(16) * (abs(z[i]) + 1) + gamma(2) * abs(z[i] * y[i])
            losses += abs(max(z[i], 0) - z[i] * y[i] + log1p(exp(-abs(z[i]))))
        }
        var carried = [Double](repeating: 0, count: x.columns + 1)
        for (row, epsilon) in residualError.enumerated() {
            for column in 0..<x.columns { carried[column] += epsilon * abs(x[row, column]) }
            carried[x.columns] += epsilon
        }
        let n = Double(max(y.count, 1))
        let g = LinearReference.linearGradient(features: x, residuals: residuals)
        let gradientBounds = gradient(features: x, residuals: residuals)
        let updateBounds = update(model: model, gradient: g, stepSize: learningRate)
        let parameters = (0...x.columns).map { d in
            learningRate * (carried[d] / n + gradientBounds[d]) * (1 + gamma(4)) + updateBounds[d]
        }
        return (parameters, (lossError + gamma(y.count + 3) * losses) / n + absoluteFloor)
    }
}
