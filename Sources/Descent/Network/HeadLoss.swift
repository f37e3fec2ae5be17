import Foundation

/// Each head's per-row loss and its derivative with respect to the output layer's pre-activations,
/// in the numerically stable forms the kernels use too.
///
/// - `mse(.course)`: `ℓ = Σ_o r²`, `g = r` (the course's half derivative); `.exact`: `g = 2r`; `r = z − y`.
/// - `huber(δ)`: `ℓ = ½r²` for `|r| ≤ δ`, else `δ(|r| − ½δ)`; `g = clamp(r, −δ, δ)`.
/// - `binaryCrossEntropy` (one logit `z`, target `y` ∈ {0, 1}):
///   `ℓ = max(z, 0) − z·y + log1p(e^(−|z|))`, never `log(σ(z))` (which is `−∞` past z ≈ −745, and
///   loses everything in float32 much sooner); `g = σ(z) − y`.
/// - `softmaxCrossEntropy` (logits `z`, class `c`): with `m = max z`, `ℓ = m + log Σ e^(z − m) − z_c`,
///   `g = softmax(z) − onehot(c)`: the max subtracted, so no `e^z` overflows.
public enum HeadLoss {
    /// Row `row`'s loss and gradient; `targets` as for ``NetworkStages/lossDelta(head:outputs:targets:rows:outs:scale:)``.
    public static func row(_ head: Head, logits z: ArraySlice<Double>, targets: [Double], row: Int) -> (loss: Double, gradient: [Double]) {
        let outs = z.count
        switch head {
        case let .mse(convention):
            var loss = 0.0, gradient = [Double]()
            for (o, value) in z.enumerated() {
                let r = value - targets[row * outs + o]
                loss += r * r
                gradient.append(convention == .exact ? 2 * r : r)
            }
            return (loss, gradient)
        case let .huber(delta):
            var loss = 0.0, gradient = [Double]()
            for (o, value) in z.enumerated() {
                let r = value - targets[row * outs + o]
                loss += abs(r) <= delta ? 0.5 * r * r : delta * (abs(r) - 0.5 * delta)
                gradient.append(min(max(r, -delta), delta))
            }
            return (loss, gradient)
        case .binaryCrossEntropy:
            let x = z[z.startIndex], y = targets[row]
            return (max(x, 0) - x * y + log1p(exp(-abs(x))), [NetworkStages.sigmoid(x) - y])
        case .softmaxCrossEntropy:
            let p = softmax(z)
            let m = z.max() ?? 0
            let sum = z.reduce(0) { $0 + exp($1 - m) }
            let c = Int(targets[row])
            let loss = m + log(sum) - z[z.startIndex + c]
            return (loss, p.enumerated().map { $0.offset == c ? $0.element - 1 : $0.element })
        }
    }

    /// `e^(z − max z) / Σ e^(z − max z)`.
    public static func softmax(_ z: ArraySlice<Double>) -> [Double] {
        let m = z.max() ?? 0
        let e = z.map { exp($0 - m) }
        let sum = e.reduce(0, +)
        return e.map { $0 / sum }
    }

    /// What ``NetworkReference/predict(params:spec:features:)`` reports for one row's logits: the
    /// value (regression), the probability of class 1 (binary), or every class's probability.
    public static func output(_ head: Head, logits z: ArraySlice<Double>) -> [Double] {
        switch head {
        case .mse, .huber: Array(z)
        case .binaryCrossEntropy: [NetworkStages.sigmoid(z[z.startIndex])]
        case .softmaxCrossEntropy: softmax(z)
        }
    }
}
