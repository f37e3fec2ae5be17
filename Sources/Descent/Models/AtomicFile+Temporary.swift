import Foundation

extension AtomicFile {
    /// Removes the temporary file being written at this moment, if any, so that a signal that ends
    /// the process leaves no `.name.XXXXXXXX.tmp` behind. Async-signal-safe: it reads a flag and a
    /// path kept in memory allocated before any temporary file exists, and calls only `unlink(2)`.
    /// A handler for SIGTERM or SIGINT calls it before `_exit`; call it once when installing the
    /// handler too (it does nothing then), so that its storage is initialised outside any handler.
    package static func removePendingTemporaryFile() {
        PendingTemporary.removeAll()
    }

    /// Creates an empty temporary file beside `target`, exclusively: `O_CREAT|O_EXCL|O_NOFOLLOW`,
    /// so a file or link planted under the name is never opened, and a random name, retried if taken.
    /// Mode 0666 less the umask, as for any new file. Registers it for ``removePendingTemporaryFile()``.
    static func createTemporary(beside target: String, reportingAs path: String, slot: Int = 0) throws(Failure) -> (String, Int32) {
        let directory = directoryPart(of: target)
        for _ in 0..<100 {
            let temporary = directory + "/" + temporaryName(for: namePart(of: target), in: directory)
            PendingTemporary.set(temporary, slot: slot)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (temporary, descriptor) }
            let error = errno
            PendingTemporary.clear(slot)
            if error != EEXIST { throw Failure(path: path, problem: .cannotCreate(directory: directory, errno: error)) }
        }
        throw Failure(path: path, problem: .noTemporaryName(directory: directory))
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

/// The temporary files being written at this moment, for a signal handler: a few fixed slots
/// (one per whole-file write, serialised by `lock`, and one per open ``AtomicFile/Stream``), each a
/// path copied into a buffer allocated once, before its first use, and a flag.
enum PendingTemporary {
    static let slots = 4
    static let capacity = Int(PATH_MAX) + 1
    nonisolated(unsafe) static let paths: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: slots * capacity)
        buffer.initialize(repeating: 0, count: slots * capacity)
        return buffer
    }()
    nonisolated(unsafe) static let isSet: UnsafeMutablePointer<sig_atomic_t> = {
        let flags = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: slots)
        flags.initialize(repeating: 0, count: slots)
        return flags
    }()
    /// Serialises whole-file writes (they share slot 0).
    static let lock = NSLock()
    private static let claims = NSLock()
    nonisolated(unsafe) private static var claimed = [true] + [Bool](repeating: false, count: slots - 1)

    /// A slot for a stream, or nil when every slot is taken.
    static func claim() -> Int? {
        claims.lock()
        defer { claims.unlock() }
        guard let slot = claimed.firstIndex(of: false) else { return nil }
        claimed[slot] = true
        return slot
    }

    static func release(_ slot: Int) {
        clear(slot)
        claims.lock()
        claimed[slot] = slot == 0
        claims.unlock()
    }

    static func set(_ temporary: String, slot: Int = 0) {
        isSet[slot] = 0
        let bytes = Array(temporary.utf8CString)
        guard bytes.count <= capacity else { return }  // too long to create anyway
        bytes.withUnsafeBufferPointer { (paths + slot * capacity).update(from: $0.baseAddress!, count: $0.count) }
        isSet[slot] = 1
    }

    static func clear(_ slot: Int = 0) { isSet[slot] = 0 }

    /// From a signal handler: unlink only. `prefix` (tests, which run side by side in one
    /// process) limits it to the files under one directory.
    static func removeAll(under prefix: String? = nil) {
        for slot in 0..<slots where isSet[slot] != 0 {
            if let prefix, !String(cString: paths + slot * capacity).hasPrefix(prefix) { continue }
            unlink(paths + slot * capacity)
        }
    }
}
