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

        /// Progress to resume from.
        public init(completedEpochs: Int, completedSteps: Int = 0, parameters: [Double]) {
            self.completedEpochs = completedEpochs
            self.completedSteps = completedSteps
            self.parameters = parameters
        }
    }

    /// A loss above this multiple of the first batch's (or of 1, if that was smaller) counts as
    /// divergence: a healthy run's loss falls, and one that has grown a millionfold will not recover.
    public static let divergenceFactor = 1e6

    /// Asked between submissions to the backend; when it answers true the run stops after the step
    /// in hand and throws ``TrainingStopped`` with its progress. With nil (the default) an epoch is
    /// one submission; otherwise a submission is a slice of about ``sliceSeconds`` of steps.
    public var shouldStop: (() -> Bool)?

    /// With ``shouldStop``, about how long one submission may run: the longest a stop request waits,
    /// and long enough that the pauses between submissions cost nothing measurable.
    public var sliceSeconds = 0.1

    /// Trains `spec` on `train` (normalised features; normalised targets for regression, class
    /// indices for classification) from the spec's seeded initial parameters
    /// (``ModelSpec/initialParameters(random:)``), or from `progress`. Returns the parameters in
    /// the spec's ``ParameterLayout``.
    ///
    /// Resuming draws the initial parameters and replays the completed epochs' shuffles, so the
    /// random stream, the batches and therefore the results are those of an uninterrupted run.
    ///
    /// - Throws: ``TrainingStopped`` with the progress when ``shouldStop`` said so;
    ///   ``TrainingError/diverged(epoch:iteration:loss:)`` as soon as a loss is not finite or grows past
    ///   ``divergenceFactor``; anything `onEpoch` throws (to stop early); the backend's errors.
    public func run(on backend: TrainingBackend, spec: ModelSpec, train: TrainingData, resumingFrom progress: Progress? = nil,
                    onEpoch: (EpochReport) throws -> Void = { _ in }) throws -> [Double] {
        try settings.validate()
        // Nothing left to train: the checkpoint's parameters exactly, not a backend's copy (float32 on a device).
        if let progress, progress.completedEpochs >= settings.epochs { return progress.parameters }
        var random = TrainingRandom(kind: settings.random, seed: settings.seed)
        try backend.prepare(spec: spec, data: train)
        try backend.prepareSteps(batchSize: settings.batchSize)
        let initial = spec.initialParameters(random: &random)
        let start = progress?.parameters ?? initial
        try backend.setParameters(start)
        var order = (0..<Int32(train.count)).map { $0 }
        for _ in 0..<(progress?.completedEpochs ?? 0) { random.shuffle(&order) }
        try trainEpochs(on: backend, from: progress?.completedEpochs ?? 0, step: progress?.completedSteps ?? 0,
                        order: &order, random: &random, onEpoch: onEpoch)
        // The last update has no later loss to show it: check the result itself, on the host.
        let parameters = try backend.parameters()
        let startLoss = Self.meanLoss(start, spec: spec, on: train)
        guard parameters.allSatisfy(\.isFinite), Self.meanLoss(parameters, spec: spec, on: train) <= Self.divergenceFactor * max(startLoss, 1) else {
            throw TrainingError.divergedParameters(epoch: settings.epochs - 1)
        }
        return parameters
    }

    /// The course's linear model, trained from the course's initial parameters: ``run(on:spec:train:resumingFrom:onEpoch:)``
    /// with ``ModelSpec/linear(inputs:gradient:)`` under the settings' gradient convention.
    public func runLinear(on backend: TrainingBackend, train: TrainingData, resumingFrom progress: Progress? = nil,
                          onEpoch: (EpochReport) throws -> Void = { _ in }) throws -> LinearModel {
        let spec = ModelSpec.linear(inputs: train.features.columns, gradient: settings.gradient)
        return LinearModel(flat: try run(on: backend, spec: spec, train: train, resumingFrom: progress, onEpoch: onEpoch))
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
    /// order as without the overlap).
    public func trainEpochs(on backend: TrainingBackend, from first: Int = 0, step firstStep: Int = 0,
                            order: inout [Int32], random: inout TrainingRandom,
                            onEpoch: (EpochReport) throws -> Void = { _ in }) throws {
        guard first < settings.epochs else { return }
        let batch = settings.batchSize, steps = settings.stepsPerEpoch(rows: order.count)
        var slice = SliceSize(steps: steps, seconds: shouldStop == nil ? nil : sliceSeconds)
        var limit: Double?
        random.shuffle(&order)
        for epoch in first..<settings.epochs {
            var next: [Int32]?
            var step = epoch == first ? firstStep : 0
            while step < steps {
                let count = slice.next(), start = ContinuousClock.now
                let positions = step * batch..<min((step + count) * batch, order.count)
                try backend.submitSteps(order: order[positions], batchSize: batch, learningRate: settings.learningRate)
                if next == nil, epoch + 1 < settings.epochs {
                    next = order
                    random.shuffle(&next!)
                }
                let losses = try backend.collectSteps()
                slice.record(steps: count, took: ContinuousClock.now - start)
                limit = limit ?? Self.divergenceFactor * max(losses.first ?? 1, 1)
                if let bad = losses.firstIndex(where: { !$0.isFinite || $0 > limit! }) {
                    throw TrainingError.diverged(epoch: epoch, iteration: step + bad, loss: losses[bad])
                }
                step += count
                try onEpoch(EpochReport(epoch: epoch, firstIteration: step - count, losses: losses, completesEpoch: step >= steps))
                let finished = step >= steps && epoch + 1 == settings.epochs
                if !finished, shouldStop?() == true {
                    throw TrainingStopped(progress: step >= steps
                        ? Progress(completedEpochs: epoch + 1, parameters: try backend.parameters())
                        : Progress(completedEpochs: epoch, completedSteps: step, parameters: try backend.parameters()))
                }
            }
            if let next { order = next }
        }
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

/// Thrown when `shouldStop` asked a run to stop: where it got to, to save and resume.
public struct TrainingStopped: Error {
    /// Where the run got to.
    public var progress: Trainer.Progress
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
