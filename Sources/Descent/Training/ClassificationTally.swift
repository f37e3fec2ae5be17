import Foundation

/// A ``ClassificationSummary`` counted a block of rows at a time: all the training rows' blocks
/// first (the majority class and the class frequencies come from them), then the test rows',
/// each in row order. The whole-array summary is this tally over one block each, so a summary
/// of a file read a piece at a time (``ModelSummaries/classification(_:spec:rows:shouldStop:)``)
/// is the loaded file's bit for bit: the sums run over the same rows in the same order.
struct ClassificationTally {
    let classNames: [String]
    private var classes: Int { classNames.count }
    private var trainRight = 0, trainRows = 0, testRight = 0, testRows = 0, testMajority = 0
    private var logLoss = 0.0, priorLogLoss = 0.0
    private var trainCounts: [Int]
    private var confusion: [[Int]]
    /// The training rows' class frequencies and majority, fixed by the first test block.
    private var prior: (frequencies: [Double], majority: Int)?

    init(classNames: [String]) {
        self.classNames = classNames
        trainCounts = [Int](repeating: 0, count: classNames.count)
        let kept = classNames.count <= ClassificationSummary.maxConfusionClasses ? classNames.count : 0
        confusion = [[Int]](repeating: [Int](repeating: 0, count: kept), count: kept)
    }

    /// A block of training rows: class probabilities row-major `[rows × classes]`, class indices.
    mutating func addTrain(_ probabilities: [Double], targets: [Double]) {
        precondition(prior == nil, "training rows after test rows")
        for (row, target) in targets.enumerated() {
            if ClassificationSummary.argmax(probabilities, row: row, classes: classes) == Int(target) { trainRight += 1 }
            trainCounts[Int(target)] += 1
        }
        trainRows += targets.count
    }

    /// A block of test rows, after every training block.
    mutating func addTest(_ probabilities: [Double], targets: [Double]) {
        let prior = self.prior ?? Self.prior(trainCounts, rows: trainRows)
        self.prior = prior
        for (row, target) in targets.enumerated() {
            let label = Int(target), predicted = ClassificationSummary.argmax(probabilities, row: row, classes: classes)
            if predicted == label { testRight += 1 }
            logLoss -= log(max(probabilities[row * classes + label], 1e-15))
            priorLogLoss += log(max(prior.frequencies[label], 1e-15))
            if label == prior.majority { testMajority += 1 }
            if !confusion.isEmpty { confusion[label][predicted] += 1 }
        }
        testRows += targets.count
    }

    /// The most frequent class (the first of equals) and each class's share of the training rows.
    private static func prior(_ counts: [Int], rows: Int) -> (frequencies: [Double], majority: Int) {
        let majority = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) } ?? 0
        return (counts.map { Double($0) / Double(max(rows, 1)) }, majority)
    }

    var summary: ClassificationSummary {
        let prior = self.prior ?? Self.prior(trainCounts, rows: trainRows), tests = Double(max(testRows, 1))
        return ClassificationSummary(
            classNames: classNames, trainAccuracy: Double(trainRight) / Double(max(trainRows, 1)), testAccuracy: Double(testRight) / tests,
            testLogLoss: logLoss / tests, majorityClass: prior.majority,
            majorityAccuracy: Double(testMajority) / tests,
            confusion: classes <= ClassificationSummary.maxConfusionClasses ? confusion : nil, priorLogLoss: -priorLogLoss / tests)
    }
}
