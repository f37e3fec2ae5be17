import Descent

/// `descent validate`'s check of the linear model's one-launch epoch kernel under each update rule
/// (`OpenCLFusedRule`, `Kernels/fused_rules.cl`) against the rule's float64 twin
/// ``OptimizerStep/apply`` fed the batch gradients of a float64 reference.
///
/// Awkward on purpose: 37 rows in batches of 5 (the last batch 2 rows), 1 and 13 features (33 in
/// the full sweep), both kernel shapes (one work-item; a cooperative group of 8), three steps per
/// launch (so the state crosses launch boundaries through global memory), a start from a random
/// state at step 4 (Adam's bias corrections away from 1), and two submissions (20 positions at
/// learning rate 0.05, then 17 at 0.03: a schedule's next epoch). After each submission the
/// parameters, the state and every step's loss are compared; the backend poisons the losses with
/// NaN before each submission, so a step that writes none fails.
///
/// Bound: every element within 2e-3 · max(|reference|, 0.1), the trajectory checks' tolerance
/// (``OptimizerTrajectoryCheck``): float32 against float64 from float32-exact inputs over 8 steps,
/// where a rounding in a gradient component near 0 moves Adam's step by up to ~1e-4 relative per
/// step. Measured on PoCL (validate --quick, seed 0): worst ratio to the bound 0.003. A planted bug (Adam without bias
/// correction: the step 4× too large at t = 5) moves parameters by 1e-2 or more.
package struct FusedRuleCheck {
    /// One cache for every rule's check: each (rule, features, shape) build happens once per run.
    var programs: ProgramCache
    var sweep: Validator.Sweep
    var seed: UInt64
    /// common.cl + fused_rules.cl + linear.cl to check instead of the embedded ones (planted bugs).
    var kernelSource: String?
    /// update_rules.cl + optimizer.cl instead of the embedded ones.
    var optimizerKernelSource: String?
    static let limit = 2e-3
    static let rows = 37, batch = 5

    package init(programs: ProgramCache, sweep: Validator.Sweep, seed: UInt64, kernelSource: String? = nil,
                 optimizerKernelSource: String? = nil) {
        self.programs = programs
        self.sweep = sweep
        self.seed = seed
        self.kernelSource = kernelSource
        self.optimizerKernelSource = optimizerKernelSource
    }

    var featureCounts: [Int] {
        switch sweep {
        case .full: [1, 13, 33]
        case .quick: [1, 13]
        case .simulator: [13]
        }
    }

    package func run(rule: UpdateRule) -> [ValidationCheck] {
        var checks = [ValidationCheck]()
        for features in featureCounts {
            for shape in KernelShape.allCases { checks += check(rule: rule, features: features, shape: shape, programs: programs) }
        }
        return checks
    }

    func check(rule: UpdateRule, features: Int, shape: KernelShape, programs: ProgramCache) -> [ValidationCheck] {
        let stage = OptimizerValidation.name(rule), size = "\(Self.rows)×\(features) batch \(Self.batch)"
        let configuration = "fused epoch, \(shape.rawValue)"
        do {
            let spec = ModelSpec.linear(inputs: features), count = features + 1
            guard case let .mse(convention) = spec.head else { return [] }
            let data = TrainingData(featureNames: (0..<features).map { "x\($0)" }, targetName: "y",
                                    features: Matrix(rows: Self.rows, columns: features, values: rounded(values(Self.rows * features, salt: 11))),
                                    targets: rounded(values(Self.rows, salt: 12)))
            var params = rounded(values(count, salt: 13).map { $0 * 0.5 })
            var state = OptimizerState(step: 4, first: rule.stateBuffers >= 1 ? rounded(values(count, salt: 14)) : [],
                                       second: rule.stateBuffers >= 2 ? rounded(values(count, salt: 15).map { $0 * $0 }) : [])
            var order = (0..<Int32(Self.rows)).map { $0 }
            var random = TrainingRandom(kind: .standard, seed: seed &+ UInt64(features))
            random.shuffle(&order)

            let backend = OpenCLBackend(programs: programs, kernelSource: kernelSource)
            backend.optimizerKernelSource = optimizerKernelSource
            backend.shape = shape
            backend.maxRowsPerLaunch = 3 * Self.batch
            try backend.prepare(spec: spec, data: data)
            try backend.setUpdateRule(rule)
            try backend.setParameters(params)
            try backend.setOptimizerState(state)
            var checks = [ValidationCheck]()
            for (positions, rate) in [(0..<20, 0.05), (20..<Self.rows, 0.03)] {
                try backend.submitSteps(order: order[positions], batchSize: Self.batch, learningRate: rate)
                let losses = try backend.collectSteps()
                guard backend.lastSubmissionFused else { throw FusedRuleCheckError.notFused }
                var referenceLosses = [Double]()
                for first in stride(from: positions.lowerBound, to: positions.upperBound, by: Self.batch) {
                    let batch = order[first..<min(first + Self.batch, positions.upperBound)].map(Int.init)
                    let (gradient, loss) = Self.gradient(params: params, data: data, rows: batch, factor: convention.factor)
                    referenceLosses.append(loss)
                    OptimizerStep.apply(rule, params: &params, gradient: gradient, state: &state,
                                        mask: ParameterLayout(spec: spec).weightMask, learningRate: rate)
                }
                let device = try backend.parameters(), deviceState = try backend.optimizerState()
                let reference = params + state.first + state.second + referenceLosses
                checks.append(ValidationCheck(stage: stage, shape: size, configuration: configuration + ", to \(positions.upperBound)",
                                              device: device + deviceState.first + deviceState.second + losses, reference: reference,
                                              bounds: reference.map { Self.limit * max(abs($0), 0.1) }))
                if deviceState.step != state.step {
                    checks.append(ValidationCheck(stage: stage, shape: size, configuration: configuration + ", step count",
                                                  maxAbsoluteError: Double(abs(deviceState.step - state.step)), maxRelativeError: .nan,
                                                  bound: 0, passed: false, mismatches: ["device step \(deviceState.step), twin \(state.step)"]))
                }
            }
            return checks
        } catch let limit as KernelLimitError {
            return [ValidationCheck(skipped: stage, shape: size, configuration: configuration, reason: limit.description)]
        } catch {
            return [ValidationCheck(stage: stage, shape: size, configuration: configuration, maxAbsoluteError: .nan, maxRelativeError: .nan,
                                    bound: .nan, passed: false, mismatches: ["\(error)"])]
        }
    }

    /// The mean loss's gradient over `rows` (in the layout: w then b, times the convention's factor)
    /// and the loss before the step, in float64.
    static func gradient(params: [Double], data: TrainingData, rows: [Int], factor: Double) -> ([Double], Double) {
        let features = data.features.columns
        var sums = [Double](repeating: 0, count: features + 1), loss = 0.0
        for row in rows {
            let x = Array(data.features.row(row))
            var z = params[features]
            for k in 0..<features { z += x[k] * params[k] }
            let r = z - data.targets[row]
            loss += r * r
            for k in 0..<features { sums[k] += r * x[k] }
            sums[features] += r
        }
        let n = Double(rows.count)
        return (sums.map { factor * $0 / n }, loss / n)
    }

    private func rounded(_ values: [Double]) -> [Double] { values.map { Double(Float($0)) } }

    private func values(_ count: Int, salt: UInt64) -> [Double] {
        var random = TrainingRandom(kind: .standard, seed: seed &* 0x9E37_79B9 &+ salt &+ UInt64(count) &* 31)
        return (0..<count).map { _ in random.nextNormal() }
    }
}

/// The backend ran a rule's small-batch epoch on the per-step path: the fused check has nothing to check.
enum FusedRuleCheckError: Error, CustomStringConvertible {
    case notFused
    var description: String { "the epoch did not run in the fused kernel (the rule's build fell back to the per-step path)" }
}
