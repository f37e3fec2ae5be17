import Foundation
import Testing

/// `validate --kernel-source` runs the user's kernels in a child process: a kernel that never
/// returns, one that crashes the process, and one that does not compile each end as one failed
/// check that names it, with exit status 1. Skipped without a device, unless CI requires OpenCL.
@Suite struct KernelSourceIsolationTests {
    static let kernels = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Kernels")

    func hasDevice() throws -> Bool {
        let found = try descent(["devices"]).output.contains("[0]")
        #expect(found || !openCLRequired, "DESCENT_REQUIRE_OPENCL=1 but `descent devices` found none")
        return found
    }

    /// `--device n` for a CPU device (PoCL), where a kernel that never returns or writes wild ties
    /// up only a process; nil without one (a GPU would be left spinning until its driver gives up).
    func cpuDevice() throws -> [String]? {
        let lines = try descent(["devices"]).output.split(separator: "\n").map(String.init)
        for (index, line) in lines.enumerated() where line.hasPrefix("[") && index + 2 < lines.count
            && lines[index + 2].contains("type") && lines[index + 2].hasSuffix(" CPU") {
            return ["--device", String(line.dropFirst().prefix { $0 != "]" })]
        }
        return nil
    }

    /// The built-in kernels in a temporary directory, with `planted` inserted before the forward
    /// kernel's store, or appended to linear.cl when `append` is set.
    func plant(_ planted: String, append: Bool = false) throws -> String {
        let directory = try temporaryDirectory()
        for name in ["common.cl", "linear.cl"] {
            var text = try String(contentsOf: Self.kernels.appendingPathComponent(name), encoding: .utf8)
            if name == "linear.cl" {
                let store = "    z[i] = acc + params[FEATURES];\n"
                #expect(text.contains(store), "the planted kernel no longer applies to linear.cl")
                text = append ? text + planted : text.replacingOccurrences(of: store, with: planted + store)
            }
            try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test func aKernelThatNeverReturnsFailsNamingItAfterTheTimeLimit() throws {
        guard try hasDevice(), let cpu = try cpuDevice() else { return }
        let directory = try plant("    for (;;) { ((volatile __global float*)z)[i] += 1.0f; }\n")
        let started = Date()
        let result = try descent(["validate", "--quick"] + cpu + ["--kernel-source", directory, "--time-limit", "15", "--json", directory + "/v.json"])
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(result.status == 1 && !result.signalled, "status \(result.status): \(result.errors.suffix(1000))")
        #expect(result.output.contains("FAIL forward"))
        #expect(result.output.contains("did not finish within --time-limit 15 s") && result.output.contains("linear_forward"))
        #expect(FileManager.default.fileExists(atPath: directory + "/v.json"))
    }

    @Test func aKernelThatCrashesTheProcessFailsNamingIt() throws {
        guard try hasDevice(), let cpu = try cpuDevice() else { return }
        // A store a terabyte past the buffer: outside any mapping, on a CPU device a SIGSEGV.
        let directory = try plant("    ((__global float*)z)[(size_t)i + ((size_t)1 << 40)] = 1.0f;\n")
        let result = try descent(["validate", "--quick"] + cpu + ["--kernel-source", directory])
        #expect(result.status == 1 && !result.signalled, "status \(result.status): \(result.errors.suffix(1000))")
        #expect(result.output.contains("FAIL forward") && result.output.contains("linear_forward"), "\(result.output)")
        #expect(result.output.contains("killed by signal 11 (SIGSEGV)"), "\(result.output)")
    }

    @Test func aSourceThatDoesNotCompileIsBuiltOnceAndReportedOnce() throws {
        guard try hasDevice() else { return }
        let directory = try plant("\nthis is not OpenCL C;\n", append: true)
        let result = try descent(["validate", "--quick", "--kernel-source", directory])
        #expect(result.status == 1 && !result.signalled)
        let text = result.output + result.errors
        #expect(text.components(separatedBy: "does not compile").count - 1 == 1, "\(text.prefix(3000))")
        #expect(text.components(separatedBy: "unknown type name 'this'").count - 1 <= 2)  // PoCL's log, and our copy of it
        #expect(result.output.contains("validate: 1 of 1 checks FAILED"))
        #expect(text.split(separator: "\n").count < 60, "\(text.split(separator: "\n").count) lines")
    }

    @Test func aTimeLimitOutOfRangeIsRefused() throws {
        let result = try descent(["validate", "--time-limit", "0"])
        #expect(result.status != 0 && result.errors.contains("--time-limit 0.0 is out of range"))
    }
}
