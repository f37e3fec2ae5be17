import Foundation

/// The stages of a network's training step, in float64, one function per device kernel of the same
/// name (`Kernels/network.cl`): the CPU twins the kernels are checked against, and what
/// ``NetworkReference`` composes into whole forward and backward passes.
///
/// Every matrix is row-major and flat. Every reduction runs in index order, so a twin's result is
/// the same on every run and every machine.
public enum NetworkStages {
    /// `matmul_nt`, the forward product `A·Wᵀ`: `out[r][o] = Σ_k a[r][k]·w[o][k]`, with `a`
    /// `[rows × inner]` and `w` `[outs × inner]` (a layer's weight as the layout stores it).
    public static func matmulNT(_ a: [Double], _ w: [Double], rows: Int, inner: Int, outs: Int,
                                bias: [Double]? = nil, activation: Activation = .identity) -> [Double] {
        precondition(a.count == rows * inner && w.count == outs * inner, "matmulNT: shapes")
        if let bias {  // the kernel's fused epilogue: bias_activation of the product
            return biasActivation(matmulNT(a, w, rows: rows, inner: inner, outs: outs), bias: bias, rows: rows, outs: outs, activation: activation)
        }
        var out = [Double](repeating: 0, count: rows * outs)
        for r in 0..<rows {
            for o in 0..<outs {
                var sum = 0.0
                for k in 0..<inner { sum += a[r * inner + k] * w[o * inner + k] }
                out[r * outs + o] = sum
            }
        }
        return out
    }

    /// `matmul_nn`, the backward product to a layer's inputs `D·W`: `out[r][k] = Σ_o d[r][o]·w[o][k]`,
    /// with `d` `[rows × outs]` and `w` `[outs × inner]`.
    public static func matmulNN(_ d: [Double], _ w: [Double], rows: Int, outs: Int, inner: Int,
                                activated: [Double]? = nil, activation: Activation = .identity) -> [Double] {
        precondition(d.count == rows * outs && w.count == outs * inner, "matmulNN: shapes")
        if let activated {  // the kernel's fused epilogue: activation_backward of the product
            return activationBackward(matmulNN(d, w, rows: rows, outs: outs, inner: inner), activated: activated, activation: activation)
        }
        var out = [Double](repeating: 0, count: rows * inner)
        for r in 0..<rows {
            for k in 0..<inner {
                var sum = 0.0
                for o in 0..<outs { sum += d[r * outs + o] * w[o * inner + k] }
                out[r * inner + k] = sum
            }
        }
        return out
    }

    /// `matmul_tn`, the weight gradient `Dᵀ·A`: `out[o][k] = Σ_r d[r][o]·a[r][k]`, with `d`
    /// `[rows × outs]` and `a` `[rows × inner]`; the result has the weight's shape `[outs × inner]`.
    public static func matmulTN(_ d: [Double], _ a: [Double], rows: Int, outs: Int, inner: Int) -> [Double] {
        precondition(d.count == rows * outs && a.count == rows * inner, "matmulTN: shapes")
        var out = [Double](repeating: 0, count: outs * inner)
        for o in 0..<outs {
            for k in 0..<inner {
                var sum = 0.0
                for r in 0..<rows { sum += d[r * outs + o] * a[r * inner + k] }
                out[o * inner + k] = sum
            }
        }
        return out
    }

    /// `head_backward`, the backward of an output layer with one output in one pass: the weight
    /// gradient (`matmul_tn`'s), the bias gradient (`column_sums`'s) and the delta back to the
    /// layer's inputs times `act'(a)` (`matmul_nn`'s fused), with `d` `[rows]`, `a` `[rows × inner]`
    /// (the layer's inputs, activated) and `w` `[inner]`.
    public static func headBackward(_ d: [Double], _ a: [Double], _ w: [Double], rows: Int, inner: Int,
                                    activation: Activation) -> (weight: [Double], bias: Double, delta: [Double]) {
        (matmulTN(d, a, rows: rows, outs: 1, inner: inner), columnSums(d, rows: rows, cols: 1)[0],
         matmulNN(d, w, rows: rows, outs: 1, inner: inner, activated: a, activation: activation))
    }

