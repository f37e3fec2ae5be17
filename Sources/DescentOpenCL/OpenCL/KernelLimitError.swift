/// A kernel build the device cannot run as asked: found by querying the build (or, for local
/// memory, from the tuning before building), never by a failed launch. Training with `auto` falls
/// back to the CPU on it before the first step; `validate` reports the shape as skipped.
public struct KernelLimitError: Error, Equatable, CustomStringConvertible {
    /// Which limit the build exceeds, with both numbers.
    public enum Reason: Equatable, Sendable {
        /// The work-group size asked for, and the most this build runs on the device.
        case workGroupSize(requested: Int, allowed: Int)
        /// Bytes of local memory one work-group needs, and what the device has.
        case localMemory(needed: UInt64, available: UInt64)
    }

    /// The kernel's name.
    public var kernel: String
    /// The device's name.
    public var device: String
    /// Which limit, and by how much.
    public var reason: Reason

    /// An error from its parts.
    public init(kernel: String, device: String, reason: Reason) {
        self.kernel = kernel
        self.device = device
        self.reason = reason
    }

    /// In words, for messages.
    public var description: String {
        switch reason {
        case let .workGroupSize(requested, allowed):
            "\(kernel) cannot run work-groups of \(requested) on \(device) (at most \(allowed) for this build)"
        case let .localMemory(needed, available):
            "\(kernel) needs \(needed) bytes of local memory; \(device) has \(available) (too many features for this device's kernels)"
        }
    }
}
