/// Two whole training runs of the same settings and data compared batch by batch: a backend
/// against the CPU reference, as `descent validate` does, or any two backends of your own.
///
/// Per step a float32 device is within ``ErrorBound``; over a run the rounding compounds, but a
/// stable SGD iteration damps perturbations rather than amplifying them. So a run passes when
/// every batch's loss and the final parameters are within `tolerance` relative of the reference
/// (validate uses 1e-3 on a synthetic run, a hundred times the drift seen on honest devices,
/// while a wrong kernel drifts by order 1), or, with a `lineLimit`, when at most that many of the
/// course's log lines (losses to 4 decimals) differ and the parameters are within `tolerance`.
public struct TrajectoryComparison: Equatable, Sendable {
    /// The largest relative difference of a batch's loss, its absolute size and the step where it was.
    public var lossRelative: Double
    /// The absolute difference at that step.
    public var lossAbsolute: Double
    /// The step of the largest loss difference.
    public var step: Int
    /// The largest relative difference of a final parameter.
    public var parameterRelative: Double
    /// Log lines (losses to 4 decimals) that differ.
    public var differingLines: Int
    /// The relative tolerance compared with.
    public var tolerance: Double
    /// With a value: how many log lines may differ (the course run's rule).
    public var lineLimit: Int?

    /// Compares the losses and final parameters of `candidate` with those of `reference`.
    public init(reference: (losses: [Double], parameters: [Double]), candidate: (losses: [Double], parameters: [Double]),
                tolerance: Double, lineLimit: Int? = nil) {
        var worst = (relative: 0.0, absolute: 0.0, step: 0)
        for (step, (c, d)) in zip(reference.losses, candidate.losses).enumerated() {
            let relative = abs(d - c) / max(abs(c), 1e-30)
            if !(relative <= worst.relative) { worst = (relative.isNaN ? .infinity : relative, abs(d - c), step) }
        }
        if reference.losses.count != candidate.losses.count { worst = (.infinity, .infinity, min(reference.losses.count, candidate.losses.count)) }
        (lossRelative, lossAbsolute, step) = worst
        let parameters = zip(reference.parameters, candidate.parameters).map { abs($1 - $0) / max(abs($0), 1e-30) }
        parameterRelative = reference.parameters.count == candidate.parameters.count
            ? parameters.map { $0.isNaN ? .infinity : $0 }.max() ?? 0 : .infinity
        differingLines = zip(reference.losses, candidate.losses).filter { fixed($0, digits: 4) != fixed($1, digits: 4) }.count
        self.tolerance = tolerance
        self.lineLimit = lineLimit
    }

    /// Trains `spec` on `train` with `settings` on both backends (the same batches: the trainer
    /// draws the random numbers) and compares the runs.
    public init(settings: TrainingSettings, spec: ModelSpec, train: TrainingData, reference: TrainingBackend,
                candidate: TrainingBackend, tolerance: Double, lineLimit: Int? = nil) throws {
        func run(_ backend: TrainingBackend) throws -> (losses: [Double], parameters: [Double]) {
            var losses = [Double]()
            let parameters = try Trainer(settings: settings).run(on: backend, spec: spec, train: train) { losses += $0.losses }.parameters
            return (losses, parameters)
        }
        self.init(reference: try run(reference), candidate: try run(candidate), tolerance: tolerance, lineLimit: lineLimit)
    }

    /// What failed, in words; empty when the runs agree.
    public var problems: [String] {
        var problems = [String]()
        if let lineLimit {
            if differingLines > lineLimit { problems.append("\(differingLines) log lines differ from the reference (at most \(lineLimit) may)") }
        } else if !(lossRelative <= tolerance) {
            problems.append("loss diverges by \(lossRelative) relative at step \(step) (tolerance \(tolerance))")
        }
        if !(parameterRelative <= tolerance) { problems.append("final parameters differ by \(parameterRelative) relative (tolerance \(tolerance))") }
        return problems
    }

    /// Whether the runs agree within the rules.
    public var passed: Bool { problems.isEmpty }

    /// How close to failing: 1 is at the limit (the larger of the parameters' and the losses' or lines' share of theirs).
    public var worstRatio: Double {
        let losses = lineLimit.map { Double(differingLines) / Double(max($0, 1)) } ?? lossRelative / tolerance
        let ratio = max(parameterRelative / tolerance, losses)
        return ratio.isNaN ? .infinity : ratio
    }
}
