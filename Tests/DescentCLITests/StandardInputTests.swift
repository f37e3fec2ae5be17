import Descent
import Foundation
import Testing

/// `--data -` reads standard input, and a pipe, a FIFO or a process substitution is read like a
/// file (issue 12, item 7); special files that cannot be read say what they are.
@Suite struct StandardInputTests {
    /// Runs `command` with `sh -c` in `directory` (`descent` stands for the executable).
    func shell(_ command: String, in directory: String, shell: String = "/bin/sh") throws -> CommandResult {
        try descent(["-c", command.replacingOccurrences(of: "descent ", with: "'\(descentExecutable)' ")], in: directory, executable: shell)
    }

    @Test func trainAndPredictReadStandardInput() throws {
        let directory = try temporaryDirectory()
        try integerCSV().write(toFile: directory + "/d.csv", atomically: true, encoding: .utf8)
        let train = try shell("cat d.csv | descent train --data - --backend cpu --quiet --epochs 2", in: directory)
        #expect(train.status == 0, "\(train.errors)")
        #expect(train.errors.contains("on standard input: 32 train rows, 8 test rows"), "\(train.errors)")
        #expect(FileManager.default.fileExists(atPath: directory + "/stdin.model.json"))
        let predict = try shell("descent predict --model stdin.model.json --data - --output - < d.csv", in: directory)
        #expect(predict.status == 0, "\(predict.errors)")
        #expect(predict.output.split(separator: "\n").count == 41 && predict.output.hasPrefix("line,predicted,actual\n2,"), "\(predict.output)")
    }

    @Test func aFIFOWithAWriterIsRead() throws {
        let directory = try temporaryDirectory()
        try integerCSV().write(toFile: directory + "/d.csv", atomically: true, encoding: .utf8)
        #expect(mkfifo(directory + "/rows", 0o600) == 0)
        let result = try shell("cat d.csv > rows & descent train --data rows --backend cpu --quiet --epochs 2; wait", in: directory)
        #expect(result.status == 0 && result.errors.contains("on rows: 32 train rows"), "\(result.errors)")
    }

    @Test func processSubstitutionIsRead() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { return }
        let directory = try temporaryDirectory()
        try integerCSV().write(toFile: directory + "/d.csv", atomically: true, encoding: .utf8)
        let result = try shell("descent train --data <(cat d.csv) --backend cpu --quiet --epochs 2 --model-out m.json", in: directory, shell: "/bin/bash")
        #expect(result.status == 0 && result.errors.contains("32 train rows, 8 test rows"), "\(result.errors)")
    }

    @Test func aBadRowOnStandardInputIsNamedSo() throws {
        let result = try shell("printf 'a,b\\n1,2\\n3,x\\n4,5\\n' | descent train --data - --backend cpu", in: try temporaryDirectory())
        #expect(result.status == 1 && result.errors.contains("standard input:3: column 2: 'x' is not a number"), "\(result.errors)")
    }

    @Test func aDirectoryOnStandardInputIsNamedSo() throws {
        let result = try shell("descent train --data - --backend cpu < .", in: try temporaryDirectory())
        #expect(result.status == 1 && result.errors.contains("standard input: cannot read the file: "), "\(result.errors)")
    }

    @Test func standardInputFromATerminalOrDeviceSaysWhatItIs() throws {
        let result = try shell("descent train --data - --backend cpu < /dev/zero", in: try temporaryDirectory())
        #expect(result.status == 1 && result.errors.contains("standard input: cannot read the file: it is a device, expected rows of data"), "\(result.errors)")
    }

    @Test func standardInputFromATerminalIsRefusedWithAHint() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }  // util-linux's script(1) gives a terminal
        let result = try descent(["-qec", "'\(descentExecutable)' train --data - --backend cpu", "/dev/null"], in: try temporaryDirectory(),
                                 executable: "/usr/bin/script")
        #expect(result.status == 1 && result.output.contains(
            "standard input: cannot read the file: it is a terminal: pipe the rows in (descent train --data - < rows.csv) or give a file with --data"), "\(result.output)")
    }

    @Test func theVersionIsPrinted() throws {
        let result = try descent(["--version"])
        #expect(result.status == 0 && result.output == DescentVersion.current + "\n", "\(result.output)")
    }
}
