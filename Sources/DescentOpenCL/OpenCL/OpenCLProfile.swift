import COpenCL

/// Collects the events of profiled launches and sums the device time they took, from the
/// driver's start and end timestamps. Needs a context made with `profiling: true`.
public final class OpenCLProfile {
    private var events: [cl_event] = []

    public init() {}

    deinit { events.forEach { clReleaseEvent($0) } }

    func record(_ event: cl_event) { events.append(event) }

    /// The device time of every recorded launch, in seconds; waits for them to finish.
    public func totalSeconds() throws(OpenCLError) -> Double {
        var nanoseconds: UInt64 = 0
        for event in events {
            var event: cl_event? = event
            try check(clWaitForEvents(1, &event), "clWaitForEvents")
            var start: cl_ulong = 0, end: cl_ulong = 0
            try check(clGetEventProfilingInfo(event, cl_profiling_info(CL_PROFILING_COMMAND_START), 8, &start, nil), "clGetEventProfilingInfo")
            try check(clGetEventProfilingInfo(event, cl_profiling_info(CL_PROFILING_COMMAND_END), 8, &end, nil), "clGetEventProfilingInfo")
            nanoseconds += end &- start
        }
        return Double(nanoseconds) / 1e9
    }

    /// Forgets the recorded launches.
    public func reset() {
        events.forEach { clReleaseEvent($0) }
        events.removeAll()
    }
}
