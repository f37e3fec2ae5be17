import COpenCL
import Foundation

/// One OpenCL device and what Descent needs to know about it. Platforms and device ids are owned
/// by the driver (never released), so this is a plain value.
public struct OpenCLDevice: Sendable, CustomStringConvertible {
    /// The position in ``all(notice:)``: what `--device N` names.
    public package(set) var index: Int
    nonisolated(unsafe) package var id: cl_device_id
    /// The platform (driver) offering the device.
    public package(set) var platformName: String
    /// The device's name, as the driver reports it.
    public package(set) var name: String
    /// Whether the device is a GPU (automatic choice prefers one).
    public package(set) var isGPU: Bool
    /// `GPU`, `CPU`, `accelerator` or `other`.
    public package(set) var typeName: String
    /// Compute units (cores or multiprocessors).
    public package(set) var computeUnits: Int
    /// Device memory.
    public package(set) var globalMemoryBytes: UInt64
    /// The largest single buffer the device allocates.
    public package(set) var maxAllocationBytes: UInt64
    /// Local (work-group shared) memory.
    public package(set) var localMemoryBytes: UInt64
    /// The most work-items in a work-group.
    public package(set) var maxWorkGroupSize: Int
    /// `CL_DEVICE_MAX_WORK_ITEM_SIZES`: work-items per work-group in each dimension (a GPU may
    /// allow fewer in dimension 0 than `maxWorkGroupSize`).
    public package(set) var maxWorkItemSizes: [Int]
    /// `CL_PLATFORM_VERSION`, part of the binary cache's key.
    public package(set) var platformVersion: String
    /// The OpenCL C version the compiler accepts.
    public package(set) var openCLCVersion: String
    /// The driver's version (part of the program cache's key).
    public package(set) var driverVersion: String
    /// Whether the device computes in float64.
    public package(set) var hasFloat64: Bool

    /// In words, for messages.
    public var description: String { "\(name) (\(platformName), \(typeName))" }

    /// Every device of every platform, in platform then device order. An empty list when there is
    /// no OpenCL platform (no ICD installed) or no device. A platform that answers a query with an
    /// error is skipped, and `notice` says which and why: one broken driver must not hide the others.
    public static func all(notice: (String) -> Void = { _ in }) throws(OpenCLError) -> [OpenCLDevice] {
        var platformCount: cl_uint = 0
        let status = clGetPlatformIDs(0, nil, &platformCount)
        if status == -1001 || platformCount == 0 { return [] }  // CL_PLATFORM_NOT_FOUND_KHR: no ICD
        try check(status, "clGetPlatformIDs")
        var platforms = [cl_platform_id?](repeating: nil, count: Int(platformCount))
        try check(clGetPlatformIDs(platformCount, &platforms, nil), "clGetPlatformIDs")
        return collect(platforms, notice: notice) { platform, first throws(OpenCLError) in
            try devices(of: platform, firstIndex: first)
        }
    }

    /// The devices `read` finds on each platform, indexed from 0 across platforms; a platform whose
    /// `read` throws is left out with a notice naming its position and the error.
    static func collect<Platform>(_ platforms: [Platform], notice: (String) -> Void,
                                  read: (Platform, Int) throws(OpenCLError) -> [OpenCLDevice]) -> [OpenCLDevice] {
        var devices = [OpenCLDevice]()
        for (position, platform) in platforms.enumerated() {
            do {
                devices += try read(platform, devices.count)
            } catch {
                notice("notice: OpenCL platform \(position) skipped: \(error)")
            }
        }
        return devices
    }

    /// The devices of one platform, indexed from `firstIndex`.
    private static func devices(of platform: cl_platform_id?, firstIndex: Int) throws(OpenCLError) -> [OpenCLDevice] {
        let platformName = try infoString { clGetPlatformInfo(platform, cl_platform_info(CL_PLATFORM_NAME), $0, $1, $2) }
        var count: cl_uint = 0
        let found = clGetDeviceIDs(platform, cl_device_type(CL_DEVICE_TYPE_ALL), 0, nil, &count)
        if found == CL_DEVICE_NOT_FOUND || count == 0 { return [] }
        try check(found, "clGetDeviceIDs", object: .platform(platformName))
        var ids = [cl_device_id?](repeating: nil, count: Int(count))
        try check(clGetDeviceIDs(platform, cl_device_type(CL_DEVICE_TYPE_ALL), count, &ids, nil), "clGetDeviceIDs", object: .platform(platformName))
        var devices = [OpenCLDevice]()
        for case let id? in ids {
            devices.append(try OpenCLDevice(index: firstIndex + devices.count, id: id, platform: platform, platformName: platformName))
        }
        return devices
    }

