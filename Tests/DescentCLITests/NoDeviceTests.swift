import Foundation
import Testing

/// A machine without OpenCL: auto falls back, opencl fails, validate says so with its own status.
@Suite struct NoDeviceTests {
    @Test func autoFallsBackToTheCPUWithANotice() throws {
        let result = try descent(["train", "--quiet", "--epochs", "1", "--model-out", "m.json"], in: try temporaryDirectory(), environment: noOpenCL)
        #expect(result.status == 0)
        #expect(result.errors.contains("notice: no OpenCL device found") && result.errors.contains("Backend: cpu"))
    }

    @Test func openCLBackendFailsClearly() throws {
        let result = try descent(["train", "--backend", "opencl"], environment: noOpenCL)
        #expect(result.status != 0 && result.errors.contains("no OpenCL device found"))
    }

    @Test func validateExitsWithItsOwnStatus() throws {
        let result = try descent(["validate", "--quick"], environment: noOpenCL)
        #expect(result.status == 3 && result.errors.contains("no OpenCL device found"))
    }

    @Test func devicesSaysThereAreNone() throws {
        let result = try descent(["devices"], environment: noOpenCL)
        #expect(result.status == 0 && result.output.contains("No OpenCL device found"))
    }
}
