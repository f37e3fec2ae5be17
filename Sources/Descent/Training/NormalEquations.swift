/// The sums `[X 1]ᵀ[X 1]` (upper triangle) and `[X 1]ᵀ y` of rows added so far, in float64, and
/// their solution by Cholesky factorisation.
public struct NormalEquations: Sendable {
    /// Rows added between two questions to `shouldStop`.
    public static let blockRows = 65_536
    /// The unknowns: the weights and the bias.
    public let count: Int
    /// Row-major `count × count`; only `j ≥ i` is filled.
    private var gram: [Double]
    private var moment: [Double]

    public init(features: Int) {
        count = features + 1
        gram = [Double](repeating: 0, count: count * count)
        moment = [Double](repeating: 0, count: count)
    }

    /// The sums over all of `data`'s rows, added ``blockRows`` at a time (the order every caller
    /// takes them in, so that the least-squares fit, the stable learning rate and a streamed file's
    /// summary agree bit for bit); nil when `shouldStop` answers true before a block.
    public static func sums(of data: RegressionData, shouldStop: () -> Bool = { false }) -> NormalEquations? {
        var equations = NormalEquations(features: data.features.columns)
        for first in stride(from: 0, to: data.count, by: blockRows) {
            if shouldStop() { return nil }
            equations.add(data, rows: first..<min(first + blockRows, data.count))
        }
        return equations
    }

    /// Adds `rows` of `data`, four rows at a time: each sum takes the four rows' products added
    /// together (in row order), so the sums are read and written a quarter as often (the optimum of
    /// millions of rows is the summary's longest part); a tail of fewer rows goes one at a time.
    public mutating func add(_ data: RegressionData, rows: Range<Int>) {
        let n = count, columns = n - 1
        var x = [Double](repeating: 1, count: 4 * n), y = [Double](repeating: 0, count: 4)
        // The rows as they are held (float32 ones widened a few rows at a time, never all at once).
        func take(_ first: Int, _ width: Int, _ read: (Int) -> Double) {
            for k in 0..<width {
                for j in 0..<columns { x[k * n + j] = read((first + k) * columns + j) }
                y[k] = data.targets[first + k]
            }
        }
        var row = rows.lowerBound
        while row < rows.upperBound {
            let width = rows.upperBound - row >= 4 ? 4 : 1
            data.features.withValues(float64: { values in take(row, width, { values[$0] }) },
                                     float32: { values in take(row, width, { Double(values[$0]) }) })
            if width == 4 { addFour(x, targets: y) } else { addOne(x, target: y[0]) }
            row += width
        }
    }

    /// Adds four rows `x` (each its features, then 1; `count` apart) with their targets.
    private mutating func addFour(_ x: [Double], targets y: [Double]) {
        let n = count
        x.withUnsafeBufferPointer { x in
            gram.withUnsafeMutableBufferPointer { g in
                moment.withUnsafeMutableBufferPointer { m in
                    let x0 = x.baseAddress!, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n
                    for i in 0..<n {
                        let a0 = x0[i], a1 = x1[i], a2 = x2[i], a3 = x3[i]
                        m[i] += a0 * y[0] + a1 * y[1] + a2 * y[2] + a3 * y[3]
                        let gi = g.baseAddress! + i * n
                        for j in i..<n { gi[j] += a0 * x0[j] + a1 * x1[j] + a2 * x2[j] + a3 * x3[j] }
                    }
                }
            }
        }
    }

    /// Adds one row `x` (its features, then 1) with its target.
    private mutating func addOne(_ x: [Double], target y: Double) {
        let n = count
        x.withUnsafeBufferPointer { x in
            gram.withUnsafeMutableBufferPointer { g in
                moment.withUnsafeMutableBufferPointer { m in
                    for i in 0..<n {
                        let xi = x[i]
                        m[i] += xi * y
                        for j in i..<n { g[i * n + j] += xi * x[j] }
                    }
                }
            }
        }
    }

    /// `[X 1]ᵀ[X 1] / rows`, both triangles filled: the Gram matrix ``StepSizeLimit`` takes its
    /// largest eigenvalue of, from the sums of one pass (a streamed file is read once for both).
    func meanGram(rows: Int) -> [Double] {
        let n = count
        var full = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in i..<n {
                full[i * n + j] = gram[i * n + j] / Double(max(rows, 1))
                full[j * n + i] = full[i * n + j]
            }
        }
        return full
    }

    /// Adds `amount` to the weights' diagonal entries (not the bias's): the ridge penalty.
    public mutating func penalizeWeights(_ amount: Double) {
        for i in 0..<(count - 1) { gram[i * count + i] += amount }
    }

    /// θ by Cholesky, or nil when `shouldStop` answered true (asked once per column). A column whose
    /// pivot falls below 1e-10 of its own sum of squares depends on the columns before it: its
    /// weight is 0 and it takes no part in the rest.
    public func solve(shouldStop: () -> Bool = { false }) -> [Double]? {
        let n = count
        var l = [Double](repeating: 0, count: n * n)  // lower triangle, row-major
        var active = [Bool](repeating: false, count: n)
        for k in 0..<n {
            if shouldStop() { return nil }
            var pivot = gram[k * n + k]
            for j in 0..<k where active[j] { pivot -= l[k * n + j] * l[k * n + j] }
            guard gram[k * n + k] > 0, pivot > 1e-10 * gram[k * n + k] else { continue }
            active[k] = true
            let diagonal = pivot.squareRoot()
            l[k * n + k] = diagonal
            for i in (k + 1)..<n {
                var sum = gram[k * n + i]  // (i, k) of the symmetric matrix
                for j in 0..<k where active[j] { sum -= l[i * n + j] * l[k * n + j] }
                l[i * n + k] = sum / diagonal
            }
        }
        var z = [Double](repeating: 0, count: n)
        for k in 0..<n where active[k] {
            var sum = moment[k]
            for j in 0..<k where active[j] { sum -= l[k * n + j] * z[j] }
            z[k] = sum / l[k * n + k]
        }
        var theta = [Double](repeating: 0, count: n)
        for k in stride(from: n - 1, through: 0, by: -1) where active[k] {
            var sum = z[k]
            for i in (k + 1)..<n where active[i] { sum -= l[i * n + k] * theta[i] }
            theta[k] = sum / l[k * n + k]
        }
        return theta
    }
}
