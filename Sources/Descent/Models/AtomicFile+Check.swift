import Foundation

extension AtomicFile {
    /// Fails early, before long work whose result would go there, if `path` cannot be written: an
    /// empty name, a directory (or a name ending in '/'), a name past the file system's length limit,
    /// a directory that is missing or where no file can be created (tried: a temporary file is
    /// created and removed, which also catches a read-only file system, even for root).
    package static func checkWritable(_ path: String) throws(Failure) {
        switch try destination(of: path) {
        case .descriptor:
            return
        case let .inPlace(special):
            guard access(special, W_OK) == 0 else { throw Failure(path: path, problem: .system(errno: errno)) }
        case let .replace(target, _):
            let directory = directoryPart(of: target), name = namePart(of: target)
            guard name != ".", name != ".." else { throw Failure(path: path, problem: .namesDirectory(name: name)) }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw Failure(path: path, problem: .noDirectory(directory))
            }
            let limit = pathconf(directory, Int32(_PC_NAME_MAX))
            if limit > 0, name.utf8.count > limit {
                throw Failure(path: path, problem: .nameTooLong(bytes: name.utf8.count, limit: limit))
            }
            PendingTemporary.lock.lock()
            defer { PendingTemporary.lock.unlock() }
            let (temporary, descriptor) = try createTemporary(beside: target, reportingAs: path)
            close(descriptor)
            unlink(temporary)
            PendingTemporary.clear()
        }
    }
}
