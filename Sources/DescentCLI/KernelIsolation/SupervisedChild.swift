import Foundation

/// Runs this executable again as a child process and reads its standard output line by line,
/// killing it when it stays silent longer than a time limit: how `validate --kernel-source` runs
/// kernels it has no reason to trust (one that never returns, one that writes out of bounds).
enum SupervisedChild {
    /// How the child ended.
    enum Ending: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)
        /// Killed after printing nothing for the time limit.
        case timedOut(seconds: Double)

        var description: String {
            switch self {
            case let .exited(status): "exited with status \(status)"
            case let .signalled(signal): "was killed by signal \(signal) (\(signalName(signal)))"
            case let .timedOut(seconds):
                "did not finish within --time-limit \(seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)) s and was killed"
            }
        }
    }

    /// This executable: `/proc/self/exe` on Linux, which stays right if the file is renamed.
    static var executable: String {
        FileManager.default.fileExists(atPath: "/proc/self/exe")
            ? "/proc/self/exe" : (Bundle.main.executablePath ?? CommandLine.arguments[0])
    }

    /// Runs the executable with `arguments` (standard error shared with ours); `onLine` sees each
    /// line it prints, on another thread, and answers how many seconds of silence may follow it
    /// (`silenceLimit` until the first line).
    static func run(arguments: [String], silenceLimit: Double, onLine: @escaping @Sendable (String) -> Double) throws -> Ending {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // A crash is reported by the parent: the Swift runtime's backtrace would bury that, and in an
        // address-sanitizer build ASan would turn the signal into exit status 1.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment["ASAN_OPTIONS"] = (environment["ASAN_OPTIONS"].map { $0 + ":" } ?? "") + "handle_segv=0:handle_sigbus=0"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        let clock = ActivityClock()
        try process.run()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var pending = [UInt8]()
            while true {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                pending += chunk
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    clock.touch(allowing: onLine(String(decoding: pending[..<newline], as: UTF8.self)))
                    pending.removeSubrange(...newline)
                }
            }
            drained.signal()
        }
        var timedOut = false
        while process.isRunning {
            if clock.silence > clock.allowed(default: silenceLimit) {
                kill(process.processIdentifier, SIGKILL)
                timedOut = true
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.waitUntilExit()
        drained.wait()
        if timedOut { return .timedOut(seconds: silenceLimit) }
        return process.terminationReason == .uncaughtSignal ? .signalled(process.terminationStatus) : .exited(process.terminationStatus)
    }

    static func signalName(_ signal: Int32) -> String {
        [SIGSEGV: "SIGSEGV", SIGBUS: "SIGBUS", SIGILL: "SIGILL", SIGFPE: "SIGFPE", SIGABRT: "SIGABRT", SIGKILL: "SIGKILL",
         SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGTRAP: "SIGTRAP"][signal] ?? "signal \(signal)"
    }
}

/// The time of the child's last line, shared between the reading thread and the watchdog.
private final class ActivityClock: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date()
    private var allowance: Double?

    func touch(allowing seconds: Double) { lock.withLock { last = Date(); allowance = seconds } }
    func allowed(default seconds: Double) -> Double { lock.withLock { allowance ?? seconds } }
    var silence: Double { lock.withLock { Date().timeIntervalSince(last) } }
}
