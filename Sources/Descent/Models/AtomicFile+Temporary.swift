import Foundation

extension AtomicFile {
    /// Removes the temporary file being written at this moment, if any, so that a signal that ends
    /// the process leaves no `.name.XXXXXXXX.tmp` behind. Async-signal-safe: it reads a flag and a
    /// path kept in memory allocated before any temporary file exists, and calls only `unlink(2)`.
    /// A handler for SIGTERM or SIGINT calls it before `_exit`; call it once when installing the
    /// handler too (it does nothing then), so that its storage is initialised outside any handler.
    public static func removePendingTemporaryFile() {
        guard PendingTemporary.isSet != 0 else { return }
        unlink(PendingTemporary.path)
    }

    /// Creates an empty temporary file beside `target`, exclusively: `O_CREAT|O_EXCL|O_NOFOLLOW`,
    /// so a file or link planted under the name is never opened, and a random name, retried if taken.
    /// Mode 0666 less the umask, as for any new file. Registers it for ``removePendingTemporaryFile()``.
    static func createTemporary(beside target: String, reportingAs path: String) throws(Failure) -> (String, Int32) {
        let directory = directoryPart(of: target)
        for _ in 0..<100 {
            let temporary = directory + "/" + temporaryName(for: namePart(of: target), in: directory)
            PendingTemporary.set(temporary)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (temporary, descriptor) }
            let error = errno
            PendingTemporary.clear()
            if error != EEXIST { throw Failure(path: path, reason: "cannot create a file in \(directory): \(String(cString: strerror(error)))") }
        }
        throw Failure(path: path, reason: "no free temporary name in \(directory)")
    }

    /// `.name.XXXXXXXX.tmp`, or `.descent.XXXXXXXX.tmp` when that would pass the file system's limit
    /// on a name's length (a name at the limit can still be written).
    static func temporaryName(for name: String, in directory: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let random = String((0..<8).map { _ in alphabet.randomElement()! })
        let limit = pathconf(directory, Int32(_PC_NAME_MAX))
        let wanted = ".\(name).\(random).tmp"
        return wanted.utf8.count <= (limit > 0 ? limit : 255) ? wanted : ".descent.\(random).tmp"
    }
}

/// The one temporary file being written, for a signal handler. Writes are serialised by `lock`,
/// so one slot suffices; the path is copied into a buffer allocated once, before its first use.
enum PendingTemporary {
    static let capacity = Int(PATH_MAX) + 1
    nonisolated(unsafe) static let path: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        buffer.initialize(repeating: 0, count: capacity)
        return buffer
    }()
    nonisolated(unsafe) static var isSet: sig_atomic_t = 0
    static let lock = NSLock()

    static func set(_ temporary: String) {
        isSet = 0
        let bytes = Array(temporary.utf8CString)
        guard bytes.count <= capacity else { return }  // too long to create anyway
        bytes.withUnsafeBufferPointer { path.update(from: $0.baseAddress!, count: $0.count) }
        isSet = 1
    }

    static func clear() { isSet = 0 }
}
