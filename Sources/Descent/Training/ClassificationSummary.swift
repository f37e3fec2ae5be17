import Foundation

/// How good a trained classifier is: accuracy and log-loss on the test rows, next to the
/// majority-class baseline (always answering the training rows' most frequent class), and a
/// confusion matrix for up to ``maxConfusionClasses`` classes.
public struct ClassificationSummary: Codable, Equatable, Sendable {
    /// The classes, in index order.
    public var classNames: [String]
    /// The share of training rows classified right.
    public var trainAccuracy: Double
    /// The share of test rows classified right.
    public var testAccuracy: Double
    /// Mean `−log p(true class)` on the test rows, each probability clamped to at least 1e-15.
    public var testLogLoss: Double
    /// The training rows' most frequent class, and the test accuracy of always answering it.
    public var majorityClass: Int
    /// The test accuracy of always answering the most frequent training class: the baseline.
    public var majorityAccuracy: Double
    /// Test rows by actual class (rows) and predicted class (columns); nil past 10 classes.
    public var confusion: [[Int]]?
    /// The log-loss baseline: the test log-loss of always answering the training rows' class
    /// frequencies (what a model that learned nothing from the features scores); absent in older files.
    public var priorLogLoss: Double?

    /// The most classes a confusion matrix is kept for.
    public static let maxConfusionClasses = 10

    /// From the class probabilities of the training and test rows, row-major `[rows × classes]`.
    public init(trainProbabilities train: [Double], testProbabilities test: [Double], data: PreparedData) {
        let classes = data.train.classNames.count
        classNames = data.train.classNames
        trainAccuracy = Self.accuracy(train, targets: data.train.targets, classes: classes)
        testAccuracy = Self.accuracy(test, targets: data.test.targets, classes: classes)
        var logLoss = 0.0
        for (row, target) in data.test.targets.enumerated() {
            logLoss -= log(max(test[row * classes + Int(target)], 1e-15))
        }
        testLogLoss = logLoss / Double(max(data.test.count, 1))
        var counts = [Int](repeating: 0, count: classes)
        for target in data.train.targets { counts[Int(target)] += 1 }
        let majority = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) } ?? 0
        majorityClass = majority
        majorityAccuracy = Double(data.test.targets.count { Int($0) == majority }) / Double(max(data.test.count, 1))
        let frequencies = counts.map { Double($0) / Double(max(data.train.count, 1)) }
        priorLogLoss = -data.test.targets.reduce(0) { $0 + log(max(frequencies[Int($1)], 1e-15)) } / Double(max(data.test.count, 1))
        if classes <= Self.maxConfusionClasses {
            var matrix = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
            for (row, target) in data.test.targets.enumerated() { matrix[Int(target)][Self.argmax(test, row: row, classes: classes)] += 1 }
            confusion = matrix
        }
    }

    /// Class probabilities `[rows × classes]` from a head's output: a binary head gives `p(class 1)` per row.
    public static func probabilities(headOutput: [Double], head: Head) -> [Double] {
        guard case .binaryCrossEntropy = head else { return headOutput }
        return headOutput.flatMap { [1 - $0, $0] }
    }

    static func argmax(_ probabilities: [Double], row: Int, classes: Int) -> Int {
        var best = 0
        for k in 1..<max(classes, 1) where probabilities[row * classes + k] > probabilities[row * classes + best] { best = k }
        return best
    }

    static func accuracy(_ probabilities: [Double], targets: [Double], classes: Int) -> Double {
        let right = targets.indices.count { argmax(probabilities, row: $0, classes: classes) == Int(targets[$0]) }
        return Double(right) / Double(max(targets.count, 1))
    }
}
