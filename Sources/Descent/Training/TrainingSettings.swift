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
    /// The update rule; nil: plain SGD (the course's). Optional so that files without it load
    /// and the course's files stay as they were.
    public var optimizer: UpdateRule?
    /// The learning-rate schedule; nil: constant.
    public var schedule: LearningRateSchedule?
    /// The fraction of the training rows held out (spread evenly, see ``TrainingData/holdingOut(validationFraction:)``)
    /// to measure a validation loss after every epoch; nil (the course): none.
    public var validationFraction: Double?
    /// Stop when the validation loss has not improved for this many epochs, and keep the best
    /// epoch's parameters; nil (the course): never. Needs ``validationFraction``.
    public var earlyStoppingPatience: Int?
    /// How much early stopping counts as an improvement: a loss below the best by more than this (nil: 0).
    public var minDelta: Double?

    public init() {}

    /// The update rule in force: ``optimizer``, or plain SGD.
    public var updateRule: UpdateRule { optimizer ?? .sgd }
    /// The schedule in force: ``schedule``, or constant.
    public var learningRateSchedule: LearningRateSchedule { schedule ?? .constant }

    /// The ridge penalty λ of ``LeastSquares/solve(_:ridge:shouldStop:)`` whose optimum the run's
    /// L2 penalty aims at: `l2` over the gradient convention's factor (the exact gradient is twice
    /// the course's, so the same `l2` weighs half as much against it).
    public var ridge: Double { updateRule.l2 / gradient.factor }

    /// The learning rate in force in `epoch`: the schedule's, from ``learningRate``.
    public func learningRate(epoch: Int) -> Double {
        learningRateSchedule.rate(base: learningRate, epoch: epoch, epochs: epochs)
    }

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
        try updateRule.validate()
        try learningRateSchedule.validate()
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
    // The update rule's (``UpdateRule/validate()``) and the schedule's.
    case momentum(Double), beta1(Double), beta2(Double), epsilon(Double), l2(Double), l1(Double), weightDecay(Double)
    /// Weight decay given for a rule other than AdamW.
    case weightDecayNeedsAdamW(Double)
    case lrStepEpochs(Int), lrGamma(Double), warmupEpochs(Int)
    case validationFraction(Double)
    case earlyStoppingPatience(Int)
    case minDelta(Double)
    /// Early stopping asked for without a validation split to watch.
    case earlyStoppingWithoutValidation

    /// The value as given.
    public var value: String {
        switch self {
        case let .epochs(value), let .batchSize(value), let .lrStepEpochs(value), let .warmupEpochs(value), let .earlyStoppingPatience(value): "\(value)"
        case .earlyStoppingWithoutValidation: "without a validation fraction"
        case let .seed(value): "\(value)"
        case let .learningRate(value), let .trainFraction(value), let .momentum(value), let .beta1(value), let .beta2(value),
             let .epsilon(value), let .l2(value), let .l1(value), let .weightDecay(value), let .weightDecayNeedsAdamW(value),
             let .lrGamma(value), let .validationFraction(value), let .minDelta(value): "\(value)"
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
        case .momentum, .beta1, .beta2: "a number from 0 up to, not including, 1"
        case .epsilon: "a finite number > 0"
        case .l2, .l1: "a finite number ≥ 0"
        case .weightDecay: "a number from 0 up to, not including, 1"
        case .weightDecayNeedsAdamW: "0 unless the optimizer is adamw (decoupled decay); use the L2 penalty with other optimizers"
        case .lrStepEpochs: "an integer ≥ 1"
        case .lrGamma: "a number > 0 and ≤ 1"
        case .warmupEpochs: "an integer ≥ 0"
        case .validationFraction: "a number strictly between 0 and 1"
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
        case .momentum: "momentum"
        case .beta1: "beta1"
        case .beta2: "beta2"
        case .epsilon: "epsilon"
        case .l2: "L2 penalty"
        case .l1: "L1 penalty"
        case .weightDecay, .weightDecayNeedsAdamW: "weight decay"
        case .lrStepEpochs: "learning-rate step epochs"
        case .lrGamma: "learning-rate gamma"
        case .warmupEpochs: "warmup epochs"
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
