/// How a table becomes training rows: which columns are features, which one names the rows, which
/// are categories, what to do with missing values, and how rows are split and scaled.
/// The command line's `--features`, `--drop`, `--id`, `--categorical`, `--max-levels`, `--missing`,
/// `--shuffle-split`, `--split-seed`, `--stratify` and `--normalize`.
public struct TableOptions: Sendable {
    /// The target column's name; nil: the last column.
    public var target: String?
    /// Regression or classification; nil: the target column decides (``DataTable/detectTask(target:)``).
    public var task: LearningTask?
    /// Only these columns are features, in this order; nil: every column but the target, the id and those dropped.
    public var features: [String]?
    public var drop: [String] = []
    /// A column that names the rows: never a feature, carried through to predictions.
    public var id: String?
    /// Numeric columns to one-hot encode as categories (text columns always are).
    public var categorical: [String] = []
    /// The most distinct values a categorical column may have.
    public var maxLevels = 50
    public var missing: MissingPolicy = .error
    /// The fraction of rows that train.
    public var trainFraction = 0.8
    /// Shuffle the rows before splitting (by `splitSeed`) instead of taking the first rows.
    public var shuffle = false
    public var splitSeed: UInt64 = 0
    /// Split each class in the same proportion (classification only).
    public var stratify = false
    public var normalization: NormalizationMethod = .course
    /// For cross-validation: test on this fold of the rows, train on the others (instead of the split).
    public var fold: Fold?

    public init() {}
}

/// One fold of a K-fold cross-validation: `index` of `count`.
public struct Fold: Sendable, Equatable {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }
}

/// What happens to a row with an empty field in a column the model uses.
public enum MissingPolicy: String, Codable, CaseIterable, Sendable {
    /// Refuse the file, naming the count, the columns and the first line.
    case error
    /// Leave such rows out.
    case drop
    /// Fill numeric columns with the training rows' mean (categorical ones with their most frequent level).
    case mean
    /// Fill numeric columns with the training rows' median (categorical ones with their most frequent level).
    case median
    /// Fill with the training rows' most frequent value.
    case mostFrequent = "most-frequent"

    /// True for the policies that fill values in.
    public var fills: Bool { self == .mean || self == .median || self == .mostFrequent }
}

/// Which option named a column, for messages (the CLI names the flag).
public enum ColumnRole: String, Sendable, Equatable {
    case features, drop, id, categorical
}
