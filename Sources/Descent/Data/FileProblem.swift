/// Why a path is not a regular file that can be read whole, as the checks before reading find it: a data or
/// model file given as a FIFO, a device, a directory or a broken link would otherwise block, read
/// forever, or be reported as "no such file".
public enum FileProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// A symbolic link that leads back to itself (`ELOOP`).
    case symbolicLinkLoop
    /// A folder on the path cannot be searched (`EACCES`).
    case folderPermissionDenied
    /// A component of the path is not a directory (`ENOTDIR`).
    case componentNotADirectory
    /// The path is longer than the system takes (`ENAMETOOLONG`).
    case pathTooLong
    /// A symbolic link to a file that does not exist.
    case danglingSymbolicLink
    /// Nothing exists at the path.
    case missing
    /// The path names a directory.
    case directory
    /// The path names a pipe or FIFO.
    case fifo
    /// The path names a character device (`/dev/zero`, a terminal).
    case characterDevice
    /// The path names a block device.
    case blockDevice
    /// The path names a socket.
    case socket
    /// The path names another kind of special file.
    case notRegular

    /// In words, for messages.
    public var description: String {
        switch self {
        case .symbolicLinkLoop: "it is a symbolic link loop (a link that leads back to itself)"
        case .folderPermissionDenied: "permission denied on a folder of its path"
        case .componentNotADirectory: "a component of the path is not a directory"
        case .pathTooLong: "the path is too long"
        case .danglingSymbolicLink: "it is a symbolic link to a missing file"
        case .missing: "no such file"
        case .directory: "it is a directory, expected a data file"
        case .fifo: "it is a pipe or FIFO (such as standard input from a pipe), expected a regular data file: save the rows to a file first"
        case .characterDevice: "it is a character device (such as /dev/zero or a terminal), expected a regular data file"
        case .blockDevice: "it is a block device, expected a regular data file"
        case .socket: "it is a socket, expected a regular data file"
        case .notRegular: "it is not a regular file, expected a data file"
        }
    }
}
