import Descent
import DescentOpenCL
import Testing

/// The permutation is uploaded without blocking, into two device copies used alternately from two
/// pinned host areas: submissions enqueued back to back, without collecting between them, give
/// the bits of the same submissions run one at a time (each collected before the next).
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct OrderUploadTests {
    /// Three submissions with different orders (the third reuses the first pinned area while the
    /// device may still be busy with the first two), a short last batch in each, on every path.
    @Test(arguments: TrainingPathTests.Path.allCases)
    func backToBackSubmissionsMatchBlockingRuns(path: TrainingPathTests.Path) throws {
        let rows = 1001, features = 13, batch = 64
        let data = RegressionData(featureNames: (0..<features).map { "x\($0)" }, targetName: "y",
                                  features: randomMatrix(rows: rows, columns: features, seed: testSeed &+ 21),
                                  targets: randomValues(rows, seed: testSeed &+ 22))
        var random = TrainingRandom(kind: .standard, seed: testSeed &+ 23)
        var orders = [[Int32]]()
        var order = (0..<Int32(rows)).map { $0 }
        for count in [rows, 700, rows] {
            random.shuffle(&order)
            orders.append(Array(order.prefix(count)))
        }
        let start = LinearModel(weights: randomValues(features, seed: testSeed &+ 24, scale: 0.5), bias: 0.1)
        func fresh() throws -> OpenCLBackend {
            let device = try TrainingPathTests().backend(path)
            try device.load(data)
            try device.setModel(start)
            return device
        }
        let oneAtATime = try fresh()
        var blockingLosses = [Double]()
        for order in orders { blockingLosses = try oneAtATime.trainEpoch(order: order, batchSize: batch, stepSize: 0.05) }
        let backToBack = try fresh()
        for order in orders { try backToBack.submitSteps(order: order[...], batchSize: batch, learningRate: 0.05) }
        let losses = try backToBack.collectSteps()  // the last submission's
        #expect(losses.count == 16 && !losses.contains(where: \.isNaN))
        #expect(losses.map(\.bitPattern) == blockingLosses.map(\.bitPattern))
        #expect(try backToBack.parameters().map(\.bitPattern) == oneAtATime.parameters().map(\.bitPattern))
    }
}
