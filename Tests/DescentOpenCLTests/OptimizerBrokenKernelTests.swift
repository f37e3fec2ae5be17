import Descent
import DescentOpenCL
import Testing

/// `descent validate` must catch real bugs in the update kernels: each variant plants one in the
/// embedded update_rules.cl + optimizer.cl, and the optimiser checks (kernel against twin, and the
/// trajectories) must fail at the stage named.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct OptimizerBrokenKernelTests {
    typealias Bug = PlantedBug

    static let bugs = [
        Bug(name: "Adam without bias correction",
            original: "mi / (sqrt(vi) / correction2 + epsilon)", broken: "mi / (sqrt(vi) + epsilon)", caughtBy: "adam+l2 update"),
        Bug(name: "momentum applied twice",
            original: "const float b = momentum * *buffer + g;", broken: "const float b = momentum * (momentum * *buffer + g) + g;",
            caughtBy: "momentum+l2 update"),
        Bug(name: "L2 applied to biases",
            original: "gradient + l2 * mask * p", broken: "gradient + l2 * p", caughtBy: "sgd+l2+l1 update"),
    ]

    @Test func honestKernelsPass() throws {
        let checks = OptimizerValidation(context: try TestDevice.context(), sweep: .quick, seed: testSeed).run()
        let failures = checks.filter { !$0.passed }
        #expect(failures.isEmpty, "seed \(testSeed): \(failures.prefix(3).map { "\($0.stage) \($0.shape) \($0.configuration): \($0.mismatches)" })")
        #expect(checks.contains { $0.stage == "adam+l2" && $0.configuration.hasPrefix("trajectory") && $0.shape == "logistic" && $0.passed })
        #expect(Set(checks.map { Self.kind($0) }).count == 18, "a kernel check, a fused epoch and a trajectory per rule")
    }

    @Test(arguments: bugs)
    func validateCatchesPlantedBug(_ bug: Bug) throws {
        let source = OpenCLOptimizer.defaultSource
        #expect(source.contains(bug.original), "the bug no longer applies to the kernels: update this variant")
        let broken = source.replacingOccurrences(of: bug.original, with: bug.broken)
        let checks = OptimizerValidation(context: try TestDevice.context(), sweep: .quick, seed: testSeed, kernelSource: broken).run()
        let failed = Set(checks.filter { !$0.passed }.map { Self.kind($0) })
        #expect(failed.contains(bug.caughtBy), "validate missed a planted bug at \(bug.caughtBy): \(bug.name); failed: \(failed.sorted())")
        #expect(failed.contains { $0.hasSuffix("trajectory") }, "and a trajectory shows it: failed \(failed.sorted())")
        let fused = bug.caughtBy.replacingOccurrences(of: " update", with: " fused")
        #expect(failed.contains(fused), "the fused epoch kernel shares the update arithmetic, so \(fused) fails too: failed \(failed.sorted())")
    }

    /// `adam+l2 update`, `adam+l2 fused` or `adam+l2 trajectory`.
    static func kind(_ check: ValidationCheck) -> String {
        check.stage + (check.configuration.hasPrefix("trajectory") ? " trajectory" : check.configuration.hasPrefix("fused") ? " fused" : " update")
    }
}
