/// Rows that streaming training (``Trainer/runStreaming(on:spec:train:plan:normalization:onEpoch:)``)
/// gathers a piece at a time: resident ``TrainingData``, or a file too large to load
/// (``FileTrainingRows``), read as the pieces ask for them.
public protocol PieceSource {
    /// Training rows.
    var count: Int { get }
    /// Features per row.
    var featureCount: Int { get }
    /// Empty for regression; the classes, in index order.
    var classNames: [String] { get }
    /// The rows at `rows` (indices below ``count``), in that order, in normalised units.
    func gather(rows: ArraySlice<Int32>) throws -> TrainingData
}

extension TrainingData: PieceSource {
    public var featureCount: Int { features.columns }

    public func gather(rows: ArraySlice<Int32>) -> TrainingData {
        let columns = features.columns
        var values = [Double]()
        values.reserveCapacity(rows.count * columns)
        for row in rows { values += features.row(Int(row)) }
        return TrainingData(featureNames: featureNames, targetName: targetName,
                            features: Matrix(rows: rows.count, columns: columns, values: values),
                            targets: rows.map { targets[Int($0)] }, classNames: classNames)
    }
}
