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

    /// Trains on `train` (normalised) from the course's initial parameters.
    ///
    /// - Throws: ``TrainingError/diverged`` as soon as a loss is not finite; the backend's errors.
    public func run(on backend: TrainingBackend, train: RegressionData,
                    onEpoch: (EpochReport) throws -> Void = { _ in }) throws -> LinearModel {
        try settings.validate()
        var random = TrainingRandom(kind: settings.random, seed: settings.seed)
        try backend.load(train)
        try backend.setModel(LinearModel(features: train.features.columns, random: &random))
        var order = (0..<Int32(train.count)).map { $0 }
        try trainEpochs(on: backend, order: &order, random: &random, onEpoch: onEpoch)
        return try backend.model()
    }

    /// The epoch loop, from the backend's current parameters: `settings.epochs` epochs, each on a
    /// fresh in-place shuffle of `order`. Pipelined: while the backend runs epoch e, the host
    /// shuffles the order for e + 1 (the same draws in the same order as without the overlap).
    public func trainEpochs(on backend: TrainingBackend, order: inout [Int32], random: inout TrainingRandom,
                            onEpoch: (EpochReport) throws -> Void = { _ in }) throws {
        let stepSize = settings.learningRate * settings.gradient.factor
        random.shuffle(&order)
        try backend.submitEpoch(order: order, batchSize: settings.batchSize, stepSize: stepSize)
        for epoch in 0..<settings.epochs {
            var next: [Int32]?
            if epoch + 1 < settings.epochs {
                next = order
                random.shuffle(&next!)
            }
            let losses = try backend.collectEpoch()
            if let bad = losses.firstIndex(where: { !$0.isFinite }) {
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

    public var description: String {
        switch self {
        case let .diverged(epoch, iteration, loss):
            "training diverged at epoch \(epoch), iteration \(iteration) (loss \(loss)): try a smaller --learning-rate"
        }
    }
}
