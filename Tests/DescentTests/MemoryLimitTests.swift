import Foundation
import Testing
@testable import Descent

/// Sizes from users are counted without overflow and checked against the memory really available.
@Suite struct MemoryLimitTests {
    @Test func byteCountsThatOverflowAreNil() {
        #expect(ByteCount.product(3, 4, 8) == 96)
        #expect(ByteCount.product(Int.max, 3) == nil && ByteCount.product(1 << 32, 1 << 32) == nil && ByteCount.product(Int.max, 2) == UInt64.max - 1 && ByteCount.product(-1, 2) == nil)
        #expect(ByteCount.sum(1, 2) == 3 && ByteCount.sum(UInt64.max, 1) == nil && ByteCount.sum(1, nil) == nil)
    }

    @Test func theLimitIsAtMostPhysicalMemoryAndRefusesWithAMessage() {
        let limit = MemoryLimit.current
        #expect(limit.bytes > 0 && limit.bytes <= ProcessInfo.processInfo.physicalMemory)
        #expect(throws: Never.self) { try limit.check(1024, for: "a kibibyte") }
        #expect(throws: MemoryError(what: "everything", bytes: nil, limit: limit)) { try limit.check(nil, for: "everything") }
        let message = MemoryError(what: "--rows 9 × --features 9", bytes: 3 << 30, limit: MemoryLimit(bytes: 1 << 30, source: .physicalMemory))
        #expect(message.description == "--rows 9 × --features 9 needs about 3072 MiB of memory; 1024 MiB are available (physical memory)")
    }

    /// Short lines cost far more than four times their bytes once parsed (16 bytes a line, 24 a
    /// value): a file the size guard accepted still crashed the allocator. Its lines are counted
    /// before it is parsed.
    @Test func aFileOfManyShortLinesIsRefusedBeforeParsing() throws {
        let path = NSTemporaryDirectory() + "descent-lines-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ("a,y\n" + String(repeating: "1,2\n", count: 100_000)).write(toFile: path, atomically: true, encoding: .utf8)
        let size: UInt64 = 400_004, memory = 10 * size  // two and a half times what the size guard asks
        let needed = DelimitedFileReader.loadBytes(fileBytes: Int(size), lines: 100_002, fields: 2)
        #expect(throws: DataError.tooLargeToLoad(source: path, lines: 100_002, fields: 2, neededBytes: needed, memoryBytes: memory)) {
            try DelimitedFileReader.read(path: path, memoryBytes: memory)
        }
        #expect(try DelimitedFileReader.read(path: path, memoryBytes: needed!).values.rows == 100_000)
    }
}
