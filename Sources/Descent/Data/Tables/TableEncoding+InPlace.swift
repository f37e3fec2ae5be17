/// The training file's feature matrix built in the parsed table's own buffer (issue 14, "hold the
/// data once"): when every column used is a number, each row's fields move forward to where the
/// row starts in the narrower matrix, so the values are never held twice.
extension TableEncoding {
    /// The feature matrix of `table`'s rows (the columns where they were in the training file),
    /// taking `table`'s values: `table` is left with none. Numeric columns are encoded in place
    /// (an empty field becomes its column's fill); a categorical column, or an empty field without
    /// a fill, goes through ``features(of:positions:ignoreUnknown:)`` (a new matrix, and its errors).
    func features(taking table: inout DataTable) throws -> Matrix {
        let positions = columns.map(\.position)
        let stride = table.values.columns, rows = table.values.rows, width = positions.count
        let fills = columns.map(\.fill)
        guard columns.allSatisfy({ $0.levels == nil }), positions.allSatisfy({ table.textColumns[$0] == nil }), width <= stride,
              !hasUnfilledGap(table, positions: positions, fills: fills) else {
            let matrix = try features(of: table, ignoreUnknown: false)
            table.values = Matrix(rows: 0, columns: stride)
            return matrix
        }
        var matrix = table.values
        table.values = Matrix(rows: 0, columns: stride)  // `matrix` is now the buffer's only reference
        matrix.selectColumns(positions, fills: fills)
        precondition(matrix.rows == rows)
        return matrix
    }

    /// True when a column at `positions` without a fill has an empty field (NaN).
    private func hasUnfilledGap(_ table: DataTable, positions: [Int], fills: [Double?]) -> Bool {
        let stride = table.values.columns
        let bare = positions.indices.filter { fills[$0] == nil }.map { positions[$0] }
        guard !bare.isEmpty else { return false }
        func gap<Element: BinaryFloatingPoint>(_ all: UnsafeBufferPointer<Element>) -> Bool {
            (0..<table.values.rows).contains { row in bare.contains { all[row * stride + $0].isNaN } }
        }
        return table.values.withValues(float64: gap, float32: gap)
    }
}
