import DescentKernels

/// The values a kernel build is specialised for, passed to the OpenCL C compiler as `#define`s
/// (the `.cl` files hold defaults): the work-group size, the dot products' vector width and the
/// number of features.
public struct KernelTuning: Hashable, Sendable, CustomStringConvertible {
    /// `WGS`: work-items per work-group, a power of two.
    public var workGroupSize: Int
    /// `VW`: interleaved partial sums per dot product.
    public var vectorWidth: Int
    /// `FEATURES`: columns of x, fixed per build so the dot products unroll.
    public var features: Int
    /// `PREFETCH_ROWS`: how many rows ahead the sequential shape prefetches (0: none).
    public var prefetchRows: Int

    public init(workGroupSize: Int, vectorWidth: Int = 1, features: Int, prefetchRows: Int = 0) {
        precondition(workGroupSize > 0 && workGroupSize & (workGroupSize - 1) == 0, "WGS must be a power of two")
        precondition(vectorWidth >= 1)
        self.workGroupSize = workGroupSize
        self.vectorWidth = vectorWidth
        self.features = features
        self.prefetchRows = prefetchRows
    }

    public var description: String { "WGS=\(workGroupSize) VW=\(vectorWidth) FEATURES=\(features) PREFETCH_ROWS=\(prefetchRows)" }

    /// The lines prepended to the kernel sources.
    public var defines: String {
        "#define WGS \(workGroupSize)\n#define VW \(vectorWidth)\n#define FEATURES \(features)\n#define PREFETCH_ROWS \(prefetchRows)\n"
    }

    /// Bytes of local memory the fused kernels take: w, the gradient sums, and three WGS arrays.
    public var localMemoryBytes: Int { (2 * features + 1 + 3 * workGroupSize) * 4 }
}

/// How the fused kernels spread a batch over work-items.
public enum KernelShape: String, CaseIterable, Sendable {
    /// One work-item per work-group, each running through its rows one by one with 16-wide dot
    /// products: what a CPU runs best, since PoCL runs a work-group per thread.
    case sequential
    /// Up to 256 work-items per group sharing rows and columns through local memory: for GPUs.
    case cooperative

    /// The shape a device runs best.
    public static func preferred(for device: OpenCLDevice) -> KernelShape { device.isGPU ? .cooperative : .sequential }

    /// The tuning for a batch: sequential is WGS 1, VW 16, prefetching 16 rows ahead (measured in
    /// BENCHMARKS.md); cooperative has one work-item per row of
    /// the batch up to 256 (64 on a CPU), never more than the device allows.
    public func tuning(batch: Int, features: Int, device: OpenCLDevice) -> KernelTuning {
        switch self {
        case .sequential:
            return KernelTuning(workGroupSize: 1, vectorWidth: 16, features: features, prefetchRows: 16)
        case .cooperative:
            let limit = min(device.isGPU ? 256 : 64, device.maxWorkGroupSize)
            var size = 1
            while size < batch && size < limit { size *= 2 }
            return KernelTuning(workGroupSize: size, vectorWidth: 1, features: features)
        }
    }
}

/// A program built from the kernel sources for one tuning, and its kernels by name.
public final class LinearProgram {
    public let tuning: KernelTuning
    private let program: OpenCLProgram
    private let context: OpenCLContext
    private var kernels: [String: OpenCLKernel] = [:]

    /// The embedded sources, in the order the compiler must see them.
    public static var defaultSource: String { KernelSources.common + "\n" + KernelSources.linear }

    public init(_ context: OpenCLContext, tuning: KernelTuning, source: String = LinearProgram.defaultSource) throws {
        self.tuning = tuning
        self.context = context
        program = try OpenCLProgram(context, source: tuning.defines + source, options: "-cl-std=CL1.2")
    }

    /// The kernel called `name`, created on first use.
    public func kernel(_ name: String) throws(OpenCLError) -> OpenCLKernel {
        if let kernel = kernels[name] { return kernel }
        let kernel = try OpenCLKernel(program, name: name, context: context)
        kernels[name] = kernel
        return kernel
    }
}

/// Builds each tuning's program once per context.
final class ProgramCache {
    private let context: OpenCLContext
    private let source: String
    private var programs: [KernelTuning: LinearProgram] = [:]

    init(_ context: OpenCLContext, source: String) {
        self.context = context
        self.source = source
    }

    func program(_ tuning: KernelTuning) throws -> LinearProgram {
        if let program = programs[tuning] { return program }
        let local = UInt64(tuning.localMemoryBytes)
        guard local <= context.device.localMemoryBytes else {
            throw OpenCLError(call: "clBuildProgram", status: -5, context:
                "\(tuning.features) features need \(local) bytes of local memory; \(context.device.name) has \(context.device.localMemoryBytes)")
        }
        let program = try LinearProgram(context, tuning: tuning, source: source)
        programs[tuning] = program
        return program
    }
}