    /// `bias_activation`: `act(z[r][o] + bias[o])`, with `z` `[rows × outs]`.
    public static func biasActivation(_ z: [Double], bias: [Double], rows: Int, outs: Int, activation: Activation) -> [Double] {
        precondition(z.count == rows * outs && bias.count == outs, "biasActivation: shapes")
        return z.indices.map { activate(z[$0] + bias[$0 % outs], activation) }
    }

    /// `activation_backward`: `delta ⊙ act'`, the derivative taken from the activated output `a`
    /// (what the forward pass kept): relu `a > 0`, tanh `1 − a²`, sigmoid `a(1 − a)`.
    public static func activationBackward(_ delta: [Double], activated a: [Double], activation: Activation) -> [Double] {
        precondition(delta.count == a.count, "activationBackward: shapes")
        return delta.indices.map { delta[$0] * derivative(activated: a[$0], activation) }
    }

    /// `loss_delta_mse|huber|bce|softmax`: each row's loss from the output layer's pre-activations
    /// `z` `[rows × outs]`, and `delta = scale · ∂ℓᵢ/∂z`; with the default `scale` of `1/rows`
    /// that is the derivative of the batch's mean loss (a gradient sum takes `scale` 1). `targets`:
    /// one per output for `mse` and `huber`, one per row (0 or 1, or the class index) otherwise.
    /// ``HeadLoss`` has the per-row formulas.
    public static func lossDelta(head: Head, outputs z: [Double], targets: [Double], rows: Int, outs: Int,
                                 scale: Double? = nil) -> (delta: [Double], lossSum: Double) {
        precondition(z.count == rows * outs, "lossDelta: shapes")
        let scale = scale ?? 1 / Double(max(rows, 1))
        var delta = [Double](repeating: 0, count: rows * outs)
        var lossSum = 0.0
        for r in 0..<rows {
            let row = r * outs..<(r + 1) * outs
            let (loss, gradient) = HeadLoss.row(head, logits: z[row], targets: targets, row: r)
            lossSum += loss
            for (o, g) in gradient.enumerated() { delta[r * outs + o] = scale * g }
        }
        return (delta, lossSum)
    }

    /// `column_sums`: `out[c] = Σ_r d[r][c]`, the bias gradient of a layer.
    public static func columnSums(_ d: [Double], rows: Int, cols: Int) -> [Double] {
        precondition(d.count == rows * cols, "columnSums: shapes")
        var out = [Double](repeating: 0, count: cols)
        for r in 0..<rows { for c in 0..<cols { out[c] += d[r * cols + c] } }
        return out
    }

    /// `sgd_update`: `p − learningRate · g` over the flat parameter buffer.
    public static func sgdUpdate(_ params: [Double], gradient: [Double], learningRate: Double) -> [Double] {
        precondition(params.count == gradient.count, "sgdUpdate: shapes")
        return zip(params, gradient).map { $0 - learningRate * $1 }
    }

    // MARK: Activations

    /// `act(x)`; sigmoid in the form that neither overflows nor loses its small values.
    public static func activate(_ x: Double, _ activation: Activation) -> Double {
        switch activation {
        case .identity: x
        case .relu: max(x, 0)
        case .tanh: Foundation.tanh(x)
        case .sigmoid: sigmoid(x)
        }
    }

    /// `act'` from the activated value `a = act(x)`.
    public static func derivative(activated a: Double, _ activation: Activation) -> Double {
        switch activation {
        case .identity: 1
        case .relu: a > 0 ? 1 : 0
        case .tanh: 1 - a * a
        case .sigmoid: a * (1 - a)
        }
    }

    /// `1 / (1 + e⁻ˣ)`, computed from `e^(−|x|)` so that it never overflows.
    public static func sigmoid(_ x: Double) -> Double {
        let e = exp(-abs(x))
        return x >= 0 ? 1 / (1 + e) : e / (1 + e)
    }
}
