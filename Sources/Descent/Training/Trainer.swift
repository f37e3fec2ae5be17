/// Runs the course's training loop on any ``TrainingBackend``.
///
/// Per epoch: shuffle the permutation in place (the order carries over, as the course's in-place
/// `np.random.shuffle` does), cut it into batches, and let the backend run the steps. The random
/// numbers are drawn here, on the host, so every backend trains on the same batches.
public struct Trainer {
    /// The settings every run uses.
    public var settings: TrainingSettings

    /// A trainer for `settings`.
    public init(settings: TrainingSettings) {
        self.settings = settings
    }

    /// Results as soon as the backend returns them: a whole epoch, or, when the run can be stopped
    /// (`shouldStop`), a slice of one.
    public struct EpochReport: Sendable {
        /// The epoch, from 0.
        public var epoch: Int
        /// The iteration (batch) within the epoch of the first loss.
        public var firstIteration = 0
        /// Each batch's loss, before that batch's update.
        public var losses: [Double]
        /// Whether these losses end the epoch.
        public var completesEpoch = true
        /// At the end of an epoch, with validation rows: their mean loss after the epoch's last update.
        public var validationLoss: Double?
        /// At the end of an epoch, with early stopping: its state after this epoch (to checkpoint).
        public var earlyStopping: EarlyStoppingState?

        public init(epoch: Int, firstIteration: Int = 0, losses: [Double], completesEpoch: Bool = true,
                    validationLoss: Double? = nil, earlyStopping: EarlyStoppingState? = nil) {
            self.epoch = epoch
            self.firstIteration = firstIteration
            self.losses = losses
            self.completesEpoch = completesEpoch
            self.validationLoss = validationLoss
            self.earlyStopping = earlyStopping
        }
    }

    /// Where a run stands: enough, with the settings and data, to go on exactly as if it had never
    /// stopped (the random stream is replayed, not stored).
    public struct Progress: Equatable, Sendable {
        /// Epochs finished.
        public var completedEpochs: Int
        /// Steps of epoch `completedEpochs` already taken (non-zero when a run stopped mid-epoch).
        public var completedSteps: Int
        /// The parameters at that point, in the model's ``ParameterLayout``.
        public var parameters: [Double]
        /// The update rule's state at that point (nil: none, as plain SGD keeps none). The
        /// schedule's position follows from the epoch.
        public var optimizerState: OptimizerState?
        /// Early stopping's best-so-far, when the run uses it.
        public var earlyStopping: EarlyStoppingState?

        /// Progress to resume from.
        public init(completedEpochs: Int, completedSteps: Int = 0, parameters: [Double], optimizerState: OptimizerState? = nil,
                    earlyStopping: EarlyStoppingState? = nil) {
            self.completedEpochs = completedEpochs
            self.completedSteps = completedSteps
            self.parameters = parameters
            self.optimizerState = optimizerState
            self.earlyStopping = earlyStopping
        }
    }

    /// A loss above this multiple of the first batch's (or of 1, if that was smaller) counts as
    /// divergence: a healthy run's loss falls, and one that has grown a millionfold will not recover.
    public static let divergenceFactor = 1e6

    /// Asked between submissions to the backend; when it answers true the run stops after the step
    /// in hand and returns with ``StopReason/stopRequested`` and its progress. With nil (the
    /// default) an epoch is one submission; otherwise a submission is a slice of about ``sliceSeconds`` of steps.
    public var shouldStop: (() -> Bool)?

    /// With ``shouldStop``, about how long one submission may run: the longest a stop request waits,
    /// and long enough that the pauses between submissions cost nothing measurable.
    public var sliceSeconds = 0.1

    /// How each epoch orders the rows: the course's exact permutation (the default) or a chunk
    /// shuffle that reads memory one shuffle buffer at a time (``RowShuffle``).
    public var shuffle = RowShuffle.rows

