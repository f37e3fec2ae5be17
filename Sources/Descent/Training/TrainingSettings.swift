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
    /// The fraction of the training rows held out (spread evenly, see ``TrainingData/holdingOut(validationFraction:)``)
    /// to measure a validation loss after every epoch; nil (the course): none.
    public var validationFraction: Double?
    /// Stop when the validation loss has not improved for this many epochs, and keep the best
    /// epoch's parameters; nil (the course): never. Needs ``validationFraction``.
    public var earlyStoppingPatience: Int?
    /// How much early stopping counts as an improvement: a loss below the best by more than this (nil: 0).
    public var minDelta: Double?

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
        if let validationFraction, !(validationFraction > 0 && validationFraction < 1) { throw .validationFraction(validationFraction) }
        if let earlyStoppingPatience, earlyStoppingPatience < 1 { throw .earlyStoppingPatience(earlyStoppingPatience) }
        if let minDelta, !(minDelta >= 0 && minDelta.isFinite) { throw .minDelta(minDelta) }
        if earlyStoppingPatience != nil, validationFraction == nil { throw .earlyStoppingWithoutValidation }
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
    case validationFraction(Double)
    case earlyStoppingPatience(Int)
    case minDelta(Double)
    /// Early stopping asked for without a validation split to watch.
    case earlyStoppingWithoutValidation

    /// The value as given.
    public var value: String {
        switch self {
        case let .epochs(value), let .batchSize(value), let .earlyStoppingPatience(value): "\(value)"
        case .earlyStoppingWithoutValidation: "without a validation fraction"
        case let .seed(value): "\(value)"
        case let .learningRate(value), let .trainFraction(value), let .validationFraction(value), let .minDelta(value): "\(value)"
        }
    }

    /// What the setting takes.
    public var expected: String {
        switch self {
        case .epochs: "an integer ≥ 1"
        case .batchSize: "an integer from 1 to \(Int32.max)"
        case .seed: "an integer from 0 to \(UInt32.max) with numpy's generator (as numpy's RandomState)"
        case .learningRate: "a finite number > 0"
        case .trainFraction, .validationFraction: "a number strictly between 0 and 1"
        case .earlyStoppingPatience: "an integer ≥ 1"
        case .minDelta: "a finite number ≥ 0"
        case .earlyStoppingWithoutValidation: "a validation fraction to watch"
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
        case .validationFraction: "validation fraction"
        case .earlyStoppingPatience: "early-stopping patience"
        case .minDelta: "minimum delta"
        case .earlyStoppingWithoutValidation: "early stopping"
        }
    }

    public var description: String {
        if case .earlyStoppingWithoutValidation = self { return "early stopping needs a validation fraction to watch" }
        return "\(setting) \(value) is out of range: expected \(expected)"
    }
}
