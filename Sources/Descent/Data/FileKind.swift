import Foundation

/// What a path names, in words, when it is not a regular file that can be read whole: a data file
/// given as `/dev/stdin` from a pipe, a FIFO, `/dev/zero` or a symbolic link loop would otherwise
/// block, read forever, or be reported as "no such file".
enum FileKind {
    /// Why `path` cannot be read as a data file, or nil for a regular file (after links).
    static func problem(path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            switch errno {
            case ELOOP: return "it is a symbolic link loop (a link that leads back to itself)"
            case EACCES: return "permission denied on a folder of its path"
            case ENOTDIR: return "a component of the path is not a directory"
            case ENAMETOOLONG: return "the path is too long"
            default:
                var link = stat()
                return lstat(path, &link) == 0 ? "it is a symbolic link to a missing file" : "no such file"
            }
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a directory, expected a data file"
        case S_IFIFO: return "it is a pipe or FIFO (such as standard input from a pipe), expected a regular data file: save the rows to a file first"
        case S_IFCHR: return "it is a character device (such as /dev/zero or a terminal), expected a regular data file"
        case S_IFBLK: return "it is a block device, expected a regular data file"
        case S_IFSOCK: return "it is a socket, expected a regular data file"
        default: return "it is not a regular file, expected a data file"
        }
    }
}
