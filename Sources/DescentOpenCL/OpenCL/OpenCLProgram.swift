import COpenCL

/// A program built for one device, released with its owner: from source, or from a binary the
/// same driver produced earlier (``ProgramBinaryCache``).
package final class OpenCLProgram {
    let program: cl_program
    package let options: String

    /// Compiles `source`. A compile error throws ``KernelBuildError`` carrying the build log.
    package init(_ context: OpenCLContext, source: String, options: String = "") throws {
        self.options = options
        var status: cl_int = 0
        var length = source.utf8.count
        let created = source.withCString { text -> cl_program? in
            var pointer: UnsafePointer<CChar>? = text
            return clCreateProgramWithSource(context.context, 1, &pointer, &length, &status)
        }
        guard let program = created else { throw OpenCLError(call: "clCreateProgramWithSource", status: status) }
        self.program = program
        try Self.build(program, context: context, options: options)
    }

    /// Loads a binary from ``binary()`` and builds it (some drivers need the build step even for
    /// their own binaries). Throws if the driver refuses it; the caller then builds from source.
    package init(_ context: OpenCLContext, binary: [UInt8], options: String = "") throws {
        self.options = options
        var status: cl_int = 0, binaryStatus: cl_int = 0
        var device: cl_device_id? = context.device.id
        var length = binary.count
        let created = binary.withUnsafeBufferPointer { bytes -> cl_program? in
            var pointer: UnsafePointer<UInt8>? = bytes.baseAddress
            return clCreateProgramWithBinary(context.context, 1, &device, &length, &pointer, &binaryStatus, &status)
        }
        guard let program = created, status == CL_SUCCESS, binaryStatus == CL_SUCCESS else {
            if let created { clReleaseProgram(created) }
            throw OpenCLError(call: "clCreateProgramWithBinary", status: status != CL_SUCCESS ? status : binaryStatus)
        }
        self.program = program
        try Self.build(program, context: context, options: options)
    }

    /// Builds for the context's device; on failure the caller's `deinit` releases the program.
    private static func build(_ program: cl_program, context: OpenCLContext, options: String) throws {
        var device: cl_device_id? = context.device.id
        let built = clBuildProgram(program, 1, &device, options, nil, nil)
        guard built == CL_SUCCESS else {
            let log = (try? infoString {
                clGetProgramBuildInfo(program, context.device.id, cl_program_build_info(CL_PROGRAM_BUILD_LOG), $0, $1, $2)
            }) ?? "(no build log)"
            if built == CL_BUILD_PROGRAM_FAILURE {
                throw KernelBuildError(device: context.device.name, options: options, log: log)
            }
            throw OpenCLError(call: "clBuildProgram", status: built, object: .programBuild(log: log))
        }
    }

    /// The built program's binary for its one device (`CL_PROGRAM_BINARIES`); nil where the
    /// driver offers none.
    package func binary() -> [UInt8]? {
        var size = 0
        guard clGetProgramInfo(program, cl_program_info(CL_PROGRAM_BINARY_SIZES), MemoryLayout<Int>.size, &size, nil) == CL_SUCCESS,
              size > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: size)
        let status = bytes.withUnsafeMutableBufferPointer { buffer -> cl_int in
            var pointer: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            return clGetProgramInfo(program, cl_program_info(CL_PROGRAM_BINARIES), MemoryLayout<UnsafeMutablePointer<UInt8>?>.size, &pointer, nil)
        }
        return status == CL_SUCCESS ? bytes : nil
    }

    deinit { clReleaseProgram(program) }
}
