import Foundation
import Testing
@testable import Descent

/// Line endings, header detection, and paths that are not regular files: each read as meant or
/// refused with a message that says what the path is.
@Suite struct DataFileFormatTests {
    func parse(_ text: String) throws -> DataTable {
        try DelimitedFileReader.parse(Array(text.utf8), source: "t.csv")
    }

    @Test func crOnlyLineEndingsAreLines() throws {
        let table = try parse("a,b,y\r1,2,3\r4,5,6\r\r7,8,9\r")
        #expect(table.hasHeader && table.columnNames == ["a", "b", "y"])
        #expect(table.values.rows == 3 && table.values.values == [1, 2, 3, 4, 5, 6, 7, 8, 9])
        // Line numbers count CR-ended lines, as an editor shows them.
        #expect(throws: DataError.notANumber(source: "t.csv", line: 3, column: 2, text: "oops")) { try parse("a,b\r1,2\r3,oops\r") }
        let whitespace = try parse("1 2\r3 4\r5 6")
        #expect(whitespace.values.rows == 3)
    }

    @Test func numericLookingNamesInAHeaderOfNamesAreAHeader() throws {
        let table = try parse("region,2010,2011,population\n1,2,3,4\n5,6,7,8\n")
        #expect(table.hasHeader && table.columnNames == ["region", "2010", "2011", "population"])
        #expect(table.values.rows == 2)
        // A first row of numbers with one stray word is still a data row with a typo.
        #expect(throws: DataError.notANumber(source: "t.csv", line: 1, column: 2, text: "oops")) { try parse("1,oops,3\n4,5,6\n") }
    }

    @Test(arguments: ["/dev/zero", "/dev/null"])
    func aCharacterDeviceSaysSo(path: String) {
        #expect(throws: DataError.unreadable(path: path, cause: .file(.characterDevice))) {
            try DelimitedFileReader.read(path: path)
        }
    }

    @Test func aFIFOSaysSoWithoutBlocking() throws {
        let path = NSTemporaryDirectory() + "descent-fifo-\(UUID().uuidString)"
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        #expect(throws: DataError.self) { try DelimitedFileReader.read(path: path) }
        // Read like a pipe (issue 12): with no writer, it ends at once, empty.
        do { _ = try DelimitedFileReader.read(path: path) } catch { #expect(error == .empty(source: path)) }
    }

    @Test func aSymbolicLinkLoopSaysSo() throws {
        let directory = NSTemporaryDirectory() + "descent-loop-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        #expect(symlink(directory + "/b", directory + "/a") == 0 && symlink(directory + "/a", directory + "/b") == 0)
        #expect(throws: DataError.unreadable(path: directory + "/a", cause: .file(.symbolicLinkLoop))) {
            try DelimitedFileReader.read(path: directory + "/a")
        }
        #expect(symlink(directory + "/missing", directory + "/dangling") == 0)
        #expect(throws: DataError.unreadable(path: directory + "/dangling", cause: .file(.danglingSymbolicLink))) {
            try DelimitedFileReader.read(path: directory + "/dangling")
        }
        #expect(throws: ModelFileError.unreadable(path: directory + "/a", cause: .file(.symbolicLinkLoop))) {
            try ModelFile.read(from: directory + "/a")
        }
    }
}
