import Descent
import DescentOpenCL
import Foundation
import Testing

/// One context and one program cache per validate run, and program binaries on disk between
/// processes, keyed by everything a binary depends on.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct ProgramCacheTests {
    func temporaryCache() throws -> ProgramBinaryCache {
        let path = NSTemporaryDirectory() + "descent-kernels-\(UUID().uuidString)"
        return ProgramBinaryCache(directory: path)
    }

    /// Every distinct build once per run: before the shared cache, every fused check's backend and
    /// every stage set built its own programs (83 builds in the quick sweep).
    @Test func validateBuildsEachProgramOnce() throws {
        let report = try Validator(device: TestDevice.device!, seed: testSeed, sweep: .simulator, binaryCache: nil).run()
        #expect(report.allPassed)
        // Per feature count (2): 3 stage builds (WGS 1, 32, 256; the cooperative builds at the
        // default LPR coincide with them), 2 at twice the LPR, 1 sequential; at most one more for
        // the course trajectory (the device's preferred shape). Then the network kernels: the
        // device's shape and the other matrix-multiply shape (2), which the trajectories reuse.
        // That was 14 or 15; the logistic checks add the HEAD_BCE builds of the 13-feature
        // tunings (4 or 5: 19 measured), and the fused-epoch checks, which build in the same cache,
        // about one build per RULE (sgd, momentum, nesterov, adam/adamw: hyperparameters are
        // arguments) for each of the two shapes (9 measured). Before they shared the cache, those
        // builds went uncounted.
        #expect(report.programBuilds >= 27 && report.programBuilds <= 29, "\(report.programBuilds) builds")
        #expect(report.binaryLoads == 0)
    }

    /// A second cache on a fresh context (as a second process has) loads the stored binary.
    @Test func aSecondCacheLoadsTheStoredBinary() throws {
        let disk = try temporaryCache()
        let tuning = KernelTuning(workGroupSize: 32, features: 5)
        let first = ProgramCache(try TestDevice.context(), binaryCache: disk)
        _ = try first.program(tuning)
        #expect(first.sourceBuilds == 1 && first.binaryLoads == 0)
        let second = ProgramCache(try TestDevice.context(), binaryCache: disk)
        let program = try second.program(tuning)
        #expect(second.sourceBuilds == 0 && second.binaryLoads == 1)
        try program.checkLimits(["linear_train_epoch"])
        // A different source is a different key: built, not loaded.
        _ = try second.program(tuning, source: LinearProgram.defaultSource + "\n// changed\n")
        #expect(second.sourceBuilds == 1)
    }

    /// A damaged file (a binary the driver refuses) is rebuilt from source, not an error.
    @Test func aDamagedBinaryIsRebuilt() throws {
        let disk = try temporaryCache()
        let tuning = KernelTuning(workGroupSize: 16, features: 3)
        let device = TestDevice.device!
        let key = ProgramBinaryCache.key(device: device, options: LinearProgram.buildOptions, source: tuning.defines + LinearProgram.defaultSource)
        disk.store(Array("not a binary".utf8), key: key)
        let cache = ProgramCache(try TestDevice.context(), binaryCache: disk)
        _ = try cache.program(tuning)
        #expect(cache.sourceBuilds == 1 && cache.binaryLoads == 0)
        #expect(disk.load(key: key).map { $0 != Array("not a binary".utf8) } == true, "the good binary replaces the damaged one")
    }

    @Test func theKeyCoversDriverOptionsAndSource() {
        var device = TestDevice.device!
        let base = ProgramBinaryCache.key(device: device, options: "-a", source: "s")
        #expect(base != ProgramBinaryCache.key(device: device, options: "-b", source: "s"))
        #expect(base != ProgramBinaryCache.key(device: device, options: "-a", source: "t"))
        device.driverVersion += "x"
        #expect(base != ProgramBinaryCache.key(device: device, options: "-a", source: "s"))
        #expect(ProgramBinaryCache.fromEnvironment(["DESCENT_KERNEL_CACHE": "off"]) == nil)
        #expect(ProgramBinaryCache.fromEnvironment(["HOME": "/h"])?.directory == "/h/.cache/descent/kernels")
    }
}
