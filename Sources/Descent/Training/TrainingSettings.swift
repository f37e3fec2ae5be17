/// Everything that decides a training run's numbers. The defaults are the course's run.
public struct TrainingSettings: Codable, Equatable, Sendable {
    public var epochs = 50
    public var batchSize = 100
    public var learningRate = 0.1
    /// The fraction of rows, from the top of the file, that train; the rest test.
    public var trainFraction = 0.8
    public var seed: UInt64 = 0
    public var random = RandomKind.standard
    public var gradient = GradientConvention.course

    public init() {}

    /// The course's run, reproducible against numpy: `np.random.seed(0)`.
    public static var course: TrainingSettings {
        var settings = TrainingSettings()
        settings.random = .numpy
        return settings
    }

    /// Gradient steps in an epoch over `rows` rows: the last batch may be short.
    public func stepsPerEpoch(rows: Int) -> Int {
        rows / batchSize + (rows % batchSize == 0 ? 0 : 1)
    }

    /// Rejects settings that cannot train, before any work is done.
    public func validate() throws(SettingsError) {
        guard epochs >= 1 else { throw .outOfRange("--epochs", "\(epochs)", "an integer ≥ 1") }
        guard batchSize >= 1, batchSize <= Int(Int32.max) else {
            throw .outOfRange("--batch-size", "\(batchSize)", "an integer from 1 to \(Int32.max)")
        }
        guard random != .numpy || seed <= UInt64(UInt32.max) else {
            throw .outOfRange("--seed", "\(seed)", "an integer from 0 to \(UInt32.max) with --rng numpy (as numpy's RandomState)")
        }
        guard learningRate.isFinite, learningRate > 0 else {
            throw .outOfRange("--learning-rate", "\(learningRate)", "a finite number > 0")
        }
        guard trainFraction > 0, trainFraction < 1 else {
            throw .outOfRange("--split", "\(trainFraction)", "a number strictly between 0 and 1")
        }
    }
}

/// A setting outside its valid range.
public enum SettingsError: Error, Equatable, CustomStringConvertible {
    case outOfRange(String, String, String)

    public var description: String {
        switch self {
        case let .outOfRange(option, value, valid): "\(option) \(value) is out of range: expected \(valid)"
        }
    }
}
