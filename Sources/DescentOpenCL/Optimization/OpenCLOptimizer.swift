import Descent
import DescentKernels

/// An ``UpdateRule`` on an OpenCL device: its state (moments, float32) beside the parameters, and
/// one launch of its kernel (`Kernels/optimizer.cl`) per step, enqueued without waiting. The step
/// count lives on the host, which computes Adam's bias corrections per step (``OptimizerStep/adamScalars``).
/// The network path and the linear model's large batches step through it when the rule is not
/// plain SGD; the linear model's small batches run the rule in the one-launch epoch kernel
/// (`OpenCLFusedRule`), on this optimiser's state buffers and step count.
package final class OpenCLOptimizer {
    package let rule: UpdateRule
    package let count: Int
    let context: OpenCLContext
    let program: OpenCLProgram
    let profile: OpenCLProfile?
    private let mask: OpenCLBuffer<Float>
    /// The momentum buffer, or Adam's m; Adam's v (the fused epoch kernel updates them too).
    let first: OpenCLBuffer<Float>?
    let second: OpenCLBuffer<Float>?
    /// update_rules.cl and optimizer.cl as built (the fused epoch kernel takes the rules from it).
    package let source: String
    private let kernel: OpenCLKernel
    /// Steps taken (Adam's `t`); the fused epoch kernel's launches advance it too.
    public internal(set) var step = 0
    /// Work-items per group of the element-wise kernels.
    static let groupSize = 64

    /// The source the embedded update kernels are built from (validate plants bugs in a copy).
    package static var defaultSource: String { KernelSources.updateRules + "\n" + KernelSources.optimizer }

    package init(context: OpenCLContext, rule: UpdateRule, layout: ParameterLayout, source: String? = nil,
                profile: OpenCLProfile? = nil) throws {
        self.context = context
        self.rule = rule
        self.profile = profile
        count = layout.count
        self.source = source ?? Self.defaultSource
        program = try OpenCLProgram(context, source: self.source)
        mask = try OpenCLBuffer(context, values: layout.weightMask.map(Float.init))
        first = rule.stateBuffers >= 1 ? try OpenCLBuffer(context, count: count) : nil
        second = rule.stateBuffers >= 2 ? try OpenCLBuffer(context, count: count) : nil
        try first?.fill(0)
        try second?.fill(0)
        kernel = try Self.makeKernel(program, context, rule: rule, count: count, mask: mask, first: first, second: second)
    }

    /// Enqueues one step: `params` updated from `gradient` (the mean loss's gradient, in the layout),
    /// in work-groups of `groupSize` work-items (default ``groupSize``; at most what the build allows).
    /// The network path passes its element-wise size (256 on a CPU): PoCL runs each group as a task,
    /// and 82k parameters in groups of 64 took 0.055 ms a step against 0.045 (1,300 tasks against
    /// 330), and several times as long on a busy machine.
    package func enqueue(params: OpenCLBuffer<Float>, gradient: OpenCLBuffer<Float>, learningRate lr: Double,
                         groupSize requested: Int = OpenCLOptimizer.groupSize) throws {
        step += 1
        let size = max(min(requested, kernel.maxWorkGroupSize, context.device.maxWorkItemSizes.first ?? requested), 1)
        let threshold = Float(lr * rule.l1), groups = (count + size - 1) / size
        try kernel.set(0, params); try kernel.set(1, gradient)
        switch rule.kind {
        case .sgd:
            try kernel.set(4, Float(lr)); try kernel.set(6, threshold)
        case .momentum, .nesterov:
            try kernel.set(5, Float(lr)); try kernel.set(7, threshold)
        case .adam, .adamw:
            let (stepSize, correction2) = OptimizerStep.adamScalars(rule: rule, learningRate: lr, step: step)
            try kernel.set(6, Float(stepSize)); try kernel.set(7, Float(correction2))
            try kernel.set(9, threshold); try kernel.set(13, Float(rule.kind == .adamw ? lr * rule.weightDecay : 0))
        }
        try kernel.launch(groups: max(groups, 1), groupSize: size, profile: profile)
    }

    /// The rule's kernel with the arguments that never change set once.
    private static func makeKernel(_ program: OpenCLProgram, _ context: OpenCLContext, rule: UpdateRule, count: Int,
                                   mask: OpenCLBuffer<Float>, first: OpenCLBuffer<Float>?, second: OpenCLBuffer<Float>?) throws -> OpenCLKernel {
        let kernel: OpenCLKernel
        switch rule.kind {
        case .sgd:
            kernel = try OpenCLKernel(program, name: "optimizer_sgd", context: context)
            try kernel.set(3, Int32(count)); try kernel.set(5, Float(rule.l2))
        case .momentum, .nesterov:
            kernel = try OpenCLKernel(program, name: "optimizer_momentum", context: context)
            try kernel.set(3, first!); try kernel.set(4, Int32(count)); try kernel.set(6, Float(rule.l2))
            try kernel.set(8, Float(rule.momentum)); try kernel.set(9, Int32(rule.kind == .nesterov ? 1 : 0))
        case .adam, .adamw:
            kernel = try OpenCLKernel(program, name: "optimizer_adam", context: context)
            try kernel.set(3, first!); try kernel.set(4, second!); try kernel.set(5, Int32(count)); try kernel.set(8, Float(rule.l2))
            try kernel.set(10, Float(rule.beta1)); try kernel.set(11, Float(rule.beta2)); try kernel.set(12, Float(rule.epsilon))
        }
        try kernel.set(2, mask)
        return kernel
    }

    /// The state, read back (waits for the queue).
    package func state() throws -> OptimizerState {
        OptimizerState(step: step, first: try first?.read().map(Double.init) ?? [],
                       second: try second?.read().map(Double.init) ?? [])
    }

    /// Replaces the state (a checkpoint's); throws ``BackendError/optimizerState`` when it does not fit.
    package func setState(_ state: OptimizerState) throws {
        guard state.fits(rule, count: count) else { throw BackendError.optimizerState(kind: rule.kind, parameters: count) }
        step = state.step
        if let first { try first.write(state.first.map(Float.init)) }
        if let second { try second.write(state.second.map(Float.init)) }
    }

    /// One step on the device of given values, read back: validate's check of a kernel against
    /// ``OptimizerStep/apply``.
    package func update(params: [Double], gradient: [Double], learningRate: Double) throws -> [Double] {
        let p = try OpenCLBuffer(context, values: params.map(Float.init))
        let g = try OpenCLBuffer(context, values: gradient.map(Float.init))
        try enqueue(params: p, gradient: g, learningRate: learningRate)
        return try p.read().map(Double.init)
    }
}
