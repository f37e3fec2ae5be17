import Descent
import DescentOpenCL

/// The core's typed errors in the command line's words: the core names settings and values, the
/// CLI the flags that set them.

/// ``SettingsError`` as `--flag value is out of range: expected …`.
func worded(_ error: SettingsError) -> String {
    if case .earlyStoppingWithoutValidation = error { return "--early-stopping needs --validation FRACTION (the rows whose loss it watches)" }
    if case let .chunkRowsNeedChunkShuffle(rows) = error {
        return "--chunk-rows \(rows) applies to --shuffle chunks, not --shuffle rows (the exact permutation of all rows has no chunks); drop one of them"
    }
    let flag = switch error.setting {
    case .epochs: "--epochs"
    case .batchSize: "--batch-size"
    case .seed: "--seed"
    case .learningRate: "--learning-rate"
    case .trainFraction: "--split"
    case .momentum: "--momentum"
    case .beta1: "--beta1"
    case .beta2: "--beta2"
    case .epsilon: "--epsilon"
    case .l2: "--l2"
    case .l1: "--l1"
    case .weightDecay: "--weight-decay"
    case .lrStepEpochs: "--lr-step-epochs"
    case .lrGamma: "--lr-gamma"
    case .warmupEpochs: "--warmup-epochs"
    case .validationFraction: "--validation"
    case .earlyStoppingPatience: "--early-stopping"
    case .minDelta: "--min-delta"
    case .chunkRows: "--chunk-rows"
    case .shuffleBuffer: "--shuffle-buffer"
    }
    let expected = switch error {
    case .seed: "an integer from 0 to \(UInt32.max) with --rng numpy (as numpy's RandomState)"
    case .weightDecayNeedsAdamW: "0 unless --optimizer adamw (decoupled decay); use --l2 with other optimizers"
    default: error.expected
    }
    return "\(flag) \(error.value) is out of range: expected \(expected)"
}

/// ``DataError``: the target column, the split and the data file by their flags.
func worded(_ error: DataError) -> String {
    switch error {
    case let .unreadable(source, .standardInput(.terminal)):
        "\(source): cannot read the file: it is a terminal: pipe the rows in (descent train --data - < rows.csv) or give a file with --data"
    case let .unknownTarget(source, name, available):
        "\(source): no column named '\(name.terminalSafe.elided(to: 40))' for --target (columns: \(elidedList(available)))"
    case .emptySplit:
        error.description.replacingFirst("a train fraction of", with: "--split")
    default:
        error.description
    }
}

/// ``OpenCLError`` with the command line's advice: `--backend cpu`, `descent devices`.
func worded(_ error: OpenCLError) -> String {
    let what = "\(error.call): \(error.statusName)" + (error.context.map { " (\($0))" } ?? "")
    if error.isOutOfResources { return what + ": the device ran out of memory or resources; try a smaller data set or --batch-size, or --backend cpu" }
    if error.status == -61 { return what + ": a buffer is larger than the device's maximum allocation (see `descent devices`)" }  // CL_INVALID_BUFFER_SIZE
    return error.description
}

extension String {
    /// `self` with the first `prefix`, when it starts with it, replaced by `replacement`.
    func replacingFirst(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}

/// ``ValidationSplitError`` by its flag.
func worded(_ error: ValidationSplitError) -> String {
    "--validation \(error.fraction) holds out \(error.held) of the \(error.rows) training rows: at least 1 must be held out and 1 must train"
}
