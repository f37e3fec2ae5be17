import COpenCL

/// One kernel of a built program, released with its owner. Arguments are set by index; a launch
/// enqueues on the context's in-order queue and returns without waiting.
package final class OpenCLKernel {
    let kernel: cl_kernel
    package let name: String
    private let context: OpenCLContext
    private let program: OpenCLProgram  // kept alive while the kernel is

    package init(_ program: OpenCLProgram, name: String, context: OpenCLContext) throws(OpenCLError) {
        var status: cl_int = 0
        guard let kernel = clCreateKernel(program.program, name, &status) else {
            throw OpenCLError(call: "clCreateKernel", status: status, object: .kernel(name))
        }
        self.kernel = kernel
        self.name = name
        self.context = context
        self.program = program
        func info<T: FixedWidthInteger>(_ parameter: Int32, _ what: String) throws(OpenCLError) -> T {
            var value: T = 0
            try check(clGetKernelWorkGroupInfo(kernel, context.device.id, cl_kernel_work_group_info(parameter), MemoryLayout<T>.size, &value, nil),
                      "clGetKernelWorkGroupInfo", object: .kernelInfo(kernel: name, parameter: parameter))
            return value
        }
        maxWorkGroupSize = Int(try info(CL_KERNEL_WORK_GROUP_SIZE, "CL_KERNEL_WORK_GROUP_SIZE") as Int)
        localMemoryBytes = UInt64(try info(CL_KERNEL_LOCAL_MEM_SIZE, "CL_KERNEL_LOCAL_MEM_SIZE") as cl_ulong)
        preferredWorkGroupSizeMultiple = Int(try info(CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE, "CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE") as Int)
    }

    /// `CL_KERNEL_WORK_GROUP_SIZE`: the most work-items per group this build can run on the device
    /// (registers and local memory permitting): often less than the device's maximum.
    package let maxWorkGroupSize: Int
    /// `CL_KERNEL_LOCAL_MEM_SIZE`: the local memory one work-group of this build takes.
    package let localMemoryBytes: UInt64
    /// `CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE`: the SIMD width (warp, wavefront) to round to.
    package let preferredWorkGroupSizeMultiple: Int

    /// Throws ``KernelLimitError`` unless this build can run work-groups of `groupSize` on its
    /// device: the kernel's own limit, the device's first-dimension limit, and local memory.
    package func checkLimits(groupSize: Int) throws(KernelLimitError) {
        let device = context.device
        let allowed = min(maxWorkGroupSize, device.maxWorkItemSizes.first ?? maxWorkGroupSize)
        if groupSize > allowed {
            throw KernelLimitError(kernel: name, device: device.name, reason: .workGroupSize(requested: groupSize, allowed: allowed))
        }
        if localMemoryBytes > device.localMemoryBytes {
            throw KernelLimitError(kernel: name, device: device.name, reason: .localMemory(needed: localMemoryBytes, available: device.localMemoryBytes))
        }
    }

    deinit { clReleaseKernel(kernel) }

    package func set<T: BitwiseCopyable>(_ index: Int, _ buffer: OpenCLBuffer<T>) throws(OpenCLError) {
        var memory: cl_mem? = buffer.memory
        try check(clSetKernelArg(kernel, cl_uint(index), MemoryLayout<cl_mem>.size, &memory),
                  "clSetKernelArg", object: .kernelArgument(kernel: name, index: index))
    }

    package func set(_ index: Int, _ value: Int32) throws(OpenCLError) {
        var value = value
        try check(clSetKernelArg(kernel, cl_uint(index), 4, &value), "clSetKernelArg", object: .kernelArgument(kernel: name, index: index))
    }

    package func set(_ index: Int, _ value: Float) throws(OpenCLError) {
        var value = value
        try check(clSetKernelArg(kernel, cl_uint(index), 4, &value), "clSetKernelArg", object: .kernelArgument(kernel: name, index: index))
    }

    /// Enqueues `groups` work-groups of `groupSize` work-items; with a `profile`, records the
    /// launch's event there, unless the context's ``OpenCLContext/recordsLaunches`` is off.
    package func launch(groups: Int, groupSize: Int, profile: OpenCLProfile? = nil) throws(OpenCLError) {
        var global = groups * groupSize, local = groupSize
        var event: cl_event?
        let status = profile == nil || !context.recordsLaunches
            ? clEnqueueNDRangeKernel(context.queue, kernel, 1, nil, &global, &local, 0, nil, nil)
            : clEnqueueNDRangeKernel(context.queue, kernel, 1, nil, &global, &local, 0, nil, &event)
        try check(status, "clEnqueueNDRangeKernel", object: .launch(kernel: name, groups: groups, groupSize: groupSize))
        if let event { profile?.record(event, name: name) }
    }
}
