import Descent
import DescentOpenCL
import Testing

/// `descent validate` must catch real bugs in the network kernels: each variant plants one in the
/// embedded network.cl, and the quick sweep's network checks must fail on it, at the stage named.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct NetworkBrokenKernelTests {
    typealias Bug = PlantedBug

    static let bugs = [
        Bug(name: "transposed weight in backward (matmul_nn reads W as [in × out])",
            original: "w[(size_t)(o + ty) * inner + k0 + tx] : 0.0f;", broken: "w[(size_t)(k0 + tx) * outs + o + ty] : 0.0f;",
            caughtBy: "matmul_nn"),
        Bug(name: "missing activation derivative",
            original: "out[i] = delta[i] * derivative(activated[i], activation);", broken: "out[i] = delta[i];",
            caughtBy: "act'"),
        Bug(name: "softmax without the max subtracted",
            original: "const float m = row_max(zr, outs);", broken: "const float m = 0.0f;",
            caughtBy: "loss smx3"),
        Bug(name: "tile edge that drops the last partial tile (matmul_nt)",
            original: "const int tiles_k = (inner + TILE - 1) / TILE;", broken: "const int tiles_k = inner / TILE;",
            caughtBy: "matmul_nt"),
        Bug(name: "blocked shape: the last column of a partial block dropped",
            original: "for (int c = 0; c < count; c++) {", broken: "for (int c = 0; c < count - 1; c++) {",
            caughtBy: "matmul_nn"),
        Bug(name: "matmul_nt's fused epilogue drops the bias",
            original: "return b_offset >= 0 ? activate(sum + params[b_offset + o], activation) : sum;",
            broken: "return b_offset >= 0 ? activate(sum, activation) : sum;",
            caughtBy: "matmul_nt+act"),
        Bug(name: "matmul_nn's fused epilogue without the derivative",
            original: "for (int c = 0; c < count; c++) out[c] = out[c] * derivative(activated[c], activation);",
            broken: "for (int c = 0; c < count; c++) out[c] = out[c];",
            caughtBy: "matmul_nn+act'"),
        Bug(name: "blocked shape: matmul_nt's lane sums put two blocks of columns' sums in each other's place",
            original: "return (float8)(h0.lo, h1.lo) + (float8)(h0.hi, h1.hi);", broken: "return (float8)(h1.lo, h0.lo) + (float8)(h1.hi, h0.hi);",
            caughtBy: "matmul_nt"),
        Bug(name: "blocked shape: matmul_nt's 4-column lane sums drop the high halves",
            original: "const float4 q = h0.lo + h0.hi;", broken: "const float4 q = h0.lo + h0.lo;",
            caughtBy: "matmul_nt"),
        Bug(name: "blocked shape: matmul_nt's lane sums pair the wrong lanes in the high halves",
            original: "(x).s13, (y).s13, (x).s57, (y).s57))", broken: "(x).s13, (y).s13, (x).s13, (y).s13))",
            caughtBy: "matmul_nt"),
        Bug(name: "blocked shape: matmul_nt's groups skip a block of rows (each group's row blocks start one block late)",
            original: "const int item = (group / blocks_x) * (int)get_local_size(0) + (int)get_local_id(0);",
            broken: "const int item = (group / blocks_x) * ((int)get_local_size(0) + 1) + (int)get_local_id(0);",
            caughtBy: "matmul_nt"),
        Bug(name: "blocked shape: matmul_nn's and matmul_tn's register blocks drop their last 8 columns",
            original: "UNROLL for (int j = 0; j < NV; j++) acc[i][j] = fma(x, vv[j], acc[i][j]);",
            broken: "UNROLL for (int j = 0; j < NV - 1; j++) acc[i][j] = fma(x, vv[j], acc[i][j]);",
            caughtBy: "matmul_tn"),
        Bug(name: "gather_rows copies each row's first 8 features over its whole width (16 inputs: the logistic run)",
            original: "vstore8(vload8(0, from + k), 0, to + k);", broken: "vstore8(vload8(0, from), 0, to + k);",
            caughtBy: "trajectory"),
        Bug(name: "the loss launch gathers the next step's rows one group late (none at a batch under WGS)",
            original: "const int j = (int)(get_group_id(0) - 1) * WGS + (int)get_local_id(0);",
            broken: "const int j = (int)get_group_id(0) * WGS + (int)get_local_id(0);",
            caughtBy: "trajectory"),
        Bug(name: "gather_rows takes the targets in the file's order, not the shuffled one",
            original: "batch_y[j] = y[row];", broken: "batch_y[j] = y[begin + j];",
            caughtBy: "trajectory"),
        Bug(name: "blocked shape: matmul_nt's vector epilogue drops the bias",
            original: "if (b_offset >= 0) z += bias;", broken: "if (b_offset < 0) z += bias;",
            caughtBy: "matmul_nt+act"),
        Bug(name: "blocked shape: matmul_nt's vector epilogue keeps the negative sums (ReLU inverted)",
            original: "z = select((float8)(0.0f), z, z > (float8)(0.0f));", broken: "z = select((float8)(0.0f), z, z < (float8)(0.0f));",
            caughtBy: "matmul_nt+act"),
        Bug(name: "blocked shape: matmul_nn's vector epilogue passes the delta through ReLU's zeros",
            original: "case ACT_RELU: return select((float8)(0.0f), (float8)(1.0f), a > (float8)(0.0f));",
            broken: "case ACT_RELU: return select((float8)(0.0f), (float8)(1.0f), a >= (float8)(0.0f));",
            caughtBy: "matmul_nn+act'"),
        Bug(name: "blocked shape: matmul_nt's one-output path reads overlapping rows",
            original: "acc[i][j] = fma(vload8(0, a + (size_t)min(r0 + i * BC_NT + j, rows - 1) * inner + k), wv, acc[i][j]);",
            broken: "acc[i][j] = fma(vload8(0, a + (size_t)min(r0 + i + j, rows - 1) * inner + k), wv, acc[i][j]);",
            caughtBy: "matmul_nt"),
        Bug(name: "head_backward's bias gradient skips the first row",
            original: "for (int t = 0; t < rows; t++) bias += d[t];", broken: "for (int t = 1; t < rows; t++) bias += d[t];",
            caughtBy: "head_backward Σ"),
        Bug(name: "head_backward's delta back without act' (8-column path)",
            original: "if (activation >= 0) z = z * derivative8(av, activation);", broken: "if (activation < 0) z = z * derivative8(av, activation);",
            caughtBy: "head_backward δ"),
        Bug(name: "head_backward's weight gradient drops the last row (the last inner % 8 columns)",
            original: "g = fma(d[t], av, g);", broken: "if (t < rows - 1) g = fma(d[t], av, g);",
            caughtBy: "head_backward"),
        Bug(name: "blocked shape: matmul_tn's row chunks stop one row short",
            original: "const int t1 = min(t0 + TN_CHUNK, rows);", broken: "const int t1 = min(t0 + TN_CHUNK, rows - 1);",
            caughtBy: "matmul_tn"),
        Bug(name: "blocked shape: matmul_tn's fused bias gradient skips the first row",
            original: "if (sums) for (int t = t0; t < t1; t++)", broken: "if (sums) for (int t = max(t0, 1); t < t1; t++)",
            caughtBy: "matmul_tn+bias Σ"),
        Bug(name: "tiled shape: matmul_tn's fused bias gradient sums the wrong column",
            original: "if (sums) for (int rr = 0; rr < TILE; rr++) bias += ds[rr][ty];",
            broken: "if (sums) for (int rr = 0; rr < TILE; rr++) bias += ds[rr][tx];",
            caughtBy: "matmul_tn+bias Σ"),
    ]

    @Test func honestKernelsPassTheQuickSweep() throws {
        let checks = NetworkValidation(programs: NetworkProgramCache(try TestDevice.context()), sweep: .quick, seed: testSeed).run()
        let failures = checks.filter { !$0.passed }
        #expect(failures.isEmpty, "seed \(testSeed): \(failures.prefix(3).map { "\($0.stage) \($0.shape) \($0.configuration): \($0.mismatches)" })")
        #expect(checks.contains { $0.configuration.hasPrefix("mlp run") && $0.passed })
        #expect(checks.contains { $0.configuration.hasPrefix("logistic run") && $0.passed })
        #expect(checks.contains { $0.stage == "loss bce" && $0.shape.hasSuffix("±80") && $0.passed })
    }

    @Test(arguments: bugs)
    func validateCatchesPlantedBug(_ bug: Bug) throws {
        let source = NetworkProgram.defaultSource
        #expect(source.contains(bug.original), "the bug no longer applies to the kernels: update this variant")
        let broken = source.replacingOccurrences(of: bug.original, with: bug.broken)
        let checks = NetworkValidation(programs: NetworkProgramCache(try TestDevice.context()), sweep: .quick, seed: testSeed,
                                       kernelSource: broken).run()
        let failed = Set(checks.filter { !$0.passed }.map(\.stage))
        #expect(failed.contains(bug.caughtBy), "validate missed a planted bug at \(bug.caughtBy): \(bug.name); failed: \(failed.sorted())")
    }
}
