import COpenCL
#if canImport(Darwin)
import Darwin
#endif

/// Collects the events of profiled launches and sums the device time they took, from the
/// driver's start and end timestamps. Needs a context made with `profiling: true`.
package final class OpenCLProfile {
    private var events: [cl_event] = []
    /// The kernel each event launched (empty where the caller gave none), for ``secondsByName()``.
    private var names: [String] = []
    /// Nanoseconds per timestamp tick: 1 where the platform follows the specification, the host's
    /// timebase on Apple's platform (its timestamps are Mach ticks: 41.7 ns on Apple silicon).
    package let nanosecondsPerTick: Double

    package init(device: OpenCLDevice? = nil) {
        nanosecondsPerTick = device.map { Self.nanosecondsPerTick(platformName: $0.platformName) } ?? 1
    }

    deinit { events.forEach { clReleaseEvent($0) } }

    /// The scale for a platform's timestamps (see ``nanosecondsPerTick``).
    package static func nanosecondsPerTick(platformName: String) -> Double {
        #if canImport(Darwin)
        if platformName == "Apple" {
            var timebase = mach_timebase_info_data_t()
            if mach_timebase_info(&timebase) == KERN_SUCCESS, timebase.denom > 0 { return Double(timebase.numer) / Double(timebase.denom) }
        }
        #endif
        return 1
    }

    func record(_ event: cl_event, name: String = "") {
        events.append(event)
        names.append(name)
    }

    /// Launches recorded since the last ``reset()``.
    public var launchCount: Int { events.count }

    /// Device seconds and launches per kernel name since the last ``reset()``; waits for them to finish.
    public func secondsByName() throws(OpenCLError) -> [String: (seconds: Double, launches: Int)] {
        var result = [String: (seconds: Double, launches: Int)]()
        for (event, name) in zip(events, names) {
            let seconds = Double(try Self.ticks(of: event)) * nanosecondsPerTick / 1e9
            result[name, default: (0, 0)].seconds += seconds
            result[name, default: (0, 0)].launches += 1
        }
        return result
    }

    /// The device time of every recorded launch, in seconds; waits for them to finish.
    package func totalSeconds() throws(OpenCLError) -> Double {
        var ticks: UInt64 = 0
        for event in events { ticks += try Self.ticks(of: event) }
        return Double(ticks) * nanosecondsPerTick / 1e9
    }

    /// End minus start timestamp of one finished (or pending: this waits) event, in ticks.
    static func ticks(of event: cl_event) throws(OpenCLError) -> UInt64 {
        var event: cl_event? = event
        try check(clWaitForEvents(1, &event), "clWaitForEvents")
        var start: cl_ulong = 0, end: cl_ulong = 0
        try check(clGetEventProfilingInfo(event, cl_profiling_info(CL_PROFILING_COMMAND_START), 8, &start, nil), "clGetEventProfilingInfo")
        try check(clGetEventProfilingInfo(event, cl_profiling_info(CL_PROFILING_COMMAND_END), 8, &end, nil), "clGetEventProfilingInfo")
        return end &- start
    }

    /// Each recorded launch in order: its kernel's name and device seconds; waits for them to finish.
    package func launches() throws(OpenCLError) -> [(name: String, seconds: Double)] {
        try zip(events, names).map { event, name throws(OpenCLError) in (name, Double(try Self.ticks(of: event)) * nanosecondsPerTick / 1e9) }
    }

    /// Forgets the recorded launches.
    package func reset() {
        events.forEach { clReleaseEvent($0) }
        events.removeAll()
        names.removeAll()
    }
}
