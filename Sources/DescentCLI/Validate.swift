import ArgumentParser
import Descent
import DescentOpenCL
import Foundation

/// `descent validate`: proof, on the user's own device, that it computes what the CPU reference computes.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every kernel on an OpenCL device against the CPU reference.",
        discussion: """
            Runs each kernel stage (forward, residual and loss, gradient reduction, update) and the fused \
            training path on fresh seeded random inputs over a sweep of shapes and kernel builds (every \
            work-group size and vector width), compares each result with the float64 CPU reference within \
            the float32 error bound, then compares whole training runs. Output buffers are poisoned with NaN \
            before every device run. With --kernel-source, the kernels run in a child process, built once: \
            one that does not compile, crashes, or runs past --time-limit is a failed check naming it. \
            Exit status: 0 all passed, 1 a check failed, 3 no OpenCL device, 4 the --json report cannot be \
            written (checked before the checks run, and again after: all passed otherwise).
            """)

    /// Distinct from failures, so scripts can tell "wrong" from "nothing to check".
    static let noDeviceExitCode: Int32 = 3
    /// Distinct from failures: the device is right, only the report could not be saved.
    static let reportUnwritableExitCode: Int32 = 4

    @Option(help: ArgumentHelp("The OpenCL device, by its index in `descent devices` (default: the first GPU, else the first device).", valueName: "n"))
    var device: Int?
    @Option(help: "Seed for the random inputs.") var seed: UInt64 = 0
    @Flag(help: "A smaller sweep (under a minute on PoCL), as CI runs.") var quick = false
    @Option(help: ArgumentHelp("Also write the results as JSON.", valueName: "file")) var json: String?
    @Option(help: ArgumentHelp("Check the linear kernels in this directory (common.cl, linear.cl, and fused_rules.cl where present) instead of the built-in ones.", valueName: "dir"))
    var kernelSource: String?
    @Option(help: ArgumentHelp("With --kernel-source: the seconds one check may run before its kernels are stopped and it fails.", valueName: "seconds"))
    var timeLimit = 300.0
    /// Set on the child process that runs `--kernel-source` kernels (``IsolatedValidation``): where it writes its report.
    @Option(help: .private) var childReport: String?
    /// `simulator`: the GPU shapes only, small enough for Oclgrind in CI (`scripts/oclgrind-validate`).
    @Option(help: .hidden) var sweep: Validator.Sweep?

    func validate() throws {
        guard timeLimit > 0, timeLimit <= 1e6 else {
            throw ValidationError("--time-limit \(timeLimit) is out of range: expected a number of seconds from 0 to 1000000")
        }
    }

    func run() throws {
        var outputs = OutputPaths()
        outputs.output("--json", json)
        do { try outputs.check() } catch {
            note("Error: \(error)")
            throw ExitCode(Self.reportUnwritableExitCode)
        }
        let chosen: OpenCLDevice
        do {
            chosen = try BackendOptions.chosenDevice(index: device)
        } catch let error as NoDeviceError {
            note("validate: \(error)")
            throw ExitCode(Self.noDeviceExitCode)
        }
        let source = try kernelSource.map { try Validator.kernelSource(directory: $0) }
        let chosenSweep = sweep ?? (quick ? .quick : .full)
        if let childReport, let source {
            return try IsolatedValidation.child(device: chosen, source: source, seed: seed, sweep: chosenSweep, reportPath: childReport)
        }
        note("validate: \(chosen.description), seed \(seed)\(sweep.map { ", \($0.rawValue) sweep" } ?? (quick ? ", quick sweep" : ""))\(kernelSource.map { ", kernels from \($0)" } ?? "")")
        let report = try kernelSource.map {
            // Kernels from outside run in a child process: a hang or a crash becomes a failed check.
            try IsolatedValidation(directory: $0, device: device, seed: seed, sweep: chosenSweep, timeLimit: timeLimit)
                .run(deviceDescription: chosen.description)
        } ?? Validator(device: chosen, seed: seed, sweep: chosenSweep).run { note("  \($0)") }
        print(report.text())
        var reportWritten = true
        if let json {
            do { try AtomicFile.writeJSON(report, to: json) } catch {
                note("Error: \(error)")
                reportWritten = false
            }
        }
        if !report.allPassed { throw ExitCode.failure }
        if !reportWritten { throw ExitCode(Self.reportUnwritableExitCode) }
    }
}

extension Validator.Sweep: ExpressibleByArgument {}
