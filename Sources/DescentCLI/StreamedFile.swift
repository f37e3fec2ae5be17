import Descent
import Foundation

/// A file written in pieces and moved into place whole (the loss CSV of a long run): the pieces go
/// to a temporary file beside the destination, created afresh and never through a link, which
/// ``commit()`` flushes and renames over the destination. Until then the destination is untouched,
/// so a half-written file never replaces the user's; ``discard()`` removes the temporary file, and
/// so does a second Ctrl-C that ends the process at once (``PendingTemporaryFile``).
final class StreamedFile {
    /// A file that could not be written; the destination is untouched.
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): cannot write the file: \(reason)" }
    }

    let path: String
    private let temporary: String
    /// Where ``commit()`` renames the pieces: `path` with its links followed; nil when `path` is
    /// no regular file to replace (standard output, a FIFO, a device), which gets them written in place.
    private let renameTarget: String?
    private var descriptor: Int32
    private var buffer = [UInt8]()
    /// Bytes gathered before a `write(2)`.
    private static let chunk = 1 << 20

    init(path: String) throws {
        self.path = path
        var status = stat(), standard = stat()
        let exists = stat(path, &status) == 0
        let isStandardStream = exists && [STDOUT_FILENO, STDERR_FILENO].contains { fstat($0, &standard) == 0
            && standard.st_dev == status.st_dev && standard.st_ino == status.st_ino }
        if exists && ((status.st_mode & S_IFMT) != S_IFREG || isStandardStream) {
            renameTarget = nil
        } else {
            do { renameTarget = try AtomicFile.resolvingLinks(path) } catch { throw Failure(path: path, reason: error.reason) }
        }
        // Beside the file a rename replaces (so it stays on one file system), else beside the name given.
        let url = URL(fileURLWithPath: renameTarget ?? path)
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        unlink(temporary)  // a leftover of a process with our id; O_EXCL then refuses anything planted meanwhile
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        PendingTemporaryFile.register(temporary)
        buffer.reserveCapacity(Self.chunk)
    }

    deinit { discard() }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.chunk { try flush() }
    }

    /// Flushes, syncs and renames the file over ``path``.
    func commit() throws {
        try flush()
        guard fsync(descriptor) == 0 else { throw failure() }
        close(descriptor)
        descriptor = -1
        if let renameTarget {
            guard rename(temporary, renameTarget) == 0 else { throw failure() }
        } else {
            try copyInPlace()
        }
        PendingTemporaryFile.clear()
    }

    /// Standard output, a FIFO or a device: the pieces written into it, then the temporary file removed.
    private func copyInPlace() throws {
        defer { unlink(temporary) }
        guard let contents = FileManager.default.contents(atPath: temporary) else { throw Failure(path: path, reason: "the temporary file vanished") }
        let target = open(path, O_WRONLY | O_CLOEXEC)
        guard target >= 0 else { throw failure() }
        defer { close(target) }
        try contents.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let result = Foundation.write(target, bytes.baseAddress! + written, bytes.count - written)
                guard result > 0 else { throw failure() }
                written += result
            }
        }
    }

    /// Removes the temporary file; the destination keeps whatever it held. Does nothing after ``commit()``.
    func discard() {
        guard descriptor >= 0 || PendingTemporaryFile.isRegistered(temporary) else { return }
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporary)
        PendingTemporaryFile.clear()
    }

    private func flush() throws {
        var written = 0
        try buffer.withUnsafeBytes { bytes in
            while written < bytes.count {
                let result = Foundation.write(descriptor, bytes.baseAddress! + written, bytes.count - written)
                guard result > 0 else { throw failure() }
                written += result
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func failure() -> Error {
        let reason = String(cString: strerror(errno))
        discard()
        return Failure(path: path, reason: reason)
    }
}

/// The temporary file a ``StreamedFile`` is writing, kept where a signal handler can remove it
/// before `_exit` (`unlink` is async-signal-safe; nothing here allocates in the handler).
enum PendingTemporaryFile {
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?

    static func register(_ temporary: String) {
        clear()
        path = strdup(temporary)
    }

    static func isRegistered(_ temporary: String) -> Bool { path.map { String(cString: $0) == temporary } ?? false }

    static func clear() {
        let old = path
        path = nil
        free(old)
    }

    /// From a signal handler: removes the file, if any.
    static func removeNow() {
        if let path { unlink(path) }
    }
}
