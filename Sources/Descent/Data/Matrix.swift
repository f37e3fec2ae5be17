/// A dense, row-major table of numbers: `rows × columns`, one contiguous array.
///
/// Row-major because training reads whole rows (one sample at a time), and because that is the
/// layout uploaded to the device unchanged. The values are float64, or float32 for a table too
/// large to hold twice (issue 14, ``Precision``: the rows of a large file); either way they read
/// as `Double`s. Code that runs over every value of a large table takes the values as they are
/// held (``withValues(float64:float32:)``), not ``values``, which widens float32 into a new array.
public struct Matrix: Equatable, Sendable {
    /// How the values are held.
    public enum Precision: Sendable {
        case float64, float32
    }

    /// Rows.
    public private(set) var rows: Int
    /// Columns.
    public private(set) var columns: Int
    private var storage: Storage

    /// float32 values start `offset` elements into their array, where a reader of large files put
    /// them on a cache line's boundary (so that a device reading rows in place reads whole lines);
    /// the array may hold more after them (rows filtered in place keep their buffer).
    private enum Storage: Sendable {
        case float64([Double])
        case float32([Float], offset: Int)
    }

    /// A matrix over `values` (row-major; `values.count == rows · columns`).
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "Matrix: \(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        storage = .float64(values)
    }

    /// A float32 matrix over `values` from `offset` on (row-major; at least `rows · columns` of them).
    public init(rows: Int, columns: Int, float32 values: [Float], offset: Int = 0) {
        precondition(offset >= 0 && values.count - offset >= rows * columns, "Matrix: \(values.count - offset) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        storage = .float32(values, offset: offset)
    }

    /// A matrix of one value.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
    }

    public var precision: Precision {
        if case .float32 = storage { return .float32 }
        return .float64
    }

    /// The values, row-major, as float64: a float32 matrix's are widened into a new array, and
    /// setting them (or changing them in place) makes the matrix float64.
    public var values: [Double] {
        get {
            switch storage {
            case let .float64(values): values
            case let .float32(values, offset): values[offset..<(offset + rows * columns)].map(Double.init)
            }
        }
        _modify {
            var values = self.values
            storage = .float64([])  // `values` is now the buffer's only reference: changed in place
            defer { storage = .float64(values) }
            yield &values
        }
        set { storage = .float64(newValue) }
    }

    /// The values of a float32 matrix, row-major (a slice of the array they lie in: no copy); nil for a float64 one.
    public var float32Values: ArraySlice<Float>? {
        if case let .float32(values, offset) = storage { return values[offset..<(offset + rows * columns)] }
        return nil
    }

    /// The values as a new float32 array (float64 ones rounded once): what a device is handed.
    public func float32Array() -> [Float] {
        withValues(float64: { $0.map(Float.init) }, float32: { Array($0) })
    }

    /// Calls `float64` or `float32` with the values as they are held, copying nothing.
    public func withValues<Result>(float64: (UnsafeBufferPointer<Double>) throws -> Result,
                                   float32: (UnsafeBufferPointer<Float>) throws -> Result) rethrows -> Result {
        switch storage {
        case let .float64(values): return try values.withUnsafeBufferPointer(float64)
        case let .float32(values, offset):
            let count = rows * columns
            return try values.withUnsafeBufferPointer { try float32(UnsafeBufferPointer(rebasing: $0[offset..<(offset + count)])) }
        }
    }

    /// Calls `float64` or `float32` with the values as they are held, to change in place: the
    /// buffer's only reference while the call lasts (copied first only if another value shares it).
    mutating func modifyValues<Result>(float64: (UnsafeMutableBufferPointer<Double>) throws -> Result,
                                       float32: (UnsafeMutableBufferPointer<Float>) throws -> Result) rethrows -> Result {
        let count = rows * columns
        switch storage {
        case var .float64(values):
            storage = .float64([])
            defer { storage = .float64(values) }
            return try values.withUnsafeMutableBufferPointer { try float64($0) }
        case .float32(var values, let offset):
            storage = .float64([])
            defer { storage = .float32(values, offset: offset) }
            return try values.withUnsafeMutableBufferPointer { try float32(UnsafeMutableBufferPointer(rebasing: $0[offset..<(offset + count)])) }
        }
    }

    /// The value at `row`, `column`.
    public subscript(row: Int, column: Int) -> Double {
        get {
            switch storage {
            case let .float64(values): values[row * columns + column]
            case let .float32(values, offset): Double(values[offset + row * columns + column])
            }
        }
        set {
            let index = row * columns + column
            modifyValues(float64: { $0[index] = newValue }, float32: { $0[index] = Float(newValue) })
        }
    }

    /// The values of one row, copied.
    public func row(_ index: Int) -> ArraySlice<Double> {
        switch storage {
        case let .float64(values): values[(index * columns)..<((index + 1) * columns)]
        case let .float32(values, offset): ArraySlice(values[(offset + index * columns)..<(offset + (index + 1) * columns)].map(Double.init))
        }
    }

    /// The values of one column, copied.
    public func column(_ index: Int) -> [Double] {
        (0..<rows).map { self[$0, index] }
    }

    /// The rows in `range`, as a new matrix of the same precision.
    public func rows(_ range: Range<Int>) -> Matrix {
        switch storage {
        case let .float64(values):
            Matrix(rows: range.count, columns: columns, values: Array(values[(range.lowerBound * columns)..<(range.upperBound * columns)]))
        case let .float32(values, offset):
            Matrix(rows: range.count, columns: columns, float32: Array(values[(offset + range.lowerBound * columns)..<(offset + range.upperBound * columns)]))
        }
    }

    /// This matrix read as `rows × columns` after its values were rearranged in place (as many or
    /// fewer of them): a float64 array is trimmed to them, a float32 one keeps its buffer.
    mutating func reshape(rows: Int, columns: Int) {
        if case var .float64(values) = storage {
            storage = .float64([])
            values.removeLast(values.count - rows * columns)
            storage = .float64(values)
        }
        self.rows = rows
        self.columns = columns
    }

    /// Equal shapes and equal values as `Double`s, whatever their precision.
    public static func == (lhs: Matrix, rhs: Matrix) -> Bool {
        guard lhs.rows == rhs.rows, lhs.columns == rhs.columns else { return false }
        if case let .float64(a) = lhs.storage, case let .float64(b) = rhs.storage { return a == b }
        return lhs.withValues(float64: { a in rhs.withValues(float64: { a.elementsEqual($0) }, float32: { a.elementsEqual($0.lazy.map(Double.init)) }) },
                              float32: { a in rhs.withValues(float64: { a.lazy.map(Double.init).elementsEqual($0) }, float32: { a.elementsEqual($0) }) })
    }
}
