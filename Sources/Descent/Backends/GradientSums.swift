/// The split path's result (for MPI-style data parallelism): sums over a set of rows, so that
/// sums from several ranks add up before dividing by the total row count.
public struct GradientSums: Equatable, Sendable {
    /// The SUM over the rows of each row's gradient, in the ``ParameterLayout``.
    public var gradient: [Double]
    /// The SUM over the rows of each row's loss.
    public var lossSum: Double
    /// How many rows were summed.
    public var rows: Int

    /// Sums from their parts.
    public init(gradient: [Double], lossSum: Double, rows: Int) {
        self.gradient = gradient
        self.lossSum = lossSum
        self.rows = rows
    }

    /// The mean gradient: `gradient / rows`.
    public var meanGradient: [Double] {
        let n = Double(max(rows, 1))
        return gradient.map { $0 / n }
    }

    /// Adds another set of sums (another rank's, another chunk's).
    public static func + (a: GradientSums, b: GradientSums) -> GradientSums {
        precondition(a.gradient.count == b.gradient.count)
        return GradientSums(gradient: zip(a.gradient, b.gradient).map { $0 + $1 }, lossSum: a.lossSum + b.lossSum, rows: a.rows + b.rows)
    }
}
