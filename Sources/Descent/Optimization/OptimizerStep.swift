import Foundation

/// The CPU twin of the update kernels (`Kernels/optimizer.cl`): one step of an ``UpdateRule`` over
/// the flat parameter buffer in float64, exactly in the kernels' order of operations. The CPU
/// backend steps with it; validate checks every kernel against it.
public enum OptimizerStep {
    /// Adam's per-step scalars, computed once on the host for step `t` (1-based): the step size
    /// `lr / (1 − β₁ᵗ)` and `√(1 − β₂ᵗ)`. A device receives them rounded once to float32.
    public static func adamScalars(rule: UpdateRule, learningRate: Double, step t: Int) -> (stepSize: Double, correction2: Double) {
        (learningRate / (1 - pow(rule.beta1, Double(t))), (1 - pow(rule.beta2, Double(t))).squareRoot())
    }

    /// One step: `params` and `state` updated in place from `gradient` (the mean loss's gradient).
    /// `mask`: ``ParameterLayout/weightMask``.
    public static func apply(_ rule: UpdateRule, params: inout [Double], gradient: [Double], state: inout OptimizerState,
                             mask: [Double], learningRate lr: Double) {
        precondition(params.count == gradient.count && mask.count == params.count, "OptimizerStep: shapes")
        state.step += 1
        let (stepSize, correction2) = adamScalars(rule: rule, learningRate: lr, step: state.step)
        for i in params.indices {
            var p = params[i]
            let g = gradient[i] + rule.l2 * mask[i] * p
            switch rule.kind {
            case .sgd:
                p -= lr * g
            case .momentum, .nesterov:
                let b = rule.momentum * state.first[i] + g
                state.first[i] = b
                p -= lr * (rule.kind == .nesterov ? g + rule.momentum * b : b)
            case .adam, .adamw:
                if rule.kind == .adamw { p *= 1 - lr * rule.weightDecay * mask[i] }
                let m = rule.beta1 * state.first[i] + (1 - rule.beta1) * g
                let v = rule.beta2 * state.second[i] + (1 - rule.beta2) * g * g
                state.first[i] = m
                state.second[i] = v
                p -= stepSize * (m / (v.squareRoot() / correction2 + rule.epsilon))
            }
            if rule.l1 > 0, mask[i] != 0 { p = proximalL1(p, threshold: lr * rule.l1) }
            params[i] = p
        }
    }

    /// `sign(p) · max(|p| − threshold, 0)`: L1's proximal step (soft threshold).
    public static func proximalL1(_ p: Double, threshold: Double) -> Double {
        let shrunk = abs(p) - threshold
        return shrunk > 0 ? (p > 0 ? shrunk : -shrunk) : 0
    }
}