    /// Trains `spec` on `train` (normalised features; normalised targets for regression, class
    /// indices for classification) from the spec's seeded initial parameters
    /// (``ModelSpec/initialParameters(random:)``), or from `progress`.
    ///
    /// With `validation` rows (prepared like `train`), their loss is measured after every epoch and
    /// reported; with ``TrainingSettings/earlyStoppingPatience`` too, the run stops when it has not
    /// improved for that many epochs and returns the best epoch's parameters. `onEpoch` answers
    /// ``TrainingDecision/stop`` to stop after the steps it was shown. Give `normalization` (the
    /// one `train` was prepared with) to get ``TrainingResult/model(targetUnit:)`` in the data's units.
    ///
    /// Resuming draws the initial parameters and replays the completed epochs' shuffles, so the
    /// random stream, the batches and therefore the results are those of an uninterrupted run.
    ///
    /// - Throws: ``TrainingError/diverged(epoch:iteration:loss:)`` as soon as a loss is not finite or grows past
    ///   ``divergenceFactor``; anything `onEpoch` throws; the backend's errors. A stop (the
    ///   callback, ``shouldStop``, early stopping) is not an error: the result says why.
    public func run(on backend: TrainingBackend, spec: ModelSpec, train: TrainingData, validation: TrainingData? = nil,
                    normalization: Normalization? = nil, resumingFrom progress: Progress? = nil,
                    onEpoch: (EpochReport) throws -> TrainingDecision = { _ in .continue }) throws -> TrainingResult {
        try settings.validate()
        // Early stopping watches the validation rows: without them it would silently never stop.
        if settings.earlyStoppingPatience != nil, validation == nil { throw SettingsError.earlyStoppingWithoutValidation }
        func result(_ parameters: [Double], _ reason: StopReason?, _ progress: Progress) -> TrainingResult {
            TrainingResult(parameters: parameters, spec: spec, normalization: normalization, classNames: train.classNames,
                           stopReason: reason, progress: progress)
        }
        if let progress, let state = progress.earlyStopping, let patience = settings.earlyStoppingPatience, state.isExhausted(patience: patience) {
            return result(state.bestParameters, state.reason, progress)  // the checkpoint was saved as the run stopped
        }
        // Nothing left to train: the checkpoint's parameters exactly, not a backend's copy (float32 on a device).
        if let progress, progress.completedEpochs >= settings.epochs { return result(progress.parameters, nil, progress) }
        var random = TrainingRandom(kind: settings.random, seed: settings.seed)
        try backend.prepare(spec: spec, data: train)
        try backend.prepareSteps(batchSize: settings.batchSize)
        let initial = spec.initialParameters(random: &random)
        let start = progress?.parameters ?? initial
        try backend.setParameters(start)
        try backend.setUpdateRule(settings.updateRule)
        if let state = progress?.optimizerState { try backend.setOptimizerState(state) }
        var order = (0..<Int32(train.count)).map { $0 }
        for _ in 0..<(progress?.completedEpochs ?? 0) { shuffle.apply(&order, random: &random, batchSize: settings.batchSize) }
        let watched = validation.map { Validation(spec: spec, rows: $0, state: progress?.earlyStopping ?? EarlyStoppingState()) }
        let stop = try trainEpochs(on: backend, from: progress?.completedEpochs ?? 0, step: progress?.completedSteps ?? 0,
                                   order: &order, random: &random, validation: watched, onEpoch: onEpoch)
        // The last update has no later loss to show it: check the result itself, on the host.
        let parameters = try backend.parameters()
        let startLoss = Self.meanLoss(start, spec: spec, on: train)
        guard parameters.allSatisfy(\.isFinite), Self.meanLoss(parameters, spec: spec, on: train) <= Self.divergenceFactor * max(startLoss, 1) else {
            throw TrainingError.divergedParameters(epoch: max((stop?.progress.completedEpochs ?? settings.epochs) - 1, 0))
        }
        guard let stop else {
            return result(parameters, nil, Progress(completedEpochs: settings.epochs, parameters: parameters,
                                                    optimizerState: settings.updateRule.isPlainSGD ? nil : try backend.optimizerState(), earlyStopping: watched?.final))
        }
        if case .earlyStopping = stop.reason, let best = stop.progress.earlyStopping { return result(best.bestParameters, stop.reason, stop.progress) }
        return result(parameters, stop.reason, stop.progress)
    }

    /// The course's linear model, trained from the course's initial parameters: `run(on:spec:train:validation:normalization:resumingFrom:onEpoch:)`
    /// with ``ModelSpec/linear(inputs:gradient:)`` under the settings' gradient convention.
    public func runLinear(on backend: TrainingBackend, train: TrainingData, validation: TrainingData? = nil,
                          normalization: Normalization? = nil, resumingFrom progress: Progress? = nil,
                          onEpoch: (EpochReport) throws -> TrainingDecision = { _ in .continue }) throws -> TrainingResult {
        let spec = ModelSpec.linear(inputs: train.features.columns, gradient: settings.gradient)
        return try run(on: backend, spec: spec, train: train, validation: validation, normalization: normalization,
                       resumingFrom: progress, onEpoch: onEpoch)
    }

    /// The mean loss of `parameters` over all of `data`, as the head defines it (the course's
    /// MSE for the linear model).
    public static func meanLoss(_ parameters: [Double], spec: ModelSpec, on data: TrainingData) -> Double {
        if spec.hidden.isEmpty, case .mse = spec.head, spec.outputs == 1 {
            return meanSquaredError(LinearModel(flat: parameters), on: data)
        }
        return NetworkReference.loss(params: parameters, spec: spec, features: data.features, targets: data.targets)
    }

