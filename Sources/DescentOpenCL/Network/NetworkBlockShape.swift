extension NetworkTuning {
    /// The register blocks of network.cl's blocked matrix multiplies (its CPU shape), passed to the
    /// compiler as `#define`s so that the host's launch sizes and the kernels always agree:
    /// `ntRows × ntColumns` outputs per work-item of `matmul_nt` (dot products of 8-float vectors),
    /// `nnRows × 16` of `matmul_nn`, `tnRows × 16` of `matmul_tn` in groups of `tnGroup` work-items.
    /// The accumulators must fit the vector registers with the operands (more spill to memory):
    /// `matmul_nt`'s 2 × 8 take 16 of AVX-512's 32, with 10 operands; `ntColumns` is 8 or 4.
    package struct BlockShape: Hashable, Sendable, CustomStringConvertible {
        package var ntRows = 2
        package var ntColumns = 8
        package var nnRows = 6
        package var tnRows = 4
        package var tnGroup = 32

        package init() {}

        package init(ntRows: Int, ntColumns: Int, nnRows: Int, tnRows: Int, tnGroup: Int) {
            precondition([ntRows, nnRows, tnRows, tnGroup].allSatisfy { $0 >= 1 } && [4, 8].contains(ntColumns), "register blocks must be positive, ntColumns 4 or 8")
            (self.ntRows, self.ntColumns, self.nnRows, self.tnRows, self.tnGroup) = (ntRows, ntColumns, nnRows, tnRows, tnGroup)
        }

        package var description: String { "nt \(ntRows)×\(ntColumns) nn \(nnRows)×16 tn \(tnRows)×16/\(tnGroup)" }

        var defines: String {
            "#define BR_NT \(ntRows)\n#define BC_NT \(ntColumns)\n#define BR_NN \(nnRows)\n#define BR_TN \(tnRows)\n#define TN_GROUP \(tnGroup)\n"
        }
    }
}
