/// The CPU backend: the reference arithmetic, fused into one pass per step.
///
/// Each step computes exactly what ``LinearReference/linearStep`` computes, in the same order and
/// in `Double` (forward as a left-to-right dot product plus the bias, the residual, the loss and
/// gradient sums row by row, the course's `(1/n) ·` scaling, the update), so its results are
/// bit-identical to the reference's, which the tests assert. It only avoids the reference's
/// per-stage arrays: no allocation inside an epoch, one read of each row. No threads, no SIMD,
/// no reordered sums.
public final class CPUBackend: TrainingBackend {
    public let name = "cpu"
    public let deviceDescription = "CPU (Swift, float64)"
    private var features: [Double] = []
    private var targets: [Double] = []
    private var columns = 0
    private var parameters: [Double] = []  // weights, then the bias
    private var pendingLosses: [Double] = []

    public init() {}

    public func load(_ data: RegressionData) {
        features = data.features.values
        targets = data.targets
        columns = data.features.columns
    }

    public func setModel(_ model: LinearModel) {
        precondition(model.weights.count == columns, "CPUBackend: model of \(model.weights.count) features, data of \(columns)")
        parameters = model.weights + [model.bias]
    }

    public func model() -> LinearModel {
        LinearModel(weights: Array(parameters.dropLast()), bias: parameters.last ?? 0)
    }

    /// Runs the whole epoch at once: the CPU has nothing to overlap it with.
    public func submitEpoch(order: ArraySlice<Int32>, batchSize: Int, stepSize: Double) {
        pendingLosses = runEpoch(order: order, batchSize: batchSize, stepSize: stepSize)
    }

    public func collectEpoch() -> [Double] { pendingLosses }

    private func runEpoch(order: ArraySlice<Int32>, batchSize: Int, stepSize: Double) -> [Double] {
        var losses = [Double]()
        losses.reserveCapacity((order.count + batchSize - 1) / batchSize)
        var sums = [Double](repeating: 0, count: columns)
        let d = columns
        features.withUnsafeBufferPointer { x in
            targets.withUnsafeBufferPointer { y in
                parameters.withUnsafeMutableBufferPointer { p in
                    sums.withUnsafeMutableBufferPointer { g in
                        for start in stride(from: order.startIndex, to: order.endIndex, by: batchSize) {
                            let end = min(start + batchSize, order.endIndex)
                            for column in 0..<d { g[column] = 0 }
                            var lossSum = 0.0, residualSum = 0.0
                            for position in start..<end {
                                let row = Int(order[position]) * d
                                var z = 0.0
                                for column in 0..<d { z += x[row + column] * p[column] }
                                let r = (z + p[d]) - y[Int(order[position])]
                                lossSum += r * r
                                for column in 0..<d { g[column] += r * x[row + column] }
                                residualSum += r
                            }
                            let n = end - start, scale = 1 / Double(n)
                            for column in 0..<d { p[column] -= stepSize * (scale * g[column]) }
                            p[d] -= stepSize * (scale * residualSum)
                            losses.append(lossSum / Double(n))
                        }
                    }
                }
            }
        }
        return losses
    }
}
