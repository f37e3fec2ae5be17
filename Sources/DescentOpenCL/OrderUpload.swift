import COpenCL

/// The permutation's device copies: two buffers used alternately, each filled from its own pinned
/// host area (`CL_MEM_ALLOC_HOST_PTR`, mapped once) by a non-blocking write that the in-order
/// queue runs after the previous submission's kernels.
///
/// So the host never waits for the device to upload the next slice: a blocking write would wait
/// for every command enqueued before it. A pinned area is written again only after the write that
/// last read it has finished (its event), so a submission cannot change an order still in flight;
/// with two areas that wait is, in practice, already over.
final class OrderUpload {
    private let context: OpenCLContext
    let capacity: Int
    private let buffers: [OpenCLBuffer<Int32>]
    private let staging: [cl_mem]
    private let hosts: [UnsafeMutablePointer<Int32>]
    /// The last write out of each pinned area, until waited for.
    private var writes: [cl_event?] = [nil, nil]
    private var next = 0

    /// Two device buffers and two pinned areas of `capacity` positions each.
    init(_ context: OpenCLContext, capacity: Int) throws(OpenCLError) {
        self.context = context
        self.capacity = capacity
        buffers = [try OpenCLBuffer(context, count: capacity), try OpenCLBuffer(context, count: capacity)]
        let bytes = max(capacity, 1) * MemoryLayout<Int32>.stride
        var staging = [cl_mem](), hosts = [UnsafeMutablePointer<Int32>]()
        do throws(OpenCLError) {
            for _ in 0..<2 {
                var status: cl_int = 0
                guard let memory = clCreateBuffer(context.context, cl_mem_flags(CL_MEM_READ_ONLY | CL_MEM_ALLOC_HOST_PTR), bytes, nil, &status) else {
                    throw OpenCLError(call: "clCreateBuffer", status: status, object: .hostMemory(bytes: bytes))
                }
                staging.append(memory)
                let mapped = clEnqueueMapBuffer(context.queue, memory, cl_bool(CL_TRUE), cl_map_flags(CL_MAP_WRITE), 0, bytes, 0, nil, nil, &status)
                guard status == CL_SUCCESS, let mapped else {
                    throw OpenCLError(call: "clEnqueueMapBuffer", status: status, object: .hostMemory(bytes: bytes))
                }
                hosts.append(mapped.bindMemory(to: Int32.self, capacity: max(capacity, 1)))
            }
        } catch {
            for (index, memory) in staging.enumerated() {
                if index < hosts.count { clEnqueueUnmapMemObject(context.queue, memory, hosts[index], 0, nil, nil) }
                clReleaseMemObject(memory)
            }
            clFinish(context.queue)
            throw error
        }
        self.staging = staging
        self.hosts = hosts
    }

    deinit {
        clFinish(context.queue)
        for event in writes { if let event { clReleaseEvent(event) } }
        for (memory, host) in zip(staging, hosts) {
            clEnqueueUnmapMemObject(context.queue, memory, host, 0, nil, nil)
            clReleaseMemObject(memory)
        }
        clFinish(context.queue)
    }

    /// Copies `positions` into the next pinned area (once that area's previous write has read it),
    /// enqueues its upload without blocking, and returns the device buffer the kernels should read.
    func upload(_ positions: ArraySlice<Int32>) throws(OpenCLError) -> OpenCLBuffer<Int32> {
        precondition(positions.count <= capacity, "OrderUpload: \(positions.count) positions for \(capacity)")
        let index = next
        next = 1 - next
        if let previous = writes[index] {
            writes[index] = nil
            var wait: cl_event? = previous
            let status = clWaitForEvents(1, &wait)
            clReleaseEvent(previous)
            try check(status, "clWaitForEvents", object: .order)
        }
        guard !positions.isEmpty else { return buffers[index] }
        positions.withUnsafeBufferPointer { hosts[index].initialize(from: $0.baseAddress!, count: $0.count) }
        var event: cl_event?
        try check(clEnqueueWriteBuffer(context.queue, buffers[index].memory, cl_bool(CL_FALSE), 0,
                                       positions.count * MemoryLayout<Int32>.stride, hosts[index], 0, nil, &event),
                  "clEnqueueWriteBuffer", object: .order)
        writes[index] = event
        return buffers[index]
    }
}
