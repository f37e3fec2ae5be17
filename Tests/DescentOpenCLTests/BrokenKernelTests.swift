import Descent
import DescentOpenCL
import Testing

/// `descent validate` must catch real kernel bugs, not just pass honest kernels: each variant here
/// plants one bug in the embedded sources, and the quick sweep must fail on it. (The missing-barrier
/// variant runs in a child process, in `CLITests`: its reads of unwritten local memory can crash a
/// CPU device's process. PoCL puts implicit barriers at the ends of loops that contain one, so only
/// the barrier between writing a chunk's rows and reading them is missed there.)
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct BrokenKernelTests {
    typealias Bug = PlantedBug

    static let bugs = [
        Bug(name: "wrong index (bias read from the last weight)",
            original: "z[i] = acc + params[FEATURES];", broken: "z[i] = acc + params[FEATURES - 1];"),
        Bug(name: "dropped last row of a tile shorter than the tile",
            original: "const int count = min(TILE_ROWS, last - chunk);",
            broken: "const int count = (last - chunk) < TILE_ROWS ? last - chunk - 1 : TILE_ROWS;"),
        Bug(name: "a row staged into the wrong tile slot (scalar staging: 1 and 13 features)",
            original: "tile[row * PITCH + unit] = v;", broken: "tile[row * PITCH + unit + (row == 1 ? PITCH : 0)] = v;"),
        Bug(name: "a row staged into the wrong tile slot (float4 staging: 64 features)",
            original: "__local float* at = tile + row * PITCH + 4 * unit;",
            broken: "__local float* at = tile + row * PITCH + 4 * unit + (row == 1 ? PITCH : 0);"),
        Bug(name: "sign error in the gradient (the sequential shape's vector columns: 64 features, or any at VW 1)",
            original: "for (int b = 0; b < VBLOCKS; b++) g->v[b] += r * VLOAD_W(b, row);",
            broken: "for (int b = 0; b < VBLOCKS; b++) g->v[b] -= r * VLOAD_W(b, row);"),
        Bug(name: "the sequential dot product drops its last vector block (64 features at VW 16)",
            original: "for (int b = 0; b < VBLOCKS; b++) part += VLOAD_W(b, row) * w->v[b];",
            broken: "for (int b = 0; b < VBLOCKS - 1; b++) part += VLOAD_W(b, row) * w->v[b];"),
        Bug(name: "the sequential dot product skips its tail columns (13 features at VW 16)",
            original: "for (int k = 0; k < VTAIL; k++) acc += row[VBLOCKS * VW + k] * w->t[k];",
            broken: "for (int k = 1; k < VTAIL; k++) acc += row[VBLOCKS * VW + k] * w->t[k];"),
        Bug(name: "off-by-one in the permutation gather (the sequential shape's row groups)",
            original: "const int index = order[j0 + k];", broken: "const int index = order[min(j0 + k + 1, last - 1)];"),
        Bug(name: "the row groups add r, not r², to the squared-error loss",
            original: "#define HEAD_ADD_GROUP_LOSS(acc, l, r) ((acc) += (r) * (r))", broken: "#define HEAD_ADD_GROUP_LOSS(acc, l, r) ((acc) += (r))"),
        Bug(name: "stale parameters between steps",
            original: "w[d] -= step * (scale * gsum[d]);", broken: "params[d] = w[d] - step * (scale * gsum[d]);"),
    ]

    @Test func honestKernelsPassTheQuickSweep() throws {
        let report = try Validator(device: TestDevice.device!, seed: testSeed, quick: true).run()
        #expect(report.allPassed, "\(report.failures.prefix(3).map { "\($0.stage) \($0.shape) \($0.configuration): \($0.mismatches)" })")
    }

    @Test(arguments: bugs)
    func validateCatchesPlantedBug(_ bug: Bug) throws {
        let source = LinearProgram.defaultSource
        #expect(source.contains(bug.original), "the bug no longer applies to the kernels: update this variant")
        let broken = source.replacingOccurrences(of: bug.original, with: bug.broken)
        let report = try Validator(device: TestDevice.device!, seed: testSeed, quick: true, kernelSource: broken).run()
        #expect(!report.allPassed, "validate passed kernels with a planted bug: \(bug.name)")
    }
}
