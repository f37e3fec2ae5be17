import Foundation

/// The questions ``PreparedTable`` asks of a table's columns: which is the target, which hold
/// empty fields, which look like a saved row index, and the levels of a categorical one.
extension DataTable {
    /// The target column's index: the named column, or the last.
    public func targetIndex(_ target: String?) throws(DataError) -> Int {
        guard let target else { return values.columns - 1 }
        guard let index = columnNames.firstIndex(of: target) else {
            throw DataError.unknownTarget(source: source, name: target, available: columnNames)
        }
        return index
    }

    /// True when the field at `row`, `column` was empty.
    public func isMissing(row: Int, column: Int) -> Bool {
        if let text = textColumns[column] { return text.values[row].isEmpty }
        return values[row, column].isNaN
    }

    /// The empty fields in `columns`: how many, in which columns (in file order), and the first row holding one.
    func missingFields(in columns: [Int]) -> (count: Int, columns: [Int], firstRow: Int) {
        var count = 0, firstRow = Int.max
        var holding = Set<Int>()
        for column in columns {
            var found = 0, first = Int.max
            if let text = textColumns[column] {
                for (row, value) in text.values.enumerated() where value.isEmpty { found += 1; first = min(first, row) }
            } else {
                let stride = values.columns, rows = values.rows
                func scan<Element: BinaryFloatingPoint>(_ all: UnsafeBufferPointer<Element>) {
                    for row in 0..<rows where all[row * stride + column].isNaN { found += 1; first = min(first, row) }
                }
                values.withValues(float64: scan, float32: scan)
            }
            if found > 0 {
                count += found
                holding.insert(column)
                firstRow = min(firstRow, first)
            }
        }
        return (count, holding.sorted(), firstRow)
    }

    /// A column with an empty name (or pandas' `Unnamed: 0`) counting 0, 1, 2, … or 1, 2, 3, …: an
    /// index that a data frame saved with its rows, not a measurement.
    func isSavedIndex(_ column: Int) -> Bool {
        let name = columnNames[column].trimmingCharacters(in: .whitespaces)
        guard hasHeader, name.isEmpty || name.hasPrefix("Unnamed:"), textColumns[column] == nil, values.rows > 0 else { return false }
        let first = values[0, column]
        guard first == 0 || first == 1 else { return false }
        return (0..<values.rows).allSatisfy { values[$0, column] == first + Double($0) }
    }

    /// Keeps only the rows at `rows` (ascending), moving each forward in the table's own buffer:
    /// no second copy of the values when this table holds the only reference to them.
    mutating func keepRows(_ rows: [Int]) {
        guard rows.count != values.rows else { return }
        values.keepRows(rows)  // in the table's own buffer, in its precision
        textColumns = textColumns.mapValues { text in TextColumn(firstLine: text.firstLine, values: rows.map { text.values[$0] }) }
        rowLines = rowLines.map { lines in rows.map { lines[$0] } }
    }

    /// A categorical column's levels: its distinct non-empty values, text sorted as text, numbers by value.
    func levels(of column: Int) -> [String] {
        if let text = textColumns[column] { return Set(text.values.filter { !$0.isEmpty }).sorted() }
        return DataTable.classNames(Set((0..<values.rows).map { values[$0, column] }.filter { !$0.isNaN }).sorted())
    }
}
