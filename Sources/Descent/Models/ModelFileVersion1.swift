import Foundation

/// Version 1 of the model file: the linear model only, as `"model": { "kind": "linear",
/// "weights": [...], "bias": b }`. Read into the version-2 shape (``ModelFile``): the linear
/// spec with the file's gradient convention, parameters `(w…, b)`.
struct ModelFileVersion1: Decodable {
    struct Model: Decodable {
        var kind: String
        var weights: [Double]
        var bias: Double
    }
    var model: Model
    var normalization: Normalization
    var targetUnit: TargetUnit
    var training: ModelFile.Provenance?
    var checkpoint: ModelFile.Checkpoint?

    static func decode(_ bytes: Data, decoder: JSONDecoder, path: String) throws -> ModelFile {
        let old = try decoder.decode(Self.self, from: bytes)
        guard old.model.kind == "linear" else {
            throw ModelFileError.invalid(path: path, problem: .unsupportedKind(old.model.kind))
        }
        guard old.model.weights.count == old.normalization.features.count, !old.model.weights.isEmpty else {
            throw ModelFileError.invalid(path: path, problem: .weightCount(weights: old.model.weights.count, features: old.normalization.features.count))
        }
        var file = ModelFile(model: LinearModel(weights: old.model.weights, bias: old.model.bias), normalization: old.normalization,
                             targetUnit: old.targetUnit, training: old.training)
        file.checkpoint = old.checkpoint
        return file
    }
}
