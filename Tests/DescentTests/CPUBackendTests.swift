import Testing
@testable import Descent

/// The CPU backend's fused loop against the stage-by-stage reference: the same arithmetic in the
/// same order, so the same bits, for every batch size including a short last batch.
@Suite struct CPUBackendTests {
    @Test(arguments: [1, 2, 7, 64, 65, 100, 1000])
    func cpuBackendIsBitIdenticalToTheReference(batch: Int) throws {
        let synthetic = SyntheticData(rows: 1001, features: 13, seed: UInt64(batch))
        var random = TrainingRandom(kind: .standard, seed: 1)
        var order = (0..<Int32(1001)).map { $0 }
        random.shuffle(&order)
        let start = LinearModel(weights: (0..<13).map { _ in random.nextNormal() }, bias: 0.2)
        let backend = CPUBackend()
        try backend.load(synthetic.data)
        try backend.setModel(start)
        let losses = try backend.trainEpoch(order: order, batchSize: batch, stepSize: 0.05)

        var model = start, referenceLosses = [Double]()
        for first in stride(from: 0, to: order.count, by: batch) {
            let step = LinearReference.linearStep(data: synthetic.data, batch: order[first..<min(first + batch, order.count)].map(Int.init),
                                                  model: model, stepSize: 0.05)
            model = step.model
            referenceLosses.append(step.loss)
        }
        #expect(losses == referenceLosses)
        #expect(try backend.model() == model)
    }
}
