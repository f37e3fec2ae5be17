import Foundation

extension AtomicFile {
    /// What writing to a path does, decided before anything is written.
    enum Destination {
        /// A regular file at `path` (no link at its end), replaced by rename; `existing` is the
        /// file replaced (its mode and owner are kept), nil for a new file.
        case replace(path: String, existing: stat?)
        /// A device, FIFO or socket, written in place.
        case inPlace(path: String)
        /// Standard output or error (`/dev/stdout`), written to the open descriptor.
        case descriptor(Int32)
    }

    /// Links are followed at most this many times (Linux's own limit).
    static let maximumLinks = 40

    static func destination(of path: String) throws(Failure) -> Destination {
        guard !path.isEmpty else { throw Failure(path: path, problem: .emptyName) }
        guard !path.hasSuffix("/") else { throw Failure(path: path, problem: .trailingSlash) }
        var status = stat()
        guard stat(path, &status) == 0 else {
            guard errno == ENOENT else { throw Failure(path: path, problem: .system(errno: errno)) }
            return .replace(path: try resolvingLinks(path), existing: nil)
        }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR { throw Failure(path: path, problem: .directory) }
        for descriptor: Int32 in [STDOUT_FILENO, STDERR_FILENO] {
            var open = stat()
            if fstat(descriptor, &open) == 0, open.st_dev == status.st_dev, open.st_ino == status.st_ino { return .descriptor(descriptor) }
        }
        guard kind == S_IFREG else { return .inPlace(path: path) }
        return .replace(path: try resolvingLinks(path), existing: status)
    }

    /// `path` with the symbolic links at its end followed (a dangling link: the file it would
    /// create), so that a rename replaces the file the link names, never the link.
    package static func resolvingLinks(_ path: String) throws(Failure) -> String {
        var current = path
        for _ in 0...maximumLinks {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count >= 0 else { return current }  // not a link (or not there): the end of the chain
            let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : directoryPart(of: current) + "/" + target
        }
        throw Failure(path: path, problem: .linkChain(maximum: maximumLinks))
    }

    /// The directory part of a path: "." for a bare name.
    static func directoryPart(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func namePart(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }
}
