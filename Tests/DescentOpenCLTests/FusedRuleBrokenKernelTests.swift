import Descent
import DescentOpenCL
import Testing

/// `descent validate` must catch a bug in the fused epoch kernel's own part of an update rule
/// (`Kernels/fused_rules.cl`), which the per-step kernels never run: Adam without bias correction,
/// planted in the embedded linear sources, fails the fused check (``FusedRuleCheck``, which
/// `OptimizerValidation` runs per rule) of every Adam rule, and the honest kernels pass it.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason), .serialized)
struct FusedRuleBrokenKernelTests {
    static let original = "step_scalars[2 * s], step_scalars[2 * s + 1]"
    static let broken = "lr, 1.0f"

    /// The fused checks of every rule in validate's list, with `source` as the linear sources.
    static func failures(source: String?) throws -> (failed: Set<String>, checks: Int) {
        let check = FusedRuleCheck(programs: ProgramCache(try TestDevice.context()), sweep: .quick, seed: testSeed, kernelSource: source)
        let checks = OptimizerValidation.rules.flatMap { check.run(rule: $0) }
        return (Set(checks.filter { !$0.passed }.map { OptimizerBrokenKernelTests.kind($0) }), checks.count)
    }

    @Test func honestFusedKernelsPass() throws {
        let (failed, count) = try Self.failures(source: nil)
        #expect(failed.isEmpty && count == OptimizerValidation.rules.count * 2 * 2 * 2, "seed \(testSeed): \(failed.sorted()), \(count) checks")
    }

    @Test func validateCatchesFusedAdamWithoutBiasCorrection() throws {
        let source = LinearProgram.defaultSource
        #expect(source.contains(Self.original), "the bug no longer applies to the kernels: update this variant")
        let (failed, _) = try Self.failures(source: source.replacingOccurrences(of: Self.original, with: Self.broken))
        #expect(failed == ["adam+l2 fused", "adam+l1 fused", "adamw+l2+wd fused"],
                "seed \(testSeed): validate must fail exactly the fused Adam checks; failed: \(failed.sorted())")
    }
}
