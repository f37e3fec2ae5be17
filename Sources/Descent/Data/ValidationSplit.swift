/// `--validation`: rows held out of the training part to watch a validation loss.
///
/// The held-out rows are spread evenly through the training part, in file order (for a fifth,
/// every fifth row: row i is held out when ⌊(i+1)·k/n⌋ > ⌊i·k/n⌋ for k of n rows), not a seeded
/// shuffle and not the last rows. Evenly spread, they sample the whole training range: the last
/// rows of a file in some order (the housing data's tail, by town) can be the rows most like the
/// test rows, and holding them out costs more than it tells (measured: the housing optimum fitted
/// without its last fifth has 10× the test MSE). Without a shuffle, they do not change with `--seed`.
/// They keep the training part's normalisation (measured on all of it, as without `--validation`),
/// so the saved model's normalisation does not depend on the flag; only the gradient's rows do.
extension TrainingData {
    /// The rows to train on and the `fraction` (rounded down, at least 1) evenly spread ones to validate on.
    public func holdingOut(validationFraction fraction: Double) throws(ValidationSplitError) -> (train: TrainingData, validation: TrainingData) {
        let held = Int(fraction * Double(count))
        guard fraction > 0, fraction < 1, held >= 1, held < count else {
            throw ValidationSplitError(fraction: fraction, rows: count, held: held)
        }
        let isHeld = (0..<count).map { ($0 + 1) * held / count > $0 * held / count }
        return (picking(isHeld.indices.filter { !isHeld[$0] }), picking(isHeld.indices.filter { isHeld[$0] }))
    }

    /// These rows, in this order.
    func picking(_ indices: [Int]) -> TrainingData {
        var values = [Double]()
        values.reserveCapacity(indices.count * features.columns)
        for index in indices { values += features.row(index) }
        return TrainingData(featureNames: featureNames, targetName: targetName,
                            features: Matrix(rows: indices.count, columns: features.columns, values: values),
                            targets: indices.map { targets[$0] }, classNames: classNames)
    }
}

extension PreparedData {
    /// These data with `fraction` of the training rows held out (see ``TrainingData/holdingOut(validationFraction:)``):
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
