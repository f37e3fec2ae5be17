import Foundation

/// The `descent-mpi-selftest` executable SwiftPM built beside this test bundle.
let selfTestExecutable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("descent-mpi-selftest").path

/// `mpirun` on `PATH` (Debian's `openmpi-bin`), or nil: the headers can be installed without it.
let mpirunPath: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    .map { "\($0)/mpirun" }.first { FileManager.default.isExecutableFile(atPath: $0) }

struct MPIRunResult {
    var status: Int32
    /// True when the job ran past its limit and was killed: a hang.
    var timedOut: Bool
    var seconds: Double
    var output: String
    var errors: String
}

/// Runs `mpirun -np <ranks> descent-mpi-selftest <arguments>` and collects what it printed, killing
/// it after `limit` seconds so that a hang fails the test instead of stalling the suite. As root
/// (CI), Open MPI needs the allow-run-as-root variables; `--oversubscribe` lets it start more ranks
/// than the machine has cores.
func mpirun(ranks: Int, _ arguments: [String], limit: Double = 60) throws -> MPIRunResult {
    guard let mpirunPath else { throw MPIRunError.noMPIRun }
    let process = Process()
    process.environment = ProcessInfo.processInfo.environment.merging([
        "OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1",
    ]) { $1 }
    process.executableURL = URL(fileURLWithPath: mpirunPath)
    process.arguments = ["-np", String(ranks), "--oversubscribe", "--bind-to", "none",
                         selfTestExecutable] + arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let start = Date()
    try process.run()
    let finished = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var timedOut = false
    DispatchQueue.global().async {
        if finished.wait(timeout: .now() + limit) == .timedOut {
            timedOut = true
            process.terminate()  // mpirun passes SIGTERM on to its ranks.
            Thread.sleep(forTimeInterval: 5)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }
    // Standard error is drained on another thread, so a child that fills one pipe cannot block.
    nonisolated(unsafe) var errorData = Data()
    let drained = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        errorData = errors.fileHandleForReading.readDataToEndOfFile()
        drained.signal()
    }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    drained.wait()
    process.waitUntilExit()
    finished.signal()
    return MPIRunResult(status: process.terminationStatus, timedOut: timedOut, seconds: Date().timeIntervalSince(start),
                        output: String(decoding: outputData, as: UTF8.self),
                        errors: String(decoding: errorData, as: UTF8.self))
}

enum MPIRunError: Error, CustomStringConvertible {
    case noMPIRun
    var description: String { "mpirun is not on PATH: Open MPI's headers are installed but not its launcher (apt-get install openmpi-bin)" }
}
