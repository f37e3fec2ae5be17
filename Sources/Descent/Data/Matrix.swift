/// A dense, row-major table of `Double`s: `rows × columns`, one contiguous array.
///
/// Row-major because training reads whole rows (one sample at a time), and because that is the
/// layout uploaded to the device unchanged.
public struct Matrix: Equatable, Sendable {
    /// Rows.
    public let rows: Int
    /// Columns.
    public let columns: Int
    /// The values, row-major.
    public var values: [Double]

    /// A matrix over `values` (row-major; `values.count == rows · columns`).
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "Matrix: \(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix of one value.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
    }

    /// The value at `row`, `column`.
    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// The values of one row, copied.
    public func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * columns)..<((index + 1) * columns)]
    }

    /// The values of one column, copied.
    public func column(_ index: Int) -> [Double] {
        (0..<rows).map { self[$0, index] }
    }

    /// The rows in `range`, as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        Matrix(rows: range.count, columns: columns,
               values: Array(values[(range.lowerBound * columns)..<(range.upperBound * columns)]))
    }
}
