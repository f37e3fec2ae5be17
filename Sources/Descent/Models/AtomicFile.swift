import Foundation

/// Writes whole files or nothing: a temporary file in the same directory, `fsync`, then `rename(2)`,
/// which replaces the destination atomically on POSIX file systems.
public enum AtomicFile {
    public static func write(_ bytes: Data, to path: String) throws(ModelFileError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw .unwritable(path: path, reason: String(cString: strerror(errno))) }
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
            throw .unwritable(path: path, reason: ok ? renameReason : reason)
        }
    }
}
