import DescentKernels

/// The values the network kernels are built for, passed to the compiler as `#define`s, and chosen
/// per device in one place (``preferred(for:)``), the way ``KernelShape`` chooses the linear ones.
public struct NetworkTuning: Hashable, Sendable, CustomStringConvertible {
    /// `TILE`: the matrix multiplies' square tile; their work-groups are `TILE²` work-items.
    public var tile: Int
    /// `WGS`: work-items of the loss kernels' one work-group (a power of two, for `group_sum`),
    /// and of the element-wise kernels' groups.
    public var workGroupSize: Int

    public init(tile: Int, workGroupSize: Int) {
        precondition(tile >= 1, "TILE must be positive")
        precondition(workGroupSize > 0 && workGroupSize & (workGroupSize - 1) == 0, "WGS must be a power of two")
        self.tile = tile
        self.workGroupSize = workGroupSize
    }

    public var description: String { "TILE=\(tile) WGS=\(workGroupSize)" }

    /// The lines prepended to the kernel sources.
    public var defines: String { "#define TILE \(tile)\n#define WGS \(workGroupSize)\n" }

    /// Work-items per work-group of the matrix multiplies.
    public var tileItems: Int { tile * tile }

    /// Bytes of local memory the matrix multiplies take: two `TILE × (TILE + 1)` tiles.
    public var localMemoryBytes: Int { max(2 * tile * (tile + 1), workGroupSize) * 4 }

    /// The device's tuning: 16×16 tiles (256 work-items) and 256-item loss groups where the device
    /// allows that many, else the largest that fit. (A GPU wants the large groups; PoCL runs a
    /// work-group per thread, and 16×16 tiles keep its loops long enough to vectorise.)
    /// ``NetworkProgram/resolve(_:)`` steps it down further if the build itself allows fewer.
    public static func preferred(for device: OpenCLDevice) -> NetworkTuning {
        let limit = min(device.maxWorkGroupSize, device.maxWorkItemSizes.first ?? device.maxWorkGroupSize)
        var tile = 16
        while tile > 1 && tile * tile > limit { tile /= 2 }
        var size = 256
        while size > 1 && size > limit { size /= 2 }
        return NetworkTuning(tile: tile, workGroupSize: size)
    }

    /// The kernels and the work-group size each is launched with.
    public var kernelGroupSizes: [(name: String, groupSize: Int)] {
        ["matmul_nt", "matmul_nn", "matmul_tn"].map { ($0, tileItems) }
            + ["bias_activation", "activation_backward", "column_sums", "sgd_update", "gather_rows",
               "loss_delta_mse", "loss_delta_huber", "loss_delta_bce", "loss_delta_softmax"].map { ($0, workGroupSize) }
    }
}
