/// The checks a model file's architecture passes before anything computes with it: every count
/// bounded before it is multiplied (a fuzzed width must not overflow the layout), the head fits
/// the kind, the layout is the spec's, and the parameters fill it.
extension ModelFile {
    /// The widest layer a file may name, and the most parameters: far past anything trained here,
    /// well short of overflowing a count.
    static let maxWidth = 1 << 20, maxParameters = 1 << 31, maxLayers = 64

    func checkShape(path: String) throws(ModelFileError) {
        func invalid(_ problem: ModelFileProblem) -> ModelFileError { .invalid(path: path, problem: problem) }
        let features = normalization.features.count
        guard !normalization.features.isEmpty, spec.inputs == features else {
            throw invalid(.inputCount(inputs: spec.inputs, features: features))
        }
        guard spec.hidden.count < Self.maxLayers, (spec.widths).allSatisfy({ (1...Self.maxWidth).contains($0) }) else {
            throw invalid(.layerWidths(spec.widths))
        }
        var total = 0
        for (inputs, outputs) in zip(spec.widths, spec.widths.dropFirst()) { total += (inputs + 1) * outputs }  // bounded: no overflow
        guard total <= Self.maxParameters else { throw invalid(.tooManyParameters(total)) }
        try checkHead(invalid)
        let expected = ParameterLayout(spec: spec)
        guard layout == expected else { throw invalid(.layoutMismatch) }
        guard parameters.count == expected.count else {
            throw invalid(.parameterCount(kind: spec.kind, expected: expected.count, got: parameters.count))
        }
    }

    /// The head fits the kind, and the class names the head.
    private func checkHead(_ invalid: (ModelFileProblem) -> ModelFileError) throws(ModelFileError) {
        let names = classNames ?? []
        switch (spec.kind, spec.head) {
        case (.linear, .mse), (.linear, .huber), (.mlp, .mse), (.mlp, .huber):
            guard names.isEmpty else { throw invalid(.classNamesForRegression) }
        case (.logistic, .binaryCrossEntropy), (.mlp, .binaryCrossEntropy):
            guard names.count == 2 else { throw invalid(.binaryClassNames(count: names.count)) }
        case let (.softmax, .softmaxCrossEntropy(classes)), let (.mlp, .softmaxCrossEntropy(classes)):
            guard classes >= 2, names.count == classes else { throw invalid(.classNames(count: names.count, classes: classes)) }
        default:
            throw invalid(.headMismatch(kind: spec.kind))
        }
        if case let .huber(delta) = spec.head, !(delta.isFinite && delta > 0) { throw invalid(.huberDelta(delta)) }
        guard (spec.kind == .mlp) != spec.hidden.isEmpty else {
            throw invalid(spec.kind == .mlp ? .mlpWithoutHiddenLayers : .hiddenLayers(kind: spec.kind))
        }
    }
}
