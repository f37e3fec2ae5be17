import Foundation

/// A trained model as saved on disk: one JSON document, versioned, self-contained for inference.
///
/// Version 2 (written since models beyond the line):
/// ```json
/// { "format": "descent-model", "version": 2,
///   "spec": { "kind": "mlp", "inputs": 13, "hidden": [64], "activation": "relu", "head": { "loss": "mse", "gradient": "course" } },
///   "layout": { "tensors": [{ "name": "layer0.weight", "shape": [64, 13], "offset": 0, "count": 832 }, ...], "count": 961 },
///   "parameters": [...],
///   "normalization": { "features": [{ "name": "CRIM", "mean": 3.6, "minimum": 0.006, "maximum": 88.9 }, ...],
///                      "target": { "name": "MEDV", ... } },
///   "classNames": ["benign", "malignant"],            // classification only
///   "targetUnit": { "multiplier": 1000, "prefix": "$" },
///   "training": { "settings": {...}, "data": "...", "backend": "opencl", "device": "...", "summary": {...} } }
/// ```
/// Version 1 files (`"model": { "kind": "linear", "weights": [...], "bias": b }`) still load, as
/// the linear model with the course's head.
///
/// Inference: normalise the features, run the spec's forward pass on the flat parameters; a
/// regression output is denormalised into the target's file units (``TargetUnit`` turns that
/// into what people read), a classifier's are class probabilities.
public struct ModelFile: Codable, Equatable, Sendable {
    /// The `format` field every model file carries.
    public static let formatName = "descent-model"
    /// The version this library writes.
    public static let currentVersion = 2

    /// Where and how the model was trained.
    public struct Provenance: Codable, Equatable, Sendable {
        /// The data file trained on, as given.
        public var data: String
        /// Rows in the training part of the split.
        public var trainRows: Int
        /// Rows in the test part of the split.
        public var testRows: Int
        /// The settings of the run.
        public var settings: TrainingSettings
        /// The backend's ``TrainingBackend/name``.
        public var backend: String
        /// The backend's ``TrainingBackend/deviceDescription``.
        public var device: String
        /// The regression summary (absent for classifiers).
        public var summary: TrainingSummary?
        /// The classification summary (absent for regression).
        public var classification: ClassificationSummary?
        /// When the file was written (ISO 8601).
        public var createdAt: String

        /// Provenance as `descent train` records it.
        public init(data: String, trainRows: Int, testRows: Int, settings: TrainingSettings, backend: String,
                    device: String, summary: TrainingSummary?, classification: ClassificationSummary? = nil, createdAt: String) {
            self.data = data
            self.trainRows = trainRows
            self.testRows = testRows
            self.settings = settings
            self.backend = backend
            self.device = device
            self.summary = summary
            self.classification = classification
            self.createdAt = createdAt
        }
    }

    /// Present in a checkpoint (`descent train --checkpoint`): how far the run got.
    /// Fields added later are optional, so older checkpoints still load (and resume unchecked).
    public struct Checkpoint: Codable, Equatable, Sendable {
        /// Epochs finished.
        public var completedEpochs: Int
        /// Steps of the next epoch already taken, when a stop request stopped the run mid-epoch; absent: 0.
        public var completedSteps: Int?
        /// Epochs between checkpoints, which a resumed run keeps.
        public var every: Int?
        /// ``TrainingData/fingerprint`` of the training rows: a resumed run must train on the same
        /// rows in the same order, or its results silently change.
        public var trainRowsHash: String?
        /// The update rule's state (moments, step count); absent for plain SGD, which keeps none.
        public var optimizerState: OptimizerState?
        /// Early stopping's best-so-far (`--early-stopping`), so a resumed run stops at the same epoch.
        public var earlyStopping: EarlyStoppingState?

        /// A checkpoint after `completedEpochs` epochs and `completedSteps` steps of the next.
        public init(completedEpochs: Int, completedSteps: Int = 0, every: Int? = nil, trainRowsHash: String? = nil,
                    optimizerState: OptimizerState? = nil) {
            self.completedEpochs = completedEpochs
            self.completedSteps = completedSteps == 0 ? nil : completedSteps
            self.every = every
            self.trainRowsHash = trainRowsHash
            self.optimizerState = optimizerState
        }
    }

    /// Always ``formatName``.
    public var format = formatName
    /// The file format's version.
    public var version = currentVersion
    /// The model's architecture.
    public var spec: ModelSpec
    /// How ``parameters`` is laid out.
    public var layout: ParameterLayout
    /// The flat parameters, in ``layout``.
    public var parameters: [Double]
    /// The training rows' statistics, which inference normalises with.
    public var normalization: Normalization
    /// The classes, in index order, for a classifier; nil for regression.
    public var classNames: [String]?
    /// How a regression prediction is shown.
    public var targetUnit: TargetUnit
    /// Where and how the model was trained; nil for a model made in code.
    public var training: Provenance?
    /// Present in a checkpoint: how far the run got.
    public var checkpoint: Checkpoint?
    /// How the data file's columns became the features (absent in files from before it: the
    /// features are then the file's columns by name, or in order).
    public var input: TableEncoding?

    /// A model file for any spec: its flat `parameters` in ``ParameterLayout`` order.
    public init(spec: ModelSpec, parameters: [Double], normalization: Normalization, classNames: [String]? = nil,
                targetUnit: TargetUnit, training: Provenance?) {
        self.spec = spec
        layout = ParameterLayout(spec: spec)
        self.parameters = parameters
        self.normalization = normalization
        self.classNames = classNames.flatMap { $0.isEmpty ? nil : $0 }
        self.targetUnit = targetUnit
        self.training = training
    }

