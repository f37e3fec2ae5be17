import Foundation
import Testing
@testable import Descent

/// `AtomicFile.Stream` follows `AtomicFile.write`'s rules for a file written in pieces: nothing
/// replaced before `commit`, links followed, modes kept, devices written in place, and the
/// temporary file removable by a signal handler while a whole-file write is pending too.
@Suite struct AtomicFileStreamTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "descent-stream-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func contents(_ name: String) throws -> String { try String(contentsOfFile: directory + "/" + name, encoding: .utf8) }
    func leftovers() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") } }

    @Test func theDestinationChangesOnlyAtCommitAndKeepsItsMode() throws {
        try "old\n".write(toFile: directory + "/target.csv", atomically: false, encoding: .utf8)
        chmod(directory + "/target.csv", 0o600)
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.csv", withDestinationPath: "target.csv")
        let stream = try AtomicFile.Stream(path: directory + "/link.csv")
        try stream.write("a,b\n")
        #expect(try contents("target.csv") == "old\n")
        #expect(try leftovers().count == 1)
        try stream.commit()
        #expect(try contents("target.csv") == "a,b\n")
        #expect((try FileManager.default.destinationOfSymbolicLink(atPath: directory + "/link.csv")) == "target.csv")
        let mode = try FileManager.default.attributesOfItem(atPath: directory + "/target.csv")[.posixPermissions] as! NSNumber
        #expect(mode.intValue == 0o600)
        #expect(try leftovers().isEmpty)
    }

    @Test func aDiscardedStreamLeavesTheFileAsItWas() throws {
        try "old\n".write(toFile: directory + "/l.csv", atomically: false, encoding: .utf8)
        let stream = try AtomicFile.Stream(path: directory + "/l.csv")
        try stream.write("half")
        stream.discard()
        #expect(try contents("l.csv") == "old\n")
        #expect(try leftovers().isEmpty)
    }

    @Test func aSignalRemovesAnOpenStreamsTemporaryFileBesideAWholeFileWrite() throws {
        let stream = try AtomicFile.Stream(path: directory + "/l.csv")
        try stream.write("half")
        #expect(throws: AtomicFile.Failure.self) {
            try AtomicFile.write(Data("new\n".utf8), to: directory + "/m.json") {
                #expect((try? leftovers())?.count == 2)
                PendingTemporary.removeAll(under: directory)  // as a second Ctrl-C does before _exit (only this test's files)
            }
        }
        #expect(try leftovers().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory + "/l.csv"))
        stream.discard()
    }

    @Test func aFIFOIsWrittenAsThePiecesCome() async throws {
        let fifo = directory + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = _Concurrency.Task.detached { () -> String in
            let descriptor = open(fifo, O_RDONLY)
            defer { close(descriptor) }
            var bytes = [UInt8](), chunk = [UInt8](repeating: 0, count: 64)
            while case let count = read(descriptor, &chunk, chunk.count), count > 0 { bytes += chunk[..<count] }
            return String(decoding: bytes, as: UTF8.self)
        }
        let stream = try AtomicFile.Stream(path: fifo)
        try stream.write("x,1\n")
        try stream.commit()
        #expect(await reader.value == "x,1\n")
        #expect(try leftovers().isEmpty)
    }
}
