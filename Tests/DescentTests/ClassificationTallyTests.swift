import Foundation
import Testing
@testable import Descent

/// The classification summary's numbers, counted by hand on four training and three test rows,
/// and the same whether the rows come whole or in blocks (as a file read a piece at a time hands them).
@Suite struct ClassificationTallyTests {
    static let train: [[Double]] = [[0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.5, 0.3, 0.2], [0.2, 0.2, 0.6]]
    static let trainTargets: [Double] = [0, 1, 1, 2]  // the third is wrong (argmax 0); class 1 is the majority
    static let test: [[Double]] = [[0.1, 0.8, 0.1], [0.6, 0.3, 0.1], [0.3, 0.3, 0.4]]
    static let testTargets: [Double] = [1, 2, 1]  // right, wrong (0), wrong (2)

    @Test func theSummaryIsCountedAsByHand() {
        var tally = ClassificationTally(classNames: ["a", "b", "c"])
        tally.addTrain(Self.train.flatMap { $0 }, targets: Self.trainTargets)
        tally.addTest(Self.test.flatMap { $0 }, targets: Self.testTargets)
        let summary = tally.summary
        #expect(summary.trainAccuracy == 0.75 && summary.testAccuracy == 1.0 / 3)
        #expect(abs(summary.testLogLoss + (log(0.8) + log(0.1) + log(0.3)) / 3) < 1e-15)
        #expect(summary.majorityClass == 1 && summary.majorityAccuracy == 2.0 / 3)
        #expect(abs(summary.priorLogLoss! + (log(0.5) + log(0.25) + log(0.5)) / 3) < 1e-15)
        #expect(summary.confusion == [[0, 0, 0], [0, 1, 1], [1, 0, 0]])  // actual (rows) by predicted
        #expect(summary.classNames == ["a", "b", "c"])
    }

    @Test func blocksGiveTheWholeArraysSummary() {
        var whole = ClassificationTally(classNames: ["a", "b", "c"]), blocks = whole
        whole.addTrain(Self.train.flatMap { $0 }, targets: Self.trainTargets)
        whole.addTest(Self.test.flatMap { $0 }, targets: Self.testTargets)
        for range in [0..<1, 1..<4] { blocks.addTrain(Self.train[range].flatMap { $0 }, targets: Array(Self.trainTargets[range])) }
        for range in [0..<2, 2..<3] { blocks.addTest(Self.test[range].flatMap { $0 }, targets: Array(Self.testTargets[range])) }
        #expect(blocks.summary == whole.summary)
    }

    /// Past ten classes no confusion matrix is kept.
    @Test func manyClassesKeepNoConfusionMatrix() {
        var tally = ClassificationTally(classNames: (0..<11).map(String.init))
        let row = (0..<11).map { $0 == 3 ? 0.5 : 0.05 }
        tally.addTrain(row, targets: [3])
        tally.addTest(row + row, targets: [3, 4])
        #expect(tally.summary.confusion == nil && tally.summary.testAccuracy == 0.5 && tally.summary.majorityClass == 3)
    }
}
