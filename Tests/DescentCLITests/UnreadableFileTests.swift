import Descent
import Foundation
import Testing

/// A file the user may not read. Root reads everything, so the test drops to `nobody` with
/// util-linux's `setpriv` (skipped, saying so, where it cannot).
@Suite struct UnreadableFileTests {
    @Test func anUnreadableFileSaysPermissionDenied() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            print("skipped: needs root and /usr/bin/setpriv to run descent as another user")
            return
        }
        let directory = try temporaryDirectory()
        chmod(directory, 0o777)  // nobody may write the model there: only the data is unreadable
        let path = directory + "/secret.csv"
        try "a,y\n1,2\n3,4\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o000)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", descentExecutable, "train", "--data", path, "--backend", "cpu"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(text.contains("secret.csv: cannot read the file: permission denied"), "stderr: \(text)")
    }
}
