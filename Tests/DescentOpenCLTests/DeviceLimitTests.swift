import Descent
import DescentOpenCL
import Testing

/// Requests beyond what the device can hold fail with an error naming the call and the status,
/// before anything is allocated.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct DeviceLimitTests {
    @Test func aBufferLargerThanTheLargestAllocationIsRefused() throws {
        let context = try TestDevice.context()
        let count = Int(context.device.maxAllocationBytes / 4) + 1
        #expect {
            _ = try OpenCLBuffer<Float>(context, count: count)
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("clCreateBuffer: CL_INVALID_BUFFER_SIZE") && text.contains("allocates at most")
        }
    }

    @Test func statusNamesAndHintsAreReadable() {
        #expect(OpenCLError(call: "clEnqueueNDRangeKernel", status: -5).description
                == "clEnqueueNDRangeKernel: CL_OUT_OF_RESOURCES: the device ran out of memory or resources; try a smaller data set or batch, or --backend cpu")
        #expect(OpenCLError(call: "clEnqueueNDRangeKernel", status: -54, context: "linear_step_update").description
                == "clEnqueueNDRangeKernel: CL_INVALID_WORK_GROUP_SIZE (linear_step_update)")
        #expect(OpenCLError(call: "clFoo", status: -9999).statusName == "status -9999")
    }
}
