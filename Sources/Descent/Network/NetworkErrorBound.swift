import Foundation

/// How far each honest float32 network kernel may lie from its float64 twin, by the reasoning of
/// ``ErrorBound`` (Higham §3): `γ(k)` for a chain of k roundings, times the magnitudes involved.
/// Each bound is justified by its reduction length: a product over n terms gets `γ(n + 3)` of
/// `Σ|terms|` (both factors rounded on upload, the product, n − 1 additions), whatever the tile
/// shape or order, and every check keeps n short enough somewhere (1 to 257) that one dropped or
/// misplaced term exceeds it. Elementary functions (exp, log, log1p, tanh) are allowed 4 ulp,
/// more than OpenCL's full profile lets them have (3 to 5 ulp are 6u to 10u: counted as 8 to 10 roundings).
extension ErrorBound {
    private static func magnitudes(_ values: [Double]) -> [Double] { values.map(abs) }

    /// `matmul_nt`: `γ(inner + 3) · Σ_k |a[r][k] w[o][k]|` per output.
    public static func matmulNT(_ a: [Double], _ w: [Double], rows: Int, inner: Int, outs: Int) -> [Double] {
        NetworkStages.matmulNT(magnitudes(a), magnitudes(w), rows: rows, inner: inner, outs: outs).map { gamma(inner + 3) * $0 + absoluteFloor }
    }

    /// `matmul_nn`: `γ(outs + 3) · Σ_o |d[r][o] w[o][k]|`.
    public static func matmulNN(_ d: [Double], _ w: [Double], rows: Int, outs: Int, inner: Int) -> [Double] {
        NetworkStages.matmulNN(magnitudes(d), magnitudes(w), rows: rows, outs: outs, inner: inner).map { gamma(outs + 3) * $0 + absoluteFloor }
    }

    /// `matmul_tn`: `γ(rows + 3) · Σ_r |d[r][o] a[r][k]|`: the reduction runs over the batch.
    public static func matmulTN(_ d: [Double], _ a: [Double], rows: Int, outs: Int, inner: Int) -> [Double] {
        NetworkStages.matmulTN(magnitudes(d), magnitudes(a), rows: rows, outs: outs, inner: inner).map { gamma(rows + 3) * $0 + absoluteFloor }
    }

    /// `bias_activation`: the sum `z + b` is off by `e = γ(3)(|z| + |b|)`; identity and relu pass
    /// it on (1-Lipschitz), tanh adds its own 10 roundings of `|a|`, sigmoid (¼-Lipschitz) 16.
    public static func biasActivation(_ z: [Double], bias: [Double], rows: Int, outs: Int, activation: Activation) -> [Double] {
        let a = NetworkStages.biasActivation(z, bias: bias, rows: rows, outs: outs, activation: activation)
        return z.indices.map { i in
            let e = gamma(3) * (abs(z[i]) + abs(bias[i % outs]))
            switch activation {
            case .identity, .relu: return e + absoluteFloor
            case .tanh: return e + gamma(10) * abs(a[i]) + absoluteFloor
            case .sigmoid: return e / 4 + gamma(16) * abs(a[i]) + absoluteFloor
            }
        }
    }

    /// `activation_backward`: `δ·act'(a)` from rounded δ and a: `γ(6) |δ| (1 + a²)` for tanh,
    /// `γ(6) |δ| |a| (1 + |a|)` for sigmoid, `γ(2) |δ|` otherwise.
    public static func activationBackward(_ delta: [Double], activated a: [Double], activation: Activation) -> [Double] {
        delta.indices.map { i in
            let d = abs(delta[i])
            switch activation {
            case .identity, .relu: return gamma(2) * d + absoluteFloor
            case .tanh: return gamma(6) * d * (1 + a[i] * a[i]) + absoluteFloor
            case .sigmoid: return gamma(6) * d * abs(a[i]) * (1 + abs(a[i])) + absoluteFloor
            }
        }
    }

    /// `column_sums`: `γ(rows + 1) · Σ_r |d[r][c]|`.
    public static func columnSums(_ d: [Double], rows: Int, cols: Int) -> [Double] {
        NetworkStages.columnSums(magnitudes(d), rows: rows, cols: cols).map { gamma(rows + 1) * $0 + absoluteFloor }
    }

    /// `sgd_update`: `γ(5) (|p| + |η g|)`, as for the linear update.
    public static func sgdUpdate(_ params: [Double], gradient: [Double], learningRate: Double) -> [Double] {
        zip(params, gradient).map { gamma(5) * (abs($0) + abs(learningRate * $1)) + absoluteFloor }
    }

    /// `loss_delta_*`: per element of delta, and for the loss sum over `rows` rows (a chain of
    /// `rows` additions after each row's own error). ``HeadLoss`` has the formulas; the rounding
    /// counts are in the code beside each head.
    public static func lossDelta(head: Head, outputs z: [Double], targets: [Double], rows: Int, outs: Int,
                                 scale: Double? = nil) -> (delta: [Double], lossSum: Double) {
        let scale = abs(scale ?? 1 / Double(max(rows, 1))) * (head == .mse(.exact) ? 2 : 1)
        var delta = [Double](), lossError = 0.0, lossMagnitude = 0.0
        for r in 0..<rows {
            let row = Array(z[r * outs..<(r + 1) * outs])
            let (loss, gradient) = HeadLoss.row(head, logits: row[...], targets: targets, row: r)
            lossMagnitude += abs(loss)
            switch head {
            case .mse, .huber:
                let huber: Double? = if case let .huber(d) = head { d } else { nil }
                for (o, value) in row.enumerated() {
                    let y = targets[r * outs + o], residual = abs(value - y)
                    let e = gamma(3) * (abs(value) + abs(y))  // z, y rounded; the subtraction
                    delta.append(scale * e + gamma(3) * scale * abs(huber == nil ? residual : gradient[o]) + absoluteFloor)
                    lossError += huber.map { max(residual, $0) * e + gamma(4) * abs(loss) } ?? (2 * residual * e + e * e + gamma(2) * residual * residual)
                }
            case .binaryCrossEntropy:
                let x = abs(row[0]), sigma = NetworkStages.sigmoid(row[0])
                lossError += unitRoundoff * x + gamma(10) * (x + 1)  // z rounded (1-Lipschitz); exp, log1p, 3 operations
                delta.append(scale * (unitRoundoff * x / 4 + gamma(10) * sigma + gamma(1) * abs(gradient[0])) + gamma(2) * scale * abs(gradient[0]) + absoluteFloor)
            case .softmaxCrossEntropy:
                let m = row.max()!, big = row.map(abs).max()!
                let logSum = log(row.reduce(0) { $0 + exp($1 - m) })
                let c = Int(targets[r])
                lossError += gamma(outs + 8) * (1 + abs(m) + abs(logSum) + abs(row[c])) + 4 * unitRoundoff * big
                let p = HeadLoss.softmax(row[...])
                for j in 0..<outs {
                    delta.append(scale * (p[j] * (8 * unitRoundoff * big + gamma(outs + 12)) + gamma(3) * abs(gradient[j])) + absoluteFloor)
                }
            }
        }
        return (delta, lossError + gamma(rows + 1) * lossMagnitude + absoluteFloor)
    }
}
