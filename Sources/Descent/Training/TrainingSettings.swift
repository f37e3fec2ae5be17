/// Everything that decides a training run's numbers. The defaults are the course's run.
public struct TrainingSettings: Codable, Equatable, Sendable {
    /// Passes over the training rows.
    public var epochs = 50
    /// Rows per gradient step (the last batch of an epoch may be shorter).
    public var batchSize = 100
    /// The step size η.
    public var learningRate = 0.1
    /// The fraction of rows, from the top of the file, that train; the rest test.
    public var trainFraction = 0.8
    /// The seed of every random draw (initial parameters and shuffles).
    public var seed: UInt64 = 0
    /// The generator: numpy-compatible MT19937 or xoshiro256**.
    public var random = RandomKind.standard
    /// Which gradient the linear model follows.
    public var gradient = GradientConvention.course

    /// The defaults: the course's run with the standard generator.
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

/// A setting outside its valid range: which setting (``setting``), the value it was given (the
/// case's payload, and ``number``) and the values it takes (``range``). The CLI words it with its flag.
public enum SettingsError: Error, Equatable, CustomStringConvertible {
    /// Epochs below 1.
    case epochs(Int)
    /// A batch size outside 1…2³¹−1.
    case batchSize(Int)
    /// A seed past 32 bits for numpy's generator.
    case seed(UInt64)
    /// A learning rate that is not a finite number above 0.
    case learningRate(Double)
    /// A train fraction not strictly between 0 and 1.
    case trainFraction(Double)

    /// The settings that ``TrainingSettings/validate()`` checks, by name.
    public enum Setting: String, CaseIterable, Sendable {
        /// ``TrainingSettings/epochs``.
        case epochs
        /// ``TrainingSettings/batchSize``.
        case batchSize
        /// ``TrainingSettings/seed``.
        case seed
        /// ``TrainingSettings/learningRate``.
        case learningRate
        /// ``TrainingSettings/trainFraction``.
        case trainFraction

        /// The setting in words: "batch size".
        public var words: String {
            switch self {
            case .epochs: "epochs"
            case .batchSize: "batch size"
            case .seed: "seed"
            case .learningRate: "learning rate"
            case .trainFraction: "train fraction"
            }
        }
    }

    /// Which setting is out of range.
    public var setting: Setting {
        switch self {
        case .epochs: .epochs
        case .batchSize: .batchSize
        case .seed: .seed
        case .learningRate: .learningRate
        case .trainFraction: .trainFraction
        }
    }

    /// The value as given, as a number (a seed past 2⁵³ rounds to the nearest `Double`).
    public var number: Double {
        switch self {
        case let .epochs(value), let .batchSize(value): Double(value)
        case let .seed(value): Double(value)
        case let .learningRate(value), let .trainFraction(value): value
        }
    }

    /// The values the setting takes.
    public var range: SettingRange {
        switch self {
        case .epochs: SettingRange(integersFrom: 1)
        case .batchSize: SettingRange(integersFrom: 1, through: Double(Int32.max))
        case .seed: SettingRange(integersFrom: 0, through: Double(UInt32.max))
        case .learningRate: SettingRange(above: 0)
        case .trainFraction: SettingRange(above: 0, below: 1)
        }
    }

    /// The value as given.
    public var value: String {
        switch self {
        case let .epochs(value), let .batchSize(value): "\(value)"
        case let .seed(value): "\(value)"
        case let .learningRate(value), let .trainFraction(value): "\(value)"
        }
    }

    /// What the setting takes, in words.
    public var expected: String {
        if case .seed = self { return "\(range) with numpy's generator (as numpy's RandomState)" }
        return range.description
    }

    /// In words, for messages.
    public var description: String { "\(setting.words) \(value) is out of range: expected \(expected)" }
}
