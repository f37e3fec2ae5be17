/// `--validation`: rows held out of the training part to watch a validation loss.
///
/// The held-out rows are the *last* `fraction` of the training rows, in file order, not a seeded
/// shuffle: the same rule as the train/test split (``PreparedData``), so a file in time order keeps
/// validation after training as test comes after both, and the rows do not change with `--seed`.
/// They keep the training part's normalisation (measured on all of it, as without `--validation`),
/// so the saved model's normalisation does not depend on the flag; only the gradient's rows do.
extension TrainingData {
    /// The first rows to train on and the last `fraction` (rounded down, at least 1) to validate on.
    public func holdingOut(validationFraction fraction: Double) throws(ValidationSplitError) -> (train: TrainingData, validation: TrainingData) {
        let held = Int(fraction * Double(count))
        guard fraction > 0, fraction < 1, held >= 1, held < count else {
            throw ValidationSplitError(fraction: fraction, rows: count, held: held)
        }
        return (rows(0..<count - held), rows(count - held..<count))
    }
}

extension PreparedData {
    /// These data with the last `fraction` of the training rows held out (see ``TrainingData/holdingOut(validationFraction:)``):
    /// `train` keeps the rows the gradient sees, and the held-out rows come back beside them.
    public func holdingOut(validationFraction fraction: Double) throws(ValidationSplitError) -> (data: PreparedData, validation: TrainingData) {
        let (train, validation) = try self.train.holdingOut(validationFraction: fraction)
        var data = self
        data.train = train
        return (data, validation)
    }
}

/// A validation fraction that leaves no validation row or no training row.
public struct ValidationSplitError: Error, Equatable, CustomStringConvertible {
    public var fraction: Double
    public var rows: Int
    public var held: Int

    public var description: String {
        "a validation fraction of \(fraction) holds out \(held) of the \(rows) training rows: at least 1 must be held out and 1 must train"
    }
}
