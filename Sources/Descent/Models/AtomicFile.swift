import Foundation

/// Writes whole files or nothing, and never destroys what a path names by accident.
///
/// A regular file (or a new one) is written as a temporary file created beside it with
/// `O_CREAT|O_EXCL|O_NOFOLLOW` under an unpredictable name, given the replaced file's mode (new
/// files: 0666 less the umask), flushed with `fsync`, then renamed over it: a reader, or a crash,
/// sees the old file or the new one, never a part. A symbolic link is resolved first, and its
/// target is replaced, not the link. A device, FIFO or socket (`/dev/null`, a pipe) is written in
/// place, as `cat > path` would, and the path naming this process's standard output or error
/// (`/dev/stdout`) writes to that stream. A directory is refused.
package enum AtomicFile {
    /// A file that could not be written; the destination is untouched.
    package struct Failure: Error, Equatable, CustomStringConvertible {
        package var path: String
        /// Why, as a value.
        package var problem: WriteProblem
        /// Why, in words.
        package var reason: String { problem.description }
        package var description: String { "\(path.isEmpty ? "''" : path): cannot write the file: \(reason)" }
    }

    /// `value` as JSON, the way every file Descent writes is: indented, keys sorted (so files diff
    /// well), a final newline; infinities and NaN as the strings "inf", "-inf", "nan".
    package static func writeJSON(_ value: some Encodable, to path: String) throws(Failure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let bytes: Data
        do { bytes = try encoder.encode(value) } catch { throw Failure(path: path, problem: .encoding(detail: "\(error)")) }
        try write(bytes + Data("\n".utf8), to: path)
    }

    package static func write(_ bytes: Data, to path: String) throws(Failure) {
        try write(bytes, to: path, beforeRename: nil)
    }

    /// `beforeRename` lets tests act while the temporary file exists (a signal's clean-up, say).
    static func write(_ bytes: Data, to path: String, beforeRename: (() -> Void)?) throws(Failure) {
        switch try destination(of: path) {
        case let .descriptor(descriptor):
            fflush(nil)  // what this process printed before comes first
            if let problem = writeAll(bytes, to: descriptor) { throw Failure(path: path, problem: problem) }
        case let .inPlace(special):
            let descriptor = open(special, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw Failure(path: path, problem: .system(errno: errno)) }
            defer { close(descriptor) }
            if let problem = writeAll(bytes, to: descriptor) { throw Failure(path: path, problem: problem) }
        case let .replace(target, existing):
            try replace(target, existing: existing, with: bytes, beforeRename: beforeRename, reportingAs: path)
        }
    }

    private static func replace(_ target: String, existing: stat?, with bytes: Data, beforeRename: (() -> Void)?,
                                reportingAs path: String) throws(Failure) {
        PendingTemporary.lock.lock()
        defer { PendingTemporary.lock.unlock() }
        let (temporary, descriptor) = try createTemporary(beside: target, reportingAs: path)
        try install(temporary, descriptor: descriptor, over: target, existing: existing, slot: 0,
                    failure: writeAll(bytes, to: descriptor), beforeRename: beforeRename, reportingAs: path)
    }

    /// Puts a written temporary file in place of `target`: the replaced file's mode (and owner,
    /// where allowed) kept, flushed, closed, renamed, the directory flushed. On any failure
    /// (`failure` already, or one here) the temporary file is removed and `target` is untouched.
    static func install(_ temporary: String, descriptor: Int32, over target: String, existing: stat?, slot: Int,
                        failure: WriteProblem?, beforeRename: (() -> Void)? = nil, reportingAs path: String) throws(Failure) {
        var reason = failure
        if reason == nil, let existing {
            if existing.st_uid != geteuid() || existing.st_gid != getegid() { _ = fchown(descriptor, existing.st_uid, existing.st_gid) }
            if fchmod(descriptor, existing.st_mode & 0o7777) != 0 { reason = .system(errno: errno) }
        }
        if reason == nil, fsync(descriptor) != 0 { reason = .system(errno: errno) }
        if close(descriptor) != 0, reason == nil { reason = .system(errno: errno) }
        beforeRename?()
        if reason == nil, rename(temporary, target) != 0 { reason = .system(errno: errno) }
        if let reason {
            unlink(temporary)
            PendingTemporary.clear(slot)
            throw Failure(path: path, problem: reason)
        }
        PendingTemporary.clear(slot)
        syncDirectory(of: target)
    }

    /// Writes every byte; nil, or why not.
    static func writeAll(_ bytes: Data, to descriptor: Int32) -> WriteProblem? {
        bytes.withUnsafeBytes { buffer -> WriteProblem? in
            var written = 0
            while written < buffer.count {
                let result = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 && errno == EINTR { continue }
                if result <= 0 { return result < 0 ? .system(errno: errno) : .nothingWritten }
                written += result
            }
            return nil
        }
    }

    /// The rename is durable once the directory that holds the new entry is flushed too.
    private static func syncDirectory(of path: String) {
        let descriptor = open(directoryPart(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