    /// The course's linear model.
    public init(model: LinearModel, normalization: Normalization, targetUnit: TargetUnit, training: Provenance?) {
        self.init(spec: .linear(inputs: model.weights.count, gradient: training?.settings.gradient ?? .course),
                  parameters: model.flat, normalization: normalization, targetUnit: targetUnit, training: training)
    }

    /// The parameters read as a linear model (`(w…, b)`); meaningful for the linear kind.
    public var linearModel: LinearModel { LinearModel(flat: parameters) }
    /// The features a row to predict from holds, in order.
    public var featureNames: [String] { normalization.features.map(\.name) }
    /// Regression or classification, from the head.
    public var task: LearningTask { spec.head.task }

    // MARK: Reading and writing

    /// Writes the model atomically: a temporary file beside `path`, flushed to disk, then renamed
    /// over `path`, so a reader (or a crash) sees the old file or the new one, never a part.
    public func write(to path: String) throws(ModelFileError) {
        try check(path: path)  // never write a file that reading would refuse (a NaN weight, say)
        do { try AtomicFile.writeJSON(self, to: path) } catch { throw .unwritable(path: path, problem: error.problem) }
    }

    /// Reads and checks a model file: format, version, shapes, finite values.
    public static func read(from path: String) throws(ModelFileError) -> ModelFile {
        if let problem = FileKind.problem(path: path) { throw .unreadable(path: path, cause: .file(problem)) }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, cause: FileManager.default.fileExists(atPath: path) ? .permissionDenied : .file(.missing))
        }
        return try decode(bytes, path: path)
    }

    /// Decodes and checks the contents of a model file (or checkpoint) named `path` in messages.
    public static func decode(_ bytes: Data, path: String) throws(ModelFileError) -> ModelFile {
        struct Header: Decodable { var format: String?; var version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: bytes), header.format == formatName else {
            throw .invalid(path: path, problem: .notAModelFile)
        }
        guard header.version == 1 || header.version == currentVersion else {
            throw .invalid(path: path, problem: .unsupportedVersion(header.version))
        }
        let file: ModelFile
        let decoder = JSONDecoder()  // files from before null metrics stored an infinite MSE as "inf"
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            file = header.version == 1 ? try ModelFileVersion1.decode(bytes, decoder: decoder, path: path)
                : try decoder.decode(ModelFile.self, from: bytes)
        } catch let error as ModelFileError {
            throw error
        } catch {
            throw .invalid(path: path, problem: .malformed(detail: String(describing: error)))
        }
        try file.check(path: path)
        return file
    }

    func check(path: String) throws(ModelFileError) {
        try checkShape(path: path)
        if let input { try input.check(featureNames: featureNames, path: path) }
        let statistics = normalization.features + [normalization.target]
        let numbers = parameters + statistics.flatMap { [$0.mean, $0.minimum, $0.maximum] }
        guard numbers.allSatisfy(\.isFinite) else { throw .invalid(path: path, problem: .nonFinite) }
        if let settings = training?.settings {
            do { try settings.validate() } catch { throw .settings(path: path, error) }
        }
        if let checkpoint {
            let epochs = training?.settings.epochs ?? 0
            let steps = training.map { $0.settings.stepsPerEpoch(rows: max($0.trainRows, 0)) } ?? 0
            guard (0...epochs).contains(checkpoint.completedEpochs) else {
                throw .invalid(path: path, problem: .checkpointEpochs(completed: checkpoint.completedEpochs, epochs: epochs))
            }
            if let every = checkpoint.every, every < 1 { throw .invalid(path: path, problem: .checkpointInterval(every)) }
            let step = checkpoint.completedSteps ?? 0
            guard step == 0 || (checkpoint.completedEpochs < epochs && step >= 1 && step < steps) else {
                throw .invalid(path: path, problem: .checkpointStep(step: step, epoch: checkpoint.completedEpochs, stepsPerEpoch: steps, epochs: epochs))
            }
            if let state = checkpoint.optimizerState {
                let rule = training?.settings.updateRule ?? .sgd
                guard state.fits(rule, count: parameters.count), (state.first + state.second).allSatisfy(\.isFinite) else {
                    throw .invalid(path: path, problem: .optimizerState(optimizer: rule.kind, parameters: parameters.count))
                }
            }
        }
    }
}

/// Why a model file could not be read or written.
public enum ModelFileError: Error, Equatable, CustomStringConvertible {
    /// The file cannot be read (missing, a directory, no permission): `cause` says why.
    case unreadable(path: String, cause: UnreadableCause)
    /// The file cannot be written: `problem` says why.
    case unwritable(path: String, problem: WriteProblem)
    /// The file is not a valid model file: `problem` says which part and holds what was found.
    case invalid(path: String, problem: ModelFileProblem)
    /// The training settings recorded in the file are out of range.
    case settings(path: String, SettingsError)

    /// In words, for messages.
    public var description: String {
        switch self {
        case let .unreadable(path, cause): "\(path): cannot read the model file: \(cause)"
        case let .unwritable(path, problem): "\(path): cannot write the model file: \(problem)"
        case let .invalid(path, problem): "\(path): \(problem)"
        case let .settings(path, error): "\(path): training settings: \(error)"
        }
    }
}
