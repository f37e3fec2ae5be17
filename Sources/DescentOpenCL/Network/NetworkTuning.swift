import DescentKernels

/// The values the network kernels are built for, passed to the compiler as `#define`s, and chosen
/// per device in one place (``preferred(for:)``), the way ``KernelShape`` chooses the linear ones.
package struct NetworkTuning: Hashable, Sendable, CustomStringConvertible {
    /// `TILE`: the matrix multiplies' square tile; their work-groups are `TILE²` work-items.
    package var tile: Int
    /// `WGS`: work-items of the loss kernels' one work-group (a power of two, for `group_sum`),
    /// and of the element-wise kernels' groups.
    package var workGroupSize: Int
    /// `MATMUL_BLOCKED`: the matrix multiplies' CPU shape (a register block of the output per
    /// work-item, 8-float vector loads and fused multiply-adds, no local memory); `tile` is then unused.
    package var blocked: Bool
    /// The blocked shape's register blocks (`BR_NT`, `BC_NT`, `BR_NN`, `BC_NN`, `BR_TN`, `BC_TN`, `TN_GROUP`).
    package var blocks: BlockShape

    package init(tile: Int, workGroupSize: Int, blocked: Bool = false, blocks: BlockShape = BlockShape()) {
        precondition(tile >= 1, "TILE must be positive")
        precondition(workGroupSize > 0 && workGroupSize & (workGroupSize - 1) == 0, "WGS must be a power of two")
        self.tile = tile
        self.workGroupSize = workGroupSize
        self.blocked = blocked
        self.blocks = blocks
    }

    package var description: String {
        blocked ? "blocked WGS=\(workGroupSize)" + (blocks == BlockShape() ? "" : " \(blocks)") : "TILE=\(tile) WGS=\(workGroupSize)"
    }

    /// The lines prepended to the kernel sources.
    package var defines: String {
        "#define TILE \(tile)\n#define WGS \(workGroupSize)\n#define MATMUL_BLOCKED \(blocked ? 1 : 0)\n" + blocks.defines
    }

    /// Work-items per work-group of the matrix multiply `kernel`: `TILE²` in the tiled shape; in
    /// the blocked shape `TN_GROUP` for `matmul_tn` (its work-items meet at barriers), any size for
    /// the others (``blockedGroupSize``).
    package func matmulGroupSize(_ kernel: String) -> Int {
        guard blocked else { return tile * tile }
        return kernel == "matmul_tn" ? blocks.tnGroup : Self.blockedGroupSize
    }

    /// Work-items per group of the blocked `matmul_nt` and `matmul_nn` (no barriers: any size runs).
    static let blockedGroupSize = 16

    /// Work-groups and their size for a product whose output is `outRows × outColumns`:
    /// one tile per group, or one register block per work-item (network.cl's blocked shape).
    /// `kernel` names the product.
    package func matmulLaunch(_ kernel: String, outRows: Int, outColumns: Int) -> (groups: Int, groupSize: Int) {
        func ceil(_ a: Int, _ b: Int) -> Int { max((a + b - 1) / b, 1) }
        guard blocked else { return (ceil(outRows, tile) * ceil(outColumns, tile), tile * tile) }
        switch kernel {
        case "matmul_nt" where outColumns == 1:  // ntRows × ntColumns rows of the one column per work-item
            return (ceil(ceil(outRows, blocks.ntRows * blocks.ntColumns), Self.blockedGroupSize), Self.blockedGroupSize)
        case "matmul_nt":  // a group: consecutive row blocks of one column block
            return (ceil(ceil(outRows, blocks.ntRows), Self.blockedGroupSize) * ceil(outColumns, blocks.ntColumns), Self.blockedGroupSize)
        case "matmul_tn":
            return (ceil(outColumns, blocks.tnColumns) * ceil(ceil(outRows, blocks.tnRows), blocks.tnGroup), blocks.tnGroup)
        default:
            return (ceil(ceil(outRows, blocks.nnRows) * ceil(outColumns, blocks.nnColumns), Self.blockedGroupSize), Self.blockedGroupSize)
        }
    }

    /// Work-groups and their size for `head_backward` over a layer of `inner` inputs: a work-item
    /// per 8 inputs, in groups of 4 (PoCL runs a group per task: 8 for 256 inputs).
    package func headBackwardLaunch(inner: Int) -> (groups: Int, groupSize: Int) {
        (max(((inner + 7) / 8 + 3) / 4, 1), 4)
    }

    /// Whether the step runs an output layer of one output through `head_backward` (the blocked
    /// shape: at 256 rows 8 against 19 µs for `matmul_tn` and `matmul_nn`, and a launch fewer) or
    /// through `matmul_tn` and `matmul_nn` (a GPU: `head_backward` has a work-item per 8 inputs).
    package var fusesHeadBackward: Bool { blocked }

    /// Bytes of local memory the matrix multiplies take: two `TILE × (TILE + 1)` tiles.
    package var localMemoryBytes: Int { max(2 * tile * (tile + 1), workGroupSize) * 4 }

    /// The device's tuning: on a GPU 16×16 tiles (256 work-items), on a CPU the blocked shape
    /// (PoCL runs a work-group per thread and does not vectorise across work-items that meet at
    /// barriers: 0.7 against 6 to 8 GFLOP/s for 4096×256·256×256, BENCHMARKS.md); 256-item loss
    /// groups where the device allows that many, else the largest that fit.
    /// ``NetworkProgram/resolve(_:)`` steps it down further if the build itself allows fewer.
    package static func preferred(for device: OpenCLDevice) -> NetworkTuning {
        let limit = min(device.maxWorkGroupSize, device.maxWorkItemSizes.first ?? device.maxWorkGroupSize)
        var tile = 16
        while tile > 1 && tile * tile > limit { tile /= 2 }
        var size = 256
        while size > 1 && size > limit { size /= 2 }
        // The default blocks need AVX-512's 32 vector registers (PoCL names the CPU it compiles
        // for: "pthread-skylake-avx512-…"); with 16 they spill, so smaller blocks there.
        let blocks = device.name.lowercased().contains("avx512") ? BlockShape() : .sixteenRegisters
        return NetworkTuning(tile: tile, workGroupSize: size, blocked: !device.isGPU, blocks: blocks)
    }

    /// The kernels and the work-group size each is launched with.
    package var kernelGroupSizes: [(name: String, groupSize: Int)] {
        ["matmul_nt", "matmul_nn", "matmul_tn"].map { ($0, matmulGroupSize($0)) }
            + [("head_backward", headBackwardLaunch(inner: 1).groupSize)]
            + ["bias_activation", "activation_backward", "column_sums", "sgd_update", "gather_rows",
               "loss_delta_mse", "loss_delta_huber", "loss_delta_bce", "loss_delta_softmax"].map { ($0, workGroupSize) }
    }
}
