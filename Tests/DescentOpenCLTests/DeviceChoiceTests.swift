import Descent
import DescentOpenCL
import Testing

/// The automatic device choice, now library API (it lived in the CLI): the first GPU, else the
/// first device; an index past the last device is a typed error; no device falls back to the CPU.
@Suite struct DeviceChoiceTests {
    @Test func automaticChoicePrefersAGPUAndFallsBackToTheCPU() throws {
        let devices = (try? OpenCLDevice.all()) ?? []
        var reason: (any Error)?
        let backend = DeviceChoice.automaticBackend { reason = $0 }
        if let first = devices.first {
            let expected = devices.first(where: \.isGPU) ?? first
            #expect(try DeviceChoice.device().index == expected.index)
            #expect(backend.name == "opencl" && backend.deviceDescription == expected.description)
            #expect(reason == nil)
        } else {
            #expect(!TestDevice.required, "DESCENT_REQUIRE_OPENCL=1 but no OpenCL device was found")
            #expect(backend.name == "cpu")
            #expect(reason as? DeviceChoiceError == .noDevice)
        }
    }

    @Test(.enabled(if: TestDevice.available, TestDevice.skipReason))
    func anIndexPastTheLastDeviceIsATypedError() throws {
        let count = try OpenCLDevice.all().count
        #expect(try DeviceChoice.device(index: count - 1).index == count - 1)
        #expect(throws: DeviceChoiceError.indexOutOfRange(index: count, count: count)) { try DeviceChoice.device(index: count) }
        #expect(throws: DeviceChoiceError.indexOutOfRange(index: -1, count: count)) { try DeviceChoice.device(index: -1) }
    }
}
