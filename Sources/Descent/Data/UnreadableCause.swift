import Foundation

/// Why a data file cannot be read (``DataError/unreadable(path:cause:)``), as values a program can
/// switch on: what the path names, the system's error number, or which part of a `.npy` file or a
/// `.descent` cache is wrong. ``description`` words it for messages.
public enum UnreadableCause: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path is not a regular file (a directory, a FIFO, a device, a broken link, nothing).
    case file(FileProblem)
    /// Opening, examining or mapping the file failed with the system error `errno`.
    case openFailed(errno: Int32)
    /// The path is a regular file whose contents cannot be read (no permission).
    case permissionDenied
    /// The file could be read once but not again (it changed or vanished between two reads).
    case vanished
    /// Standard input cannot supply rows.
    case standardInput(StandardInputProblem)
    /// The path is a pipe or FIFO that could not be opened: the system error `errno`.
    case fifoOpenFailed(errno: Int32)
    /// Reading a stream failed with the system error `errno`.
    case readFailed(errno: Int32)
    /// The file is a `.npy` array that Descent cannot read.
    case npy(NPYProblem)
    /// The file is a `.descent` cache whose contents do not add up.
    case corruptCache(CacheProblem)

    /// In words, for messages.
    public var description: String {
        switch self {
        case let .file(problem): problem.description
        case let .openFailed(code): code == EACCES || code == EPERM ? "permission denied" : "opening or mapping it failed (\(Self.words(errno: code)))"
        case .permissionDenied: "permission denied or a directory"
        case .vanished: "cannot read the file again"
        case let .standardInput(problem): problem.description
        case let .fifoOpenFailed(code): "it is a pipe or FIFO that cannot be opened (\(Self.words(errno: code)))"
        case let .readFailed(code): "reading failed (\(Self.words(errno: code)))"
        case let .npy(problem): "a .npy file, but \(problem)"
        case let .corruptCache(problem): "a corrupt .descent cache: \(problem)"
        }
    }

    /// The system's words for `errno` (`strerror`).
    static func words(errno code: Int32) -> String { String(cString: strerror(code)) }
}

/// Why standard input (`-`) cannot supply rows.
public enum StandardInputProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input is closed.
    case closed
    /// Standard input is a terminal: rows typed by hand would be read until end-of-file.
    case terminal
    /// Standard input is a directory.
    case directory
    /// Standard input is a device.
    case device

    /// In words, for messages.
    public var description: String {
        switch self {
        case .closed: "it is closed"
        case .terminal: "it is a terminal: pipe the rows in or give a file of rows"
        case .directory: "it is a directory, expected rows of data"
        case .device: "it is a device, expected rows of data (a pipe or a redirected file)"
        }
    }
}
