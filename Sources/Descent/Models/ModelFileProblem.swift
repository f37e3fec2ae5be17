/// Which part of a model file is wrong, and the values found there
/// (``ModelFileError/invalid(path:problem:)``); ``description`` words it for messages.
public enum ModelFileProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not JSON with `"format": "descent-model"`.
    case notAModelFile
    /// A format version this build does not read (nil: the field is missing).
    case unsupportedVersion(Int?)
    /// JSON that does not decode as a model file. `detail` is the JSON decoder's own description
    /// (Foundation's `DecodingError`, which names the coding path): text, because it is another
    /// library's already-worded error.
    case malformed(detail: String)
    /// A version-1 file of a model kind other than `linear`; `kind` is the file's, as written.
    case unsupportedKind(String)
    /// A version-1 file with `weights` weights for `features` features.
    case weightCount(weights: Int, features: Int)
    /// A parameter or normalisation statistic that is NaN or infinite.
    case nonFinite
    /// A model of `inputs` inputs for `features` features (none at all included).
    case inputCount(inputs: Int, features: Int)
    /// Layer widths outside 1...``ModelFile``'s widest, or too many layers.
    case layerWidths([Int])
    /// More parameters in all than a file may hold.
    case tooManyParameters(Int)
    /// A parameter layout other than the spec's.
    case layoutMismatch
    /// `got` parameters where a model of `kind` and this spec has `expected`.
    case parameterCount(kind: ModelKind, expected: Int, got: Int)
    /// Class names on a regression model.
    case classNamesForRegression
    /// A binary classifier with `count` class names rather than 2.
    case binaryClassNames(count: Int)
    /// A softmax head of `classes` classes with `count` class names.
    case classNames(count: Int, classes: Int)
    /// A head the model kind cannot have.
    case headMismatch(kind: ModelKind)
    /// A Huber delta that is not a finite number above 0.
    case huberDelta(Double)
    /// An mlp without hidden layers.
    case mlpWithoutHiddenLayers
    /// Hidden layers in a model kind that has none.
    case hiddenLayers(kind: ModelKind)
    /// The `"input"` section does not fit the model.
    case input(InputColumnsProblem)
    /// A checkpoint after more epochs than the run has.
    case checkpointEpochs(completed: Int, epochs: Int)
    /// A checkpoint interval below 1.
    case checkpointInterval(Int)
    /// A checkpoint inside an epoch at a step the run cannot be at.
    case checkpointStep(step: Int, epoch: Int, stepsPerEpoch: Int, epochs: Int)
    /// Optimizer state that does not fit `optimizer` over `parameters` parameters (or is not finite).
    case optimizerState(optimizer: OptimizerKind, parameters: Int)

    /// In words, for messages (after the path).
    public var description: String {
        switch self {
        case .notAModelFile: "not a Descent model file (expected JSON with \"format\": \"\(ModelFile.formatName)\")"
        case let .unsupportedVersion(version):
            "format version \(version.map(String.init) ?? "missing"); this descent reads versions 1 and \(ModelFile.currentVersion)"
        case let .malformed(detail): "malformed: \(detail.terminalSafe.elided(to: 300))"
        case let .unsupportedKind(kind): "model kind '\(kind.terminalSafe.elided(to: 40))' is not supported (expected 'linear')"
        case let .weightCount(weights, features): "\(weights) weights for \(features) features"
        case .nonFinite: "holds a value that is not finite"
        case let .inputCount(inputs, features): "a model of \(inputs) inputs for \(features) features"
        case let .layerWidths(widths):
            "layer widths \(widths.prefix(8).map(String.init).joined(separator: ", ")) (expected 1 to \(ModelFile.maxWidth), at most \(ModelFile.maxLayers) layers)"
        case let .tooManyParameters(total): "\(total) parameters (at most \(ModelFile.maxParameters))"
        case .layoutMismatch: "the layout does not match the model's spec"
        case let .parameterCount(kind, expected, got): "\(got) parameters for a \(kind.rawValue) model of \(expected)"
        case .classNamesForRegression: "class names for a regression model"
        case let .binaryClassNames(count): "\(count) class names for a binary classifier (expected 2)"
        case let .classNames(count, classes): "\(count) class names for \(classes) classes"
        case let .headMismatch(kind): "a \(kind.rawValue) model cannot have that output head"
        case let .huberDelta(delta): "Huber delta \(delta) (expected a finite number > 0)"
        case .mlpWithoutHiddenLayers: "an mlp without hidden layers"
        case let .hiddenLayers(kind): "hidden layers in a \(kind.rawValue) model"
        case let .input(problem): "input columns: \(problem)"
        case let .checkpointEpochs(completed, epochs): "checkpoint after \(completed) epochs of \(epochs)"
        case let .checkpointInterval(every): "checkpoint every \(every) epochs (expected ≥ 1)"
        case let .checkpointStep(step, epoch, steps, epochs):
            "checkpoint after step \(step) of epoch \(epoch) (epochs have \(steps) steps, the run \(epochs) epochs)"
        case let .optimizerState(optimizer, parameters): "optimizer state that does not fit \(optimizer.rawValue) over \(parameters) parameters"
        }
    }
}

/// What is wrong with a model file's `"input"` section (``ModelFileProblem/input(_:)``).
public enum InputColumnsProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The columns make `columns` features where the model has `model`, or others.
    case featureMismatch(columns: Int, model: Int)
    /// Column `name` at a `position` outside the widest row a file may describe.
    case position(name: String, position: Int)
    /// A headerless layout of `width` columns with the target at `target` (from 0) that cannot be.
    case headerlessLayout(width: Int, target: Int)
    /// Column `name` at `position`, outside rows of `width` columns or on the target at `target` (from 0).
    case headerlessPosition(name: String, position: Int, width: Int, target: Int)

    /// In words, for messages (after "input columns:").
    public var description: String {
        switch self {
        case let .featureMismatch(columns, model): "they make \(columns) features that do not match the model's \(model)"
        case let .position(name, position): "position \(position) of '\(name.terminalSafe.elided(to: 40))' (expected 0 to \(ModelFile.maxWidth - 1))"
        case let .headerlessLayout(width, target): "a headerless layout of \(width) columns with the target in column \(target + 1)"
        case let .headerlessPosition(name, position, width, target):
            "position \(position) of '\(name.terminalSafe.elided(to: 40))' in rows of \(width) columns, target \(target)"
        }
    }
}
