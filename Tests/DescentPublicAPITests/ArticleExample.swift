import Descent

// The code of the DocC article "Using Descent from Swift" (Sources/Descent/Descent.docc), compiled
// here and run by `ArticleExampleTests`, which also checks that the article shows exactly this
// code: each region between `// --- article block N begins` and `ends` is the article's Nth
// ```swift block.

// --- article block 1 begins
/// A backend of your own: this one counts the steps it runs and hands the arithmetic to the CPU
/// reference. A device backend keeps the rows and the parameters on its device instead.
final class CountingBackend: TrainingBackend {
    let inner: TrainingBackend = CPUBackend()
    private(set) var steps = 0

    var name: String { "counting" }
    var deviceDescription: String { "the CPU, counted" }

    func prepare(spec: ModelSpec, data: TrainingData) throws { try inner.prepare(spec: spec, data: data) }
    func setParameters(_ values: [Double]) throws { try inner.setParameters(values) }
    func parameters() throws -> [Double] { try inner.parameters() }
    func submitSteps(order: ArraySlice<Int32>, batchSize: Int, learningRate: Double) throws {
        try inner.submitSteps(order: order, batchSize: batchSize, learningRate: learningRate)
        steps += (order.count + batchSize - 1) / batchSize
    }
    func collectSteps() throws -> [Double] { try inner.collectSteps() }
    func gradientSums(rows: ArraySlice<Int32>) throws -> GradientSums { try inner.gradientSums(rows: rows) }
    func applyGradient(_ gradient: [Double], learningRate: Double) throws {
        try inner.applyGradient(gradient, learningRate: learningRate)
    }
    func predict(features: Matrix) throws -> [Double] { try inner.predict(features: features) }
}
// --- article block 1 ends

/// The article's second block: CSV in, a trained model saved and reloaded, a prediction out.
/// Returns what the test checks: the backend, the prediction and the row's actual value.
func articleExample(csvPath: String, modelPath: String) throws -> (backend: CountingBackend, predicted: Double, actual: Double) {
    // --- article block 2 begins
    let table = try DelimitedFileReader.read(path: csvPath)            // a CSV with a header row
    let data = try PreparedData(table.regressionData(target: "MEDV"), trainFraction: 0.8)
    var settings = TrainingSettings.course                              // batch 100, η = 0.1, numpy seed 0
    settings.epochs = 500
    let backend = CountingBackend()
    let spec = ModelSpec.linear(inputs: data.train.features.columns)   // the course's model
    let result = try Trainer(settings: settings).run(on: backend, spec: spec, train: data.train,
                                                     normalization: data.normalization) { report in
        // Stop early: once a whole epoch's mean batch loss is below 0.02.
        let mean = report.losses.reduce(0, +) / Double(report.losses.count)
        return report.completesEpoch && mean < 0.02 ? .stop : .continue
    }
    print(result.stopReason.map { "stopped early: \($0)" } ?? "all epochs ran")
    // The model in the data's units: the normalisation and the parameters together.
    try result.model(targetUnit: BundledData.housingTargetUnit)!.write(to: modelPath)
    let saved = try ModelFile.read(from: modelPath)
    let row = table.values.row(table.values.rows - 10)
    let predicted = try saved.predict(rawFeatures: row.dropLast())     // in the file's units (MEDV: $1000s)
    print("predicted \(saved.targetUnit.format(predicted)), actual \(saved.targetUnit.format(row.last!))")
    // --- article block 2 ends
    return (backend, predicted, row.last!)
}
