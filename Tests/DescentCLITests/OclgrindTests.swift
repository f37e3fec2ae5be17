import Foundation
import Testing

/// The simulated GPU (Oclgrind) catches what PoCL cannot: a planted missing barrier is reported as
/// a data race by `scripts/oclgrind-validate`, which then fails. Runs where `oclgrind` is installed
/// (CI installs it); elsewhere it skips, unless `DESCENT_REQUIRE_OCLGRIND=1` makes that a failure.
@Suite struct OclgrindTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Not under the address sanitizer (`scripts/test --asan` sets ASAN_OPTIONS): Oclgrind's
    /// LD_PRELOAD would come before ASan's runtime, which refuses to start.
    static let installed = FileManager.default.isExecutableFile(atPath: "/usr/bin/oclgrind")
    static let sanitized = ProcessInfo.processInfo.environment["ASAN_OPTIONS"] != nil
    static let required = ProcessInfo.processInfo.environment["DESCENT_REQUIRE_OCLGRIND"] == "1"

    /// Runs `scripts/oclgrind-validate` with `arguments` on the built `descent`.
    func oclgrindValidate(_ arguments: [String], cache: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = Self.repository.appendingPathComponent("scripts/oclgrind-validate")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["DESCENT": descentExecutable, "DESCENT_KERNEL_CACHE": cache]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func aPlantedMissingBarrierIsReported() throws {
        guard Self.installed, !Self.sanitized else {
            if Self.sanitized { return }
            if Self.required { Issue.record("oclgrind is not installed and DESCENT_REQUIRE_OCLGRIND=1") }
            return
        }
        let directory = try temporaryDirectory()
        let kernels = Self.repository.appendingPathComponent("Kernels")
        for name in ["common.cl", "linear.cl"] {
            var text = try String(contentsOf: kernels.appendingPathComponent(name), encoding: .utf8)
            if name == "linear.cl" {
                let barrier = "        *r_acc += r;\n        barrier(CLK_LOCAL_MEM_FENCE);\n"
                #expect(text.contains(barrier), "the planted bug no longer applies to linear.cl")
                text = text.replacingOccurrences(of: barrier, with: "        *r_acc += r;\n")
            }
            try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
        let result = try oclgrindValidate(["--kernel-source", directory], cache: directory + "/cache")
        #expect(result.status == 1)
        #expect(result.output.contains("Oclgrind reported errors") && result.output.contains("data race"),
                "\(result.output.suffix(2000))")
    }
}
