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
    /// A momentum outside [0, 1).
    case momentum(Double)
    /// Adam's β₁ outside [0, 1).
    case beta1(Double)
    /// Adam's β₂ outside [0, 1).
    case beta2(Double)
    /// Adam's ε that is not a finite number above 0.
    case epsilon(Double)
    /// An L2 penalty below 0 or not finite.
    case l2(Double)
    /// An L1 penalty below 0 or not finite.
    case l1(Double)
    /// AdamW's decoupled weight decay outside [0, 1).
    case weightDecay(Double)
    /// Weight decay given for a rule other than AdamW.
    case weightDecayNeedsAdamW(Double)
    /// A step schedule's period below 1 epoch.
    case lrStepEpochs(Int)
    /// A schedule's decay factor outside (0, 1].
    case lrGamma(Double)
    /// Warmup epochs below 0.
    case warmupEpochs(Int)
    /// A validation fraction not strictly between 0 and 1.
    case validationFraction(Double)
    /// Early-stopping patience below 1 epoch.
    case earlyStoppingPatience(Int)
    /// A minimum improvement below 0 or not finite.
    case minDelta(Double)
    /// Early stopping asked for without a validation split to watch.
    case earlyStoppingWithoutValidation
    /// Rows per chunk of a chunk shuffle outside 1…2³¹−1 (``ChunkPlan``).
    case chunkRows(Int)
    /// Chunks per shuffle buffer outside 1…2³¹−1 (``ChunkPlan``).
    case shuffleBuffer(Int)
    /// A chunk size given with the exact row shuffle, which reads all rows at random and has no chunks.
    case chunkRowsNeedChunkShuffle(Int)

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
        /// ``UpdateRule/momentum``.
        case momentum
        /// ``UpdateRule/beta1``.
        case beta1
        /// ``UpdateRule/beta2``.
        case beta2
        /// ``UpdateRule/epsilon``.
        case epsilon
        /// ``UpdateRule/l2``.
        case l2
        /// ``UpdateRule/l1``.
        case l1
        /// ``UpdateRule/weightDecay``.
        case weightDecay
        /// The step schedule's period in epochs.
        case lrStepEpochs
        /// The schedule's decay factor.
        case lrGamma
        /// The schedule's warmup epochs.
        case warmupEpochs
        /// ``TrainingSettings/validationFraction``.
        case validationFraction
        /// ``TrainingSettings/earlyStoppingPatience``.
        case earlyStoppingPatience
        /// ``TrainingSettings/minDelta``.
        case minDelta
        /// ``ChunkPlan/rowsPerChunk``.
        case chunkRows
        /// ``ChunkPlan/bufferChunks``.
        case shuffleBuffer

        /// The setting in words: "batch size".
        public var words: String {
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
            case .weightDecay: "weight decay"
            case .lrStepEpochs: "learning-rate step epochs"
            case .lrGamma: "learning-rate gamma"
            case .warmupEpochs: "warmup epochs"
            case .validationFraction: "validation fraction"
            case .earlyStoppingPatience: "early-stopping patience"
            case .minDelta: "minimum delta"
            case .chunkRows: "rows per chunk"
            case .shuffleBuffer: "shuffle buffer"
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
        case .momentum: .momentum
        case .beta1: .beta1
        case .beta2: .beta2
        case .epsilon: .epsilon
        case .l2: .l2
        case .l1: .l1
        case .weightDecay, .weightDecayNeedsAdamW: .weightDecay
        case .lrStepEpochs: .lrStepEpochs
        case .lrGamma: .lrGamma
        case .warmupEpochs: .warmupEpochs
        case .validationFraction: .validationFraction
        case .earlyStoppingPatience, .earlyStoppingWithoutValidation: .earlyStoppingPatience
        case .minDelta: .minDelta
        case .chunkRows, .chunkRowsNeedChunkShuffle: .chunkRows
        case .shuffleBuffer: .shuffleBuffer
        }
    }

    /// The value as given, as a number (a seed past 2⁵³ rounds to the nearest `Double`; NaN for
    /// ``earlyStoppingWithoutValidation``, which has none).
    public var number: Double {
        switch self {
        case let .epochs(value), let .batchSize(value), let .lrStepEpochs(value), let .warmupEpochs(value),
             let .earlyStoppingPatience(value), let .chunkRows(value), let .shuffleBuffer(value),
             let .chunkRowsNeedChunkShuffle(value): Double(value)
        case let .seed(value): Double(value)
        case let .learningRate(value), let .trainFraction(value), let .momentum(value), let .beta1(value), let .beta2(value),
             let .epsilon(value), let .l2(value), let .l1(value), let .weightDecay(value), let .weightDecayNeedsAdamW(value),
             let .lrGamma(value), let .validationFraction(value), let .minDelta(value): value
        case .earlyStoppingWithoutValidation: .nan
        }
    }

    /// The values the setting takes.
    public var range: SettingRange {
        switch self {
        case .epochs, .lrStepEpochs, .earlyStoppingPatience, .earlyStoppingWithoutValidation: SettingRange(integersFrom: 1)
        case .batchSize, .chunkRows, .shuffleBuffer, .chunkRowsNeedChunkShuffle: SettingRange(integersFrom: 1, through: Double(Int32.max))
        case .seed: SettingRange(integersFrom: 0, through: Double(UInt32.max))
        case .learningRate, .epsilon: SettingRange(above: 0)
        case .trainFraction, .validationFraction: SettingRange(above: 0, below: 1)
        case .momentum, .beta1, .beta2, .weightDecay:
            SettingRange(lower: 0, includesLower: true, upper: 1, includesUpper: false, integers: false)
        case .weightDecayNeedsAdamW: SettingRange(lower: 0, includesLower: true, upper: 0, includesUpper: true, integers: false)
        case .l2, .l1, .minDelta: SettingRange(lower: 0, includesLower: true, upper: nil, includesUpper: false, integers: false)
        case .lrGamma: SettingRange(lower: 0, includesLower: false, upper: 1, includesUpper: true, integers: false)
        case .warmupEpochs: SettingRange(integersFrom: 0)
        }
    }

    /// The value as given.
    public var value: String {
        switch self {
        case let .epochs(value), let .batchSize(value), let .lrStepEpochs(value), let .warmupEpochs(value), let .earlyStoppingPatience(value): "\(value)"
        case let .chunkRows(value), let .shuffleBuffer(value), let .chunkRowsNeedChunkShuffle(value): "\(value)"
        case .earlyStoppingWithoutValidation: "without a validation fraction"
        case let .seed(value): "\(value)"
        case let .learningRate(value), let .trainFraction(value), let .momentum(value), let .beta1(value), let .beta2(value),
             let .epsilon(value), let .l2(value), let .l1(value), let .weightDecay(value), let .weightDecayNeedsAdamW(value),
             let .lrGamma(value), let .validationFraction(value), let .minDelta(value): "\(value)"
        }
    }

    /// What the setting takes, in words.
    public var expected: String {
        switch self {
        case .seed: "\(range) with numpy's generator (as numpy's RandomState)"
        case .weightDecayNeedsAdamW: "0 unless the optimizer is adamw (decoupled decay); use the L2 penalty with other optimizers"
        case .earlyStoppingWithoutValidation: "a validation fraction to watch"
        case .chunkRowsNeedChunkShuffle: "no chunk size with the exact row shuffle; chunks apply to the chunk shuffle"
        default: range.description
        }
    }

    /// In words, for messages.
    public var description: String {
        if case .earlyStoppingWithoutValidation = self { return "early stopping needs a validation fraction to watch" }
        return "\(setting.words) \(value) is out of range: expected \(expected)"
    }
}
