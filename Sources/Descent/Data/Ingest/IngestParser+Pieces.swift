import Dispatch

/// A pointer handed to the workers of `concurrentMap`, each writing its own part.
struct SendablePointer<Element>: @unchecked Sendable {
    var pointer: UnsafeMutablePointer<Element>?
}

extension IngestParser {
    /// `transform(0..<count)` run across the cores, results in order.
    static func concurrentMap<Result>(_ count: Int, _ transform: (Int) -> Result) -> [Result] {
        withoutActuallyEscaping(transform) { transform in
            let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
            results.initialize(repeating: nil)
            defer { results.deallocate() }
            let shared = SendablePointer(pointer: results.baseAddress)
            let work = UncheckedSendable(value: transform)
            if count == 1 {
                results[0] = transform(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: count) { index in shared.pointer![index] = work.value(index) }
            }
            return results.map { $0! }
        }
    }

    /// Ranges of about `chunkBytes` covering `range`, each but the last ending just after an LF.
    static func chunkRanges(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, chunkBytes: Int) -> [Range<Int>] {
        var chunks = [Range<Int>](), start = range.lowerBound
        while start < range.upperBound {
            var probe = min(start + chunkBytes, range.upperBound) - 1
            while probe < range.upperBound, base[probe] != 10 { probe += 1 }
            let end = min(probe + 1, range.upperBound)
            chunks.append(start..<end)
            start = end
        }
        return chunks.isEmpty ? [range] : chunks
    }

    static func lineFeeds(_ base: UnsafePointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        for index in range where base[index] == 10 { count += 1 }
        return count
    }

    /// The fields of the first line that has any, counted as ``DelimitedFileReader``'s memory
    /// check counts them: commas plus one in CSV, else runs of non-blanks.
    static func fieldsInFirstLine(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var commas = 0, runs = 0, inRun = false
        for index in 0..<count {
            switch base[index] {
            case 10:
                if commas > 0 || runs > 0 { return commas > 0 ? commas + 1 : runs }
                inRun = false
            case 44:
                commas += 1
                inRun = false
            case 32, 9, 13:
                inRun = false
            default:
                if !inRun { runs += 1 }
                inRun = true
            }
        }
        return commas > 0 ? commas + 1 : runs
    }
}

/// A closure handed to `concurrentPerform`, which only reads what it captures.
struct UncheckedSendable<Value>: @unchecked Sendable {
    var value: Value
}
