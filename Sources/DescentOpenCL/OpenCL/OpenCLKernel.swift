import COpenCL

/// One kernel of a built program, released with its owner. Arguments are set by index; a launch
/// enqueues on the context's in-order queue and returns without waiting.
public final class OpenCLKernel {
    let kernel: cl_kernel
    public let name: String
    private let context: OpenCLContext
    private let program: OpenCLProgram  // kept alive while the kernel is

    public init(_ program: OpenCLProgram, name: String, context: OpenCLContext) throws(OpenCLError) {
        var status: cl_int = 0
        guard let kernel = clCreateKernel(program.program, name, &status) else {
            throw OpenCLError(call: "clCreateKernel", status: status, context: name)
        }
        self.kernel = kernel
        self.name = name
        self.context = context
        self.program = program
    }

    deinit { clReleaseKernel(kernel) }

    public func set<T: BitwiseCopyable>(_ index: Int, _ buffer: OpenCLBuffer<T>) throws(OpenCLError) {
        var memory: cl_mem? = buffer.memory
        try check(clSetKernelArg(kernel, cl_uint(index), MemoryLayout<cl_mem>.size, &memory),
                  "clSetKernelArg", context: "\(name) argument \(index)")
    }

    public func set(_ index: Int, _ value: Int32) throws(OpenCLError) {
        var value = value
        try check(clSetKernelArg(kernel, cl_uint(index), 4, &value), "clSetKernelArg", context: "\(name) argument \(index)")
    }

    public func set(_ index: Int, _ value: Float) throws(OpenCLError) {
        var value = value
        try check(clSetKernelArg(kernel, cl_uint(index), 4, &value), "clSetKernelArg", context: "\(name) argument \(index)")
    }

    /// Enqueues `groups` work-groups of `groupSize` work-items; with a `profile`, records the
    /// launch's event there.
    public func launch(groups: Int, groupSize: Int, profile: OpenCLProfile? = nil) throws(OpenCLError) {
        var global = groups * groupSize, local = groupSize
        var event: cl_event?
        let status = profile == nil
            ? clEnqueueNDRangeKernel(context.queue, kernel, 1, nil, &global, &local, 0, nil, nil)
            : clEnqueueNDRangeKernel(context.queue, kernel, 1, nil, &global, &local, 0, nil, &event)
        try check(status, "clEnqueueNDRangeKernel", context: "\(name), \(groups) groups of \(groupSize)")
        if let event { profile?.record(event) }
    }
}
