import Descent
import Foundation
import Testing

/// A checkpoint of a run with table flags (issue 12) prints a resume command that repeats them, so
/// the resumed run reads the same rows the same way.
@Suite struct TableResumeTests {
    @Test func thePrintedCommandRepeatsTheTableFlags() throws {
        let directory = try temporaryDirectory()
        try MissingValuesTests.csv().write(toFile: directory + "/rows.csv", atomically: true, encoding: .utf8)
        let first = try RunningDescent(["train", "--backend", "cpu", "--data", "rows.csv", "--batch-size", "4", "--missing", "mean",
                                        "--shuffle-split", "--normalize", "standard", "--epochs", "10000000", "--slice-seconds", "0",
                                        "--quiet", "--checkpoint", "c.json", "--checkpoint-every", "1"], in: directory)
        first.wait { FileManager.default.fileExists(atPath: directory + "/c.json") }
        first.send(SIGTERM)
        let stopped = first.finish()
        let printed = try #require(stopped.errors.split(separator: "\n").last { $0.contains("progress saved to c.json (") }, "\(stopped.errors)")
        let command = String(try #require(printed.split(separator: "(").last?.dropLast()))
        #expect(command.hasSuffix("--data rows.csv --missing mean --shuffle-split --normalize standard --backend cpu"), "\(command)")
        let resumed = try RunningDescent(shell: command, in: directory)
        resumed.wait { resumed.errors.contains("Resuming c.json after") }
        resumed.send(SIGTERM)
        let result = resumed.finish()
        #expect(result.errors.contains("Resuming c.json after"), "\(result.errors)")
    }
}
