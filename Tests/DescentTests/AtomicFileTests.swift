import Foundation
import Testing
@testable import Descent

/// What `AtomicFile.write` does to what a path names: links, devices, FIFOs, planted temporary
/// names, modes, long names, and the temporary file a signal must remove.
@Suite struct AtomicFileTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "descent-atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func contents(_ name: String) throws -> String { try String(contentsOfFile: directory + "/" + name, encoding: .utf8) }
    func isLink(_ name: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: directory + "/" + name)) != nil
    }
    func mode(_ name: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: directory + "/" + name)[.posixPermissions] as! NSNumber).intValue
    }
    func leftovers() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") } }

    @Test func aLinkIsFollowedAndItsTargetReplaced() throws {
        try "old\n".write(toFile: directory + "/target.json", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.json", withDestinationPath: "target.json")
        try AtomicFile.write(Data("new\n".utf8), to: directory + "/link.json")
        #expect(isLink("link.json"))
        #expect(try contents("target.json") == "new\n")
        #expect(try leftovers().isEmpty)
    }

    @Test func aDanglingLinkCreatesItsTarget() throws {
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.json", withDestinationPath: "made.json")
        try AtomicFile.write(Data("new\n".utf8), to: directory + "/link.json")
        #expect(isLink("link.json"))
        #expect(try contents("made.json") == "new\n")
    }

    @Test func aLinkToADeviceWritesTheDeviceInPlace() throws {
        try FileManager.default.createSymbolicLink(atPath: directory + "/full.json", withDestinationPath: "/dev/full")
        #expect(throws: AtomicFile.Failure(path: directory + "/full.json", problem: .system(errno: ENOSPC))) {
            try AtomicFile.write(Data("x\n".utf8), to: directory + "/full.json")
        }
        #expect(isLink("full.json"))  // never replaced by a regular file
        try FileManager.default.createSymbolicLink(atPath: directory + "/null.json", withDestinationPath: "/dev/null")
        try AtomicFile.write(Data("x\n".utf8), to: directory + "/null.json")
        #expect(isLink("null.json"))
    }

    @Test func aFIFOIsWrittenInPlace() throws {
        let fifo = directory + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        try AtomicFile.write(Data("through the pipe\n".utf8), to: fifo)
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(reader, &buffer, buffer.count)
        #expect(String(decoding: buffer[..<max(count, 0)], as: UTF8.self) == "through the pipe\n")
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func aLinkPlantedUnderATemporaryNameIsNeverFollowed() throws {
        try "victim\n".write(toFile: directory + "/victim", atomically: false, encoding: .utf8)
        for name in [".m.json.\(getpid()).tmp", ".m.json.tmp", ".m.json.0.tmp"] {
            try FileManager.default.createSymbolicLink(atPath: directory + "/" + name, withDestinationPath: directory + "/victim")
        }
        try AtomicFile.write(Data("model\n".utf8), to: directory + "/m.json")
        #expect(try contents("victim") == "victim\n")
        #expect(try contents("m.json") == "model\n")
        #expect(!isLink("m.json"))
    }

    @Test func theModeOfAReplacedFileIsKept() throws {
        try "secret\n".write(toFile: directory + "/m.json", atomically: false, encoding: .utf8)
        chmod(directory + "/m.json", 0o600)
        try AtomicFile.write(Data("new\n".utf8), to: directory + "/m.json")
        #expect(try mode("m.json") == 0o600)
        chmod(directory + "/m.json", 0o640)
        try AtomicFile.write(Data("newer\n".utf8), to: directory + "/m.json")
        #expect(try mode("m.json") == 0o640)
    }

    @Test func aNewFileGetsTheUmask() throws {
        let mask = umask(0o002)  // group-writable: a fixed 0644 would not pass
        defer { umask(mask) }
        try AtomicFile.write(Data("new\n".utf8), to: directory + "/new.json")
        #expect(try mode("new.json") == 0o664)
    }

    @Test func aNameAtTheFileSystemsLimitCanBeWritten() throws {
        let name = String(repeating: "m", count: 250) + ".json"  // 255 bytes: no room for ".name.<suffix>.tmp"
        try AtomicFile.checkWritable(directory + "/" + name)
        try AtomicFile.write(Data("model\n".utf8), to: directory + "/" + name)
        #expect(try contents(name) == "model\n")
        #expect(try leftovers().isEmpty)
    }

    @Test func thePendingTemporaryFileCanBeRemovedAsASignalWould() throws {
        try "old\n".write(toFile: directory + "/m.json", atomically: false, encoding: .utf8)
        var seen = [String]()
        #expect(throws: AtomicFile.Failure.self) {
            try AtomicFile.write(Data("new\n".utf8), to: directory + "/m.json") {
                seen = (try? leftovers()) ?? []
                PendingTemporary.removeAll(under: directory)  // AtomicFile.removePendingTemporaryFile(), for this test's files only
            }
        }
        #expect(seen.count == 1 && seen[0].hasPrefix(".m.json."))
        #expect(try leftovers().isEmpty)
        #expect(try contents("m.json") == "old\n")
        PendingTemporary.removeAll(under: directory)  // nothing pending here: does nothing
        try AtomicFile.write(Data("new\n".utf8), to: directory + "/m.json")
        #expect(try contents("m.json") == "new\n")
    }

    @Test func checkWritableRefusesWhatCannotBeWritten() throws {
        let cases: [(String, String)] = [
            ("", "the name is empty"),
            (directory + "/out/", "the name ends in '/', which names a directory"),
            (directory, "it is a directory"),
            (directory + "/missing/m.json", "no directory \(directory)/missing"),
            (directory + "/" + String(repeating: "m", count: 256), "File name too long"),
            ("/proc/m.json", "cannot create a file in /proc"),  // even for root, unlike access(2)
        ]
        for (path, reason) in cases {
            #expect {
                try AtomicFile.checkWritable(path)
            } throws: { error in
                (error as? AtomicFile.Failure)?.reason.contains(reason) == true
            }
        }
        try AtomicFile.checkWritable(directory + "/fine.json")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)  // the probe is removed
    }
}
