import Descent
import DescentOpenCL
import Foundation
import Testing

/// Each optimiser's first 10 full-batch steps on the OpenCL backend (float32) against the numpy
/// fixture written to PyTorch's definitions (`Tests/DescentTests/Fixtures/optimizers.py`).
///
/// Tolerance, on `|device − fixture| / max(|fixture|, 0.1)`: the rows, targets and parameters
/// round to float32 (unit roundoff u = 6e-8) and a step's gradient over 8 rows of 3 features
/// carries an absolute error of about 10u · Σ|r x|/n.
/// - SGD and momentum: 2e-6. The step is linear in the gradient, so ten steps carry about
///   10 · 10u relative; measured on PoCL: at most 2e-7.
/// - Adam and AdamW: 1e-4. `m / √v` divides the gradient's own scale away, so a component near 0
///   (the problem approaching the optimum) turns the gradient's absolute error into a relative one
///   of order 1e-4, undamped by the step: measured on PoCL: at most 2.3e-5 (eps 1e-8), 6e-7 (eps 1e-6).
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct OpenCLOptimizerFixtureTests {
    struct Case: Decodable, CustomTestStringConvertible {
        var name: String
        var kind: OptimizerKind
        var lr: Double
        var momentum: Double?, beta1: Double?, beta2: Double?, epsilon: Double?, l2: Double?, l1: Double?, weightDecay: Double?
        var trajectory: [[Double]]
        var rule: UpdateRule {
            UpdateRule(kind: kind, momentum: momentum ?? 0.9, beta1: beta1 ?? 0.9, beta2: beta2 ?? 0.999, epsilon: epsilon ?? 1e-8,
                       l2: l2 ?? 0, weightDecay: weightDecay ?? 0, l1: l1 ?? 0)
        }
        var testDescription: String { name }
    }

    struct Fixture: Decodable {
        var features: [[Double]]
        var targets: [Double]
        var initial: [Double]
        var cases: [Case]

        static func load() throws -> Fixture {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../DescentTests/Fixtures/optimizers.json").standardized
            return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        }
    }

    static let cases = (try? Fixture.load().cases) ?? []

    @Test(arguments: cases)
    func openCLStepsMatchTheNumpyFixture(_ fixtureCase: Case) throws {
        let fixture = try Fixture.load()
        let data = TrainingData(featureNames: ["a", "b", "c"], targetName: "y",
                                features: Matrix(rows: fixture.features.count, columns: 3, values: fixture.features.flatMap { $0 }),
                                targets: fixture.targets)
        let backend = try OpenCLBackend(device: TestDevice.device!)
        try backend.prepare(spec: .linear(inputs: 3), data: data)
        try backend.prepareSteps(batchSize: data.count)
        try backend.setParameters(fixture.initial)
        try backend.setUpdateRule(fixtureCase.rule)
        let order = (0..<Int32(data.count)).map { $0 }
        var worst = 0.0
        let tolerance = [.adam, .adamw].contains(fixtureCase.kind) ? 1e-4 : 2e-6
        for (step, expected) in fixtureCase.trajectory.enumerated() {
            _ = try backend.trainSteps(order: order, batchSize: data.count, learningRate: fixtureCase.lr)
            let got = try backend.parameters()
            worst = max(worst, zip(got, expected).map { abs($0 - $1) / max(abs($1), 0.1) }.max() ?? .infinity)
            #expect(worst <= tolerance, "\(fixtureCase.name) step \(step + 1): \(got) vs \(expected) (worst scaled error \(worst))")
        }
        print("\(fixtureCase.name): worst scaled error \(worst)")
    }
}
