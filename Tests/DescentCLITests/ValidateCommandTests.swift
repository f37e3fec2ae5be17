import Foundation
import Testing

/// `descent validate` from the command line, on a device; skipped (with the reason) without one.
@Suite struct ValidateCommandTests {
    static let kernels = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Kernels")

    /// Whether a device exists; without one these tests skip, unless CI requires OpenCL.
    func hasDevice() throws -> Bool {
        let found = try descent(["devices"]).output.contains("[0]")
        #expect(found || !openCLRequired, "DESCENT_REQUIRE_OPENCL=1 but `descent devices` found none")
        return found
    }

    @Test func missingBarrierIsCaughtEvenIfItCrashes() throws {
        guard try hasDevice() else { return }
        let directory = try temporaryDirectory()
        for name in ["common.cl", "linear.cl"] {
            var text = try String(contentsOf: Self.kernels.appendingPathComponent(name), encoding: .utf8)
            if name == "linear.cl" {
                let barrier = "        *r_acc += r;\n        barrier(CLK_LOCAL_MEM_FENCE);\n"
                #expect(text.contains(barrier), "the planted bug no longer applies to linear.cl")
                text = text.replacingOccurrences(of: barrier, with: "        *r_acc += r;\n")
            }
            try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
        let result = try descent(["validate", "--quick", "--kernel-source", directory])
        // Either the sweep reports failures (exit 1), or a read of unwritten local memory crashed it.
        #expect(result.status == 1 || result.signalled, "validate did not catch a missing barrier: status \(result.status)")
    }

    @Test func honestKernelsFromADirectoryPassAndWriteJSON() throws {
        guard try hasDevice() else { return }
        let directory = try temporaryDirectory()
        let result = try descent(["validate", "--quick", "--kernel-source", Self.kernels.path, "--json", directory + "/v.json"])
        #expect(result.status == 0, "\(result.output.suffix(2000))")
        #expect(result.output.contains("checks passed"))
        #expect(FileManager.default.fileExists(atPath: directory + "/v.json"))
    }
}
