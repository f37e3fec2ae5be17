import Descent
import Testing

/// The loss history a plot is drawn from stays bounded however long the run, and its sample is
/// deterministic and made of real points.
@Suite struct LossHistoryTests {
    /// A run at batch 1 for a million steps (2,000 epochs of 500): the plot keeps at most its
    /// capacity of batch points and of epoch means, where it used to keep every loss.
    @Test func aLongRunKeepsABoundedNumberOfPoints() {
        var history = LossHistory(batchesPerEpoch: 500, capacity: 1000)
        for step in 0..<1_000_000 { history.append(Double(step % 500)) }
        #expect(history.count == 1_000_000)
        #expect(history.batches.points.count <= 1000 && history.batches.points.count >= 500)
        #expect(history.completedEpochMeans.points.count <= 1000 && history.completedEpochMeans.points.count >= 500)
        // Every kept point is the loss recorded at that iteration, and every epoch mean is the true one.
        #expect(history.batches.points.allSatisfy { $0.y == Double($0.x % 500) })
        #expect(history.epochMeans.allSatisfy { $0.y == 249.5 && ($0.x + 1) % 500 == 0 })
        #expect(history.last?.iteration == 999_999 && history.last?.loss == 499 && history.highest == 499)
        let plot = LossPlot(history: history, title: "t")
        #expect(plot.svg().utf8.count < 200_000)
    }

    @Test func thinningKeepsEveryStrideThPoint() {
        var series = DecimatedSeries(capacity: 4)
        for x in 0..<10 { series.append(x: x, y: Double(x)) }
        #expect(series.points.map(\.x) == [0, 4, 8] && series.stride == 4)
    }

    @Test func aPartialLastEpochHasItsOwnMean() {
        var history = LossHistory(batchesPerEpoch: 3, firstIteration: 2)
        history.append(contentsOf: [1, 2, 3, 4, 5])
        #expect(history.epochMeans == [.init(x: 2, y: 1), .init(x: 5, y: 3), .init(x: 6, y: 5)])
    }
}
