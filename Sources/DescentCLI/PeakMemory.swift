import Foundation

/// The process's peak resident memory so far, mapped file pages included: `VmHWM` in
/// `/proc/self/status` on Linux, else `getrusage`'s `ru_maxrss`. Not `ru_maxrss` where `VmHWM`
/// exists: a process started by `posix_spawn` (or vfork) keeps its parent's size as its peak
/// across `exec`, so a small run started by a large process would report the parent's memory.
enum PeakMemory {
    static func residentBytes() -> Int {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kibibytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) {
            return kibibytes * 1024
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #if os(Linux)
        return usage.ru_maxrss * 1024
        #else
        return usage.ru_maxrss  // bytes on Darwin
        #endif
    }
}
