import COpenCL

/// A program built from source for one device, released with its owner.
public final class OpenCLProgram {
    let program: cl_program
    public let options: String

    /// Compiles `source`. A compile error throws ``KernelBuildError`` carrying the build log.
    public init(_ context: OpenCLContext, source: String, options: String = "") throws {
        self.options = options
        var status: cl_int = 0
        var length = source.utf8.count
        let created = source.withCString { text -> cl_program? in
            var pointer: UnsafePointer<CChar>? = text
            return clCreateProgramWithSource(context.context, 1, &pointer, &length, &status)
        }
        guard let program = created else { throw OpenCLError(call: "clCreateProgramWithSource", status: status) }
        self.program = program
        var device: cl_device_id? = context.device.id
        let built = clBuildProgram(program, 1, &device, options, nil, nil)
        guard built == CL_SUCCESS else {
            let log = (try? infoString {
                clGetProgramBuildInfo(program, context.device.id, cl_program_build_info(CL_PROGRAM_BUILD_LOG), $0, $1, $2)
            }) ?? "(no build log)"
            if built == CL_BUILD_PROGRAM_FAILURE {
                throw KernelBuildError(device: context.device.name, options: options, log: log)
            }
            throw OpenCLError(call: "clBuildProgram", status: built, context: log)
        }
    }

    deinit { clReleaseProgram(program) }
}
