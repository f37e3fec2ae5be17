import Foundation

/// Why a file could not be written (``ModelFileError/unwritable(path:problem:)``), as values: the
/// system's error number, or what about the name or destination is wrong. The destination is untouched.
public enum WriteProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call failed with `errno`.
    case system(errno: Int32)
    /// A write wrote nothing and reported no error.
    case nothingWritten
    /// The value could not be encoded as JSON. `detail` is the JSON encoder's own description
    /// (Foundation's `EncodingError`): text, because it is another library's already-worded error.
    case encoding(detail: String)
    /// The name is empty.
    case emptyName
    /// The name ends in '/', which names a directory.
    case trailingSlash
    /// The path names a directory.
    case directory
    /// The last part of the path is `.` or `..`, which name directories.
    case namesDirectory(name: String)
    /// The directory that would hold the file does not exist.
    case noDirectory(String)
    /// The name is `bytes` long where the file system allows `limit`.
    case nameTooLong(bytes: Int, limit: Int)
    /// Symbolic links chain further than `maximum` links.
    case linkChain(maximum: Int)
    /// More files are being written at once than can be tracked for clean-up.
    case tooManyPending
    /// A stream was written after it was committed or discarded.
    case writtenAfterCommit
    /// No file can be created in `directory`: the system error `errno`.
    case cannotCreate(directory: String, errno: Int32)
    /// Every temporary name tried in `directory` was taken.
    case noTemporaryName(directory: String)

    /// In words, for messages.
    public var description: String {
        switch self {
        case let .system(code): Self.words(errno: code)
        case .nothingWritten: "nothing was written"
        case let .encoding(detail): detail
        case .emptyName: "the name is empty"
        case .trailingSlash: "the name ends in '/', which names a directory"
        case .directory: "it is a directory"
        case let .namesDirectory(name): "'\(name)' names a directory"
        case let .noDirectory(directory): "no directory \(directory)"
        case let .nameTooLong(bytes, limit): "the name is \(bytes) bytes long; the file system allows \(limit)"
        case let .linkChain(maximum): "more than \(maximum) symbolic links in a chain"
        case .tooManyPending: "too many files written at once"
        case .writtenAfterCommit: "written after commit or discard"
        case let .cannotCreate(directory, code): "cannot create a file in \(directory): \(Self.words(errno: code))"
        case let .noTemporaryName(directory): "no free temporary name in \(directory)"
        }
    }

    /// The system's words for `errno` (`strerror`).
    static func words(errno code: Int32) -> String { String(cString: strerror(code)) }
}
