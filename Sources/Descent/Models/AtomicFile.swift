import Foundation

/// Writes whole files or nothing: a temporary file in the same directory, `fsync`, then `rename(2)`,
/// which replaces the destination atomically on POSIX file systems.
public enum AtomicFile {
    /// A file that could not be written; the destination is untouched.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write the file: \(reason)" }
    }

    /// Fails early, before long work whose result would go there, if `path` cannot be written:
    /// its directory must exist and be writable.
    public static func checkWritable(_ path: String) throws(Failure) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(path: path, reason: "no directory \(directory)")
        }
        guard access(directory, W_OK) == 0 else { throw Failure(path: path, reason: "the directory is not writable") }
    }

    /// `value` as JSON, the way every file Descent writes is: indented, keys sorted (so files diff
    /// well), a final newline; infinities and NaN as the strings "inf", "-inf", "nan".
    public static func writeJSON(_ value: some Encodable, to path: String) throws(Failure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let bytes: Data
        do { bytes = try encoder.encode(value) } catch { throw Failure(path: path, reason: "\(error)") }
        try write(bytes + Data("\n".utf8), to: path)
    }

    public static func write(_ bytes: Data, to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        var written = 0
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let result = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result <= 0 { return false }
                written += result
            }
            return fsync(descriptor) == 0
        }
        let reason = String(cString: strerror(errno))
        close(descriptor)
        guard ok, rename(temporary, path) == 0 else {
            let renameReason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(path: path, reason: ok ? renameReason : reason)
        }
    }
}
