/// The checks a model file's `"input"` section (``TableEncoding``) passes before `predict` reads
/// rows with it: its columns make the model's features, and every position lies inside the
/// headerless layout it records, so a damaged file is refused rather than read out of bounds.
extension TableEncoding {
    func check(featureNames: [String], path: String) throws(ModelFileError) {
        func invalid(_ reason: String) -> ModelFileError { .invalid(path: path, reason: "input columns: " + reason) }
        guard self.featureNames == featureNames else {
            throw invalid("they make \(self.featureNames.count) features that do not match the model's \(featureNames.count)")
        }
        if let bad = columns.first(where: { $0.position < 0 || $0.position >= ModelFile.maxWidth }) {
            throw invalid("position \(bad.position) of '\(bad.name.terminalSafe.elided(to: 40))' (expected 0 to \(ModelFile.maxWidth - 1))")
        }
        guard let headerless else { return }
        guard headerless.width >= 2, headerless.width <= ModelFile.maxWidth, (0..<headerless.width).contains(headerless.target) else {
            throw invalid("a headerless layout of \(headerless.width) columns with the target in column \(headerless.target + 1)")
        }
        if let bad = columns.first(where: { $0.position >= headerless.width || $0.position == headerless.target }) {
            throw invalid("position \(bad.position) of '\(bad.name.terminalSafe.elided(to: 40))' in rows of \(headerless.width) columns, target \(headerless.target)")
        }
    }
}