    /// The epoch loop, from the backend's current parameters: epochs `first..<settings.epochs`,
    /// each on a fresh in-place shuffle of `order`, the first from step `step`. Pipelined: while
    /// the backend runs epoch e, the host shuffles the order for e + 1 (the same draws in the same
    /// order as without the overlap). Returns why and where it stopped, or nil when every epoch ran.
    @discardableResult
    public func trainEpochs(on backend: TrainingBackend, from first: Int = 0, step firstStep: Int = 0,
                            order: inout [Int32], random: inout TrainingRandom, validation: Validation? = nil,
                            onEpoch: (EpochReport) throws -> TrainingDecision = { _ in .continue }) throws -> (reason: StopReason, progress: Progress)? {
        guard first < settings.epochs else { return nil }
        let batch = settings.batchSize, steps = settings.stepsPerEpoch(rows: order.count)
        var slice = SliceSize(steps: steps, seconds: shouldStop == nil ? nil : sliceSeconds)
        var limit: Double?
        shuffle.apply(&order, random: &random, batchSize: batch)
        for epoch in first..<settings.epochs {
            var next: [Int32]?
            var step = epoch == first ? firstStep : 0
            let learningRate = settings.learningRate(epoch: epoch)
            while step < steps {
                let count = slice.next(), start = ContinuousClock.now
                let positions = step * batch..<min((step + count) * batch, order.count)
                try backend.submitSteps(order: order[positions], batchSize: batch, learningRate: learningRate)
                if next == nil, epoch + 1 < settings.epochs {
                    next = order
                    shuffle.apply(&next!, random: &random, batchSize: batch)
                }
                let losses = try backend.collectSteps()
                slice.record(steps: count, took: ContinuousClock.now - start)
                limit = limit ?? Self.divergenceFactor * max(losses.first ?? 1, 1)
                if let bad = losses.firstIndex(where: { !$0.isFinite || $0 > limit! }) {
                    throw TrainingError.diverged(epoch: epoch, iteration: step + bad, loss: losses[bad])
                }
                step += count
                var report = EpochReport(epoch: epoch, firstIteration: step - count, losses: losses, completesEpoch: step >= steps)
                var exhausted = false
                if step >= steps, let validation {
                    let parameters = try backend.parameters()
                    let loss = Self.meanLoss(parameters, spec: validation.spec, on: validation.rows)
                    report.validationLoss = loss
                    if let patience = settings.earlyStoppingPatience {
                        validation.state.record(loss: loss, epoch: epoch, parameters: parameters, minDelta: settings.minDelta ?? 0)
                        report.earlyStopping = validation.state
                        exhausted = validation.state.isExhausted(patience: patience)
                    }
                }
                let decision = try onEpoch(report)
                let finished = step >= steps && epoch + 1 == settings.epochs
                let reason: StopReason? = exhausted ? validation?.state.reason
                    : finished ? nil
                    : decision == .stop ? .callback
                    : shouldStop?() == true ? .stopRequested : nil
                if let reason {
                    let parameters = try backend.parameters(), state = validation?.final
                    let moments = settings.updateRule.isPlainSGD ? nil : try backend.optimizerState()
                    return (reason, step >= steps
                        ? Progress(completedEpochs: epoch + 1, parameters: parameters, optimizerState: moments, earlyStopping: state)
                        : Progress(completedEpochs: epoch, completedSteps: step, parameters: parameters, optimizerState: moments, earlyStopping: state))
                }
            }
            if let next { order = next }
        }
        return nil
    }

    /// The course's log line: `Epoch {epoch:3d} / iter {iter:3d}, loss = {loss:.4f}`.
    public static func logLine(epoch: Int, iteration: Int, loss: Double) -> String {
        "Epoch \(String(epoch).leftPadded(3)) / iter \(String(iteration).leftPadded(3)), loss = \(fixed(loss, digits: 4))"
    }
}

/// How many steps one submission runs: a whole epoch, or, with a time target, as many as take
/// about that long (measured, so the size adapts to the device and the batch size).
struct SliceSize {
    let steps: Int
    let seconds: Double?
    private var current: Int

    init(steps: Int, seconds: Double?) {
        self.steps = steps
        self.seconds = seconds
        current = seconds == nil ? steps : 1
    }

    func next() -> Int { current }

    mutating func record(steps done: Int, took duration: Duration) {
        guard let seconds else { return }
        let elapsed = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        // Grow at most fourfold per slice, so one slow step cannot make the next slice run long.
        let fitting = elapsed > 0 ? Int(min(Double(done) * seconds / elapsed, Double(steps))) : steps
        current = max(1, min(fitting, done * 4, steps))
    }
}

/// Why a training run stopped early.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// A batch's loss was not finite or grew past ``Trainer/divergenceFactor`` times the first: at `epoch`, step `iteration`, with that `loss`.
    case diverged(epoch: Int, iteration: Int, loss: Double)
    /// The last update left the parameters non-finite or the loss past the divergence factor.
    case divergedParameters(epoch: Int)

    /// In words, for messages.
    public var description: String {
        switch self {
        case let .diverged(epoch, iteration, loss):
            "diverged at epoch \(epoch), iteration \(iteration) (loss \(loss))"
        case let .divergedParameters(epoch):
            "diverged in the last step of epoch \(epoch) (the final parameters are not finite or their loss grew past \(Trainer.divergenceFactor)×)"
        }
    }
}
