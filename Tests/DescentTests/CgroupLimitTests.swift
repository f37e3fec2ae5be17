import Foundation
import Testing
@testable import Descent

/// The cgroup limit is read where the process's cgroup puts it, not only at the mount's root.
@Suite struct CgroupLimitTests {
    /// A cgroup tree in a temporary directory: `files` maps a path below it to its contents.
    func tree(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "descent-cgroup-\(UUID().uuidString)"
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    /// v2: the limit on the process's own cgroup and on a parent slice both count; the smaller
    /// room wins. The old reader looked only at the root, which has no `memory.max`.
    @Test func aV2LimitBelowTheRootIsFound() throws {
        let root = try tree(["/user.slice/memory.max": "1000000\n", "/user.slice/memory.current": "100000\n",
                             "/user.slice/job/memory.max": "max\n", "/user.slice/job/memory.current": "50000\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(MemoryLimit.cgroupAvailable(root: root, membership: "0::/user.slice/job\n") == 900_000)
        let nested = try tree(["/a/memory.max": "1000000\n", "/a/memory.current": "0\n",
                               "/a/b/memory.max": "500000\n", "/a/b/memory.current": "200000\n"])
        defer { try? FileManager.default.removeItem(atPath: nested) }
        #expect(MemoryLimit.cgroupAvailable(root: nested, membership: "0::/a/b\n") == 300_000)
        #expect(MemoryLimit.cgroupAvailable(root: nested, membership: "0::/\n") == nil)
    }

    @Test func aV1LimitIsFoundAndNoLimitIsNil() throws {
        let root = try tree(["/memory/docker/abc/memory.limit_in_bytes": "2000000\n",
                             "/memory/docker/abc/memory.usage_in_bytes": "500000\n",
                             "/memory/memory.limit_in_bytes": "9223372036854771712\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(MemoryLimit.cgroupAvailable(root: root, membership: "12:cpu,cpuacct:/docker/abc\n4:memory:/docker/abc\n") == 1_500_000)
        #expect(MemoryLimit.cgroupAvailable(root: root, membership: "4:memory:/\n") == nil)
    }

    /// Inside a container with its own cgroup namespace, the process's cgroup is the mount's root.
    @Test func theRootIsStillRead() throws {
        let root = try tree(["/memory.max": "4000000\n", "/memory.current": "1000000\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(MemoryLimit.cgroupAvailable(root: root, membership: "0::/\n") == 3_000_000)
        #expect(MemoryLimit.cgroupAvailable(root: root, membership: nil) == 3_000_000)
    }
}
