/// The CPU reference backend: plain Swift in `Double`, one ``LinearReference/linearStep`` per batch.
///
/// It is the yardstick every device result is checked against, so it stays simple: no threads,
/// no SIMD, no reordering of sums.
public final class CPUBackend: TrainingBackend {
    public let name = "cpu"
    public let deviceDescription = "CPU reference (Swift, float64)"
    private var data: RegressionData?
    private var current = LinearModel(weights: [], bias: 0)

    public init() {}

    public func load(_ data: RegressionData) { self.data = data }

    public func setModel(_ model: LinearModel) { current = model }

    public func model() -> LinearModel { current }

    public func trainEpoch(order: [Int32], batchSize: Int, stepSize: Double) -> [Double] {
        guard let data else { preconditionFailure("CPUBackend: trainEpoch before load") }
        return stride(from: 0, to: order.count, by: batchSize).map { start in
            let batch = order[start..<min(start + batchSize, order.count)].map(Int.init)
            let (next, loss) = LinearReference.linearStep(data: data, batch: batch, model: current, stepSize: stepSize)
            current = next
            return loss
        }
    }
}
