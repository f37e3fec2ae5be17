import Testing

/// CI sets `DESCENT_REQUIRE_OPENCL=1`: there, a machine without an OpenCL device fails here
/// instead of silently skipping every device test.
@Suite struct DeviceRequirementTests {
    @Test func anOpenCLDeviceIsPresentWhenRequired() {
        if TestDevice.required {
            #expect(TestDevice.available, "DESCENT_REQUIRE_OPENCL=1 but no OpenCL device was found")
        }
    }
}
