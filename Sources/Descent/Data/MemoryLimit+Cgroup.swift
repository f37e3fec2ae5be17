import Foundation

extension MemoryLimit {
    /// What the process's cgroups still allow: the smallest, over the process's own cgroup and every
    /// cgroup above it, of the limit less the usage (cgroup v2 `memory.max` − `memory.current`; v1
    /// `memory.limit_in_bytes` − `memory.usage_in_bytes`); nil when none sets a limit.
    ///
    /// `membership` is `/proc/self/cgroup` ("0::/path" for v2, "n:…memory…:/path" for v1). A limit
    /// can sit on any ancestor (a systemd slice, a container's own cgroup below a nested one), so
    /// reading only `root` missed limits set below it; `root` itself is still read, as inside a
    /// container whose cgroup namespace makes its own cgroup the root.
    static func cgroupAvailable(root: String = "/sys/fs/cgroup",
                                membership: String? = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)) -> UInt64? {
        var directories = [(path: String, limit: String, usage: String)]()
        for line in (membership ?? "").split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            if parts[0] == "0", parts[1].isEmpty {
                for path in ancestors(String(parts[2])) { directories.append((root + path, "memory.max", "memory.current")) }
            } else if parts[1].split(separator: ",").contains("memory") {
                for path in ancestors(String(parts[2])) { directories.append((root + "/memory" + path, "memory.limit_in_bytes", "memory.usage_in_bytes")) }
            }
        }
        directories += [(root, "memory.max", "memory.current"), (root + "/memory", "memory.limit_in_bytes", "memory.usage_in_bytes")]
        var smallest: UInt64?
        for directory in directories {
            // "max", or v1's page-rounded Int64.max: no limit at this level.
            guard let max = number(in: directory.path + "/" + directory.limit), max < 1 << 62 else { continue }
            let available = max - Swift.min(number(in: directory.path + "/" + directory.usage) ?? 0, max)
            smallest = Swift.min(smallest ?? available, available)
        }
        return smallest
    }

    /// `/a/b` → `/a/b`, `/a`, and `""` for the root itself (read anyway).
    private static func ancestors(_ path: String) -> [String] {
        var parts = path.split(separator: "/").map(String.init), result = [String]()
        while !parts.isEmpty {
            result.append("/" + parts.joined(separator: "/"))
            parts.removeLast()
        }
        return result
    }
}
