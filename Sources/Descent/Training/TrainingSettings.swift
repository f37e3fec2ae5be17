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

    /// The defaults: the course's run with the standard generator.
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
