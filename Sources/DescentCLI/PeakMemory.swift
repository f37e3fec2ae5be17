import Foundation

/// The process's peak resident memory so far (`getrusage`'s `ru_maxrss`: kibibytes on Linux),
/// mapped file pages included: what `descent bench` reports beside its records.
enum PeakMemory {
    static func residentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
