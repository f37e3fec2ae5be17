import Descent
import Testing

/// The loss curve's numbering and epoch means, for a whole run and for a run resumed mid-epoch.
@Suite struct LossPlotTests {
    @Test func aWholeRunGroupsWholeEpochs() {
        let plot = LossPlot(losses: [1, 2, 3, 4, 5, 6], batchesPerEpoch: 3, title: "t")
        #expect(plot.epochMeans.map(\.last) == [2, 5] && plot.epochMeans.map(\.mean) == [2, 5])
        #expect(LossCSV.header + LossCSV.rows([1, 2, 3, 4, 5, 6], firstIteration: 0, batchesPerEpoch: 3) == "iteration,epoch,batch,loss\n0,0,0,1.0\n1,0,1,2.0\n2,0,2,3.0\n3,1,0,4.0\n4,1,1,5.0\n5,1,2,6.0\n")
    }

    /// Resumed after 2 epochs and 3 of 5 steps: the first epoch is the 2 steps left, the last may be short.
    @Test func aRunResumedMidEpochContinuesTheNumbering() {
        let plot = LossPlot(losses: [1, 2, 3, 4, 5, 6, 7, 8], batchesPerEpoch: 5, title: "t", firstIteration: 13)
        #expect(plot.epochMeans.map(\.last) == [1, 6, 7])
        #expect(plot.epochMeans.map(\.mean) == [1.5, 5, 8])
        let csv = LossCSV.rows([1, 2, 3, 4, 5, 6, 7, 8], firstIteration: 13, batchesPerEpoch: 5)
        #expect(csv.split(separator: "\n").first == "13,2,3,1.0")
        #expect(csv.split(separator: "\n").last == "20,4,0,8.0")
        #expect(plot.svg().contains(">13</text>"))  // the first tick is the first iteration
    }

    /// `--validation`: the validation loss drawn beside the training loss, and its height counted
    /// in the axis; without it the plot is as before.
    @Test func theValidationLossIsDrawnOnlyWhenGiven() {
        var plot = LossPlot(losses: [1, 0.5, 0.4, 0.3], batchesPerEpoch: 2, title: "t")
        let plain = plot.svg()
        #expect(!plain.contains("validation") && plain.hasSuffix("</svg>\n"))
        plot.validation = [(iteration: 1, loss: 2), (iteration: 3, loss: .nan)]
        let svg = plot.svg()
        #expect(svg.contains("validation loss") && svg.contains("stroke-dasharray") && svg.hasSuffix("</svg>\n"))
        #expect(svg.contains(">2.000</text>") && !plain.contains(">2.000</text>"))  // the axis reaches the validation loss
    }
}
