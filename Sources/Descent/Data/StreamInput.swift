import Foundation

/// Data that arrives as a stream rather than a file that can be mapped: `-` (standard input), a
/// pipe, a FIFO or a process substitution (`<(…)`, a `/dev/fd/N` pipe). Read whole, up to a
/// quarter of the memory available (parsing and training take the rest), then parsed like a file.
public enum StreamInput {
    /// The name standard input goes by in messages.
    public static let standardInputName = "standard input"

    /// `path` as messages name it: `standard input` for `-`.
    public static func sourceName(_ path: String) -> String { path == "-" ? standardInputName : path }

    /// The bytes of `path` when it is a stream (`-`, a pipe or a FIFO); nil for anything else (a
    /// regular file, or a special file, which the error names). Standard input from a terminal is refused:
    /// rows typed by hand would be read until end-of-file, which is rarely what was meant.
    public static func bytes(path: String, memoryBytes: UInt64) throws(DataError) -> [UInt8]? {
        if path == "-" {
            var status = stat()
            guard fstat(STDIN_FILENO, &status) == 0 else {
                throw .unreadable(path: standardInputName, cause: .standardInput(.closed))
            }
            if isatty(STDIN_FILENO) != 0 {
                throw .unreadable(path: standardInputName, cause: .standardInput(.terminal))
            }
            switch status.st_mode & S_IFMT {
            case S_IFREG, S_IFIFO, S_IFSOCK: return try readAll(STDIN_FILENO, source: standardInputName, memoryBytes: memoryBytes)
            case S_IFDIR: throw .unreadable(path: standardInputName, cause: .standardInput(.directory))
            default: throw .unreadable(path: standardInputName, cause: .standardInput(.device))
            }
        }
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFIFO else { return nil }
        // Opened without blocking (a FIFO nobody writes to would wait forever), then read blocking:
        // a writer already there is read to its end; none at all reads as an empty file.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, cause: .fifoOpenFailed(errno: errno)) }
        defer { close(descriptor) }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return try readAll(descriptor, source: path, memoryBytes: memoryBytes)
    }

    /// Reads `descriptor` to its end, refusing more than a quarter of `memoryBytes`.
    static func readAll(_ descriptor: Int32, source: String, memoryBytes: UInt64) throws(DataError) -> [UInt8] {
        let limit = memoryBytes / 4
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: source, cause: .readFailed(errno: errno))
            }
            bytes += buffer[..<count]
            if UInt64(bytes.count) > limit { throw .tooLarge(source: source, bytes: UInt64(bytes.count), memoryBytes: memoryBytes) }
        }
    }
}
