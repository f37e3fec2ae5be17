import DescentKernels

/// A program built from the kernel sources for one tuning, and its kernels by name.
package final class LinearProgram {
    package let tuning: KernelTuning
    private let program: OpenCLProgram
    private let context: OpenCLContext
    private var kernels: [String: OpenCLKernel] = [:]

    /// The embedded sources, in the order the compiler must see them (fused_rules.cl is empty to the
    /// compiler unless a build defines `RULE`: ``OpenCLFusedRule``).
    package static var defaultSource: String { KernelSources.common + "\n" + KernelSources.fusedRules + "\n" + KernelSources.linear }
    /// The options every kernel build uses.
    package static let buildOptions = "-cl-std=CL1.2"

    /// Builds from source, bypassing every cache (tests).
    package convenience init(_ context: OpenCLContext, tuning: KernelTuning, source: String = LinearProgram.defaultSource) throws {
        self.init(program: try OpenCLProgram(context, source: tuning.defines + source, options: Self.buildOptions),
                  context: context, tuning: tuning)
    }

    init(program: OpenCLProgram, context: OpenCLContext, tuning: KernelTuning) {
        self.tuning = tuning
        self.context = context
        self.program = program
    }

    /// The kernel called `name`, created on first use.
    package func kernel(_ name: String) throws(OpenCLError) -> OpenCLKernel {
        if let kernel = kernels[name] { return kernel }
        let kernel = try OpenCLKernel(program, name: name, context: context)
        kernels[name] = kernel
        return kernel
    }

    /// Throws ``KernelLimitError`` unless every kernel in `names` runs work-groups of this
    /// tuning's size on the device (queried from the build, before any launch).
    package func checkLimits(_ names: [String]) throws {
        for name in names { try kernel(name).checkLimits(groupSize: tuning.workGroupSize) }
    }
}

/// Builds each (tuning, source) once per context, and through ``ProgramBinaryCache`` once per
/// machine: a validate run shares one cache across every check, and a second process loads the
/// binaries the first one stored. Counts what it did, so tests can hold it to that.
package final class ProgramCache {
    package let context: OpenCLContext
    package let binaryCache: ProgramBinaryCache?
    /// Programs compiled from OpenCL C in this cache's lifetime.
    package private(set) var sourceBuilds = 0
    /// Programs loaded from the binary cache instead.
    package private(set) var binaryLoads = 0

    private struct Key: Hashable {
        var tuning: KernelTuning
        var source: String
    }
    private var programs: [Key: LinearProgram] = [:]
    /// Told `true` before a program is compiled from source and `false` after: compiling can take
    /// seconds, which a watchdog (`validate --kernel-source`'s time limit) must not count as a hang.
    package var building: ((Bool) -> Void)?

    package init(_ context: OpenCLContext, binaryCache: ProgramBinaryCache? = .fromEnvironment()) {
        self.context = context
        self.binaryCache = binaryCache
    }

    /// The program for `tuning`, built on first use. Wide data whose local arrays cannot fit the
    /// device throws ``KernelLimitError`` before any build.
    package func program(_ tuning: KernelTuning, source: String = LinearProgram.defaultSource) throws -> LinearProgram {
        let key = Key(tuning: tuning, source: source)
        if let program = programs[key] { return program }
        let local = UInt64(tuning.localMemoryBytes)
        guard local <= context.device.localMemoryBytes else {
            throw KernelLimitError(kernel: "linear kernels (\(tuning))", device: context.device.name,
                                   reason: .localMemory(needed: local, available: context.device.localMemoryBytes))
        }
        let text = tuning.defines + source, options = LinearProgram.buildOptions
        let cacheKey = ProgramBinaryCache.key(device: context.device, options: options, source: text)
        let (built, loaded) = try ProgramCache.loadOrBuild(context, text: text, options: options, key: cacheKey,
                                                           binaryCache: binaryCache, building: building)
        if loaded { binaryLoads += 1 } else { sourceBuilds += 1 }
        let program = LinearProgram(program: built, context: context, tuning: tuning)
        programs[key] = program
        return program
    }
}

extension ProgramCache {
    /// A program from the binary cache (true), or compiled from source with its binary stored
    /// (false): a driver that refuses a stored binary gets the source. Both caches build this way.
    static func loadOrBuild(_ context: OpenCLContext, text: String, options: String, key: String,
                            binaryCache: ProgramBinaryCache?, building: ((Bool) -> Void)?) throws -> (OpenCLProgram, Bool) {
        if let binaryCache, let binary = binaryCache.load(key: key),
           let loaded = try? OpenCLProgram(context, binary: binary, options: options) {
            return (loaded, true)
        }
        building?(true)
        defer { building?(false) }
        let fresh = try OpenCLProgram(context, source: text, options: options)
        if let binaryCache, let binary = fresh.binary() { binaryCache.store(binary, key: key) }
        return (fresh, false)
    }
}
