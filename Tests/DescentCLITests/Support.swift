import DescentTestSupport
import Foundation

/// The `descent` executable SwiftPM built beside this test bundle.
let descentExecutable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("descent").path

struct CommandResult {
    var status: Int32
    /// True when the process was ended by a signal (`status` is then the signal's number).
    var signalled = false
    var output: String
    var errors: String
}

/// Runs `descent` with `arguments` in `directory` and collects what it printed.
/// (`executable` runs something else with the same plumbing: `/bin/sh` to set a `ulimit` first.)
func descent(_ arguments: [String], in directory: String = NSTemporaryDirectory(),
             environment: [String: String] = [:], executable: String = descentExecutable) throws -> CommandResult {
    let child = try runChildProcess(executable, arguments, in: directory, environment: environment)
    return CommandResult(status: child.status, signalled: child.signalled, output: child.output, errors: child.errors)
}

func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "descent-cli-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The repository's test fixtures (the CLI tests read the numpy reference log).
let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("DescentTests/Fixtures").path

/// CI requires OpenCL; elsewhere a device test may skip.
let openCLRequired = ProcessInfo.processInfo.environment["DESCENT_REQUIRE_OPENCL"] == "1"

/// Hides every OpenCL platform from the ICD loader, as on a machine without OpenCL.
let noOpenCL = ["OCL_ICD_VENDORS": "/nonexistent-descent-test"]
