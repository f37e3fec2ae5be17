/// The object a failed OpenCL call was about, in values (``OpenCLError/object``): which device,
/// buffer, kernel or launch, so that a caller can tell failures apart without reading words.
public enum OpenCLObject: Equatable, Sendable, CustomStringConvertible {
    /// A platform, by name: its devices were asked for.
    case platform(String)
    /// A device, by name: a context or a command queue created on it.
    case device(String)
    /// A `clGetDeviceInfo` query, by its parameter (`CL_DEVICE_…`).
    case deviceInfo(parameter: Int32)
    /// A device buffer of `bytes`; `limit` is the most the device allocates at once, when the
    /// buffer is larger.
    case buffer(bytes: Int, limit: UInt64? = nil)
    /// Host memory of `bytes` that the device reads (pinned, or host-resident rows).
    case hostMemory(bytes: Int)
    /// The training rows: they need `bytes` of device memory; the device has `available`.
    case trainingRows(bytes: UInt64, available: UInt64, device: String)
    /// A kernel, by name.
    case kernel(String)
    /// A kernel's argument `index`.
    case kernelArgument(kernel: String, index: Int)
    /// A `clGetKernelWorkGroupInfo` query on a kernel.
    case kernelInfo(kernel: String, parameter: Int32)
    /// A launch of `groups` work-groups of `groupSize` work-items.
    case launch(kernel: String, groups: Int, groupSize: Int)
    /// A program build, with the compiler's log.
    case programBuild(log: String)
    /// The permutation's upload for a submission (`OrderUpload`).
    case order

    /// In words, for messages.
    public var description: String {
        switch self {
        case let .platform(name), let .device(name): name
        case let .deviceInfo(parameter): "parameter \(parameter)"
        case let .buffer(bytes, limit?): "\(bytes) bytes; the device allocates at most \(limit)"
        case let .buffer(bytes, nil): "\(bytes) bytes"
        case let .hostMemory(bytes): "\(bytes) bytes of host memory"
        case let .trainingRows(bytes, available, device):
            "the data needs \(bytes / 1_048_576) MiB; \(device) has \(available / 1_048_576) MiB"
        case let .kernel(name): name
        case let .kernelArgument(kernel, index): "\(kernel) argument \(index)"
        case let .kernelInfo(kernel, parameter): "\(kernel) work-group parameter \(parameter)"
        case let .launch(kernel, groups, groupSize): "\(kernel), \(groups) groups of \(groupSize)"
        case let .programBuild(log): log
        case .order: "the order of rows"
        }
    }
}
