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
                && (error as? OpenCLError)?.object == .buffer(bytes: count * 4, limit: context.device.maxAllocationBytes)
        }
    }

    /// The device's memory, as the backend sees it, made small: data that does not fit is refused
    /// before any buffer is made, naming the call, the status and the sizes.
    @Test func dataLargerThanTheDeviceMemoryIsRefused() throws {
        var device = TestDevice.device!
        device.globalMemoryBytes = 1000
        let backend = try OpenCLBackend(device: device)
        let data = SyntheticData(rows: 100, features: 4).data
        #expect {
            try backend.load(data)
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("clCreateBuffer: CL_MEM_OBJECT_ALLOCATION_FAILURE") && text.contains("the data needs")
                && (error as? OpenCLError)?.object == .trainingRows(bytes: 100 * 7 * 4, available: 1000, device: device.name)
        }
    }

    /// A launch the driver refuses (a work-group size the kernel was not built for) names the call,
    /// the status and the kernel. (CL_OUT_OF_RESOURCES itself cannot be provoked on PoCL.)
    @Test func aRefusedLaunchNamesTheCallTheStatusAndTheKernel() throws {
        let context = try TestDevice.context()
        let program = try LinearProgram(context, tuning: KernelTuning(workGroupSize: 64, features: 1))
        let kernel = try program.kernel("linear_residual")
        let z = try OpenCLBuffer<Float>(context, count: 64), r = try OpenCLBuffer<Float>(context, count: 64)
        try kernel.set(0, z); try kernel.set(1, z); try kernel.set(2, r); try kernel.set(3, r); try kernel.set(4, Int32(64))
        #expect(throws: OpenCLError(call: "clEnqueueNDRangeKernel", status: -54, object: .launch(kernel: "linear_residual", groups: 2, groupSize: 32))) {
            try kernel.launch(groups: 2, groupSize: 32)
        }
    }

    @Test func statusNamesAndHintsAreReadable() {
        #expect(OpenCLError(call: "clEnqueueNDRangeKernel", status: -5).description
                == "clEnqueueNDRangeKernel: CL_OUT_OF_RESOURCES: the device ran out of memory or resources; try a smaller data set or batch, or the CPU backend")
        #expect(OpenCLError(call: "clEnqueueNDRangeKernel", status: -54, object: .kernel("linear_step_update")).description
                == "clEnqueueNDRangeKernel: CL_INVALID_WORK_GROUP_SIZE (linear_step_update)")
        #expect(OpenCLError(call: "clFoo", status: -9999).statusName == "status -9999")
    }
}
