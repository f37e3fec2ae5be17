import COpenCL

/// A context and one in-order command queue on one device, released together.
///
/// In-order, so that a training epoch is a plain sequence of enqueued kernels with no events
/// between them; the host waits only when it reads results back.
package final class OpenCLContext {
    package let device: OpenCLDevice
    /// Whether the queue records timestamps (`CL_QUEUE_PROFILING_ENABLE`).
    package let profiling: Bool
    /// Whether profiled launches record their events (``OpenCLProfile``): on by default with
    /// `profiling`. Recording costs every launch an event to create, keep and query, so timing
    /// runs turn it off (`descent bench` times its epochs so, then records one more).
    package var recordsLaunches = true
    let context: cl_context
    let queue: cl_command_queue

    package init(device: OpenCLDevice, profiling: Bool = false) throws(OpenCLError) {
        self.device = device
        self.profiling = profiling
        var status: cl_int = 0
        var id: cl_device_id? = device.id
        guard let context = clCreateContext(nil, 1, &id, nil, nil, &status) else {
            throw OpenCLError(call: "clCreateContext", status: status, object: .device(device.name))
        }
        let properties = profiling ? cl_command_queue_properties(CL_QUEUE_PROFILING_ENABLE) : 0
        guard let queue = clCreateCommandQueue(context, device.id, properties, &status) else {
            clReleaseContext(context)
            throw OpenCLError(call: "clCreateCommandQueue", status: status, object: .device(device.name))
        }
        self.context = context
        self.queue = queue
    }

    deinit {
        clReleaseCommandQueue(queue)
        clReleaseContext(context)
    }

    /// Sends every enqueued command to the device without waiting for it.
    package func flush() throws(OpenCLError) {
        try check(clFlush(queue), "clFlush")
    }

    /// Waits until every enqueued command has finished.
    package func finish() throws(OpenCLError) {
        try check(clFinish(queue), "clFinish")
    }
}
