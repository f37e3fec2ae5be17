extension NetworkTuning {
    /// The register blocks of network.cl's blocked matrix multiplies (its CPU shape), passed to the
    /// compiler as `#define`s so that the host's launch sizes and the kernels always agree:
    /// `ntRows × 16` outputs per work-item of `matmul_nt` in groups of `ntGroup` (which share a
    /// transposed panel of the weight in local memory), `nnRows × 16` of `matmul_nn`, `tnRows × 16`
    /// of `matmul_tn` in groups of `tnGroup` work-items.
    /// The accumulators must fit AVX2's 16 vector registers with the operands (more spill to memory).
    package struct BlockShape: Hashable, Sendable, CustomStringConvertible {
        package var ntRows = 6
        package var ntGroup = 16
        package var nnRows = 6
        package var tnRows = 4
        package var tnGroup = 32

        package init() {}

        package init(ntRows: Int, ntGroup: Int, nnRows: Int, tnRows: Int, tnGroup: Int) {
            precondition([ntRows, ntGroup, nnRows, tnRows, tnGroup].allSatisfy { $0 >= 1 }, "register blocks must be positive")
            (self.ntRows, self.ntGroup, self.nnRows, self.tnRows, self.tnGroup) = (ntRows, ntGroup, nnRows, tnRows, tnGroup)
        }

        package var description: String { "nt \(ntRows)×16/\(ntGroup) nn \(nnRows)×16 tn \(tnRows)×16/\(tnGroup)" }

        var defines: String {
            "#define BR_NT \(ntRows)\n#define NT_GROUP \(ntGroup)\n#define BR_NN \(nnRows)\n#define BR_TN \(tnRows)\n#define TN_GROUP \(tnGroup)\n"
        }

        /// `NT_PANEL` in network.cl: reduction terms of `matmul_nt`'s local weight panel (16 × this floats).
        static let ntPanel = 512
    }
}
