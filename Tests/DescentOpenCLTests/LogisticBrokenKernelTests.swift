import Descent
import DescentOpenCL
import Testing

/// `descent validate` must catch real bugs in the fused kernels' binary cross-entropy head
/// (`HEAD_BCE` in linear.cl): each variant plants one, and the quick sweep's logistic checks
/// (``Validator/logisticChecks(programs:)``) must fail on it while the honest kernels pass.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct LogisticBrokenKernelTests {
    struct Bug: CustomTestStringConvertible, Sendable {
        var name: String
        var original: String
        var broken: String
        var testDescription: String { name }
    }

    static let bugs = [
        Bug(name: "the naive loss −y log σ − (1 − y) log(1 − σ) (infinite once σ rounds to 0 or 1)",
            original: "#define HEAD_LOSS(z, y, r) (fmax(z, 0.0f) - (z) * (y) + log1p(HEAD_EXP(z)))",
            broken: "#define HEAD_LOSS(z, y, r) (-(y) * log(1.0f / (1.0f + exp(-(z)))) - (1.0f - (y)) * log(1.0f - 1.0f / (1.0f + exp(-(z)))))"),
        Bug(name: "the squared-error residual r = z − y under the BCE head",
            original: "#define HEAD_RESIDUAL(z, y) (((z) >= 0.0f ? 1.0f : HEAD_EXP(z)) / (1.0f + HEAD_EXP(z)) - (y))", broken: "#define HEAD_RESIDUAL(z, y) ((z) - (y))"),
        Bug(name: "the loss without log1p's term (max(z, 0) − z·y only)",
            original: "#define HEAD_LOSS(z, y, r) (fmax(z, 0.0f) - (z) * (y) + log1p(HEAD_EXP(z)))",
            broken: "#define HEAD_LOSS(z, y, r) (fmax(z, 0.0f) - (z) * (y))"),
        Bug(name: "the row group's residuals paired with the wrong rows in the gradient (sequential shape, ROW_GROUP)",
            original: "cols_add(&g, rs[k], x + (size_t)order[j0 + k] * FEATURES);",
            broken: "cols_add(&g, rs[count - 1 - k], x + (size_t)order[j0 + k] * FEATURES);"),
        Bug(name: "a short row group's idle lanes in the loss (sequential shape, ROW_GROUP)",
            original: "            HEAD_ADD_GROUP_LOSS(loss, ls[k], rs[k]);\n",
            broken: "            HEAD_ADD_GROUP_LOSS(loss, ls[k], rs[k]);\n            if (k == count - 1) for (int idle = count; idle < ROW_GROUP; idle++) loss += ls[idle];\n"),
    ]

    @Test func honestKernelsPassTheLogisticChecks() throws {
        let checks = Validator(device: TestDevice.device!, seed: testSeed, quick: true).logisticChecks(programs: ProgramCache(try TestDevice.context()))
        let failures = checks.filter { !$0.passed }
        #expect(failures.isEmpty, "seed \(testSeed): \(failures.prefix(3).map { "\($0.stage) \($0.shape) \($0.configuration): \($0.mismatches)" })")
        #expect(checks.contains { $0.shape.hasSuffix("large logits") && $0.configuration.hasPrefix("epoch") && $0.passed })
        #expect(checks.contains { $0.configuration.hasPrefix("steps") && $0.shape.hasSuffix("(last)") && $0.passed })
    }

    @Test(arguments: bugs)
    func validateCatchesPlantedBug(_ bug: Bug) throws {
        let source = LinearProgram.defaultSource
        #expect(source.contains(bug.original), "the bug no longer applies to the kernels: update this variant")
        let broken = source.replacingOccurrences(of: bug.original, with: bug.broken)
        let checks = Validator(device: TestDevice.device!, seed: testSeed, quick: true, kernelSource: broken)
            .logisticChecks(programs: ProgramCache(try TestDevice.context()))
        #expect(checks.contains { !$0.passed }, "validate passed kernels with a planted bug: \(bug.name)")
    }
}
