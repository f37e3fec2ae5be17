import Descent

/// The rows of a table matched to a model's features. With the model's ``TableEncoding`` (models
/// since issue 12): its columns by name, or by the training file's positions, encoded as in
/// training. Without (older models): by name when the table has a header, by position otherwise
/// (the features in order, then optionally the label).
struct PredictionRows {
    var items: [(line: Int, features: [Double], label: Double?)]
    var hasLabels: Bool
    /// The label column as text (class names), when the table has one.
    var labels: [String]?
    /// The id column's name and values, when the model has one and the table holds it.
    var ids: (name: String, values: [String])?

    init(table: DataTable, model: ModelFile, ignoreUnknown: Bool) throws {
        let lines = table.rowLines ?? (0..<table.values.rows).map { $0 + (table.hasHeader ? 2 : 1) }
        let featureColumns: [Int]
        let labelColumn: Int?
        var matrix: Matrix?
        if let encoding = model.input {
            let match = try encoding.match(table)
            matrix = try encoding.features(of: table, positions: match.positions, ignoreUnknown: ignoreUnknown)
            featureColumns = []
            labelColumn = match.label
            if let name = encoding.id, let column = match.id { ids = (name, Self.text(of: column, in: table)) }
        } else {
            (featureColumns, labelColumn) = try Self.legacyColumns(table: table, model: model)
        }
        items = (0..<table.values.rows).map { row in
            (lines[row], matrix.map { Array($0.values[row * $0.columns..<(row + 1) * $0.columns]) } ?? featureColumns.map { table.values[row, $0] },
             labelColumn.map { table.values[row, $0] })
        }
        labels = labelColumn.map { Self.text(of: $0, in: table) }
        hasLabels = labelColumn != nil
    }

    /// A column's fields as text: a text column's values, numbers as ``DataTable/className(_:)`` writes them, empty ones empty.
    static func text(of column: Int, in table: DataTable) -> [String] {
        table.textColumns[column]?.values ?? (0..<table.values.rows).map {
            table.values[$0, column].isNaN ? "" : DataTable.className(table.values[$0, column])
        }
    }

    private static func legacyColumns(table: DataTable, model: ModelFile) throws -> ([Int], Int?) {
        let names = model.featureNames
        if table.hasHeader {
            let columns = try names.map { name in
                guard let index = table.columnNames.firstIndex(of: name) else {
                    throw InputError("\(table.source): no column '\(name.terminalSafe.elided(to: 40))', which the model needs (it was trained on \(elidedList(names)))")
                }
                return index
            }
            return (columns, table.columnNames.firstIndex(of: model.normalization.target.name))
        }
        guard table.values.columns == names.count || table.values.columns == names.count + 1 else {
            throw InputError("\(table.source): rows have \(table.values.columns) columns; the model takes \(names.count) features (\(elidedList(names))), optionally followed by \(model.normalization.target.name.terminalSafe.elided(to: 40))")
        }
        return (Array(0..<names.count), table.values.columns > names.count ? names.count : nil)
    }

    func only(row: Int) -> PredictionRows {
        var copy = self
        copy.items = [items[row]]
        copy.labels = labels.map { [$0[row]] }
        copy.ids = ids.map { ($0.name, [$0.values[row]]) }
        return copy
    }
}
