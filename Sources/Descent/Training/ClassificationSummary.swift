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

    init(classNames: [String], trainAccuracy: Double, testAccuracy: Double, testLogLoss: Double, majorityClass: Int,
         majorityAccuracy: Double, confusion: [[Int]]?, priorLogLoss: Double?) {
        self.classNames = classNames
        self.trainAccuracy = trainAccuracy
        self.testAccuracy = testAccuracy
        self.testLogLoss = testLogLoss
        self.majorityClass = majorityClass
        self.majorityAccuracy = majorityAccuracy
        self.confusion = confusion
        self.priorLogLoss = priorLogLoss
    }

    /// From the class probabilities of the training and test rows, row-major `[rows × classes]`.
    public init(trainProbabilities train: [Double], testProbabilities test: [Double], data: PreparedData) {
        var tally = ClassificationTally(classNames: data.train.classNames)
        tally.addTrain(train, targets: data.train.targets)
        tally.addTest(test, targets: data.test.targets)
        self = tally.summary
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
