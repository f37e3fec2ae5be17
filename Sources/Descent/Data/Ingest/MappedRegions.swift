import Foundation

/// The files mapped at this moment (address range and path), so that a SIGBUS handler can name the
/// file behind a faulting address: a mapped file that another program truncates ends its reader
/// with SIGBUS at the first page past the new end. The storage is allocated once, before any
/// mapping, and ``path(containing:)`` reads it without locks or allocation (async-signal-safe).
package enum MappedRegions {
    static let slots = 16
    static let capacity = Int(PATH_MAX) + 1
    nonisolated(unsafe) private static let paths: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: slots * capacity)
        buffer.initialize(repeating: 0, count: slots * capacity)
        return buffer
    }()
    /// Each slot's first and one-past-last address; (0, 0) when free.
    nonisolated(unsafe) private static let bounds: UnsafeMutablePointer<(start: UInt, end: UInt)> = {
        let buffer = UnsafeMutablePointer<(start: UInt, end: UInt)>.allocate(capacity: slots)
        buffer.initialize(repeating: (0, 0), count: slots)
        return buffer
    }()
    private static let lock = NSLock()

    /// Initialises the storage: call once outside any handler, before installing one.
    package static func prepare() { _ = (paths, bounds) }

    /// Records `count` bytes mapped at `base` from `path`; the slot, or nil when all are taken (a
    /// fault there is then reported without the name) or the path is too long.
    static func add(_ base: UnsafeRawPointer, count: Int, path: String) -> Int? {
        let name = Array(path.utf8CString)
        guard name.count <= capacity else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let slot = (0..<slots).first(where: { bounds[$0].end == 0 }) else { return nil }
        name.withUnsafeBufferPointer { (paths + slot * capacity).update(from: $0.baseAddress!, count: $0.count) }
        bounds[slot] = (UInt(bitPattern: base), UInt(bitPattern: base) + UInt(count))  // the name first: the range publishes it
        return slot
    }

    /// Forgets `slot` (before the range is unmapped).
    static func remove(_ slot: Int) {
        lock.lock()
        bounds[slot] = (0, 0)
        lock.unlock()
    }

    /// The path of the mapped file that holds `address`, or nil. Async-signal-safe.
    package static func path(containing address: UnsafeRawPointer?) -> UnsafePointer<CChar>? {
        guard let address else { return nil }
        let at = UInt(bitPattern: address)
        for slot in 0..<slots where bounds[slot].start <= at && at < bounds[slot].end {
            return UnsafePointer(paths + slot * capacity)
        }
        return nil
    }
}
