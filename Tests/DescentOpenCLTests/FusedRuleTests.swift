import Descent
import DescentOpenCL
import Testing

/// The linear model's small-batch epochs run in the one-launch epoch kernel under every update
/// rule (`OpenCLFusedRule`), and end where the per-step path (the rule's gradient and update
/// kernels, one step at a time) ends: the same arithmetic, summed in another order, so equal
/// within float32 rounding; and the optimiser's state and step count read back the same.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason), .serialized)
struct FusedRuleTests {
    /// One program cache for every case (serialized): each build happens once.
    nonisolated(unsafe) static var cache: ProgramCache?
    static func programs() throws -> ProgramCache {
        if let cache { return cache }
        let made = ProgramCache(try TestDevice.context())
        cache = made
        return made
    }

    static let rules: [UpdateRule] = [
        UpdateRule(kind: .sgd, l2: 0.3, l1: 0.05),
        UpdateRule(kind: .momentum, momentum: 0.9, l2: 0.2),
        UpdateRule(kind: .nesterov, momentum: 0.8, l1: 0.02),
        UpdateRule(kind: .adam),
        UpdateRule(kind: .adam, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, l2: 0.1, l1: 0.01),
        UpdateRule(kind: .adamw, weightDecay: 0.1),
    ]

    /// Parameters and state after `epochs` epochs on the chosen path, and whether its last submission was fused.
    static func train(rule: UpdateRule, fused: Bool, data: TrainingData, shape: KernelShape) throws -> ([Double], OptimizerState, Bool) {
        var settings = TrainingSettings()
        settings.epochs = 3
        settings.batchSize = 7
        settings.learningRate = 0.02
        settings.seed = 5
        settings.optimizer = rule
        settings.schedule = LearningRateSchedule(kind: .cosine)
        let backend = OpenCLBackend(programs: try programs())
        backend.shape = shape
        backend.singleGroupMaxBatch = fused ? 1024 : 0
        backend.maxRowsPerLaunch = 4 * 7  // several launches an epoch: the state crosses them
        let result = try Trainer(settings: settings).run(on: backend, spec: .linear(inputs: 6), train: data)
        return (result.parameters, try backend.optimizerState(), backend.lastSubmissionFused)
    }

    @Test(arguments: rules, KernelShape.allCases)
    func fusedEpochMatchesPerStepPath(rule: UpdateRule, shape: KernelShape) throws {
        let data = SyntheticData(rows: 61, features: 6, seed: 3).data
        let (fused, fusedState, ranFused) = try Self.train(rule: rule, fused: true, data: data, shape: shape)
        let (perStep, perStepState, perStepFused) = try Self.train(rule: rule, fused: false, data: data, shape: shape)
        #expect(ranFused && !perStepFused, "the paths under test: fused \(ranFused), per-step \(!perStepFused)")
        #expect(fusedState.step == perStepState.step && fusedState.step == 27)
        let device = fused + fusedState.first + fusedState.second, reference = perStep + perStepState.first + perStepState.second
        // Float32 on both paths, the gradient summed in another order: differences of a few ulps
        // per step, which Adam can enlarge where a gradient component is near 0.
        expectWithin(device, reference, bounds: reference.map { 1e-4 * max(abs($0), 0.1) }, "\(rule.kind) \(shape)")
    }
}
