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
            before every device run. Exit status: 0 all passed, 1 a check failed, 3 no OpenCL device.
            """)

    /// Distinct from failures, so scripts can tell "wrong" from "nothing to check".
    static let noDeviceExitCode: Int32 = 3

    @Option(help: ArgumentHelp("The OpenCL device, by its index in `descent devices` (default: the first GPU, else the first device).", valueName: "n"))
    var device: Int?
    @Option(help: "Seed for the random inputs.") var seed: UInt64 = 0
    @Flag(help: "A smaller sweep (under a minute on PoCL), as CI runs.") var quick = false
    @Option(help: ArgumentHelp("Also write the results as JSON.", valueName: "file")) var json: String?
    @Option(help: ArgumentHelp("Check the kernels in this directory (common.cl, linear.cl) instead of the built-in ones.", valueName: "dir"))
    var kernelSource: String?
    /// `simulator`: the GPU shapes only, small enough for Oclgrind in CI (`scripts/oclgrind-validate`).
    @Option(help: .hidden) var sweep: Validator.Sweep?

    func run() throws {
        let chosen: OpenCLDevice
        do {
            chosen = try BackendOptions.parse(device.map { ["--device", "\($0)"] } ?? []).chosenDevice()
        } catch let error as NoDeviceError {
            note("validate: \(error)")
            throw ExitCode(Self.noDeviceExitCode)
        }
        let source = try kernelSource.map { try Validator.kernelSource(directory: $0) }
        note("validate: \(chosen.description), seed \(seed)\(sweep.map { ", \($0.rawValue) sweep" } ?? (quick ? ", quick sweep" : ""))\(kernelSource.map { ", kernels from \($0)" } ?? "")")
        let report = try Validator(device: chosen, seed: seed, quick: quick, kernelSource: source, sweep: sweep).run { note("  \($0)") }
        print(report.text())
        if let json { try AtomicFile.writeJSON(report, to: json) }
        if !report.allPassed { throw ExitCode.failure }
    }
}

extension Validator.Sweep: ExpressibleByArgument {}
