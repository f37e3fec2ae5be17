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
        guard epochs >= 1 else { throw .epochs(epochs) }
        guard batchSize >= 1, batchSize <= Int(Int32.max) else { throw .batchSize(batchSize) }
        guard random != .numpy || seed <= UInt64(UInt32.max) else { throw .seed(seed) }
        guard learningRate.isFinite, learningRate > 0 else { throw .learningRate(learningRate) }
        guard trainFraction > 0, trainFraction < 1 else { throw .trainFraction(trainFraction) }
    }
}

/// A setting outside its valid range, with its value; the CLI words it with its flag.
public enum SettingsError: Error, Equatable, CustomStringConvertible {
    case epochs(Int)
    case batchSize(Int)
    /// A seed past 32 bits for numpy's generator.
    case seed(UInt64)
    case learningRate(Double)
    case trainFraction(Double)

    /// The value as given.
    public var value: String {
        switch self {
        case let .epochs(value), let .batchSize(value): "\(value)"
        case let .seed(value): "\(value)"
        case let .learningRate(value), let .trainFraction(value): "\(value)"
        }
    }

    /// What the setting takes.
    public var expected: String {
        switch self {
        case .epochs: "an integer ≥ 1"
        case .batchSize: "an integer from 1 to \(Int32.max)"
        case .seed: "an integer from 0 to \(UInt32.max) with numpy's generator (as numpy's RandomState)"
        case .learningRate: "a finite number > 0"
        case .trainFraction: "a number strictly between 0 and 1"
        }
    }

    /// The setting in words.
    public var setting: String {
        switch self {
        case .epochs: "epochs"
        case .batchSize: "batch size"
        case .seed: "seed"
        case .learningRate: "learning rate"
        case .trainFraction: "train fraction"
        }
    }

    public var description: String { "\(setting) \(value) is out of range: expected \(expected)" }
}
