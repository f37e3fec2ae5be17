import Descent

/// How Descent picks where to train, the one rule that `descent train`, `validate` and `bench`
/// follow: the device asked for by index, else the first GPU, else the first OpenCL device; and,
/// when no device is asked for and none works, the CPU reference.
public enum DeviceChoice {
    /// The device at `index` in ``OpenCLDevice/all(notice:)``, else the first GPU, else the first device.
    /// - Parameters:
    ///   - index: the device's position in ``OpenCLDevice/all(notice:)`` (what `descent devices`
    ///     lists); nil for the automatic choice.
    ///   - notice: told about platforms that could not be listed (the others still are).
    /// - Throws: ``DeviceChoiceError`` when there is no device or `index` is past the last one;
    ///   ``OpenCLError`` when the platforms cannot be listed at all.
    public static func device(index: Int? = nil, notice: (String) -> Void = { _ in }) throws -> OpenCLDevice {
        let devices = try OpenCLDevice.all(notice: notice)
        guard !devices.isEmpty else { throw DeviceChoiceError.noDevice }
        if let index {
            guard index >= 0, index < devices.count else { throw DeviceChoiceError.indexOutOfRange(index: index, count: devices.count) }
            return devices[index]
        }
        return devices.first(where: \.isGPU) ?? devices[0]
    }

    /// An ``OpenCLBackend`` on the preferred device (``device(index:notice:)`` without an index),
    /// or the `CPUBackend` when there is no device or it cannot start; `fallback` gets the reason.
    ///
    /// A device can also fail later, before the first step (a kernel it cannot build, data too
    /// large for its memory): when the `Trainer` throws an error for which the backend's
    /// `canFallBack(from:)` is true, train again on a `CPUBackend`, as `descent train` does.
    public static func automaticBackend(fallback: (any Error) -> Void = { _ in }) -> TrainingBackend {
        do {
            return try OpenCLBackend(device: try device())
        } catch {
            fallback(error)
            return CPUBackend()
        }
    }
}

/// Why no OpenCL device could be chosen.
public enum DeviceChoiceError: Error, Equatable, CustomStringConvertible {
    /// No platform offers a device.
    case noDevice
    /// A device index past the last of `count` devices.
    case indexOutOfRange(index: Int, count: Int)

    /// In words, for messages.
    public var description: String {
        switch self {
        case .noDevice: "no OpenCL device found"
        case let .indexOutOfRange(index, count): "device \(index) is out of range: \(count) OpenCL device(s)"
        }
    }
}
