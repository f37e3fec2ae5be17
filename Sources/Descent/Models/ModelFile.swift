import Foundation

/// A trained model as saved on disk: one JSON document, versioned, self-contained for inference.
///
/// ```json
/// { "format": "descent-model", "version": 1,
///   "model": { "kind": "linear", "weights": [...], "bias": 0.1 },
///   "normalization": { "features": [{ "name": "CRIM", "mean": 3.6, "minimum": 0.006, "maximum": 88.9 }, ...],
///                      "target": { "name": "MEDV", ... } },
///   "targetUnit": { "multiplier": 1000, "prefix": "$" },
///   "training": { "settings": {...}, "data": "...", "backend": "opencl", "device": "...", "summary": {...} } }
/// ```
/// Inference is `target.denormalize(model(normalize(features)))`: a raw feature row in, the target
/// in its file's units out; ``TargetUnit`` turns that into what people read.
public struct ModelFile: Codable, Equatable, Sendable {
    public static let formatName = "descent-model"
    public static let currentVersion = 1

    public struct Model: Codable, Equatable, Sendable {
        /// `linear` today; later kinds (`mlp`) add their own fields.
        public var kind = "linear"
        public var weights: [Double]
        public var bias: Double
    }

    /// Where and how the model was trained.
    public struct Provenance: Codable, Equatable, Sendable {
        public var data: String
        public var trainRows: Int
        public var testRows: Int
        public var settings: TrainingSettings
        public var backend: String
        public var device: String
        public var summary: TrainingSummary?
        public var createdAt: String

        public init(data: String, trainRows: Int, testRows: Int, settings: TrainingSettings, backend: String,
                    device: String, summary: TrainingSummary?, createdAt: String) {
            self.data = data
            self.trainRows = trainRows
            self.testRows = testRows
            self.settings = settings
            self.backend = backend
            self.device = device
            self.summary = summary
            self.createdAt = createdAt
        }
    }

    /// Present in a checkpoint (`descent train --checkpoint`): how far the run got.
    /// Fields added later are optional, so older checkpoints still load (and resume unchecked).
    public struct Checkpoint: Codable, Equatable, Sendable {
        public var completedEpochs: Int
        /// Steps of the next epoch already taken, when Ctrl-C stopped the run mid-epoch; absent: 0.
        public var completedSteps: Int?
        /// Epochs between checkpoints (`--checkpoint-every`), which a resumed run keeps.
        public var every: Int?
        /// ``RegressionData/fingerprint`` of the training rows: a resumed run must train on the same
        /// rows in the same order, or its results silently change.
        public var trainRowsHash: String?

        public init(completedEpochs: Int, completedSteps: Int = 0, every: Int? = nil, trainRowsHash: String? = nil) {
            self.completedEpochs = completedEpochs
            self.completedSteps = completedSteps == 0 ? nil : completedSteps
            self.every = every
            self.trainRowsHash = trainRowsHash
        }
    }

    public var format = formatName
    public var version = currentVersion
    public var model: Model
    public var normalization: Normalization
    public var targetUnit: TargetUnit
    public var training: Provenance?
    public var checkpoint: Checkpoint?

    public init(model: LinearModel, normalization: Normalization, targetUnit: TargetUnit, training: Provenance?) {
        self.model = Model(weights: model.weights, bias: model.bias)
        self.normalization = normalization
        self.targetUnit = targetUnit
        self.training = training
    }

    public var linearModel: LinearModel { LinearModel(weights: model.weights, bias: model.bias) }
    public var featureNames: [String] { normalization.features.map(\.name) }

    /// The prediction for one raw (unnormalised) feature row, in the target's file units.
    public func predict(rawFeatures: some Collection<Double>) -> Double {
        normalization.target.denormalize(linearModel.predict(normalization.normalizeFeatures(rawFeatures)))
    }

    // MARK: Reading and writing

    /// Writes the model atomically: a temporary file beside `path`, flushed to disk, then renamed
    /// over `path`, so a reader (or a crash) sees the old file or the new one, never a part.
    public func write(to path: String) throws(ModelFileError) {
        try check(path: path)  // never write a file that reading would refuse (a NaN weight, say)
        do { try AtomicFile.writeJSON(self, to: path) } catch { throw .unwritable(path: path, reason: error.reason) }
    }

    /// Reads and checks a model file: format, version, shapes, finite values.
    public static func read(from path: String) throws(ModelFileError) -> ModelFile {
        if let problem = FileKind.problem(path: path) { throw .unreadable(path: path, reason: problem) }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: FileManager.default.fileExists(atPath: path) ? "permission denied or a directory" : "no such file")
        }
        return try decode(bytes, path: path)
    }

    /// Decodes and checks the contents of a model file (or checkpoint) named `path` in messages.
    public static func decode(_ bytes: Data, path: String) throws(ModelFileError) -> ModelFile {
        struct Header: Decodable { var format: String?; var version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: bytes), header.format == formatName else {
            throw .invalid(path: path, reason: "not a Descent model file (expected JSON with \"format\": \"\(formatName)\")")
        }
        guard header.version == currentVersion else {
            throw .invalid(path: path, reason: "format version \(header.version.map(String.init) ?? "missing"); this descent reads version \(currentVersion)")
        }
        let file: ModelFile
        let decoder = JSONDecoder()  // files from before null metrics stored an infinite MSE as "inf"
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { file = try decoder.decode(ModelFile.self, from: bytes) } catch {
            throw .invalid(path: path, reason: "malformed: \(String(describing: error).terminalSafe.elided(to: 300))")
        }
        try file.check(path: path)
        return file
    }

    private func check(path: String) throws(ModelFileError) {
        guard model.kind == "linear" else { throw .invalid(path: path, reason: "model kind '\(model.kind.terminalSafe.elided(to: 40))' is not supported (expected 'linear')") }
        guard model.weights.count == normalization.features.count, !model.weights.isEmpty else {
            throw .invalid(path: path, reason: "\(model.weights.count) weights for \(normalization.features.count) features")
        }
        let statistics = normalization.features + [normalization.target]
        let numbers = model.weights + [model.bias] + statistics.flatMap { [$0.mean, $0.minimum, $0.maximum] }
        guard numbers.allSatisfy(\.isFinite) else { throw .invalid(path: path, reason: "holds a value that is not finite") }
        if let settings = training?.settings {
            do { try settings.validate() } catch { throw .invalid(path: path, reason: "training settings: \(error)") }
        }
        if let checkpoint {
            let epochs = training?.settings.epochs ?? 0
            let steps = training.map { $0.settings.stepsPerEpoch(rows: max($0.trainRows, 0)) } ?? 0
            guard (0...epochs).contains(checkpoint.completedEpochs) else {
                throw .invalid(path: path, reason: "checkpoint after \(checkpoint.completedEpochs) epochs of \(epochs)")
            }
            if let every = checkpoint.every, every < 1 { throw .invalid(path: path, reason: "checkpoint every \(every) epochs (expected ≥ 1)") }
            let step = checkpoint.completedSteps ?? 0
            guard step == 0 || (checkpoint.completedEpochs < epochs && step >= 1 && step < steps) else {
                throw .invalid(path: path, reason: "checkpoint after step \(step) of epoch \(checkpoint.completedEpochs) (epochs have \(steps) steps, the run \(epochs) epochs)")
            }
        }
    }
}

/// Why a model file could not be read or written.
public enum ModelFileError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "\(path): cannot read the model file: \(reason)"
        case let .unwritable(path, reason): "\(path): cannot write the model file: \(reason)"
        case let .invalid(path, reason): "\(path): \(reason)"
        }
    }
}
