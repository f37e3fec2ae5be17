import Foundation

/// Where the float32 rows of a large file are put (issue 14): the OpenCL backend on a CPU device
/// trains on them where they lie, so they start on a cache line (a row of 16·k floats then spans
/// exactly k lines, not k + 1) and lie in 2 MiB pages (reading rows in a shuffled order would
/// miss the TLB on nearly every row with 4 KiB pages; Linux's transparent huge pages in `madvise`
/// mode need the ask, before the first touch).
enum LargeRows {
    /// An array of `count` values filled by `fill`, and the offset of the first in it: a float32
    /// array's first value on a 64-byte boundary (up to 15 zeros before it); others as they come.
    static func make<Element: BinaryFloatingPoint>(count: Int, fill: (UnsafeMutablePointer<Element>) -> Void) -> (values: [Element], offset: Int) {
        guard Element.self == Float.self else {
            let values = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
                if let start = buffer.baseAddress { fill(start) }
                initialized = count
            }
            return (values, 0)
        }
        var offset = 0
        let values = [Element](unsafeUninitializedCapacity: count + 15) { buffer, initialized in
            guard let start = buffer.baseAddress else { initialized = 0; return }
            offset = (64 - Int(bitPattern: start) % 64) % 64 / MemoryLayout<Element>.stride
            advise(UnsafeMutableRawPointer(start), bytes: (count + 15) * MemoryLayout<Element>.stride)
            (start).initialize(repeating: 0, count: offset)
            fill(start + offset)
            (start + offset + count).initialize(repeating: 0, count: 15 - offset)
            initialized = count + 15
        }
        return (values, offset)
    }

    /// Hands back the whole pages of `values` past its first `used` values (`MADV_DONTNEED`: they
    /// read as zeros after), once rows were filtered or narrowed in place: a large file's rows keep
    /// their buffer, and the part they no longer fill would otherwise stay resident. `values` must
    /// be the buffer's only reference.
    static func release(_ values: UnsafeMutableBufferPointer<Float>, after used: Int) {
        #if os(Linux)
        guard let base = values.baseAddress, values.count - used >= 1 << 20 else { return }
        let page = 4096, from = Int(bitPattern: base + used), to = Int(bitPattern: base + values.count)
        let first = (from + page - 1) / page * page, end = to / page * page
        guard end > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(start, end - first, 4)  // MADV_DONTNEED
        #endif
    }

    /// Advises 2 MiB pages over the whole 4 KiB pages of `bytes` bytes at `start` (`MADV_HUGEPAGE`;
    /// a hint: nothing happens where it is not supported). Only past a few MiB.
    static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        let page = 4096, address = Int(bitPattern: start)
        let first = (address + page - 1) / page * page, end = (address + bytes) / page * page
        guard bytes >= 4 << 20, end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(aligned, end - first, 14)  // MADV_HUGEPAGE
        #endif
    }
}
