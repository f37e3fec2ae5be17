import DescentOpenCL
import Foundation

/// `DESCENT_DEVICE_MEMORY_MB`: the device memory `descent train` may use, below what the device
/// reports, so that streaming (data larger than the device) can be tried and measured on any
/// device (issue 14's 10,000,000-row run caps it to 512 MB). Unset: the device's own figures.
enum DeviceMemoryCap {
    static let variable = "DESCENT_DEVICE_MEMORY_MB"

    /// `device` with its global memory and largest allocation capped to the variable's MiB.
    /// - Throws: ``InputError`` for a value that is not a whole number of MiB ≥ 1.
    static func applied(to device: OpenCLDevice, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> OpenCLDevice {
        guard let text = environment[variable] else { return device }
        guard let megabytes = UInt64(text), megabytes >= 1, megabytes < 1 << 40 else {
            throw InputError("\(variable)=\(text.terminalSafe.elided(to: 40)) is out of range: expected a whole number of MiB ≥ 1")
        }
        var capped = device
        capped.globalMemoryBytes = min(device.globalMemoryBytes, megabytes << 20)
        capped.maxAllocationBytes = min(device.maxAllocationBytes, capped.globalMemoryBytes)
        return capped
    }
}
