import DescentTestSupport
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
    return try run(mpirunPath, ["-np", String(ranks), "--oversubscribe", "--bind-to", "none", selfTestExecutable]
        + arguments, limit: limit)
}

/// Runs `executable` with `arguments` (and the allow-run-as-root variables), killing it after
/// `limit` seconds.
func run(_ executable: String, _ arguments: [String], limit: Double = 60) throws -> MPIRunResult {
    let child = try runChildProcess(executable, arguments, environment: [
        "OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1",
    ], limit: limit)
    return MPIRunResult(status: child.status, timedOut: child.timedOut, seconds: child.seconds, output: child.output, errors: child.errors)
}

enum MPIRunError: Error, CustomStringConvertible {
    case noMPIRun
    var description: String { "mpirun is not on PATH: Open MPI's headers are installed but not its launcher (apt-get install openmpi-bin)" }
}

/// The ids of the processes whose command line holds `executable` and `argument` (from /proc).
func processes(running executable: String, with argument: String) -> [Int32] {
    let ids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { Int32($0) } ?? []
    return ids.filter { id in
        guard let line = FileManager.default.contents(atPath: "/proc/\(id)/cmdline") else { return false }
        let words = line.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return words.contains(executable) && words.contains(argument)
    }
}

/// Whether `condition` became true before `limit` seconds passed, checked every few milliseconds:
/// for events that give no signal to wait on (processes that are not ours ending, a file appearing).
func waitUntil(limit: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(limit)
    while !condition() {
        guard Date() < deadline else { return false }
        Thread.sleep(forTimeInterval: 0.005)
    }
    return true
}
