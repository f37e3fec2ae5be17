import DescentKernels

/// The network kernels built for one ``NetworkTuning``, and its kernels by name.
package final class NetworkProgram {
    package let tuning: NetworkTuning
    private let program: OpenCLProgram
    private let context: OpenCLContext
    private var kernels: [String: OpenCLKernel] = [:]

    /// The embedded sources, in the order the compiler must see them.
    package static var defaultSource: String { KernelSources.common + "\n" + KernelSources.network }

    init(program: OpenCLProgram, context: OpenCLContext, tuning: NetworkTuning) {
        self.program = program
        self.context = context
        self.tuning = tuning
    }

    /// The kernel called `name`, created on first use.
    package func kernel(_ name: String) throws(OpenCLError) -> OpenCLKernel {
        if let kernel = kernels[name] { return kernel }
        let kernel = try OpenCLKernel(program, name: name, context: context)
        kernels[name] = kernel
        return kernel
    }

    /// Throws ``KernelLimitError`` unless every kernel runs its work-groups on the device (queried
    /// from the build, before any launch).
    package func checkLimits() throws {
        for (name, size) in tuning.kernelGroupSizes { try kernel(name).checkLimits(groupSize: size) }
    }
}

/// Builds each (tuning, source) of the network kernels once per context, and through
/// ``ProgramBinaryCache`` once per machine, like ``ProgramCache`` for the linear ones.
package final class NetworkProgramCache {
    package let context: OpenCLContext
    package let binaryCache: ProgramBinaryCache?
    /// Programs compiled from OpenCL C in this cache's lifetime.
    package private(set) var sourceBuilds = 0
    /// Programs loaded from the binary cache instead.
    package private(set) var binaryLoads = 0
    private var programs: [String: NetworkProgram] = [:]
    /// As ``ProgramCache/building``.
    package var building: ((Bool) -> Void)?

    package init(_ context: OpenCLContext, binaryCache: ProgramBinaryCache? = .fromEnvironment()) {
        self.context = context
        self.binaryCache = binaryCache
    }

    /// The program for `tuning`, built on first use and checked against the device's limits
    /// (``KernelLimitError`` for a build the device cannot run).
    package func program(_ tuning: NetworkTuning, source: String = NetworkProgram.defaultSource) throws -> NetworkProgram {
        let text = tuning.defines + source, options = LinearProgram.buildOptions
        if let program = programs[text] { return program }
        let local = UInt64(tuning.localMemoryBytes)
        guard local <= context.device.localMemoryBytes else {
            throw KernelLimitError(kernel: "network kernels (\(tuning))", device: context.device.name,
                                   reason: .localMemory(needed: local, available: context.device.localMemoryBytes))
        }
        let cacheKey = ProgramBinaryCache.key(device: context.device, options: options, source: text)
        let (built, loaded) = try ProgramCache.loadOrBuild(context, text: text, options: options, key: cacheKey,
                                                           binaryCache: binaryCache, building: building)
        if loaded { binaryLoads += 1 } else { sourceBuilds += 1 }
        let program = NetworkProgram(program: built, context: context, tuning: tuning)
        try program.checkLimits()
        programs[text] = program
        return program
    }

    /// The device's preferred tuning (``NetworkTuning/preferred(for:)``), stepped down while a
    /// build's own limits (`CL_KERNEL_WORK_GROUP_SIZE`) refuse it. Throws ``KernelLimitError``
    /// when even the smallest build does not run.
    package func resolve(source: String = NetworkProgram.defaultSource) throws -> NetworkProgram {
        var tuning = NetworkTuning.preferred(for: context.device)
        while true {
            do { return try program(tuning, source: source) } catch let error as KernelLimitError {
                let matmul = error.kernel.hasPrefix("matmul")
                if matmul, tuning.blocked { tuning.blocked = false }
                else if matmul, tuning.tile > 1 { tuning.tile /= 2 }
                else if !matmul, tuning.workGroupSize > 1 { tuning.workGroupSize /= 2 }
                else { throw error }
            }
        }
    }
}
