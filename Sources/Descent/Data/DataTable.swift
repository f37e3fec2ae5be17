/// A data file as read: named numeric columns, one row per sample, nothing normalised yet.
public struct DataTable: Sendable {
    /// Where the data came from, as shown in messages ("housing.data (bundled)" or a path).
    public var source: String
    public var columnNames: [String]
    /// True when the names came from a header row (so `predict` can match columns by name).
    public var hasHeader: Bool
    public var values: Matrix

    public init(source: String, columnNames: [String], hasHeader: Bool, values: Matrix) {
        precondition(columnNames.count == values.columns)
        self.source = source
        self.columnNames = columnNames
        self.hasHeader = hasHeader
        self.values = values
    }

    /// Splits the table into features and a target column.
    ///
    /// - Parameter target: the target column's name; `nil` picks the last column.
    public func regressionData(target: String? = nil) throws(DataError) -> RegressionData {
        let targetIndex: Int
        if let target {
            guard let index = columnNames.firstIndex(of: target) else {
                throw DataError.unknownTarget(source: source, name: target, available: columnNames)
            }
            targetIndex = index
        } else {
            targetIndex = values.columns - 1
        }
        guard values.columns >= 2 else { throw DataError.tooFewColumns(source: source, found: values.columns) }
        let featureIndices = (0..<values.columns).filter { $0 != targetIndex }
        var features = [Double]()
        features.reserveCapacity(values.rows * featureIndices.count)
        var targets = [Double]()
        targets.reserveCapacity(values.rows)
        for row in 0..<values.rows {
            for column in featureIndices { features.append(values[row, column]) }
            targets.append(values[row, targetIndex])
        }
        return RegressionData(
            featureNames: featureIndices.map { columnNames[$0] },
            targetName: columnNames[targetIndex],
            features: Matrix(rows: values.rows, columns: featureIndices.count, values: features),
            targets: targets)
    }
}

/// Samples to train on: a feature matrix and one target per row. For regression the target is a
/// number (normalised before training); for classification it is the class index `0…k−1` as a
/// `Double`, never normalised, and `classNames[k]` names class `k`.
public struct TrainingData: Sendable {
    public var featureNames: [String]
    public var targetName: String
    public var features: Matrix
    public var targets: [Double]
    /// Empty for regression; the classes, in index order, for classification.
    public var classNames: [String]

    public init(featureNames: [String], targetName: String, features: Matrix, targets: [Double], classNames: [String] = []) {
        precondition(features.rows == targets.count && features.columns == featureNames.count)
        self.featureNames = featureNames
        self.targetName = targetName
        self.features = features
        self.targets = targets
        self.classNames = classNames
    }

    public var count: Int { targets.count }

    /// Regression or classification: what the targets hold.
    public var task: Task { classNames.isEmpty ? .regression : .classification }

    /// The samples in `range`.
    public func rows(_ range: Range<Int>) -> TrainingData {
        TrainingData(featureNames: featureNames, targetName: targetName,
                     features: features.rows(range), targets: Array(targets[range]), classNames: classNames)
    }
}

/// The name the course's regression data had before models other than the line.
public typealias RegressionData = TrainingData
