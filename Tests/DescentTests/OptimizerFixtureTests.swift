import DescentTestSupport
import Foundation
import Testing
@testable import Descent

/// Each optimiser's first 10 full-batch steps on the CPU backend against the numpy fixture
/// written to PyTorch's definitions: float64 both, so within 1e-12 of each value (relative, and
/// absolute below 1e-2: L1 makes some weights exactly 0, which must stay 0).
@Suite struct OptimizerFixtureTests {
    static let cases = (try? OptimizerFixture.load().cases) ?? []

    @Test(arguments: cases)
    func cpuStepsMatchTheNumpyFixture(_ fixtureCase: OptimizerCase) throws {
        let fixture = try OptimizerFixture.load(), data = fixture.data
        let backend = CPUBackend()
        try backend.prepare(spec: .linear(inputs: data.features.columns), data: data)
        try backend.setParameters(fixture.initial)
        try backend.setUpdateRule(fixtureCase.rule)
        let order = (0..<Int32(data.count)).map { $0 }
        var reachedZero = false
        for (step, expected) in fixtureCase.trajectory.enumerated() {
            _ = try backend.trainSteps(order: order, batchSize: data.count, learningRate: fixtureCase.lr)
            let got = try backend.parameters()
            reachedZero = reachedZero || got.dropLast().contains(0)
            let worst = zip(got, expected).map { abs($0 - $1) / max(abs($1), 1e-2) }.max() ?? .infinity
            #expect(worst <= 1e-12, "\(fixtureCase.name) step \(step + 1): \(got) vs \(expected) (worst relative error \(worst))")
        }
        if fixtureCase.rule.l1 > 0 { #expect(reachedZero, "L1's proximal step makes some weight exactly 0") }
    }

    /// The split path (MPI's ``TrainingBackend/applyGradient(_:learningRate:)``) takes the same steps.
    @Test(arguments: cases)
    func splitPathStepsMatchTheFixture(_ fixtureCase: OptimizerCase) throws {
        let fixture = try OptimizerFixture.load(), data = fixture.data
        let backend = CPUBackend()
        try backend.prepare(spec: .linear(inputs: data.features.columns), data: data)
        try backend.setParameters(fixture.initial)
        try backend.setUpdateRule(fixtureCase.rule)
        let rows = (0..<Int32(data.count)).map { $0 }
        for expected in fixtureCase.trajectory {
            let sums = try backend.gradientSums(rows: rows[...])
            try backend.applyGradient(sums.gradient.map { $0 / Double(data.count) }, learningRate: fixtureCase.lr)
            let got = try backend.parameters()
            #expect(zip(got, expected).allSatisfy { abs($0 - $1) <= 1e-12 * max(abs($1), 1e-2) }, "\(got) vs \(expected)")
        }
    }
}
