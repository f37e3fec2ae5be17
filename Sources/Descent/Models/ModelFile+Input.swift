/// The checks a model file's `"input"` section (``TableEncoding``) passes before `predict` reads
/// rows with it: its columns make the model's features, and every position lies inside the
/// headerless layout it records, so a damaged file is refused rather than read out of bounds.
extension TableEncoding {
    func check(featureNames: [String], path: String) throws(ModelFileError) {
        func invalid(_ problem: InputColumnsProblem) -> ModelFileError { .invalid(path: path, problem: .input(problem)) }
        guard self.featureNames == featureNames else {
            throw invalid(.featureMismatch(columns: self.featureNames.count, model: featureNames.count))
        }
        if let bad = columns.first(where: { $0.position < 0 || $0.position >= ModelFile.maxWidth }) {
            throw invalid(.position(name: bad.name, position: bad.position))
        }
        guard let headerless else { return }
        guard headerless.width >= 2, headerless.width <= ModelFile.maxWidth, (0..<headerless.width).contains(headerless.target) else {
            throw invalid(.headerlessLayout(width: headerless.width, target: headerless.target))
        }
        if let bad = columns.first(where: { $0.position >= headerless.width || $0.position == headerless.target }) {
            throw invalid(.headerlessPosition(name: bad.name, position: bad.position, width: headerless.width, target: headerless.target))
        }
    }
}
