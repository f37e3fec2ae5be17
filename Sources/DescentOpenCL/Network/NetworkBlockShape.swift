extension NetworkTuning {
    /// The register blocks of network.cl's blocked matrix multiplies (its CPU shape), passed to the
    /// compiler as `#define`s so that the host's launch sizes and the kernels always agree:
    /// `ntRows × ntColumns` outputs per work-item of `matmul_nt` (dot products of 8-float vectors),
    /// `nnRows × nnColumns` of `matmul_nn`, `tnRows × tnColumns` of `matmul_tn` in groups of
    /// `tnGroup` work-items. The accumulators must fit the vector registers with the operands (more
    /// spill to memory). The default is AVX-512's (32 registers): `matmul_nt` 2 × 8 (16 accumulators,
    /// 10 operands), `matmul_nn` and `matmul_tn` 4 rows × 32 columns (16 accumulators, 4 operands,
    /// one broadcast scalar per 4 FMAs: 1.45× and 1.5× the 16-column blocks' GFLOP/s, BENCHMARKS.md,
    /// h-mlp2), `matmul_tn` in groups of 16 (a group's chunk of `d` is then 64 outputs wide, 32
    /// against 64 KiB: 3% against groups of 32 at 64 and 256 rows, h-mlp3); ``sixteenRegisters``
    /// is AVX2's.
    package struct BlockShape: Hashable, Sendable, CustomStringConvertible {
        package var ntRows = 2
        package var ntColumns = 8
        package var nnRows = 4
        package var nnColumns = 32
        package var tnRows = 4
        package var tnColumns = 32
        package var tnGroup = 16

        package init() {}

        package init(ntRows: Int, ntColumns: Int, nnRows: Int, nnColumns: Int = 32, tnRows: Int, tnColumns: Int = 32, tnGroup: Int) {
            precondition([ntRows, nnRows, tnRows, tnGroup].allSatisfy { $0 >= 1 } && [4, 8].contains(ntColumns), "register blocks must be positive, ntColumns 4 or 8")
            precondition([nnColumns, tnColumns].allSatisfy { $0 >= 8 && $0 % 8 == 0 }, "nnColumns and tnColumns must be multiples of 8")
            (self.ntRows, self.ntColumns, self.nnRows, self.nnColumns) = (ntRows, ntColumns, nnRows, nnColumns)
            (self.tnRows, self.tnColumns, self.tnGroup) = (tnRows, tnColumns, tnGroup)
        }

        /// The blocks for 16 vector registers (AVX2): `matmul_nt` 2 × 4, `matmul_nn` 6 × 16 and
        /// `matmul_tn` 4 × 16 (12 and 8 accumulators).
        package static let sixteenRegisters = BlockShape(ntRows: 2, ntColumns: 4, nnRows: 6, nnColumns: 16, tnRows: 4, tnColumns: 16, tnGroup: 32)

        package var description: String {
            "nt \(ntRows)×\(ntColumns) nn \(nnRows)×\(nnColumns) tn \(tnRows)×\(tnColumns)/\(tnGroup)"
        }

        var defines: String {
            "#define BR_NT \(ntRows)\n#define BC_NT \(ntColumns)\n#define BR_NN \(nnRows)\n#define BC_NN \(nnColumns)\n"
                + "#define BR_TN \(tnRows)\n#define BC_TN \(tnColumns)\n#define TN_GROUP \(tnGroup)\n"
        }
    }
}
