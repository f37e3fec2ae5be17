/// A data file as read: named numeric columns, one row per sample, nothing normalised yet.
public struct DataTable: Sendable {
    /// Where the data came from, as shown in messages ("housing.data (bundled)" or a path).
    public var source: String
    /// The header's names, or `x1`, `x2`, … without one.
    public var columnNames: [String]
    /// True when the names came from a header row (so `predict` can match columns by name).
    public var hasHeader: Bool
    /// Numbers; NaN in the rows of a text column.
    public var values: Matrix
    /// Columns holding text in every row (class labels), by column index.
    public var textColumns: [Int: TextColumn]
    /// Each row's line in the file (blank lines and the header counted), when the reader knew it.
    public var rowLines: [Int]?
    /// True when the rows came from a `.descent` cache, whose values `convert` rounded to float32
    /// (even where they are loaded as float64 again): the text they came from is gone.
    public var fromCache = false

    /// A table from its parts.
    public init(source: String, columnNames: [String], hasHeader: Bool, values: Matrix, textColumns: [Int: TextColumn] = [:]) {
        precondition(columnNames.count == values.columns)
        self.source = source
        self.columnNames = columnNames
        self.hasHeader = hasHeader
        self.values = values
        self.textColumns = textColumns
    }

    /// Splits the table into features and a target column, for regression.
    ///
    /// - Parameter target: the target column's name; `nil` picks the last column.
    public func regressionData(target: String? = nil) throws(DataError) -> TrainingData {
        try trainingData(target: target, task: .regression)
    }

    /// Splits the table into features and a target column, and reads the target for `task`:
    /// regression keeps the numbers; classification turns each distinct value (text labels, or
    /// numbers, in ascending order) into a class index `0…k−1` and keeps the names
    /// (``TrainingData/classNames``). With `task` nil the column decides (``detectTask(target:)``).
    public func trainingData(target: String? = nil, task: LearningTask? = nil) throws(DataError) -> TrainingData {
        let targetIndex = try targetColumn(target)
        guard values.columns >= 2 else { throw DataError.tooFewColumns(source: source, found: values.columns) }
        let featureIndices = (0..<values.columns).filter { $0 != targetIndex }
        if let text = featureIndices.lazy.compactMap({ index in self.textColumns[index].map { (index, $0) } }).first {
            throw DataError.notANumber(source: source, line: text.1.firstLine, column: text.0 + 1,
                                       text: String(text.1.values.first?.prefix(40) ?? ""))
        }
        let task = task ?? detectTask(target: target)
        var features = [Double]()
        features.reserveCapacity(values.rows * featureIndices.count)
        for row in 0..<values.rows {
            for column in featureIndices { features.append(values[row, column]) }
        }
        let name = columnNames[targetIndex]
        let (targets, classNames) = try classes(of: targetIndex, task: task)
        return TrainingData(featureNames: featureIndices.map { columnNames[$0] }, targetName: name,
                            features: Matrix(rows: values.rows, columns: featureIndices.count, values: features),
                            targets: targets, classNames: classNames)
    }

    /// What the target column asks for: text labels, or exactly two distinct numbers, are
    /// classification; other numbers regression.
    public func detectTask(target: String? = nil) -> LearningTask {
        guard let index = try? targetColumn(target) else { return .regression }
        if textColumns[index] != nil { return .classification }
        var distinct = Set<Double>()
        for row in 0..<values.rows {
            distinct.insert(values[row, index])
            if distinct.count > 2 { return .regression }
        }
        return distinct.count == 2 ? .classification : .regression
    }

    /// The most classes a classification target may have.
    public static let maxClasses = 1000

    private func targetColumn(_ target: String?) throws(DataError) -> Int {
        guard let target else { return values.columns - 1 }
        guard let index = columnNames.firstIndex(of: target) else {
            throw DataError.unknownTarget(source: source, name: target, available: columnNames)
        }
        return index
    }

