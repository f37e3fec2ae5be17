import Descent
import DescentOpenCL
import Foundation

/// `validate --kernel-source`: the user's kernels run in a child process (this executable again,
/// with the hidden `--child-report FILE`), so that a kernel that never returns or that crashes
/// the process becomes a failed check naming the kernel, not a hang or a crash with no report.
///
/// The child prints a line as each check starts (``ChildLine``); the parent keeps the last one
/// and kills the child when it stays silent for `--time-limit` seconds. The child builds the
/// source once before the sweep: a source that does not compile is one failed check with its
/// build log, instead of a failed build for every check of the sweep.
struct IsolatedValidation {
    var directory: String
    var device: Int?
    var seed: UInt64
    var sweep: Validator.Sweep
    var timeLimit: Double

    /// Seconds the child may spend building the source before the sweep.
    static let buildTimeLimit = 300.0

    /// Parent side: the child's report, or one failed check for the check it died in.
    func run(deviceDescription: String) throws -> ValidationReport {
        let reportPath = NSTemporaryDirectory() + "descent-validate-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: reportPath) }
        var arguments = ["validate", "--kernel-source", directory, "--seed", "\(seed)", "--child-report", reportPath]
        arguments += ["--sweep", sweep.rawValue]
        if let device { arguments += ["--device", "\(device)"] }
        let running = LastLine()
        let timeLimit = self.timeLimit
        let ending = try SupervisedChild.run(arguments: arguments, silenceLimit: timeLimit) { line in
            guard let parsed = ChildLine(parsing: line) else { return timeLimit }
            running.set(parsed)
            // Building is the compiler's time, not a kernel's: a busy machine may take long over it.
            return parsed.stage == "build" ? max(timeLimit, Self.buildTimeLimit) : timeLimit
        }
        if ending == .exited(0), let data = FileManager.default.contents(atPath: reportPath),
           let report = try? Self.decoder.decode(ValidationReport.self, from: data) {
            return report
        }
        let last = running.get() ?? ChildLine(stage: "start", shape: "-", configuration: "before the first check")
        let kernels = Self.kernels(stage: last.stage)
        let what = last.stage == "build" ? "while building the kernel source"
            : "during this check" + (kernels.isEmpty ? "" : ", in kernel \(kernels.joined(separator: " or "))")
        let cause = switch ending {
        case .timedOut: " (a kernel that never returns?)"
        case .signalled: " (a kernel that reads or writes out of bounds?)"
        case .exited: ""
        }
        let check = ValidationCheck(stage: last.stage, shape: last.shape, configuration: last.configuration,
                                    maxAbsoluteError: .nan, maxRelativeError: .nan, bound: .nan, passed: false,
                                    mismatches: ["the process running the kernels \(ending) \(what)\(cause); the checks after it were not run"])
        return ValidationReport(device: deviceDescription, seed: seed, checks: [check])
    }

    /// Reads what AtomicFile.writeJSON writes (NaN as "nan").
    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// The kernels each stage of the sweep runs, to name in a crash or timeout.
    static func kernels(stage: String) -> [String] {
        switch stage {
        case "forward": ["linear_forward"]
        case "residual", "loss": ["linear_residual", "linear_reduce"]
        case "gradient": ["linear_gradient_partial", "linear_reduce"]
        case "update": ["linear_update"]
        case "fused step": ["linear_train_epoch", "linear_step_partial", "linear_step_update"]
        case "trajectory": ["linear_train_epoch", "linear_step_partial", "linear_step_update"]
        default: []
        }
    }

    // MARK: The child

    /// Child side: builds the source once, then runs the sweep, announcing each check on standard
    /// output, and writes the report as JSON to `reportPath`.
    static func child(device: OpenCLDevice, source: String, seed: UInt64, sweep: Validator.Sweep, reportPath: String) throws {
        ChildLine(stage: "build", shape: "-", configuration: "kernel source").send()
        let report: ValidationReport
        do {
            _ = try LinearProgram(try OpenCLContext(device: device), tuning: KernelTuning(workGroupSize: 1, features: 13), source: source)
            var validator = Validator(device: device, seed: seed, kernelSource: source, sweep: sweep)
            let current = LastLine()
            validator.willCheck = {
                let line = ChildLine(stage: $0, shape: $1, configuration: $2)
                current.set(line)
                line.send()
            }
            // A build inside a check is the compiler's time: announced as one, then the check again.
            validator.building = { started in
                (started ? ChildLine(stage: "build", shape: "-", configuration: "kernel source") : current.get())?.send()
            }
            report = try validator.run { progress in
                note("  \(progress)")
                if progress == "trajectories" { ChildLine(stage: "trajectory", shape: "-", configuration: "course and synthetic runs").send() }
            }
        } catch let error as KernelBuildError {
            report = ValidationReport(device: device.description, seed: seed, checks: [buildFailure(error)])
        }
        try AtomicFile.writeJSON(report, to: reportPath)
    }

    /// The one check a source that does not compile fails, with its build log once (elided past
    /// `logLines` lines).
    static func buildFailure(_ error: KernelBuildError, logLines: Int = 40) -> ValidationCheck {
        let lines = error.log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var shown = ["the kernel source does not compile on \(error.device) (options: \(error.options)); no check can run. Build log:"]
        shown += lines.prefix(logLines).map { "  " + $0 }
        if lines.count > logLines { shown.append("  … \(lines.count - logLines) more lines of the build log") }
        return ValidationCheck(stage: "build", shape: "-", configuration: "kernel source", maxAbsoluteError: .nan,
                               maxRelativeError: .nan, bound: .nan, passed: false, mismatches: shown)
    }
}

/// `running<TAB>stage<TAB>shape<TAB>configuration`: the line the child prints as a check starts.
struct ChildLine: Sendable {
    var stage: String
    var shape: String
    var configuration: String

    init(stage: String, shape: String, configuration: String) {
        self.stage = stage
        self.shape = shape
        self.configuration = configuration
    }

    init?(parsing line: String) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4, fields[0] == "running" else { return nil }
        self.init(stage: fields[1], shape: fields[2], configuration: fields[3])
    }

    /// Written unbuffered, so the parent has it before the check can crash the process.
    func send() {
        FileHandle.standardOutput.write(Data("running\t\(stage)\t\(shape)\t\(configuration)\n".utf8))
    }
}

/// The child's last announced check, written by the reading thread.
private final class LastLine: @unchecked Sendable {
    private let lock = NSLock()
    private var line: ChildLine?

    func set(_ value: ChildLine) { lock.withLock { line = value } }
    func get() -> ChildLine? { lock.withLock { line } }
}
