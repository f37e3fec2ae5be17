/// Reading rows with a ``TableEncoding``: where its columns are in a table (by name with a header,
/// by position without), and the feature matrix they make.
extension TableEncoding {
    /// Where the columns are in a table to predict on.
    public struct Match: Sendable {
        /// Each encoded column's index in the table.
        public var positions: [Int]
        /// The id column's index, when the table has it.
        public var id: Int?
        /// The target's index, when the table has it (to show beside the prediction).
        public var label: Int?
    }

    /// Finds the encoding's columns in `table`: by name when it has a header; by the training
    /// file's positions when both are headerless (the same width, or one less when the target was
    /// last and is left out); else the columns in order, optionally followed by the target.
    public func match(_ table: DataTable) throws -> Match {
        let names = columns.map(\.name)
        let width = table.values.columns
        if table.hasHeader {
            let positions = try names.map { name in
                guard let index = table.columnNames.firstIndex(of: name) else {
                    throw TableError.missingColumn(source: table.source, name: name, needed: names)
                }
                return index
            }
            return Match(positions: positions, id: id.flatMap(table.columnNames.firstIndex(of:)), label: table.columnNames.firstIndex(of: target))
        }
        if let headerless {
            let withTarget = width == headerless.width
            guard withTarget || (width == headerless.width - 1 && headerless.target == headerless.width - 1) else {
                throw TableError.headerlessWidth(source: table.source, found: width, trained: headerless.width, targetPosition: headerless.target)
            }
            let idIndex = id.flatMap(table.columnNames.firstIndex(of:)).flatMap { $0 < width ? $0 : nil }
            return Match(positions: columns.map(\.position), id: idIndex, label: withTarget ? headerless.target : nil)
        }
        guard width == names.count || width == names.count + 1 else {
            throw TableError.headerlessForNamedColumns(source: table.source, found: width, names: names, target: target)
        }
        return Match(positions: Array(0..<names.count), id: nil, label: width > names.count ? names.count : nil)
    }

    /// The feature matrix of `table`'s rows, the columns at `positions` (default: where they were
    /// in the training file). Throws ``TableError`` for empty fields without a fill and unseen
    /// levels (unless `ignoreUnknown`), ``DataError`` for text in a numeric column.
    public func features(of table: DataTable, positions: [Int]? = nil, ignoreUnknown: Bool) throws -> Matrix {
        let positions = positions ?? columns.map(\.position)
        let width = featureNames.count
        if let numbers = numericColumns(of: table, positions: positions) { return numbers }
        var values = [Double]()
        values.reserveCapacity(table.values.rows * width)
        var missing = (count: 0, columns: Set<String>(), line: Int?.none)
        func line(_ row: Int) -> Int { table.rowLines?[row] ?? row + (table.hasHeader ? 2 : 1) }
        var row = [Double]()
        let texts = positions.map { table.textColumns[$0]?.values }  // looked up once, not per field
        for index in 0..<table.values.rows {
            row.removeAll(keepingCapacity: true)
            for (number, (column, position)) in zip(columns, positions).enumerated() {
                let field: TableField
                if let text = texts[number] {
                    field = text[index].isEmpty ? .missing : .text(text[index])
                } else {
                    let value = table.values[index, position]
                    field = value.isNaN ? .missing : .number(value)
                }
                switch column.encode(field, into: &row, ignoreUnknown: ignoreUnknown) {
                case nil: break
                case .missing:
                    missing.count += 1
                    missing.columns.insert(column.name)
                    missing.line = missing.line ?? line(index)
                    row += Array(repeating: 0, count: column.featureNames.count)
                case let .unseen(level):
                    throw TableError.unseenLevel(source: table.source, line: line(index), column: column.name, value: level, levels: column.levels ?? [])
                case let .notANumber(text):
                    throw DataError.notANumber(source: table.source, line: line(index), column: position + 1, text: text)
                }
            }
            values += row
        }
        if let first = missing.line {
            throw TableError.missingValues(source: table.source, count: missing.count,
                                           columns: columns.map(\.name).filter(missing.columns.contains), line: first)
        }
        return Matrix(rows: table.values.rows, columns: width, values: values)
    }

    /// The common case fast: every column a number, none empty, copied straight across in the
    /// table's precision.
    private func numericColumns(of table: DataTable, positions: [Int]) -> Matrix? {
        guard columns.allSatisfy({ $0.levels == nil }), positions.allSatisfy({ table.textColumns[$0] == nil }) else { return nil }
        let stride = table.values.columns, rows = table.values.rows
        func copy<Element: BinaryFloatingPoint>(_ all: UnsafeBufferPointer<Element>) -> [Element]? {
            var values = [Element](repeating: 0, count: rows * positions.count)
            let complete = values.withUnsafeMutableBufferPointer { out in
                for row in 0..<rows {
                    for (index, position) in positions.enumerated() {
                        let value = all[row * stride + position]
                        if value.isNaN { return false }
                        out[row * positions.count + index] = value
                    }
                }
                return true
            }
            return complete ? values : nil
        }
        return table.values.withValues(float64: { copy($0).map { Matrix(rows: rows, columns: positions.count, values: $0) } },
                                       float32: { copy($0).map { Matrix(rows: rows, columns: positions.count, float32: $0) } })
    }
}
