import Descent
import Foundation

/// `descent validate`'s checks of the update kernels (`Kernels/optimizer.cl`): each rule's kernel
/// against its float64 twin ``OptimizerStep/apply`` for three steps from a random state, over
/// layouts of awkward sizes (one bias; many small tensors; sizes off multiples of the work-group),
/// parameters and state compared after every step; then a short training trajectory per rule on
/// the OpenCL backend (linear and logistic) against the CPU backend, and the linear model's
/// one-launch epoch kernel under each rule against the twin (``FusedRuleCheck``).
///
/// The update works in place, so nothing is poisoned: every gradient element is non-zero and the
/// state starts random (v > 0), so an element skipped or computed by another formula moves away
/// from the twin's. With L1 some weights land exactly on 0 in both. A check's stage is the rule
/// (`adam+l2`), its configuration says `update, step n` or `trajectory, …`.
package struct OptimizerValidation {
    package var context: OpenCLContext
    package var sweep: Validator.Sweep
    package var seed: UInt64
    /// optimizer.cl to check instead of the embedded kernels (planted-bug tests).
    package var kernelSource: String?
    /// common.cl + fused_rules.cl + linear.cl for the fused epoch checks instead of the embedded ones.
    package var linearKernelSource: String?
    /// The program cache the fused-epoch checks build in: `Validator`'s own, so that a validate run
    /// builds each program once and counts it (nil: a cache of this check's own).
    package var linearPrograms: ProgramCache?

    package init(context: OpenCLContext, sweep: Validator.Sweep, seed: UInt64, kernelSource: String? = nil) {
        self.context = context
        self.sweep = sweep
        self.seed = seed
        self.kernelSource = kernelSource
    }

    /// One rule per kind, with the penalties spread over them so each is checked with momentum and with Adam.
    package static let rules: [UpdateRule] = [
        UpdateRule(kind: .sgd, l2: 0.3, l1: 0.05),
        UpdateRule(kind: .momentum, momentum: 0.9, l2: 0.2),
        UpdateRule(kind: .nesterov, momentum: 0.8, l1: 0.02),
        UpdateRule(kind: .adam, l2: 0.1),
        UpdateRule(kind: .adam, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, l1: 0.01),
        UpdateRule(kind: .adamw, l2: 0.05, weightDecay: 0.1),
    ]

    /// Layouts of 2, 14, 82 and (full sweep) 961 and 1,043 parameters.
    var specs: [ModelSpec] {
        let small: [ModelSpec] = [.linear(inputs: 1), .linear(inputs: 13),
                                  ModelSpec(kind: .mlp, inputs: 7, hidden: [9], head: .mse(.course))]
        guard sweep == .full else { return sweep == .simulator ? [small[1]] : small }
        return small + [ModelSpec(kind: .mlp, inputs: 13, hidden: [64], head: .mse(.course)),
                        ModelSpec(kind: .mlp, inputs: 3, hidden: [100, 7], head: .softmaxCrossEntropy(classes: 3))]
    }

    package func run(progress: (String) -> Void = { _ in }) -> [ValidationCheck] {
        progress("update kernels")
        var checks = [ValidationCheck]()
        for rule in Self.rules {
            for spec in specs { checks += updateChecks(rule: rule, spec: spec) }
        }
        progress("fused epoch under each rule")
        let fused = FusedRuleCheck(programs: linearPrograms ?? ProgramCache(context), sweep: sweep, seed: seed, kernelSource: linearKernelSource,
                                   optimizerKernelSource: kernelSource)
        for rule in Self.rules { checks += fused.run(rule: rule) }
        progress("optimizer trajectories")
        for rule in Self.rules { checks += OptimizerTrajectoryCheck(context: context, seed: seed, kernelSource: kernelSource).run(rule: rule) }
        return checks
    }

    /// Three steps of `rule`'s kernel against the twin, from float32-rounded inputs.
    func updateChecks(rule: UpdateRule, spec: ModelSpec) -> [ValidationCheck] {
        let layout = ParameterLayout(spec: spec), count = layout.count
        let stage = Self.name(rule), shape = "\(count) parameters"
        do {
            let optimizer = try OpenCLOptimizer(context: context, rule: rule, layout: layout, source: kernelSource)
            var state = OptimizerState(step: 4, first: rule.stateBuffers >= 1 ? rounded(values(count, salt: 1)) : [],
                                       second: rule.stateBuffers >= 2 ? rounded(values(count, salt: 2).map { $0 * $0 }) : [])
            try optimizer.setState(state)
            var params = rounded(values(count, salt: 3))
            let buffer = try OpenCLBuffer(context, values: params.map(Float.init))
            let mask = layout.weightMask
            var checks = [ValidationCheck]()
            for step in 0..<3 {
                let gradient = rounded(values(count, salt: 4 + UInt64(step)).map { $0 + ($0 < 0 ? -0.25 : 0.25) })
                let gradientBuffer = try OpenCLBuffer(context, values: gradient.map(Float.init))
                let before = params, stateBefore = state
                OptimizerStep.apply(rule, params: &params, gradient: gradient, state: &state, mask: mask, learningRate: 0.05)
                try optimizer.enqueue(params: buffer, gradient: gradientBuffer, learningRate: 0.05)
                let device = try buffer.read().map(Double.init), deviceState = try optimizer.state()
                let bounds = zip(before, params).map { Self.bound($0, $1) }
                let stateBounds = zip(stateBefore.first + stateBefore.second, state.first + state.second).map { Self.bound($0, $1) }
                checks.append(ValidationCheck(stage: stage, shape: shape, configuration: "update, step \(step + 1)",
                                              device: device + deviceState.first + deviceState.second,
                                              reference: params + state.first + state.second, bounds: bounds + stateBounds))
                params = device  // the next step from the device's values, as the device goes on
                state = OptimizerState(step: state.step, first: deviceState.first, second: deviceState.second)
            }
            return checks
        } catch let limit as KernelLimitError {
            return [ValidationCheck(skipped: stage, shape: shape, configuration: "update", reason: limit.description)]
        } catch {
            return [ValidationCheck(stage: stage, shape: shape, configuration: "update", maxAbsoluteError: .nan, maxRelativeError: .nan,
                                    bound: .nan, passed: false, mismatches: ["\(error)"])]
        }
    }

    /// An element's float32 error bound for one update from `old` to `new`: the few roundings of
    /// the update (at most about 8 in Adam's path), each at most u = 2⁻²⁴ relative to the values
    /// they touch, taken 16 times for margin.
    static func bound(_ old: Double, _ new: Double) -> Double {
        16 * 8 * 0x1p-24 * (abs(old) + abs(new - old) + abs(new)) + 1e-30
    }

    static func name(_ rule: UpdateRule) -> String {
        var words = [rule.kind.rawValue]
        if rule.l2 > 0 { words.append("l2") }
        if rule.l1 > 0 { words.append("l1") }
        if rule.weightDecay > 0 { words.append("wd") }
        return words.joined(separator: "+")
    }

    private func rounded(_ values: [Double]) -> [Double] { values.map { Double(Float($0)) } }

    private func values(_ count: Int, salt: UInt64) -> [Double] {
        var random = TrainingRandom(kind: .standard, seed: seed &* 0x9E37_79B9 &+ salt &+ UInt64(count) &* 31)
        return (0..<count).map { _ in random.nextNormal() }
    }
}
