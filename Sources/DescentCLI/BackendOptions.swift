import ArgumentParser
import Descent
import DescentOpenCL

/// Which backend trains: `auto` takes the first GPU, else any OpenCL device, else the CPU.
enum BackendKind: String, CaseIterable, ExpressibleByArgument {
    case auto, opencl, cpu
}

struct BackendOptions: ParsableArguments {
    @Option(help: "Where to train: auto (first GPU, else any OpenCL device, else the CPU; the default), opencl, or cpu (with --resume: the checkpoint's).")
    var backend: BackendKind?

    /// The backend asked for; `auto` when none was.
    var kind: BackendKind { backend ?? .auto }

    @Option(help: ArgumentHelp("The OpenCL device to use, by its index in `descent devices`.", valueName: "n"))
    var device: Int?

    func validate() throws {
        if kind == .cpu, device != nil { throw ValidationError("--device applies to OpenCL; drop it or use --backend opencl") }
        if let device, device < 0 { throw ValidationError("--device \(device) is out of range: expected an index ≥ 0 from `descent devices`") }
    }

    /// The one rule for falling back to the CPU: only `auto` without an explicit `--device`. An
    /// explicit backend or device that fails is an error, never silently replaced.
    var mayFallBack: Bool { kind == .auto && device == nil }

    /// The backend these options ask for. With `auto`, any OpenCL failure falls back to the CPU
    /// with a notice saying why; with `opencl` it is an error.
    func makeBackend(notice: (String) -> Void) throws -> TrainingBackend {
        if kind == .cpu { return CPUBackend() }
        do {
            return try OpenCLBackend(device: try DeviceMemoryCap.applied(to: try chosenDevice()))
        } catch {
            guard mayFallBack else { throw error }
            notice("notice: \(error); training on the CPU reference instead")
            return CPUBackend()
        }
    }

    /// The device named by `--device`, else the first GPU, else the first device.
    func chosenDevice() throws -> OpenCLDevice { try Self.chosenDevice(index: device) }

    /// The device at `index` in `descent devices`, else the first GPU, else the first device: the
    /// one rule train, validate and bench choose by.
    static func chosenDevice(index device: Int?) throws -> OpenCLDevice {
        do {
            return try DeviceChoice.device(index: device, notice: note)
        } catch DeviceChoiceError.noDevice {
            throw NoDeviceError()
        } catch let DeviceChoiceError.indexOutOfRange(index, count) {
            throw InputError("--device \(index) is out of range: \(count) OpenCL device(s), indices 0...\(count - 1) (see `descent devices`)")
        }
    }
}

struct NoDeviceError: Error, CustomStringConvertible {
    var description: String {
        if let problem = PoCLCache.problem() {
            return "no OpenCL device found: \(problem), and PoCL offers no device without its cache; "
                + "set POCL_CACHE_DIR to a writable directory"
        }
        return "no OpenCL device found (no platform or no device; on Debian: apt-get install pocl-opencl-icd for the CPU, or your GPU vendor's OpenCL driver)"
    }
}
