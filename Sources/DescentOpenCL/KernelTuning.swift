import DescentKernels

/// The values a kernel build is specialised for, passed to the OpenCL C compiler as `#define`s
/// (the `.cl` files hold defaults): the work-group size and the number of features.
public struct KernelTuning: Hashable, Sendable, CustomStringConvertible {
    /// `WGS`: work-items per work-group, a power of two.
    public var workGroupSize: Int
    /// `FEATURES`: columns of x, fixed per build so the dot products unroll.
    public var features: Int

    public init(workGroupSize: Int, features: Int) {
        precondition(workGroupSize > 0 && workGroupSize & (workGroupSize - 1) == 0, "WGS must be a power of two")
        self.workGroupSize = workGroupSize
        self.features = features
    }

    public var description: String { "WGS=\(workGroupSize) FEATURES=\(features)" }

    /// The lines prepended to the kernel sources.
    public var defines: String { "#define WGS \(workGroupSize)\n#define FEATURES \(features)\n" }

    /// Bytes of local memory the fused kernels take: w, the gradient sums, and three WGS arrays.
    public var localMemoryBytes: Int { (2 * features + 1 + 3 * workGroupSize) * 4 }

    /// The work-group size for a batch on `device`: enough work-items for one row each up to a
    /// limit (64 on a CPU, where PoCL runs a whole group on one thread and vectorises across it;
    /// 256 on a GPU), never more than the device allows.
    public static func workGroupSize(batch: Int, device: OpenCLDevice) -> Int {
        let limit = min(device.isGPU ? 256 : 64, device.maxWorkGroupSize)
        var size = 1
        while size < batch && size < limit { size *= 2 }
        return max(size, 1)
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
