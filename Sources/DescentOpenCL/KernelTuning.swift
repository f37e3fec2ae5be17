import DescentKernels

/// The values a kernel build is specialised for, passed to the OpenCL C compiler as `#define`s
/// (the `.cl` files hold defaults): the work-group size, the dot products' vector width and the
/// number of features.
package struct KernelTuning: Hashable, Sendable, CustomStringConvertible {
    /// `WGS`: work-items per work-group, a power of two.
    package var workGroupSize: Int
    /// `VW`: interleaved partial sums per dot product (1, 2, 4, 8 or 16).
    package var vectorWidth: Int
    /// `FEATURES`: columns of x, fixed per build so the dot products unroll.
    package var features: Int
    /// `PREFETCH_ROWS`: how many rows ahead the sequential shape prefetches (0: none).
    package var prefetchRows: Int
    /// `LPR`: in the GPU shape (WGS > 1), lanes per row in the dot products, a power of two at
    /// most WGS; the tile holds WGS / LPR rows. 0 selects the previous GPU shape (rows read from
    /// global memory by one lane each), kept to measure against.
    package var lanesPerRow: Int
    /// `HEAD_BCE`: the binary cross-entropy head (logistic regression) instead of the course's
    /// squared error; the regression build's source and defines are unchanged by it.
    package var binaryCrossEntropy = false
    /// `ROW_GROUP`: in the sequential shape, rows whose logits, residuals and losses go together
    /// (2, 4, 8 or 16): 16 on every device (the sequential shape is the CPU's; measured in
    /// BENCHMARKS.md: more reads in flight, and one vector `exp` and `log1p` for the logistic
    /// head). Unused in the GPU shape.
    package var rowGroup = 16

    /// `lanesPerRow` defaults to ``defaultLanesPerRow(workGroupSize:features:)``.
    package init(workGroupSize: Int, vectorWidth: Int = 1, features: Int, prefetchRows: Int = 0, lanesPerRow: Int? = nil) {
        precondition(workGroupSize > 0 && workGroupSize & (workGroupSize - 1) == 0, "WGS must be a power of two")
        precondition([1, 2, 4, 8, 16].contains(vectorWidth), "VW must be an OpenCL vector width (the sequential shape holds w in floatVW registers)")
        self.workGroupSize = workGroupSize
        self.vectorWidth = vectorWidth
        self.features = features
        self.prefetchRows = prefetchRows
        let lanes = workGroupSize == 1 ? 1 : lanesPerRow ?? Self.defaultLanesPerRow(workGroupSize: workGroupSize, features: features)
        precondition(lanes == 0 || (lanes & (lanes - 1) == 0 && lanes <= workGroupSize), "LPR must be 0 or a power of two ≤ WGS")
        self.lanesPerRow = lanes
    }

    /// The fewest lanes per row that keep the tile within 8 KiB (2048 floats of padded rows), so
    /// that the tile fits every GPU's local memory with room for several work-groups per unit.
    package static func defaultLanesPerRow(workGroupSize: Int, features: Int) -> Int {
        let rowsThatFit = max(2048 / (features | 1), 1)
        var lanes = 1
        while lanes < workGroupSize && workGroupSize / lanes > rowsThatFit { lanes *= 2 }
        return lanes
    }

    package var description: String {
        "WGS=\(workGroupSize) VW=\(vectorWidth) FEATURES=\(features) PREFETCH_ROWS=\(prefetchRows)"
            + (workGroupSize > 1 ? " LPR=\(lanesPerRow)" : "") + (binaryCrossEntropy ? " HEAD=BCE" : "")
            + (workGroupSize == 1 ? " ROW_GROUP=\(rowGroup)" : "")
    }

    /// The lines prepended to the kernel sources.
    package var defines: String {
        "#define WGS \(workGroupSize)\n#define VW \(vectorWidth)\n#define FEATURES \(features)\n#define PREFETCH_ROWS \(prefetchRows)\n"
            + "#define LPR \(lanesPerRow)\n" + (binaryCrossEntropy ? "#define HEAD_BCE 1\n" : "")
            + (workGroupSize == 1 ? "#define ROW_GROUP \(rowGroup)\n" : "")
    }

    /// Rows in the GPU shape's tile (`TILE_ROWS`), and its padded pitch (`PITCH`).
    package var tileRows: Int { workGroupSize > 1 && lanesPerRow > 0 ? workGroupSize / lanesPerRow : 1 }

    /// Bytes of local memory the fused kernels take: w, the gradient sums, three WGS arrays and the tile.
    package var localMemoryBytes: Int { (2 * features + 1 + 3 * workGroupSize + tileRows * (features | 1)) * 4 }
}

/// How the fused kernels spread a batch over work-items.
package enum KernelShape: String, CaseIterable, Sendable {
    /// One work-item per work-group, each running through its rows one by one with 16-wide dot
    /// products: what a CPU runs best, since PoCL runs a work-group per thread.
    case sequential
    /// Up to 256 work-items per group sharing rows and columns through local memory: for GPUs.
    case cooperative

    /// The shape a device runs best.
    package static func preferred(for device: OpenCLDevice) -> KernelShape { device.isGPU ? .cooperative : .sequential }

    /// The tuning for a batch: sequential is WGS 1, VW 16, prefetching 16 rows ahead on a CPU
    /// (measured in BENCHMARKS.md); cooperative has one work-item per row of the batch up to 256
    /// (64 on a CPU), never more than the device allows. The backend may still step it down once
    /// the build's own limits are known (``OpenCLBackend/prepare(batchSize:)``).
    package func tuning(batch: Int, features: Int, device: OpenCLDevice) -> KernelTuning {
        switch self {
        case .sequential:
            return KernelTuning(workGroupSize: 1, vectorWidth: 16, features: features, prefetchRows: device.isGPU ? 0 : 16)
        case .cooperative:
            let limit = min(device.isGPU ? 256 : 64, device.maxWorkGroupSize, device.maxWorkItemSizes.first ?? .max)
            var size = 1
            while size < batch && size < limit { size *= 2 }
            return KernelTuning(workGroupSize: size, vectorWidth: 1, features: features)
        }
    }
}

