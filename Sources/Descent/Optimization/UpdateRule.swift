/// Which update a step applies to the flat parameter buffer; `--optimizer` on the command line.
public enum OptimizerKind: String, Codable, CaseIterable, Sendable { case sgd, momentum, nesterov, adam, adamw }

/// An optimiser and its hyper-parameters: how a step turns the gradient `g` of the mean loss (the
/// head's gradient, in the ``ParameterLayout``) into new parameters `p`. PyTorch's definitions
/// (`torch.optim.SGD`, `Adam`, `AdamW`, with dampening 0 and no amsgrad), in float64 here
/// (``OptimizerStep``) and in float32 on a device, one kernel per kind (`Kernels/optimizer.cl`).
///
/// Per step, with learning rate `lr` (the schedule's value for the epoch) and `mask` 1 on weights,
/// 0 on biases:
/// 1. L2: `g ← g + l2 · mask · p` (PyTorch's `weight_decay` of SGD and Adam, on the weights only).
/// 2. The rule:
///    - `sgd`: `p ← p − lr · g`
///    - `momentum`: `b ← μ·b + g`; `p ← p − lr · b` (`b` starts at 0, so the first `b` is `g`)
///    - `nesterov`: `b ← μ·b + g`; `p ← p − lr · (g + μ·b)`
///    - `adam`: `t ← t + 1`; `m ← β₁m + (1−β₁)g`; `v ← β₂v + (1−β₂)g²`;
///      `p ← p − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)`: bias-corrected, ε added after the
///      square root of the corrected second moment, exactly where PyTorch adds it
///    - `adamw`: first `p ← p · (1 − lr · weightDecay · mask)` (decoupled decay, weights only,
///      as PyTorch's AdamW with the biases in a group without decay), then the `adam` step
/// 3. L1, as a proximal step: `p ← sign(p) · max(|p| − lr · l1, 0)` on the weights, so a weight
///    whose pull is weaker than the penalty becomes exactly 0 (not PyTorch: it has no L1 option).
///
/// The course's gradient convention (half the exact MSE gradient) is a property of the loss: `g`
/// is that gradient; it is not folded into `lr`. The default, plain `sgd` with no penalty, takes
/// each backend's original fused path, so the course's run is bit for bit unchanged.
public struct UpdateRule: Codable, Equatable, Sendable {
    public var kind: OptimizerKind
    /// μ of `momentum` and `nesterov` (PyTorch's `momentum`).
    public var momentum: Double
    public var beta1: Double
    public var beta2: Double
    /// Added to `√v̂` in Adam's denominator.
    public var epsilon: Double
    /// L2 penalty added to the gradient (weights only).
    public var l2: Double
    /// AdamW's decoupled weight decay (weights only).
    public var weightDecay: Double
    /// L1 penalty, applied as a proximal step (weights only).
    public var l1: Double

    public init(kind: OptimizerKind = .sgd, momentum: Double = 0.9, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, l2: Double = 0, weightDecay: Double = 0, l1: Double = 0) {
        self.kind = kind
        self.momentum = momentum
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.l2 = l2
        self.weightDecay = weightDecay
        self.l1 = l1
    }

    /// Plain SGD without any penalty: the course's update.
    public static let sgd = UpdateRule()

    /// Whether this is the plain course update, which the fused paths apply as they always have.
    public var isPlainSGD: Bool { kind == .sgd && l2 == 0 && l1 == 0 && weightDecay == 0 }

    /// Per-parameter state buffers the rule keeps: 0 (sgd), 1 (momentum buffer) or 2 (m and v).
    public var stateBuffers: Int {
        switch kind {
        case .sgd: 0
        case .momentum, .nesterov: 1
        case .adam, .adamw: 2
        }
    }

    /// Rejects hyper-parameters outside PyTorch's accepted ranges (and weight decay on a rule
    /// that has no decoupled form).
    public func validate() throws(SettingsError) {
        guard momentum.isFinite, momentum >= 0, momentum < 1 else { throw .momentum(momentum) }
        guard beta1.isFinite, beta1 >= 0, beta1 < 1 else { throw .beta1(beta1) }
        guard beta2.isFinite, beta2 >= 0, beta2 < 1 else { throw .beta2(beta2) }
        guard epsilon.isFinite, epsilon > 0 else { throw .epsilon(epsilon) }
        guard l2.isFinite, l2 >= 0 else { throw .l2(l2) }
        guard l1.isFinite, l1 >= 0 else { throw .l1(l1) }
        guard weightDecay.isFinite, weightDecay >= 0, weightDecay < 1 else { throw .weightDecay(weightDecay) }
        guard weightDecay == 0 || kind == .adamw else { throw .weightDecayNeedsAdamW(weightDecay) }
    }
}

/// A rule's state, flat in the ``ParameterLayout``: the step count `t` and up to two moment
/// buffers (`first`: momentum's buffer or Adam's `m`; `second`: Adam's `v`). Checkpoints carry it,
/// so a resumed run continues exactly.
public struct OptimizerState: Codable, Equatable, Sendable {
    /// Steps taken so far.
    public var step: Int
    public var first: [Double]
    public var second: [Double]

    public init(step: Int = 0, first: [Double] = [], second: [Double] = []) {
        self.step = step
        self.first = first
        self.second = second
    }

    /// Zeroed state for `rule` over `count` parameters.
    public init(rule: UpdateRule, count: Int) {
        self.init(first: rule.stateBuffers >= 1 ? Array(repeating: 0, count: count) : [],
                  second: rule.stateBuffers >= 2 ? Array(repeating: 0, count: count) : [])
    }

    /// Whether this state fits `rule` over `count` parameters.
    public func fits(_ rule: UpdateRule, count: Int) -> Bool {
        first.count == (rule.stateBuffers >= 1 ? count : 0) && second.count == (rule.stateBuffers >= 2 ? count : 0) && step >= 0
    }
}

extension ParameterLayout {
    /// 1 for every weight, 0 for every bias: which parameters L2, L1 and weight decay touch.
    public var weightMask: [Double] {
        var mask = [Double](repeating: 0, count: count)
        for tensor in tensors where tensor.name.hasSuffix(".weight") {
            for index in tensor.range { mask[index] = 1 }
        }
        return mask
    }
}
