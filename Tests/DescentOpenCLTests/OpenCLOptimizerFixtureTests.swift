import Descent
import DescentTestSupport
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
    static let cases = (try? OptimizerFixture.load().cases) ?? []

    @Test(arguments: cases)
    func openCLStepsMatchTheNumpyFixture(_ fixtureCase: OptimizerCase) throws {
        let fixture = try OptimizerFixture.load(), data = fixture.data
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
