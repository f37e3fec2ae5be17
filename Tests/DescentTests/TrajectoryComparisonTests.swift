import Testing
import Descent

/// `descent validate`'s run-against-reference rule, as public API: identical runs pass with no
/// difference, a drift past the tolerance fails and says where.
@Suite struct TrajectoryComparisonTests {
    static let data = SyntheticData(rows: 300, features: 4, seed: 3).data

    @Test func identicalBackendsAgreeExactly() throws {
        var settings = TrainingSettings()
        settings.epochs = 3
        settings.batchSize = 32
        let comparison = try TrajectoryComparison(settings: settings, spec: .linear(inputs: 4), train: Self.data,
                                                  reference: CPUBackend(), candidate: CPUBackend(), tolerance: 1e-12)
        #expect(comparison.passed && comparison.problems.isEmpty)
        #expect(comparison.lossRelative == 0 && comparison.parameterRelative == 0 && comparison.worstRatio == 0)
    }

    @Test func aDriftPastTheToleranceFailsAndSaysWhere() {
        let reference = (losses: [1.0, 0.5, 0.25], parameters: [1.0, 2.0])
        let drifted = (losses: [1.0, 0.5, 0.26], parameters: [1.0, 2.0])
        let comparison = TrajectoryComparison(reference: reference, candidate: drifted, tolerance: 1e-3)
        #expect(!comparison.passed)
        #expect(comparison.step == 2)
        #expect(abs(comparison.lossRelative - 0.04) < 1e-12)
        #expect(comparison.problems == ["loss diverges by \(comparison.lossRelative) relative at step 2 (tolerance 0.001)"])
        // The course run's rule: log lines to 4 decimals, at most `lineLimit` may differ.
        #expect(TrajectoryComparison(reference: reference, candidate: drifted, tolerance: 1e-3, lineLimit: 1).passed)
        #expect(!TrajectoryComparison(reference: reference, candidate: drifted, tolerance: 1e-3, lineLimit: 0).passed)
    }
}
