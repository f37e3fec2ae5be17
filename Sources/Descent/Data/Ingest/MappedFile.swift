import Foundation

/// A regular file mapped read-only, whose pages are handed back (`madvise(MADV_DONTNEED)`) as
/// parsing passes them: mapped pages count as resident memory, so without this a 2 GB file would
/// add 2 GB to the process's peak even though it is read once, in order. The kernel keeps them in
/// its page cache; touching a released page again maps it back, so release is only ever a hint.
/// A file that another process truncates while it is being read ends this one with SIGBUS, as
/// with any mapped reader (numpy's `memmap` too): the mapping is listed in ``MappedRegions``, so
/// that the CLI's handler names the file. A file replaced by a rename is not affected.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer?
    private var region: Int?
    private let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Maps `path`; throws with the system's `errno` when it cannot be opened or mapped.
    init(path: String) throws(DataError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, cause: .openFailed(errno: errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(path: path, cause: .openFailed(errno: errno)) }
        let count = Int(status.st_size)
        guard count > 0 else {
            base = nil
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else { throw .unreadable(path: path, cause: .openFailed(errno: errno)) }
        base = mapped
        bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: count)
        region = MappedRegions.add(mapped, count: count, path: path)
    }

    deinit {
        if let region { MappedRegions.remove(region) }
        if let base { munmap(base, bytes.count) }
    }

    /// Hands back the pages that `range` (byte offsets) touches.
    func release(_ range: Range<Int>) {
        guard let base, !range.isEmpty else { return }
        let lower = range.lowerBound / pageSize * pageSize
        let upper = min((range.upperBound + pageSize - 1) / pageSize * pageSize, (bytes.count + pageSize - 1) / pageSize * pageSize)
        guard upper > lower else { return }
        madvise(base + lower, upper - lower, MADV_DONTNEED)
    }
}
