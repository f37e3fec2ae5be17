/// How a table's columns became a model's features, kept in the model file (`"input"`) so that
/// `predict` reads new rows the same way: the columns used, in order, each a number or a category
/// one-hot encoded over its training levels, the fill for an empty field, the id column, and for a
/// headerless training file its width and the target's position (columns are then matched by
/// position, never guessed).
public struct TableEncoding: Codable, Equatable, Sendable {
    public var columns: [EncodedColumn]
    /// The column naming the rows (`--id`), carried through to predictions.
    public var id: String?
    public var target: String
    public var missing: MissingPolicy
    /// Set when the training file had no header row.
    public var headerless: HeaderlessLayout?
    /// How the rows were split, for `descent inspect`.
    public var split: SplitRecord?

    public init(columns: [EncodedColumn], id: String?, target: String, missing: MissingPolicy,
                headerless: HeaderlessLayout?, split: SplitRecord? = nil) {
        self.columns = columns
        self.id = id
        self.target = target
        self.missing = missing
        self.headerless = headerless
        self.split = split
    }

    /// The features the columns make, in order: a numeric column's name, `name=level` per level.
    public var featureNames: [String] { columns.flatMap(\.featureNames) }
}

/// One column of the training file as the model reads it.
public struct EncodedColumn: Codable, Equatable, Sendable {
    public var name: String
    /// The column's index (0-based) in the training file.
    public var position: Int
    /// A categorical column's levels, one feature each (one-hot); nil for a number.
    public var levels: [String]?
    /// What an empty field becomes: a number for a numeric column...
    public var fill: Double?
    /// ...a level for a categorical one.
    public var fillLevel: String?

    public init(name: String, position: Int, levels: [String]? = nil, fill: Double? = nil, fillLevel: String? = nil) {
        self.name = name
        self.position = position
        self.levels = levels
        self.fill = fill
        self.fillLevel = fillLevel
    }

    public var featureNames: [String] { levels.map { $0.map { "\(name)=\($0)" } } ?? [name] }
}

/// A headerless training file's shape.
public struct HeaderlessLayout: Codable, Equatable, Sendable {
    /// Columns per row.
    public var width: Int
    /// The target's column (0-based).
    public var target: Int

    public init(width: Int, target: Int) {
        self.width = width
        self.target = target
    }
}

/// How the rows were split into training and test rows.
public struct SplitRecord: Codable, Equatable, Sendable {
    public var trainFraction: Double
    public var shuffled: Bool
    public var seed: UInt64?
    public var stratified: Bool

    public init(trainFraction: Double, shuffled: Bool, seed: UInt64?, stratified: Bool) {
        self.trainFraction = trainFraction
        self.shuffled = shuffled
        self.seed = seed
        self.stratified = stratified
    }
}

/// One field of a row, as the encoding reads it.
public enum TableField: Sendable, Equatable {
    case number(Double)
    case text(String)
    case missing

    /// The field at `row`, `column` of `table`: text in a text column, else a number, empty as missing.
    public init(_ table: DataTable, row: Int, column: Int) {
        if let text = table.textColumns[column] {
            let value = text.values[row]
            self = value.isEmpty ? .missing : .text(value)
        } else {
            let value = table.values[row, column]
            self = value.isNaN ? .missing : .number(value)
        }
    }

    /// The number, for a numeric field.
    var number: Double? {
        if case let .number(value) = self { return value }
        return nil
    }

    /// The field as a categorical level: text as is, a number as ``DataTable/className(_:)`` writes it.
    public var level: String? {
        switch self {
        case let .number(value): DataTable.className(value)
        case let .text(text): text
        case .missing: nil
        }
    }
}

extension EncodedColumn {
    /// Appends this column's features for `field` to `row`: the number (or its fill), or the
    /// one-hot of its level (all zeros for an unseen level when `ignoreUnknown`).
    /// - Returns: nil when the field fits; else what is wrong (`unseen` carries the level).
    func encode(_ field: TableField, into row: inout [Double], ignoreUnknown: Bool) -> EncodingProblem? {
        guard let levels else {
            switch field {
            case let .number(value): row.append(value)
            case .missing:
                guard let fill else { return .missing }
                row.append(fill)
            case let .text(text): return .notANumber(text)
            }
            return nil
        }
        guard let level = field.level ?? fillLevel else { return .missing }
        // A number's own decimal first: levels named apart because two read alike (DataTable.classNames).
        let exact = field.number.map(DataTable.exactName)
        let index = exact.flatMap { levels.firstIndex(of: $0) } ?? levels.firstIndex(of: level)
        if index == nil, !ignoreUnknown { return .unseen(level) }
        row += levels.indices.map { $0 == index ? 1 : 0 }
        return nil
    }
}

/// Why a field could not be encoded.
enum EncodingProblem: Equatable {
    case missing, unseen(String), notANumber(String)
}
