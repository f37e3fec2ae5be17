import Foundation

/// What a child process printed and how it ended.
public struct ChildProcessResult: Sendable {
    /// The exit status, or the signal's number when `signalled`.
    public var status: Int32
    /// True when the process was ended by a signal.
    public var signalled: Bool
    /// True when it ran past its limit and was killed: a hang.
    public var timedOut: Bool
    public var seconds: Double
    public var output: String
    public var errors: String
}

/// Runs `executable` with `arguments` in `directory`, with `environment` over this process's own,
/// and collects what it printed. With a `limit`, the child gets SIGTERM after `limit` seconds (and
/// SIGKILL 5 s later), so that a hang fails a test instead of stalling the suite. Shared by the CLI
/// and the MPI test targets (`descent`, `mpirun`).
public func runChildProcess(_ executable: String, _ arguments: [String], in directory: String? = nil,
                            environment: [String: String] = [:], limit: Double? = nil) throws -> ChildProcessResult {
    let process = Process()
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let start = Date()
    try runWithSignalsUnblocked(process)
    let finished = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var timedOut = false
    if let limit {
        DispatchQueue.global().async {
            if finished.wait(timeout: .now() + limit) == .timedOut {
                timedOut = true
                kill(process.processIdentifier, SIGTERM)  // mpirun passes SIGTERM on to its ranks.
                if finished.wait(timeout: .now() + 5) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            }
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
    return ChildProcessResult(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                              timedOut: timedOut, seconds: Date().timeIntervalSince(start),
                              output: String(decoding: outputData, as: UTF8.self),
                              errors: String(decoding: errorData, as: UTF8.self))
}

/// Starts `process` from a thread of its own with no signal blocked. A child inherits the blocked
/// signals of the thread that starts it, and the test runner's threads block nearly all of them
/// (SIGTERM and SIGINT included), so a child started from one could not be stopped or interrupted.
public func runWithSignalsUnblocked(_ process: Process) throws {
    nonisolated(unsafe) var failure: Error?
    let started = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        var none = sigset_t()
        sigemptyset(&none)
        pthread_sigmask(SIG_SETMASK, &none, nil)
        do { try process.run() } catch { failure = error }
        started.signal()
    }
    started.wait()
    if let failure { throw failure }
}