    init(index: Int, id: cl_device_id, platform: cl_platform_id?, platformName: String) throws(OpenCLError) {
        self.index = index
        self.id = id
        self.platformName = platformName
        name = try infoString { clGetDeviceInfo(id, cl_device_info(CL_DEVICE_NAME), $0, $1, $2) }
        let type: cl_device_type = try Self.value(id, CL_DEVICE_TYPE)
        isGPU = type & cl_device_type(CL_DEVICE_TYPE_GPU) != 0
        typeName = isGPU ? "GPU" : type & cl_device_type(CL_DEVICE_TYPE_CPU) != 0 ? "CPU"
            : type & cl_device_type(CL_DEVICE_TYPE_ACCELERATOR) != 0 ? "accelerator" : "other"
        computeUnits = Int(try Self.value(id, CL_DEVICE_MAX_COMPUTE_UNITS) as cl_uint)
        globalMemoryBytes = try Self.value(id, CL_DEVICE_GLOBAL_MEM_SIZE)
        maxAllocationBytes = try Self.value(id, CL_DEVICE_MAX_MEM_ALLOC_SIZE)
        localMemoryBytes = try Self.value(id, CL_DEVICE_LOCAL_MEM_SIZE)
        maxWorkGroupSize = Int(try Self.value(id, CL_DEVICE_MAX_WORK_GROUP_SIZE) as Int)
        var dimensions: cl_uint = 0
        try check(clGetDeviceInfo(id, cl_device_info(CL_DEVICE_MAX_WORK_ITEM_DIMENSIONS), 4, &dimensions, nil), "clGetDeviceInfo")
        var sizes = [Int](repeating: 0, count: max(Int(dimensions), 1))
        try check(clGetDeviceInfo(id, cl_device_info(CL_DEVICE_MAX_WORK_ITEM_SIZES), sizes.count * MemoryLayout<Int>.size, &sizes, nil),
                  "clGetDeviceInfo", object: .deviceInfo(parameter: CL_DEVICE_MAX_WORK_ITEM_SIZES))
        maxWorkItemSizes = sizes
        platformVersion = (try? infoString { clGetPlatformInfo(platform, cl_platform_info(CL_PLATFORM_VERSION), $0, $1, $2) }) ?? ""
        openCLCVersion = try infoString { clGetDeviceInfo(id, cl_device_info(CL_DEVICE_OPENCL_C_VERSION), $0, $1, $2) }
        driverVersion = try infoString { clGetDeviceInfo(id, cl_device_info(CL_DRIVER_VERSION), $0, $1, $2) }
        // Some OpenCL 1.1 drivers without fp64 reject the query itself: that also means no fp64.
        let fp64: cl_device_fp_config? = try? Self.value(id, CL_DEVICE_DOUBLE_FP_CONFIG)
        hasFloat64 = (fp64 ?? 0) != 0
    }

    private static func value<T: FixedWidthInteger>(_ id: cl_device_id, _ parameter: Int32) throws(OpenCLError) -> T {
        var result: T = 0
        try check(clGetDeviceInfo(id, cl_device_info(parameter), MemoryLayout<T>.size, &result, nil),
                  "clGetDeviceInfo", object: .deviceInfo(parameter: parameter))
        return result
    }
}

/// Reads a string-valued info query: size first, then the bytes.
func infoString(_ query: (Int, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?) -> cl_int) throws(OpenCLError) -> String {
    var size = 0
    try check(query(0, nil, &size), "clGet*Info")
    var bytes = [CChar](repeating: 0, count: size + 1)
    try check(query(size, &bytes, nil), "clGet*Info")
    return String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        .trimmingCharacters(in: .whitespaces)
}
