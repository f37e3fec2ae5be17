import Descent
import DescentOpenCL

/// The core's typed errors in the command line's words: the core names settings and values, the
/// CLI the flags that set them.

/// ``SettingsError`` as `--flag value is out of range: expected …`.
func worded(_ error: SettingsError) -> String {
    let flag = switch error.setting {
    case .epochs: "--epochs"
    case .batchSize: "--batch-size"
    case .seed: "--seed"
    case .learningRate: "--learning-rate"
    case .trainFraction: "--split"
    }
    let expected = if case .seed = error { "an integer from 0 to \(UInt32.max) with --rng numpy (as numpy's RandomState)" } else { error.expected }
    return "\(flag) \(error.value) is out of range: expected \(expected)"
}

/// ``DataError``: the target column and the split by their flags.
func worded(_ error: DataError) -> String {
    switch error {
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
