@testable import DescentOpenCL
import Testing

/// A platform that answers with an error (a broken or half-installed driver) is skipped with a
/// notice; the other platforms' devices are still listed, indexed without gaps.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct DeviceListingTests {
    @Test func aFailingPlatformIsSkippedWithANotice() {
        let real = TestDevice.device!
        var notices = [String]()
        let devices = OpenCLDevice.collect(["broken", "good", "also broken", "good"], notice: { notices.append($0) }) {
            platform, first throws(OpenCLError) in
            guard platform == "good" else { throw OpenCLError(call: "clGetDeviceIDs", status: -32) }
            var device = real
            device.index = first
            return [device]
        }
        #expect(devices.map(\.index) == [0, 1])
        #expect(notices == ["notice: OpenCL platform 0 skipped: clGetDeviceIDs: CL_INVALID_PLATFORM",
                            "notice: OpenCL platform 2 skipped: clGetDeviceIDs: CL_INVALID_PLATFORM"])
    }

    @Test func realDevicesReportTheirWorkItemLimits() throws {
        let device = TestDevice.device!
        #expect(device.maxWorkItemSizes.count >= 1 && device.maxWorkItemSizes[0] >= 1)
        #expect(try OpenCLDevice.all().count >= 1)
    }

    /// The bandwidth yardstick runs on a profiling context (device timestamps on a GPU, the host's
    /// clock on a CPU device) and on a plain one (the host's clock); both give a plausible figure,
    /// and its sums check that it read the buffer once.
    @Test func theBandwidthProbeMeasuresOnBothClocks() throws {
        for profiling in [true, false] {
            let context = try OpenCLContext(device: TestDevice.device!, profiling: profiling)
            let rate = try BandwidthProbe.readBytesPerSecond(on: context, bytes: 4 << 20, repeats: 3)
            #expect(rate.isFinite && rate > 1e7 && rate < 1e13, "profiling \(profiling): \(rate) B/s")
        }
        #expect(OpenCLProfile.nanosecondsPerTick(platformName: "Portable Computing Language") == 1)
    }
}
