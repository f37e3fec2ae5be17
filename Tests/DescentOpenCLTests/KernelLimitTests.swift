import Descent
import DescentOpenCL
import Testing

/// Each build's limits are read from the driver before any launch: a work-group size or a local
/// memory size beyond them is a ``KernelLimitError`` (validate skips, `auto` falls back), never a
/// failed launch in the middle of training. Devices with small limits are simulated by lowering
/// the limits the backend reads.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct KernelLimitTests {
    @Test func aBuildReportsItsLimits() throws {
        let program = try LinearProgram(try TestDevice.context(), tuning: KernelTuning(workGroupSize: 64, features: 13))
        let kernel = try program.kernel("linear_train_epoch")
        #expect(kernel.maxWorkGroupSize >= 64)
        #expect(kernel.preferredWorkGroupSizeMultiple >= 1)
        #expect(kernel.localMemoryBytes > 0 && kernel.localMemoryBytes <= TestDevice.device!.localMemoryBytes)
        try program.checkLimits(["linear_train_epoch", "linear_step_partial", "linear_step_update"])
    }

    @Test func aWorkGroupBeyondTheFirstDimensionLimitIsRefusedBeforeLaunch() throws {
        var device = TestDevice.device!
        device.maxWorkItemSizes = [16, 16, 16]
        let program = try LinearProgram(try OpenCLContext(device: device), tuning: KernelTuning(workGroupSize: 64, features: 13))
        #expect(throws: KernelLimitError(kernel: "linear_train_epoch", device: device.name, reason: .workGroupSize(requested: 64, allowed: 16))) {
            try program.checkLimits(["linear_train_epoch"])
        }
    }

    /// The cooperative shape is chosen within the device's limits, and `prepare` finds a build that
    /// fits before any data is loaded.
    @Test func theCooperativeShapeFitsTheDevice() throws {
        var device = TestDevice.device!
        device.maxWorkItemSizes = [32, 1, 1]
        let backend = try OpenCLBackend(device: device)
        backend.shape = .cooperative
        #expect(try backend.prepare(batchSize: 200, features: 13).workGroupSize == 32)
        backend.tuningOverride = KernelTuning(workGroupSize: 64, features: 13)
        #expect(throws: KernelLimitError.self) { try backend.prepare(batchSize: 200, features: 13) }
    }

    /// Wide data whose local arrays cannot fit is refused before training starts, by value.
    @Test func wideDataBeyondLocalMemoryIsRefusedBeforeTraining() throws {
        var device = TestDevice.device!
        device.localMemoryBytes = 1024
        let backend = try OpenCLBackend(device: device)
        #expect {
            try backend.prepare(batchSize: 100, features: 200)
        } throws: { error in
            guard let limit = error as? KernelLimitError, case let .localMemory(needed, available) = limit.reason else { return false }
            return needed > 1024 && available == 1024
        }
    }

    /// validate runs what the device can run and reports the rest as skipped, saying why.
    @Test func validateSkipsBuildsBeyondTheDeviceAndSaysSo() throws {
        var device = TestDevice.device!
        device.localMemoryBytes = 1024  // WGS 256 needs 3 KiB of local arrays
        let report = try Validator(device: device, seed: testSeed, sweep: .simulator, binaryCache: nil).run()
        #expect(report.allPassed, "\(report.failures.prefix(3).map(\.mismatches))")
        #expect(!report.skipped.isEmpty)
        #expect(report.skipped.allSatisfy { $0.mismatches.first?.contains("bytes of local memory") == true })
        #expect(report.text().contains(" skip") && report.text().contains("skipped (beyond the device's limits)"))
    }
}
