import Descent
import Testing

/// The summary's least-squares fit stops as soon as it is asked to (Ctrl-C must not wait seconds
/// for it), and gives the same answer as ever when it is not.
@Suite struct SummaryCancellationTests {
    let data = try! PreparedData(BundledData.housing().regressionData(), trainFraction: 0.8)

    @Test func theFitStopsAtTheNextColumn() {
        var asked = 0
        #expect(LeastSquares.solve(data.train, shouldStop: { asked += 1; return asked == 3 }) == nil)
        #expect(asked == 3)
        #expect(TrainingSummary(model: LeastSquares.solve(data.train), data: data, shouldStop: { true }) == nil)
    }

    @Test func unstoppedItIsTheFitAsBefore() {
        let model = LeastSquares.solve(data.train)
        #expect(LeastSquares.solve(data.train, shouldStop: { false }) == model)
        #expect(TrainingSummary(model: model, data: data, shouldStop: { false }) == TrainingSummary(model: model, data: data))
    }
}
