import Descent

/// The linear model's one-launch epoch kernel (`linear_train_epoch`) under an ``UpdateRule`` other
/// than plain SGD, so that small batches keep one launch per epoch whatever the rule.
///
/// The kernel is built with `#define RULE n` and the optimiser's own update_rules.cl
/// (``OpenCLOptimizer/source``) before the linear sources: each step applies the same
/// per-parameter functions as the per-step kernels (`Kernels/fused_rules.cl`). The optimiser's
/// state buffers are read into local memory at each launch's start and written back at its end,
/// and its step count advances by the steps run, so ``OpenCLOptimizer/state()`` and checkpoints
/// see exactly what the per-step path leaves. The learning rate is the submission's (schedules
/// change it per epoch, never within a submission); Adam's per-step scalars are computed on the
/// host by ``OptimizerStep/adamScalars`` and rounded once to float32, as the per-step path sets
/// them, into a table the kernel reads by step.
final class OpenCLFusedRule {
    let optimizer: OpenCLOptimizer
    private let context: OpenCLContext
    /// Adam's (step size, √(1 − β₂ᵗ)) per step of the submission.
    private var scalars: OpenCLBuffer<Float>
    /// A stand-in for the state buffers a rule does not keep (never read).
    private let unused: OpenCLBuffer<Float>

    init(optimizer: OpenCLOptimizer, context: OpenCLContext) throws {
        self.optimizer = optimizer
        self.context = context
        scalars = try OpenCLBuffer(context, count: 2)
        unused = try OpenCLBuffer(context, count: 1)
    }

    /// `RULE` for a rule's kind (`Kernels/fused_rules.cl`).
    static func code(_ kind: OptimizerKind) -> Int {
        switch kind {
        case .sgd: 1
        case .momentum: 2
        case .nesterov: 3
        case .adam, .adamw: 4
        }
    }

    /// The epoch kernel's source under the rule: the `RULE` define and the update rules, then
    /// `linear` (common.cl, fused_rules.cl, linear.cl, or a replacement of them).
    func source(linear: String) -> String {
        "#define RULE \(Self.code(optimizer.rule.kind))\n" + optimizer.source + "\n" + linear
    }

    /// Sets the rule's arguments of `kernel` (12 on) for a submission of `steps` steps at
    /// `learningRate`, uploads Adam's scalars for those steps, and advances the step count.
    /// `factor`: the loss's gradient convention (the course's 2), as `linear_step_gradient` applies it.
    func setArguments(_ kernel: OpenCLKernel, steps: Int, learningRate lr: Double, factor: Double) throws {
        let rule = optimizer.rule
        if rule.kind == .adam || rule.kind == .adamw, steps > 0 {
            var table = [Float]()
            table.reserveCapacity(2 * steps)
            for s in 1...steps {
                let (stepSize, correction2) = OptimizerStep.adamScalars(rule: rule, learningRate: lr, step: optimizer.step + s)
                table += [Float(stepSize), Float(correction2)]
            }
            if scalars.count < table.count { scalars = try OpenCLBuffer(context, count: table.count) }
            try scalars.write(table)  // blocking: the table is host memory of this call
        }
        try kernel.set(12, optimizer.first ?? unused); try kernel.set(13, optimizer.second ?? unused); try kernel.set(14, scalars)
        try kernel.set(15, Float(factor)); try kernel.set(16, Float(rule.l2)); try kernel.set(17, Float(lr * rule.l1))
        try kernel.set(18, Float(rule.momentum)); try kernel.set(19, Float(rule.beta1)); try kernel.set(20, Float(rule.beta2))
        try kernel.set(21, Float(rule.epsilon)); try kernel.set(22, Float(rule.kind == .adamw ? lr * rule.weightDecay : 0))
        optimizer.step += steps
    }
}
