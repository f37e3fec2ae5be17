import Foundation

/// What a path names (a ``FileProblem``) when it is not a regular file that can be read whole: a data file
/// given as `/dev/stdin` from a pipe, a FIFO, `/dev/zero` or a symbolic link loop would otherwise
/// block, read forever, or be reported as "no such file".
enum FileKind {
    /// Why `path` cannot be read as a data file, or nil for a regular file (after links).
    static func problem(path: String) -> FileProblem? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            switch errno {
            case ELOOP: return .symbolicLinkLoop
            case EACCES: return .folderPermissionDenied
            case ENOTDIR: return .componentNotADirectory
            case ENAMETOOLONG: return .pathTooLong
            default:
                var link = stat()
                return lstat(path, &link) == 0 ? .danglingSymbolicLink : .missing
            }
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return .directory
        case S_IFIFO: return .fifo
        case S_IFCHR: return .characterDevice
        case S_IFBLK: return .blockDevice
        case S_IFSOCK: return .socket
        default: return .notRegular
        }
    }
}
