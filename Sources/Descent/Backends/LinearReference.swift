/// The CPU reference for every stage of the linear model: plain Swift in `Double`, written to be
/// obviously correct rather than fast. Device kernels are checked against these functions, and
/// their names pair with the kernels' (`linearForward` ↔ `linear_forward`).
public enum LinearReference: LinearStages {
    /// The value that conforms to LinearStages (its functions are also static).
    case instance

    /// ``LinearStages/forward(features:model:)``, as a function: `z[i] = x[i] · w + b`.
    public static func linearForward(features: Matrix, model: LinearModel) -> [Double] {
        guard features.precision == .float32 else { return (0..<features.rows).map { model.predict(features.row($0)) } }
        // Rows held as float32 (a large file), widened where they lie: the same sum as predict's, no row copied.
        precondition(features.columns == model.weights.count, "predict: \(features.columns) features for a model of \(model.weights.count)")
        let columns = features.columns, weights = model.weights
        return features.withValues(float64: { _ in [] }, float32: { x in
            (0..<features.rows).map { row in
                var z = 0.0
                for column in 0..<columns { z += Double(x[row * columns + column]) * weights[column] }
                return z + model.bias
            }
        })
    }

    /// ``LinearStages/residuals(predictions:targets:)``, as a function: `r = z - y` and `(1/n) Σ r²`.
    public static func linearResidual(predictions: [Double], targets: [Double]) -> (residuals: [Double], loss: Double) {
        precondition(predictions.count == targets.count && !targets.isEmpty)
        let residuals = zip(predictions, targets).map { $0 - $1 }
        return (residuals, residuals.reduce(0) { $0 + $1 * $1 } / Double(residuals.count))
    }

    /// ``LinearStages/gradient(features:residuals:)``, as a function: `(1/n) Σ r x` and `(1/n) Σ r`.
    public static func linearGradient(features: Matrix, residuals: [Double]) -> LinearGradient {
        precondition(features.rows == residuals.count && !residuals.isEmpty)
        var weights = [Double](repeating: 0, count: features.columns)
        var bias = 0.0
        for (row, r) in residuals.enumerated() {
            for column in 0..<features.columns { weights[column] += r * features[row, column] }
            bias += r
        }
        let scale = 1 / Double(residuals.count)  // the course multiplies by 1/N rather than dividing
        return LinearGradient(weights: weights.map { scale * $0 }, bias: scale * bias)
    }

    /// ``LinearStages/update(model:gradient:stepSize:)``, as a function: `w - stepSize · g`.
    public static func linearUpdate(model: LinearModel, gradient: LinearGradient, stepSize: Double) -> LinearModel {
        LinearModel(weights: zip(model.weights, gradient.weights).map { $0 - stepSize * $1 },
                    bias: model.bias - stepSize * gradient.bias)
    }

    /// One whole step on the rows `batch` of `data`: forward, loss, gradient, update.
    public static func linearStep(data: RegressionData, batch: [Int], model: LinearModel, stepSize: Double) -> (model: LinearModel, loss: Double) {
        var rows = [Double]()
        rows.reserveCapacity(batch.count * data.features.columns)
        for index in batch { rows.append(contentsOf: data.features.row(index)) }
        let x = Matrix(rows: batch.count, columns: data.features.columns, values: rows)
        let z = linearForward(features: x, model: model)
        let (r, loss) = linearResidual(predictions: z, targets: batch.map { data.targets[$0] })
        let g = linearGradient(features: x, residuals: r)
        return (linearUpdate(model: model, gradient: g, stepSize: stepSize), loss)
    }

    // MARK: LinearStages

    public func forward(features: Matrix, model: LinearModel) -> [Double] {
        Self.linearForward(features: features, model: model)
    }
    public func residuals(predictions: [Double], targets: [Double]) -> (residuals: [Double], loss: Double) {
        Self.linearResidual(predictions: predictions, targets: targets)
    }
    public func gradient(features: Matrix, residuals: [Double]) -> LinearGradient {
        Self.linearGradient(features: features, residuals: residuals)
    }
    public func update(model: LinearModel, gradient: LinearGradient, stepSize: Double) -> LinearModel {
        Self.linearUpdate(model: model, gradient: gradient, stepSize: stepSize)
    }
}
