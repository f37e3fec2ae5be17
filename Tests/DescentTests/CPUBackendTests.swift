import Testing
@testable import Descent

/// The CPU backend's fused loop against the split path taken step by step in the
/// ``ReductionPlan/standard`` order (``NetworkReference`` gradient sums per chunk, added in chunk
/// order, scaled by `1/n`, applied): the same arithmetic in the same order, so the same bits, for
/// every batch size including a short last batch; and within rounding of the course's one
/// sequential sum (``LinearReference``).
@Suite struct CPUBackendTests {
    @Test(arguments: [1, 2, 7, 64, 65, 100, 1000])
    func cpuBackendIsBitIdenticalToTheChunkedSplitPath(batch: Int) throws {
        let synthetic = SyntheticData(rows: 1001, features: 13, seed: UInt64(batch))
        var random = TrainingRandom(kind: .standard, seed: 1)
        var order = (0..<Int32(1001)).map { $0 }
        random.shuffle(&order)
        let start = LinearModel(weights: (0..<13).map { _ in random.nextNormal() }, bias: 0.2)
        let backend = CPUBackend()
        try backend.load(synthetic.data)
        try backend.setModel(start)
        let losses = try backend.trainEpoch(order: order, batchSize: batch, stepSize: 0.05)

        var params = start.flat, referenceLosses = [Double](), sequential = start
        for first in stride(from: 0, to: order.count, by: batch) {
            let positions = first..<min(first + batch, order.count)
            var sums = GradientSums(gradient: [Double](repeating: -0.0, count: 14), lossSum: -0.0, rows: 0)
            for chunk in 0..<ReductionPlan.standard.chunks {
                let range = ReductionPlan.standard.range(chunk, in: positions)
                guard !range.isEmpty else { continue }
                let rows = NetworkReference.batch(features: synthetic.data.features, targets: synthetic.data.targets, rows: order[range])
                sums = sums + NetworkReference.gradient(params: params, spec: .linear(inputs: 13), features: rows.features, targets: rows.targets)
            }
            let scale = 1 / Double(sums.rows)
            params = NetworkStages.sgdUpdate(params, gradient: sums.gradient.map { scale * $0 }, learningRate: 0.05)
            referenceLosses.append(sums.lossSum / Double(sums.rows))
            sequential = LinearReference.linearStep(data: synthetic.data, batch: order[positions].map(Int.init), model: sequential, stepSize: 0.05).model
        }
        #expect(losses == referenceLosses)
        #expect(try backend.parameters() == params)
        // The course's sequential order differs in the last bits at most.
        #expect(zip(try backend.parameters(), sequential.flat).allSatisfy { abs($0 - $1) <= 1e-13 * max(1, abs($1)) })
    }
}
