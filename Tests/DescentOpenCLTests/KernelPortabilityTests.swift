import DescentKernels
import DescentOpenCL
import Foundation
import Testing

/// The kernel sources stay compilable by GPU and SPIR-V drivers, not only PoCL: these are the
/// rules an NVIDIA, AMD, Intel or Apple compiler enforces and PoCL's clang does not.
@Suite struct KernelPortabilityTests {
    static let sources = KernelSources.common + "\n" + KernelSources.linear + "\n" + KernelSources.bench + "\n"
        + KernelSources.updateRules + "\n" + KernelSources.fusedRules + "\n" + KernelSources.optimizer

    /// `__builtin_prefetch` (a CPU instruction) only inside `#if USE_PREFETCH`, which needs a CPU target.
    @Test func prefetchIsCompiledOnlyForCPUTargets() {
        #expect(KernelSources.linear.contains("#if PREFETCH_ROWS > 0 && defined(__clang__) && (defined(__x86_64__) || defined(__aarch64__))"))
        var guarded = false
        for line in Self.sources.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#if USE_PREFETCH") { guarded = true }
            if line.hasPrefix("#endif") { guarded = false }
            if line.contains("__builtin_prefetch("), !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                #expect(guarded, "unguarded __builtin_prefetch: \(line)")
            }
        }
    }

    /// Plain C99 `inline` leaves only a declaration at -O0 on plain clang: every helper is `static inline`.
    @Test func helpersAreStaticInline() {
        for line in Self.sources.split(separator: "\n") where line.hasPrefix("inline ") || line.contains(" inline ") {
            #expect(line.hasPrefix("static inline "), "not static inline: \(line)")
        }
    }

    /// OpenCL allows 2.5-ulp division, which the error bound's rounding count does not cover: the
    /// fused kernels scale by a host-computed reciprocal instead of dividing by the batch size.
    @Test func noDivisionByTheBatchSize() {
        #expect(!KernelSources.linear.contains("/ (float)"), "a division by a count remains in linear.cl")
        #expect(!KernelSources.linear.contains("1.0f /"), "a reciprocal computed on the device remains in linear.cl")
    }
}
