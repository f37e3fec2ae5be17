import Foundation
import Testing

/// Sizes too large for the machine are refused with a message, never a trap or an allocator crash.
@Suite struct MemoryGuardTests {
    @Test(arguments: [
        (["--rows", "9223372036854775807"], "--rows 9223372036854775807 is out of range"),
        (["--rows", "3000000000", "--features", "1"], "--rows 3000000000 is out of range"),
        (["--rows", "2000000000", "--features", "100000"], "--rows 2000000000 × --features 100000 of synthetic data needs about"),
        (["--rows", "1", "--features", "9223372036854775807"], "needs more bytes than 64 bits can count of memory"),
    ])
    func benchRefusesSizesThatDoNotFit(arguments: [String], message: String) throws {
        let result = try descent(["bench", "--backend", "cpu"] + arguments, in: try temporaryDirectory())
        #expect(!result.signalled && result.status != 0 && result.errors.contains(message), "\(result.status): \(result.errors)")
    }

    /// Under `ulimit -v`, a file of two million short lines of 8 fields (32 MB, accepted by the size
    /// guard; about 430 MiB to load and train on) is refused with a message; it used to crash with
    /// "failed to allocate". A small file still trains.
    @Test func aFileTooLargeForTheAddressSpaceLimitIsRefused() throws {
        let directory = try temporaryDirectory()
        try ("a,b,c,d,e,f,g,y\n" + String(repeating: "1,2,3,4,5,6,7,8\n", count: 2_000_000)).write(toFile: directory + "/big.csv", atomically: true, encoding: .utf8)
        try ("a,y\n" + (0..<100).map { "\($0 % 7),\($0 % 5)\n" }.joined()).write(toFile: directory + "/small.csv", atomically: true, encoding: .utf8)
        func limited(_ file: String) throws -> CommandResult {
            try descent(["-c", "ulimit -v 300000 && exec \"$0\" train --backend cpu --epochs 1 --quiet --data \(file)", descentExecutable],
                        in: directory, executable: "/bin/sh")
        }
        let small = try limited("small.csv")
        if small.errors.contains("AddressSanitizer") { return }  // ASan reserves terabytes of address space: no ulimit -v
        #expect(small.status == 0, "\(small.errors)")
        let big = try limited("big.csv")
        #expect(!big.signalled && big.status == 1, "\(big.status): \(big.errors)")
        #expect(big.errors.contains("big.csv: loading 2000002 lines of 8 fields and training on them takes about"), "\(big.errors)")
        #expect(big.errors.contains("ulimit -v"))
    }
}
