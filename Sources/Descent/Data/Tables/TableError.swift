/// Why a table's columns could not become a model's features, or a row its inputs.
public enum TableError: Error, Equatable, CustomStringConvertible {
    /// A column named by an option is not in the file.
    case unknownColumn(source: String, name: String, role: ColumnRole, available: [String])
    /// The target column was named as a feature, dropped, the id or a category.
    case targetInRole(source: String, name: String, role: ColumnRole)
    /// The id column was also named as a feature.
    case idInFeatures(source: String, name: String)
    /// Every column was dropped: nothing to train on.
    case noFeatures(source: String)
    /// A categorical column with more distinct values than allowed.
    case tooManyLevels(source: String, column: String, found: Int, limit: Int)
    /// Empty fields in the columns used, with the policy `error`.
    case missingValues(source: String, count: Int, columns: [String], line: Int)
    /// A value of a categorical column that the training rows did not have.
    case unseenLevel(source: String, line: Int, column: String, value: String, levels: [String])
    /// A column the model needs is not in the file.
    case missingColumn(source: String, name: String, needed: [String])
    /// A headerless file whose rows are not as wide as the model's training file.
    case headerlessWidth(source: String, found: Int, trained: Int, targetPosition: Int)
    /// A headerless file for a model that reads its columns by name.
    case headerlessForNamedColumns(source: String, found: Int, names: [String], target: String)
    /// Rows split by class for a regression target.
    case stratifyRegression(source: String, column: String)
    /// Fewer rows than folds, or fewer than two folds.
    case tooFewRowsForFolds(source: String, rows: Int, folds: Int)
    /// A class too small to appear in both the training and the test rows.
    case smallClass(source: String, name: String, rows: Int)

    public var description: String {
        switch self {
        case let .unknownColumn(source, name, role, available):
            "\(source): no column named '\(name.terminalSafe.elided(to: 40))' among the \(role.rawValue) (columns: \(elidedList(available)))"
        case let .targetInRole(source, name, role):
            "\(source): '\(name.terminalSafe.elided(to: 40))' is the target column; it cannot also be among the \(role.rawValue)"
        case let .idInFeatures(source, name):
            "\(source): '\(name.terminalSafe.elided(to: 40))' is the id column; it cannot also be a feature"
        case let .noFeatures(source):
            "\(source): no feature columns are left (every column is the target, the id or dropped)"
        case let .tooManyLevels(source, column, found, limit):
            "\(source): the categorical column '\(column.terminalSafe.elided(to: 40))' holds \(found) distinct values, more than the limit of \(limit)"
        case let .missingValues(source, count, columns, line):
            "\(source): \(count) empty field\(count == 1 ? "" : "s") (missing values) in column\(columns.count == 1 ? "" : "s") \(elidedList(columns)), the first on line \(line)"
        case let .unseenLevel(source, line, column, value, levels):
            "\(source):\(line): column '\(column.terminalSafe.elided(to: 40))': '\(value.terminalSafe.elided(to: 40))' is a level the model was not trained on (levels: \(elidedList(levels)))"
        case let .missingColumn(source, name, needed):
            "\(source): no column '\(name.terminalSafe.elided(to: 40))', which the model needs (it was trained on \(elidedList(needed)))"
        case let .headerlessWidth(source, found, trained, target):
            "\(source): rows have \(found) columns and no header; the model was trained on headerless rows of \(trained) columns with the target in column \(target + 1)"
                + (target == trained - 1 ? ": give rows of \(trained) columns, or \(trained - 1) without the target" : ": give rows of \(trained) columns (the target's may hold anything), or a header row naming the columns")
        case let .headerlessForNamedColumns(source, found, names, target):
            "\(source): rows have \(found) columns and no header; the model takes \(names.count) columns (\(elidedList(names))), optionally followed by \(target.terminalSafe.elided(to: 40)); give a header row naming them"
        case let .stratifyRegression(source, column):
            "\(source): the target '\(column.terminalSafe.elided(to: 40))' holds numbers (regression); stratifying splits classes"
        case let .tooFewRowsForFolds(source, rows, folds):
            "\(source): \(rows) rows cannot make \(folds) folds (expected from 2 folds to one per row)"
        case let .smallClass(source, name, rows):
            "\(source): the class '\(name.terminalSafe.elided(to: 40))' has \(rows) row\(rows == 1 ? "" : "s"), too few to appear in both the training and the test rows"
        }
    }
}
