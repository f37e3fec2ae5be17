/// Rows and columns rearranged in the matrix's own buffer (issue 14, "hold the data once"): a
/// table of millions of rows is narrowed, filtered and normalised without a second copy, in
/// whichever precision it is held.
extension Matrix {
    /// The rows at `indices`, in that order, copied into a new matrix of the same precision.
    public func rows(at indices: [Int]) -> Matrix {
        let columns = columns
        func gather<Element>(_ all: UnsafeBufferPointer<Element>) -> [Element] {
            var picked = [Element]()
            picked.reserveCapacity(indices.count * columns)
            for row in indices { picked += all[row * columns..<(row + 1) * columns] }
            return picked
        }
        return withValues(float64: { Matrix(rows: indices.count, columns: columns, values: gather($0)) },
                          float32: { Matrix(rows: indices.count, columns: columns, float32: gather($0)) })
    }

    /// Keeps the rows at `indices` (ascending), moved forward in place.
    mutating func keepRows(_ indices: [Int]) {
        let columns = columns
        func keep<Element>(_ all: UnsafeMutableBufferPointer<Element>) {
            for (to, from) in indices.enumerated() where to != from {
                for column in 0..<columns { all[to * columns + column] = all[from * columns + column] }
            }
        }
        let kept = indices.count * columns
        modifyValues(float64: keep, float32: { keep($0); LargeRows.release($0, after: kept) })
        reshape(rows: indices.count, columns: columns)
    }

    /// Each row narrowed to the columns at `positions`, in that order, in place; an empty field
    /// (NaN) in the column at `positions[k]` becomes `fills[k]` (which must be given where one is).
    mutating func selectColumns(_ positions: [Int], fills: [Double?]) {
        let stride = columns, width = positions.count, rows = rows
        func select<Element: BinaryFloatingPoint>(_ all: UnsafeMutableBufferPointer<Element>) {
            var row = [Element](repeating: 0, count: width)
            for index in 0..<rows {
                for (column, position) in positions.enumerated() {
                    let value = all[index * stride + position]
                    row[column] = value.isNaN ? Element(fills[column]!) : value
                }
                for column in 0..<width { all[index * width + column] = row[column] }
            }
        }
        modifyValues(float64: select, float32: { select($0); LargeRows.release($0, after: rows * width) })
        reshape(rows: rows, columns: width)
    }

    /// Every value `v` of column `c` replaced by `transform(v, c)`, in place; float32 values are
    /// widened, transformed in float64 and rounded once. Returns the first index whose new value is
    /// not finite, with the value it had.
    mutating func transform(_ transform: (Double, Int) -> Double) -> (index: Int, value: Double)? {
        let columns = columns
        var first: (index: Int, value: Double)?
        modifyValues(float64: { all in
            for index in all.indices {
                let raw = all[index]
                all[index] = transform(raw, index % columns)
                if first == nil, !all[index].isFinite { first = (index, raw) }
            }
        }, float32: { all in
            for index in all.indices {
                let raw = Double(all[index])
                all[index] = Float(transform(raw, index % columns))
                if first == nil, !all[index].isFinite { first = (index, raw) }
            }
        })
        return first
    }
}
