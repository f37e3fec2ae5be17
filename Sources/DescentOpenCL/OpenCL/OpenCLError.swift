import COpenCL

/// A failed OpenCL call: which call, the status it returned (by name:
/// `clEnqueueNDRangeKernel: CL_INVALID_WORK_GROUP_SIZE`) and the object it was about.
public struct OpenCLError: Error, Equatable, CustomStringConvertible {
    /// The OpenCL function, such as `clCreateBuffer`.
    public var call: String
    /// The status it returned (`CL_…`, negative); ``statusName`` names it.
    public var status: Int32
    /// The buffer, kernel, launch or device the call was about, when that says more than the call's name.
    public var object: OpenCLObject?

    /// An error from its parts.
    public init(call: String, status: Int32, object: OpenCLObject? = nil) {
        self.call = call
        self.status = status
        self.object = object
    }

    /// The object in words, as the description shows it.
    public var context: String? { object?.description }

    /// `CL_INVALID_WORK_GROUP_SIZE`, or `status -9999` for a status this table does not know.
    public var statusName: String { Self.names[status] ?? "status \(status)" }

    /// `call: STATUS (object): hint`.
    public var description: String {
        "\(call): \(statusName)" + (context.map { " (\($0))" } ?? "") + (hint.map { ": \($0)" } ?? "")
    }

    /// What usually helps, for the statuses that have an answer (the CLI adds its flags).
    public var hint: String? {
        switch status {
        case CL_OUT_OF_RESOURCES, CL_MEM_OBJECT_ALLOCATION_FAILURE, CL_OUT_OF_HOST_MEMORY:
            "the device ran out of memory or resources; try a smaller data set or batch, or the CPU backend"
        case CL_INVALID_BUFFER_SIZE:
            "a buffer is larger than the device's maximum allocation"
        default: nil
        }
    }

    /// Whether the device ran out of memory or resources (the status a smaller batch or the CPU answers).
    public var isOutOfResources: Bool {
        [CL_OUT_OF_RESOURCES, CL_MEM_OBJECT_ALLOCATION_FAILURE, CL_OUT_OF_HOST_MEMORY].contains(status)
    }

    static let names: [Int32: String] = [
        0: "CL_SUCCESS", -1: "CL_DEVICE_NOT_FOUND", -2: "CL_DEVICE_NOT_AVAILABLE", -3: "CL_COMPILER_NOT_AVAILABLE",
        -4: "CL_MEM_OBJECT_ALLOCATION_FAILURE", -5: "CL_OUT_OF_RESOURCES", -6: "CL_OUT_OF_HOST_MEMORY",
        -7: "CL_PROFILING_INFO_NOT_AVAILABLE", -8: "CL_MEM_COPY_OVERLAP", -9: "CL_IMAGE_FORMAT_MISMATCH",
        -10: "CL_IMAGE_FORMAT_NOT_SUPPORTED", -11: "CL_BUILD_PROGRAM_FAILURE", -12: "CL_MAP_FAILURE",
        -13: "CL_MISALIGNED_SUB_BUFFER_OFFSET", -14: "CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST",
        -15: "CL_COMPILE_PROGRAM_FAILURE", -16: "CL_LINKER_NOT_AVAILABLE", -17: "CL_LINK_PROGRAM_FAILURE",
        -18: "CL_DEVICE_PARTITION_FAILED", -19: "CL_KERNEL_ARG_INFO_NOT_AVAILABLE",
        -30: "CL_INVALID_VALUE", -31: "CL_INVALID_DEVICE_TYPE", -32: "CL_INVALID_PLATFORM", -33: "CL_INVALID_DEVICE",
        -34: "CL_INVALID_CONTEXT", -35: "CL_INVALID_QUEUE_PROPERTIES", -36: "CL_INVALID_COMMAND_QUEUE",
        -37: "CL_INVALID_HOST_PTR", -38: "CL_INVALID_MEM_OBJECT", -39: "CL_INVALID_IMAGE_FORMAT_DESCRIPTOR",
        -40: "CL_INVALID_IMAGE_SIZE", -41: "CL_INVALID_SAMPLER", -42: "CL_INVALID_BINARY", -43: "CL_INVALID_BUILD_OPTIONS",
        -44: "CL_INVALID_PROGRAM", -45: "CL_INVALID_PROGRAM_EXECUTABLE", -46: "CL_INVALID_KERNEL_NAME",
        -47: "CL_INVALID_KERNEL_DEFINITION", -48: "CL_INVALID_KERNEL", -49: "CL_INVALID_ARG_INDEX",
        -50: "CL_INVALID_ARG_VALUE", -51: "CL_INVALID_ARG_SIZE", -52: "CL_INVALID_KERNEL_ARGS",
        -53: "CL_INVALID_WORK_DIMENSION", -54: "CL_INVALID_WORK_GROUP_SIZE", -55: "CL_INVALID_WORK_ITEM_SIZE",
        -56: "CL_INVALID_GLOBAL_OFFSET", -57: "CL_INVALID_EVENT_WAIT_LIST", -58: "CL_INVALID_EVENT",
        -59: "CL_INVALID_OPERATION", -60: "CL_INVALID_GL_OBJECT", -61: "CL_INVALID_BUFFER_SIZE",
        -62: "CL_INVALID_MIP_LEVEL", -63: "CL_INVALID_GLOBAL_WORK_SIZE", -64: "CL_INVALID_PROPERTY",
        -65: "CL_INVALID_IMAGE_DESCRIPTOR", -66: "CL_INVALID_COMPILER_OPTIONS", -67: "CL_INVALID_LINKER_OPTIONS",
        -68: "CL_INVALID_DEVICE_PARTITION_COUNT", -1001: "CL_PLATFORM_NOT_FOUND_KHR",
    ]
}

/// A kernel source that did not compile, with the compiler's log.
public struct KernelBuildError: Error, CustomStringConvertible {
    /// The device's name.
    public var device: String
    /// The build options (the tuning's `-D` defines).
    public var options: String
    /// The compiler's log, as the driver wrote it.
    public var log: String

    /// In words, for messages.
    public var description: String {
        "clBuildProgram: CL_BUILD_PROGRAM_FAILURE on \(device) (options: \(options))\n--- build log ---\n\(log)"
    }
}

/// Throws an ``OpenCLError`` unless `status` is `CL_SUCCESS`.
@inline(__always)
func check(_ status: cl_int, _ call: @autoclosure () -> String, object: @autoclosure () -> OpenCLObject? = nil) throws(OpenCLError) {
    guard status == CL_SUCCESS else { throw OpenCLError(call: call(), status: status, object: object()) }
}
