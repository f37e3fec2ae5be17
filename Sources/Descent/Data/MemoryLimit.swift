import Foundation

/// How much memory this process may still take: the smallest of physical memory, what the cgroup
/// (a container) still allows and what the address-space limit (`ulimit -v`) still allows. The
/// loader and `descent bench` check their sizes against it before allocating, so that input too
/// large for the machine is refused with a message instead of crashing in the allocator.
public struct MemoryLimit: Equatable, Sendable {
    /// The bytes still available.
    public var bytes: UInt64
    /// What sets the limit (its `description` words it for messages).
    public var source: Source

    /// A limit from its parts.
    public init(bytes: UInt64, source: Source) {
        self.bytes = bytes
        self.source = source
    }

    /// The limit now (it shrinks as the process grows under a cgroup or `ulimit -v`).
    public static var current: MemoryLimit {
        var limits = [MemoryLimit(bytes: ProcessInfo.processInfo.physicalMemory, source: .physicalMemory)]
        if let cgroup = cgroupAvailable() { limits.append(MemoryLimit(bytes: cgroup, source: .cgroup)) }
        if let space = addressSpaceAvailable() { limits.append(MemoryLimit(bytes: space, source: .addressSpace)) }
        return limits.min { $0.bytes < $1.bytes }!
    }

    /// Refuses `bytes` (nil: more than 64 bits can count) beyond the limit; `what` names the need in the message.
    public func check(_ bytes: UInt64?, for what: String) throws(MemoryError) {
        guard let bytes, bytes <= self.bytes else { throw MemoryError(what: what, bytes: bytes, limit: self) }
    }

    /// The soft `RLIMIT_AS` less the address space already mapped (`VmSize`), when there is a limit.
    static func addressSpaceAvailable() -> UInt64? {
        var limit = rlimit()
        #if os(Linux)
        let resource = Int32(RLIMIT_AS.rawValue)
        #else
        let resource = RLIMIT_AS
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmSize:") }
        let used = (line?.split(separator: " ").dropFirst().first).flatMap { UInt64($0) }.map { $0 * 1024 } ?? 0
        return UInt64(limit.rlim_cur) - min(used, UInt64(limit.rlim_cur))
    }

    static func number(in path: String) -> UInt64? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let word = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return word == "max" ? UInt64.max : UInt64(word)
    }
}

/// Byte counts of sizes that come from users (`--rows`, a file's length), computed without
/// overflow: nil when the result does not fit in 64 bits (or a factor is negative).
public enum ByteCount {
    /// The product, or nil when it overflows.
    public static func product(_ factors: Int...) -> UInt64? {
        var result: UInt64 = 1
        for factor in factors {
            guard factor >= 0 else { return nil }
            let (product, overflow) = result.multipliedReportingOverflow(by: UInt64(factor))
            guard !overflow else { return nil }
            result = product
        }
        return result
    }

    /// The sum, or nil when a term is nil or it overflows.
    public static func sum(_ terms: UInt64?...) -> UInt64? {
        var result: UInt64 = 0
        for term in terms {
            guard let term else { return nil }
            let (sum, overflow) = result.addingReportingOverflow(term)
            guard !overflow else { return nil }
            result = sum
        }
        return result
    }
}

/// A size refused by ``MemoryLimit/check(_:for:)``.
public struct MemoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What needed the memory, as the caller of ``MemoryLimit/check(_:for:)`` named it. Text on
    /// purpose: the core never words it; the caller passes its own name for the need (the CLI's
    /// is its flags, a library user's whatever their program calls it), as a field name is passed.
    public var what: String
    /// The bytes needed; nil when more than 64 bits can count.
    public var bytes: UInt64?
    /// The limit it met.
    public var limit: MemoryLimit

    /// In words, for messages.
    public var description: String {
        let need = bytes.map { "about \(mebibytes($0))" } ?? "more bytes than 64 bits can count"
        return "\(what) needs \(need) of memory; \(mebibytes(limit.bytes)) are available (\(limit.source))"
    }

    private func mebibytes(_ bytes: UInt64) -> String { "\(bytes / 1_048_576) MiB" }
}
