/// Early stopping's memory between epochs: the best validation loss so far, its epoch and
/// parameters, and how many epochs have passed without an improvement. Saved in checkpoints
/// (``ModelFile/Checkpoint/earlyStopping``) so that a resumed run stops at the same epoch with the
/// same best parameters as one that never stopped.
public struct EarlyStoppingState: Codable, Equatable, Sendable {
    /// The lowest validation loss seen (nil before the first epoch's).
    public var bestLoss: Double?
    /// The 0-based epoch of ``bestLoss``.
    public var bestEpoch: Int
    /// The parameters at the end of ``bestEpoch``.
    public var bestParameters: [Double]
    /// Epochs since ``bestEpoch`` whose loss did not beat ``bestLoss`` by more than the minimum delta.
    public var epochsSinceImprovement: Int

    public init(bestLoss: Double? = nil, bestEpoch: Int = 0, bestParameters: [Double] = [], epochsSinceImprovement: Int = 0) {
        self.bestLoss = bestLoss
        self.bestEpoch = bestEpoch
        self.bestParameters = bestParameters
        self.epochsSinceImprovement = epochsSinceImprovement
    }

    /// Takes epoch `epoch`'s validation loss: an improvement is a loss below the best by more than
    /// `minDelta` (Keras's rule); a non-finite loss never improves.
    public mutating func record(loss: Double, epoch: Int, parameters: [Double], minDelta: Double) {
        if loss.isFinite, bestLoss.map({ loss < $0 - minDelta }) ?? true {
            bestLoss = loss
            bestEpoch = epoch
            bestParameters = parameters
            epochsSinceImprovement = 0
        } else {
            epochsSinceImprovement += 1
        }
    }

    /// Whether `patience` epochs have passed without an improvement (and there is a best to restore).
    public func isExhausted(patience: Int) -> Bool {
        bestLoss != nil && epochsSinceImprovement >= patience
    }

    /// The stop reason this state gives.
    var reason: StopReason { .earlyStopping(bestEpoch: bestEpoch, validationLoss: bestLoss ?? .nan) }
}
