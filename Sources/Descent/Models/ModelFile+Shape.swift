/// The checks a model file's architecture passes before anything computes with it: every count
/// bounded before it is multiplied (a fuzzed width must not overflow the layout), the head fits
/// the kind, the layout is the spec's, and the parameters fill it.
extension ModelFile {
    /// The widest layer a file may name, and the most parameters: far past anything trained here,
    /// well short of overflowing a count.
    static let maxWidth = 1 << 20, maxParameters = 1 << 31, maxLayers = 64

    func checkShape(path: String) throws(ModelFileError) {
        func invalid(_ reason: String) -> ModelFileError { .invalid(path: path, reason: reason) }
        let features = normalization.features.count
        guard !normalization.features.isEmpty, spec.inputs == features else {
            throw invalid("a model of \(spec.inputs) inputs for \(features) features")
        }
        guard spec.hidden.count < Self.maxLayers, (spec.widths).allSatisfy({ (1...Self.maxWidth).contains($0) }) else {
            throw invalid("layer widths \(spec.widths.prefix(8).map(String.init).joined(separator: ", ")) (expected 1 to \(Self.maxWidth), at most \(Self.maxLayers) layers)")
        }
        var total = 0
        for (inputs, outputs) in zip(spec.widths, spec.widths.dropFirst()) { total += (inputs + 1) * outputs }  // bounded: no overflow
        guard total <= Self.maxParameters else { throw invalid("\(total) parameters (at most \(Self.maxParameters))") }
        try checkHead(invalid)
        let expected = ParameterLayout(spec: spec)
        guard layout == expected else { throw invalid("the layout does not match the model's spec") }
        guard parameters.count == expected.count else {
            throw invalid("\(parameters.count) parameters for a \(spec.kind.rawValue) model of \(expected.count)")
        }
    }

    /// The head fits the kind, and the class names the head.
    private func checkHead(_ invalid: (String) -> ModelFileError) throws(ModelFileError) {
        let names = classNames ?? []
        switch (spec.kind, spec.head) {
        case (.linear, .mse), (.linear, .huber), (.mlp, .mse), (.mlp, .huber):
            guard names.isEmpty else { throw invalid("class names for a regression model") }
        case (.logistic, .binaryCrossEntropy), (.mlp, .binaryCrossEntropy):
            guard names.count == 2 else { throw invalid("\(names.count) class names for a binary classifier (expected 2)") }
        case let (.softmax, .softmaxCrossEntropy(classes)), let (.mlp, .softmaxCrossEntropy(classes)):
            guard classes >= 2, names.count == classes else { throw invalid("\(names.count) class names for \(classes) classes") }
        default:
            throw invalid("a \(spec.kind.rawValue) model cannot have that output head")
        }
        if case let .huber(delta) = spec.head, !(delta.isFinite && delta > 0) { throw invalid("Huber delta \(delta) (expected a finite number > 0)") }
        guard (spec.kind == .mlp) != spec.hidden.isEmpty else {
            throw invalid(spec.kind == .mlp ? "an mlp without hidden layers" : "hidden layers in a \(spec.kind.rawValue) model")
        }
    }
}
