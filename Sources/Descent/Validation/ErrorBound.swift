/// How far an honest float32 result may lie from the float64 reference: the one place where
/// Descent's device-versus-CPU tolerances are decided.
///
/// The reasoning (Higham, *Accuracy and Stability of Numerical Algorithms*, §3): every float32
/// operation rounds with relative error at most u = 2⁻²⁴, and a value that went through k roundings
/// is off by at most γₖ = k·u / (1 - k·u) relative to the magnitudes involved. A sum of n terms,
/// in any order or tree, has a chain of at most n - 1 additions, so
///
///     |computed - exact| ≤ γ(n + c) · Σ|termᵢ|
///
/// where c counts the roundings of each term before the sum (converting float64 inputs to float32,
/// one per input, and the product). The bound grows linearly with the reduction length n: it is the
/// worst case over every summation order, so it holds whatever work-group size or tree a device
/// uses, and no honest kernel can exceed it. It is still tight enough to catch real bugs: a wrong
/// index, a dropped or doubled element, a sign error or a stale parameter moves a result by a whole
/// term, while the bound is n·u ≈ 6·10⁻⁸·n of the terms' total. A single term is about 1/n of the
/// total, so one dropped element hides inside the bound once n passes about 1/√u ≈ 4096: that is
/// why the sweeps always include short reductions (1 to 1000 rows), where it cannot hide.
public enum ErrorBound {
    /// float32's unit roundoff.
    public static let unitRoundoff = 0x1p-24

    /// γₖ: the relative error bound after k roundings.
    public static func gamma(_ k: Int) -> Double {
        let ku = Double(k) * unitRoundoff
        return ku / (1 - ku)
    }

    /// Results smaller than this (float32's smallest normal) are compared absolutely, so that an
    /// exact zero in the reference does not demand an exact zero on the device.
    public static let absoluteFloor = 0x1p-126

    /// `linear_forward`: per row, `γ(D + 4) · (Σ|xₖ wₖ| + |b|)`: x, w and b each rounded on upload,
    /// the products, and a chain of D additions.
    public static func forward(features: Matrix, model: LinearModel) -> [Double] {
        (0..<features.rows).map { row in
            let magnitude = zip(features.row(row), model.weights).reduce(abs(model.bias)) { $0 + abs($1.0 * $1.1) }
            return gamma(features.columns + 4) * magnitude + absoluteFloor
        }
    }

    /// `linear_residual`: `γ(3) · (|z| + |y|)` per row: z and y rounded on upload, one subtraction.
    public static func residuals(predictions: [Double], targets: [Double]) -> [Double] {
        zip(predictions, targets).map { gamma(3) * (abs($0) + abs($1)) + absoluteFloor }
    }

    /// The loss `(1/n) Σ rᵢ²`, from the rounded residuals: each rᵢ is off by at most δᵢ (the residual
    /// bound), so rᵢ² by `2|rᵢ|δᵢ + δᵢ²`, and then the sum and the scaling add `γ(n + 3)` of `Σ rᵢ²`.
    public static func loss(predictions: [Double], targets: [Double]) -> Double {
        let deltas = residuals(predictions: predictions, targets: targets)
        var propagated = 0.0, squares = 0.0
        for ((z, y), delta) in zip(zip(predictions, targets), deltas) {
            let r = abs(z - y)
            propagated += 2 * r * delta + delta * delta
            squares += r * r
        }
        let n = Double(predictions.count)
        return (propagated + gamma(predictions.count + 3) * squares) / n + absoluteFloor
    }

    /// `linear_gradient`: per parameter, `γ(n + 5) · (1/n) Σ|rᵢ xᵢ|` (r and x rounded on upload,
    /// the product, a chain of n additions, 1/n rounded and the scaling); the bias term has xᵢ = 1.
    public static func gradient(features: Matrix, residuals: [Double]) -> [Double] {
        let n = residuals.count
        var magnitudes = [Double](repeating: 0, count: features.columns + 1)
        for (row, r) in residuals.enumerated() {
            for column in 0..<features.columns { magnitudes[column] += abs(r * features[row, column]) }
            magnitudes[features.columns] += abs(r)
        }
        return magnitudes.map { gamma(n + 5) * $0 / Double(n) + absoluteFloor }
    }

    /// `linear_update`: `γ(5) · (|w| + |η g|)` (w, η and g rounded on upload, the product, the subtraction).
    public static func update(model: LinearModel, gradient: LinearGradient, stepSize: Double) -> [Double] {
        zip(model.weights + [model.bias], gradient.weights + [gradient.bias]).map {
            gamma(5) * (abs($0) + abs(stepSize * $1)) + absoluteFloor
        }
    }

    /// One fused training step from the same parameters (the path training really uses): the
    /// forward bound carried through the residual into the gradient (each residual off by at most
    /// εᵢ moves parameter d by at most `η (1/n) Σ εᵢ |xᵢd|`), plus the gradient's and the update's
    /// own bounds. Returns the bound on each parameter after the step, and on the loss.
    public static func step(features x: Matrix, targets y: [Double], model: LinearModel,
                            stepSize: Double) -> (parameters: [Double], loss: Double) {
        let z = LinearReference.linearForward(features: x, model: model)
        let forwardBounds = forward(features: x, model: model)
        let residualError = zip(forwardBounds, residuals(predictions: z, targets: y)).map { $0 + $1 }
        let (r, _) = LinearReference.linearResidual(predictions: z, targets: y)
        let g = LinearReference.linearGradient(features: x, residuals: r)
        var carried = [Double](repeating: 0, count: x.columns + 1)
        for (row, epsilon) in residualError.enumerated() {
            for column in 0..<x.columns { carried[column] += epsilon * abs(x[row, column]) }
            carried[x.columns] += epsilon
        }
        let n = Double(y.count)
        let gradientBounds = gradient(features: x, residuals: r)
        let updateBounds = update(model: model, gradient: g, stepSize: stepSize)
        let parameters = (0...x.columns).map { d in
            stepSize * (carried[d] / n + gradientBounds[d]) * (1 + gamma(4)) + updateBounds[d]
        }
        var lossBound = loss(predictions: z, targets: y)
        for (e, ri) in zip(residualError, r) { lossBound += (2 * abs(ri) * e + e * e) / n }
        return (parameters, lossBound)
    }
}
