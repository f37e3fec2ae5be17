import Testing
@testable import Descent

/// Models beyond the line on the CPU backend: the trainer, the split path, predictions.
@Suite struct ModelTrainingTests {
    /// Two blobs, separable by x₀ + x₁ > 0; class 1 above.
    func blobs() -> TrainingData {
        var random = TrainingRandom(kind: .standard, seed: 3)
        var values = [Double](), targets = [Double]()
        for _ in 0..<200 {
            let (a, b) = (random.nextNormal(), random.nextNormal())
            values += [a, b]
            targets.append(a + b > 0 ? 1 : 0)
        }
        return TrainingData(featureNames: ["a", "b"], targetName: "y", features: Matrix(rows: 200, columns: 2, values: values),
                            targets: targets, classNames: ["below", "above"])
    }

    @Test func logisticRegressionSeparatesTwoBlobs() throws {
        var settings = TrainingSettings()
        settings.epochs = 30
        settings.batchSize = 20
        settings.learningRate = 1
        let data = blobs(), spec = ModelSpec(kind: .logistic, inputs: 2, head: .binaryCrossEntropy)
        var losses = [Double]()
        let parameters = try Trainer(settings: settings).run(on: CPUBackend(), spec: spec, train: data) { losses += $0.losses }.parameters
        #expect(losses.last! < 0.3 * losses.first!)
        let p = NetworkReference.predict(params: parameters, spec: spec, features: data.features)
        let right = zip(p, data.targets).count { ($0 > 0.5 ? 1.0 : 0.0) == $1 }
        #expect(right >= 190)
    }

    /// The fused path and the split path agree: `gradientSums` then `applyGradient(sums / n)` is one step.
    @Test func theSplitPathIsTheFusedStep() throws {
        let data = blobs(), spec = ModelSpec(kind: .mlp, inputs: 2, hidden: [5], activation: .tanh, head: .binaryCrossEntropy)
        var random = TrainingRandom(kind: .standard, seed: 9)
        let start = spec.initialParameters(random: &random)
        let fused = CPUBackend(), split = CPUBackend()
        for backend in [fused, split] {
            try backend.prepare(spec: spec, data: data)
            try backend.setParameters(start)
        }
        let rows: [Int32] = [3, 1, 4, 15, 9, 2, 6]
        let loss = try fused.trainSteps(order: rows, batchSize: rows.count, learningRate: 0.5)
        let sums = try split.gradientSums(rows: rows[...])
        try split.applyGradient(sums.meanGradient, learningRate: 0.5)
        #expect(sums.rows == 7 && abs(sums.lossSum / 7 - loss[0]) < 1e-12)
        #expect(zip(try fused.parameters(), try split.parameters()).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    /// The linear model keeps the course's fused arithmetic: bit-identical to the reference step,
    /// and to the general network path within rounding.
    @Test func theLinearModelStaysFusedAndAgreesWithTheNetworkPath() throws {
        let synthetic = SyntheticData(rows: 50, features: 4, seed: 2)
        let order = (0..<Int32(50)).map { $0 }
        let fused = CPUBackend()
        try fused.load(synthetic.data)
        try fused.setModel(LinearModel(weights: [0.1, 0.2, 0.3, 0.4], bias: 0.5))
        _ = try fused.trainEpoch(order: order, batchSize: 10, stepSize: 0.05)
        var model = LinearModel(weights: [0.1, 0.2, 0.3, 0.4], bias: 0.5)
        for first in stride(from: 0, to: 50, by: 10) {
            model = LinearReference.linearStep(data: synthetic.data, batch: Array(first..<first + 10), model: model, stepSize: 0.05).model
        }
        #expect(try fused.model() == model)
        var params = [0.1, 0.2, 0.3, 0.4, 0.5]
        for first in stride(from: 0, to: 50, by: 10) {
            let batch = NetworkReference.batch(features: synthetic.data.features, targets: synthetic.data.targets, rows: order[first..<first + 10])
            params = NetworkReference.step(params: params, spec: .linear(inputs: 4), features: batch.features, targets: batch.targets, learningRate: 0.05).params
        }
        #expect(zip(params, model.flat).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func aBackendRefusesParametersOfTheWrongCount() throws {
        let backend = CPUBackend()
        #expect(throws: BackendError.notPrepared) { try backend.setParameters([1]) }
        try backend.prepare(spec: .linear(inputs: 2), data: blobs())
        #expect(throws: BackendError.parameterCount(expected: 3, got: 2)) { try backend.setParameters([1, 2]) }
    }
}
