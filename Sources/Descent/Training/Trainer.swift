/// Runs the course's training loop on any ``TrainingBackend``.
///
/// Per epoch: shuffle the permutation in place (the order carries over, as the course's in-place
/// `np.random.shuffle` does), cut it into batches, and let the backend run the steps. The random
/// numbers are drawn here, on the host, so every backend trains on the same batches.
public struct Trainer {
    public var settings: TrainingSettings

    public init(settings: TrainingSettings) {
        self.settings = settings
    }

    /// One epoch's results, handed to `onEpoch` as soon as the backend returns them.
    public struct EpochReport: Sendable {
        public var epoch: Int
        /// Each batch's loss, before that batch's update.
        public var losses: [Double]
    }

    /// Where a run stands after some epochs: enough, with the settings and data, to go on exactly
    /// as if it had never stopped (the random stream is replayed, not stored).
    public struct Progress: Codable, Equatable, Sendable {
        public var completedEpochs: Int
        public var model: LinearModel

        public init(completedEpochs: Int, model: LinearModel) {
            self.completedEpochs = completedEpochs
            self.model = model
        }
    }

    /// A loss above this multiple of the first batch's (or of 1, if that was smaller) counts as
    /// divergence: a healthy run's loss falls, and one that has grown a millionfold will not recover.
    public static let divergenceFactor = 1e6

    /// Trains on `train` (normalised) from the course's initial parameters, or from `progress`.
    ///
    /// Resuming draws the initial weights and replays the completed epochs' shuffles, so the
    /// random stream, the batches and therefore the results are those of an uninterrupted run.
    ///
    /// - Throws: ``TrainingError/diverged`` as soon as a loss is not finite or grows past
    ///   ``divergenceFactor``; anything `onEpoch` throws (to stop early); the backend's errors.
    public func run(on backend: TrainingBackend, train: RegressionData, resumingFrom progress: Progress? = nil,
                    onEpoch: (EpochReport) throws -> Void = { _ in }) throws -> LinearModel {
        try settings.validate()
        var random = TrainingRandom(kind: settings.random, seed: settings.seed)
        try backend.load(train)
        let initial = LinearModel(features: train.features.columns, random: &random)
        try backend.setModel(progress?.model ?? initial)
        var order = (0..<Int32(train.count)).map { $0 }
        for _ in 0..<(progress?.completedEpochs ?? 0) { random.shuffle(&order) }
        try trainEpochs(on: backend, from: progress?.completedEpochs ?? 0, order: &order, random: &random, onEpoch: onEpoch)
        // The last update has no later loss to show it: check the result itself, on the host.
        let model = try backend.model()
        let startLoss = meanSquaredError(progress?.model ?? initial, on: train)
        guard model.isFinite, meanSquaredError(model, on: train) <= Self.divergenceFactor * max(startLoss, 1) else {
            throw TrainingError.divergedParameters(epoch: settings.epochs - 1)
        }
        return model
    }

    /// The epoch loop, from the backend's current parameters: epochs `first..<settings.epochs`,
    /// each on a fresh in-place shuffle of `order`. Pipelined: while the backend runs epoch e, the
    /// host shuffles the order for e + 1 (the same draws in the same order as without the overlap).
    public func trainEpochs(on backend: TrainingBackend, from first: Int = 0, order: inout [Int32], random: inout TrainingRandom,
                            onEpoch: (EpochReport) throws -> Void = { _ in }) throws {
        guard first < settings.epochs else { return }
        let stepSize = settings.learningRate * settings.gradient.factor
        var limit: Double?
        random.shuffle(&order)
        try backend.submitEpoch(order: order, batchSize: settings.batchSize, stepSize: stepSize)
        for epoch in first..<settings.epochs {
            var next: [Int32]?
            if epoch + 1 < settings.epochs {
                next = order
                random.shuffle(&next!)
            }
            let losses = try backend.collectEpoch()
            limit = limit ?? Self.divergenceFactor * max(losses.first ?? 1, 1)
            if let bad = losses.firstIndex(where: { !$0.isFinite || $0 > limit! }) {
                throw TrainingError.diverged(epoch: epoch, iteration: bad, loss: losses[bad])
            }
            try onEpoch(EpochReport(epoch: epoch, losses: losses))
            if let next {
                order = next
                try backend.submitEpoch(order: order, batchSize: settings.batchSize, stepSize: stepSize)
            }
        }
    }

    /// The course's log line: `Epoch {epoch:3d} / iter {iter:3d}, loss = {loss:.4f}`.
    public static func logLine(epoch: Int, iteration: Int, loss: Double) -> String {
        "Epoch \(padded(epoch)) / iter \(padded(iteration)), loss = \(fixed(loss, digits: 4))"
    }

    private static func padded(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, 3 - text.count)) + text
    }
}

/// Why a training run stopped early.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    case diverged(epoch: Int, iteration: Int, loss: Double)
    /// The last update left the parameters non-finite or the loss past the divergence factor.
    case divergedParameters(epoch: Int)

    public var description: String {
        switch self {
        case let .diverged(epoch, iteration, loss):
            "diverged at epoch \(epoch), iteration \(iteration) (loss \(loss)): try a smaller --learning-rate"
        case let .divergedParameters(epoch):
            "diverged in the last step of epoch \(epoch) (the final parameters are not finite or their loss grew past \(Trainer.divergenceFactor)×): try a smaller --learning-rate"
        }
    }
}