    /// The target column's values, or class indices and names.
    func classes(of index: Int, task: LearningTask) throws(DataError) -> ([Double], [String]) {
        let name = columnNames[index]
        if let text = textColumns[index] {
            guard task == .classification else { throw DataError.textTarget(source: source, column: name, text: text.values.first ?? "") }
            let names = Array(Set(text.values)).sorted()
            guard names.count <= Self.maxClasses else { throw DataError.tooManyClasses(source: source, column: name, found: names.count, limit: Self.maxClasses) }
            let lookup = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Double($0)) })
            return (text.values.map { lookup[$0]! }, names)
        }
        let column = values.column(index)
        guard task == .classification else { return (column, []) }
        let distinct = Array(Set(column)).sorted()
        // Past 2^24 float32 rounds integers together: two labels in the file (or in the file a
        // cache was converted from) could have become one.
        if values.precision == .float32 || fromCache, let large = distinct.first(where: { abs($0) >= 16_777_216 }) {
            throw DataError.classBeyondFloat32(source: source, column: name, value: large, cache: fromCache)
        }
        guard distinct.count <= Self.maxClasses else { throw DataError.tooManyClasses(source: source, column: name, found: distinct.count, limit: Self.maxClasses) }
        let lookup = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Double($0)) })
        return (column.map { lookup[$0]! }, Self.classNames(distinct))
    }

    /// The names of `distinct` values (ascending): ``className(_:)``'s, unless two would read alike
    /// (a float64 file holding both 0.1 and the float32 0.100000001490116…), then each value's own shortest decimal.
    static func classNames(_ distinct: [Double]) -> [String] {
        let names = distinct.map(className)
        return Set(names).count == names.count ? names : distinct.map(exactName)
    }

    /// `3` for 3.0, else the value's own shortest decimal (float64's).
    static func exactName(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// A numeric class's (or level's) name: `3` for 3.0, else the shortest decimal that reads back,
    /// as a float32 where the value is one: rows held as float32 (a large file, a cache) hold 0.1 as
    /// 0.100000001490116…, which must be named 0.1 as the float64 read of the same file names it,
    /// or a model's classes and levels would not match the file they were trained on.
    public static func className(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return Double(Float(value)) == value ? "\(Float(value))" : exactName(value)
    }
}

/// A column of text: class labels.
public struct TextColumn: Sendable, Equatable {
    /// The line of the first data row, for messages.
    public var firstLine: Int
    /// Each row's text, in row order.
    public var values: [String]
}

/// Samples to train on: a feature matrix and one target per row. For regression the target is a
/// number (normalised before training); for classification it is the class index `0…k−1` as a
/// `Double`, never normalised, and `classNames[k]` names class `k`.
public struct TrainingData: Sendable {
    /// The feature columns' names.
    public var featureNames: [String]
    /// The target column's name.
    public var targetName: String
    /// One row per example, one column per feature.
    public var features: Matrix
    /// One target per row.
    public var targets: [Double]
    /// Empty for regression; the classes, in index order, for classification.
    public var classNames: [String]

    /// Rows for training; `features.rows == targets.count`.
    public init(featureNames: [String], targetName: String, features: Matrix, targets: [Double], classNames: [String] = []) {
        precondition(features.rows == targets.count && features.columns == featureNames.count)
        self.featureNames = featureNames
        self.targetName = targetName
        self.features = features
        self.targets = targets
        self.classNames = classNames
    }

    /// Rows.
    public var count: Int { targets.count }

    /// Regression or classification: what the targets hold.
    public var task: LearningTask { classNames.isEmpty ? .regression : .classification }

    /// The samples in `range`.
    public func rows(_ range: Range<Int>) -> TrainingData {
        TrainingData(featureNames: featureNames, targetName: targetName,
                     features: features.rows(range), targets: Array(targets[range]), classNames: classNames)
    }
}

/// The name the course's regression data had before models other than the line.
public typealias RegressionData = TrainingData
