import Foundation
import Testing

/// A `descent` process the test watches while it runs, to send it signals at chosen moments:
/// standard output goes to a file, standard error is collected as it comes.
final class RunningDescent: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var errorData = Data()
    private let drained = DispatchSemaphore(value: 0)

    /// Starts `descent arguments` in `directory`, or, with `shell`, runs `shell` with `sh -c` there
    /// (the test's `descent` stands for the executable).
    init(_ arguments: [String] = [], shell: String? = nil, in directory: String, output: String? = nil) throws {
        if let shell {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "exec " + shell]
            process.environment = ProcessInfo.processInfo.environment.merging(["PATH": (descentExecutable as NSString).deletingLastPathComponent
                + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]) { $1 }
        } else {
            process.executableURL = URL(fileURLWithPath: descentExecutable)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let errors = Pipe()
        process.standardError = errors
        if let output {
            #expect(FileManager.default.createFile(atPath: output, contents: nil))
            process.standardOutput = FileHandle(forWritingAtPath: output)
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        try process.run()
        Thread.detachNewThread { [self] in
            while case let data = errors.fileHandleForReading.availableData, !data.isEmpty {
                lock.withLock { errorData += data }
            }
            drained.signal()
        }
    }

    var errors: String { lock.withLock { String(decoding: errorData, as: UTF8.self) } }

    /// Waits until `condition` holds or the process ends (at most `seconds`); true if it holds.
    @discardableResult
    func wait(upTo seconds: Double = 30, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition(), process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        return condition()
    }

    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to end (killing it after `seconds`: a run that ignores a signal would go
    /// on for days) and returns its status, the signal's number if a signal ended it.
    func finish(within seconds: Double = 20) -> (status: Int32, signalled: Bool, errors: String) {
        wait(upTo: seconds) { false }
        if process.isRunning {
            Issue.record("descent did not stop within \(seconds) s")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        drained.wait()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal, errors)
    }
}

/// A small CSV of small integers (so that the column means do not depend on the row order): 40
/// rows, columns a, b and y.
func integerCSV(swappingRows swap: (Int, Int)? = nil) -> String {
    var rows = (0..<40).map { i in "\(i % 7),\((i * 3) % 11),\(2 * (i % 7) - (i * 3) % 11 + i % 3)" }
    if let swap { rows.swapAt(swap.0, swap.1) }
    return "a,b,y\n" + rows.joined(separator: "\n") + "\n"
}

/// The files in `directory` whose names start with a dot: temporary files left behind.
func temporaryFiles(in directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".") }
}
