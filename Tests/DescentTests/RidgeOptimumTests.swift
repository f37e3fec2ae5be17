import Testing
@testable import Descent

/// With `--l2 λ` the summary's optimum is the ridge optimum, bias unpenalised: the point the
/// course's gradient plus `λ w` converges to.
@Suite struct RidgeOptimumTests {
    @Test func fullBatchDescentWithL2ConvergesToTheRidgeOptimum() throws {
        let data = SyntheticData(rows: 200, features: 4, seed: 3).data
        let ridge = LeastSquares.solve(data, ridge: 0.3, shouldStop: { false })!
        let plain = LeastSquares.solve(data)
        let backend = CPUBackend()
        try backend.prepare(spec: .linear(inputs: 4), data: data)
        try backend.setParameters([0, 0, 0, 0, 0])
        try backend.setUpdateRule(UpdateRule(kind: .sgd, l2: 0.3))
        let order = (0..<Int32(200)).map { $0 }
        for _ in 0..<3000 { _ = try backend.trainSteps(order: order, batchSize: 200, learningRate: 0.5) }
        let trained = try backend.parameters()
        #expect(close(trained, ridge.flat, tolerance: 1e-9), "\(trained) vs ridge \(ridge.flat)")
        #expect(!close(ridge.flat, plain.flat, tolerance: 1e-3), "the penalty moves the optimum")
        #expect(ridge.weights.map(abs).reduce(0, +) < plain.weights.map(abs).reduce(0, +), "and shrinks the weights")
    }

    @Test func ridgeZeroIsLeastSquares() {
        let data = SyntheticData(rows: 50, features: 3, seed: 9).data
        #expect(LeastSquares.solve(data, ridge: 0, shouldStop: { false }) == LeastSquares.solve(data))
    }

    @Test func settingsRidgeFollowsTheGradientConvention() {
        var settings = TrainingSettings()
        settings.optimizer = UpdateRule(l2: 0.2)
        #expect(settings.ridge == 0.2)
        settings.gradient = .exact
        #expect(settings.ridge == 0.1)
    }
}
