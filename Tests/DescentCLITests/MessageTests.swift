import Foundation
import Testing

/// What `descent` prints about odd inputs: what a path is, a constant target, huge values, long
/// lists, names carrying control characters, and an unusable PoCL cache.
@Suite struct MessageTests {
    @Test func standardInputFromAPipeIsRead() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: descentExecutable)
        process.arguments = ["train", "--backend", "cpu", "--data", "/dev/stdin"]
        process.currentDirectoryURL = URL(fileURLWithPath: try temporaryDirectory())
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        signal(SIGPIPE, SIG_IGN)  // descent may exit before it reads: then the write fails, not the test process
        try process.run()
        try? input.fileHandleForWriting.write(contentsOf: Data("1 2\n3 4\n5 6\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)  // read like a file (issue 12)
        #expect(text.contains("on /dev/stdin: 2 train rows, 1 test rows"), "\(text)")
    }

    @Test func devZeroSaysWhatItIs() throws {
        let result = try descent(["train", "--backend", "cpu", "--data", "/dev/zero"])
        #expect(result.status == 1 && result.errors.contains("/dev/zero: cannot read the file: it is a character device"), "\(result.errors)")
    }

    @Test func aConstantTargetIsNamed() throws {
        let directory = try temporaryDirectory()
        let rows = (0..<30).map { "\(Double($0 % 7) / 3),\(Double($0 % 5)),7" }
        try ("a,b,y\n" + rows.joined(separator: "\n") + "\n").write(toFile: directory + "/c.csv", atomically: true, encoding: .utf8)
        let result = try descent(["train", "--backend", "cpu", "--quiet", "--epochs", "2", "--data", "c.csv"], in: directory)
        #expect(result.status == 0)
        #expect(result.errors.contains("The target is constant: every training row has 7,"), "\(result.errors)")
        #expect(!result.errors.contains("inf×"))
    }

    @Test func hugeValuesPrintInScientificNotation() throws {
        let directory = try temporaryDirectory()
        let rows = (0..<30).map { "\(Double($0 % 7)),\(Double($0 % 5)),\(Double($0 % 11 + 1) * 1e250)" }
        try ("a,b,y\n" + rows.joined(separator: "\n") + "\n").write(toFile: directory + "/h.csv", atomically: true, encoding: .utf8)
        let result = try descent(["train", "--backend", "cpu", "--quiet", "--epochs", "2", "--data", "h.csv"], in: directory)
        #expect(result.status == 0, "\(result.errors)")
        let rmse = result.errors.split(separator: "\n").first { $0.contains("test RMSE") } ?? ""
        #expect(rmse.contains("e+2") && rmse.count < 60, "\(rmse)")
        #expect(result.errors.split(separator: "\n").allSatisfy { $0.count < 300 })
    }

    @Test func anErrorLineNeverExceedsAScreen() throws {
        let directory = try temporaryDirectory()
        let header = (1...3000).map { "column\($0)" }.joined(separator: ",")
        let row = (1...3000).map(String.init).joined(separator: ",")
        try "\(header)\n\(row)\n\(row)\n".write(toFile: directory + "/wide.csv", atomically: true, encoding: .utf8)
        let result = try descent(["train", "--backend", "cpu", "--data", "wide.csv", "--target", "nope"], in: directory)
        #expect(result.status != 0 && result.errors.contains("no column named 'nope' for --target (columns: column1, column2"))
        #expect(result.errors.contains("… and 2988 more"))
        #expect(result.errors.split(separator: "\n").allSatisfy { $0.count <= 2000 }, "\(result.errors.count) characters")
        let long = String(repeating: "7", count: 5000) + "x"
        try "a,b\n1,2\n3,\(long)\n".write(toFile: directory + "/long.csv", atomically: true, encoding: .utf8)
        let field = try descent(["train", "--backend", "cpu", "--data", "long.csv"], in: directory)
        #expect(field.status != 0 && field.errors.split(separator: "\n").allSatisfy { $0.count <= 2000 }, "\(field.errors.count) characters")
    }

    @Test func controlCharactersFromDataAndModelsAreEscaped() throws {
        let directory = try temporaryDirectory()
        let rows = (0..<30).map { "\(Double($0 % 7)),\(Double($0 % 5)),\(Double($0 % 11))" }
        try ("a,\u{1B}[2Jb,\u{1B}]0;pwned\u{7}y\n" + rows.joined(separator: "\n") + "\n")
            .write(toFile: directory + "/esc.csv", atomically: true, encoding: .utf8)
        let train = try descent(["train", "--backend", "cpu", "--quiet", "--epochs", "1", "--data", "esc.csv", "--model-out", "m.json"], in: directory)
        #expect(train.status == 0 && train.errors.contains("target \\e]0;pwned\\u{7}y"), "\(train.errors)")
        #expect(!(train.errors + train.output).contains("\u{1B}"))
        let unknown = try descent(["train", "--backend", "cpu", "--data", "esc.csv", "--target", "\u{1B}[5m"], in: directory)
        #expect(unknown.status != 0 && unknown.errors.contains("'\\e[5m'") && unknown.errors.contains("\\e[2Jb"))
        #expect(!unknown.errors.contains("\u{1B}"))
        // predict names the model's features when the data lacks one.
        try "a,c\n1,2\n".write(toFile: directory + "/p.csv", atomically: true, encoding: .utf8)
        let predict = try descent(["predict", "--model", "m.json", "--data", "p.csv"], in: directory)
        #expect(predict.status != 0 && predict.errors.contains("no column '\\e[2Jb'"), "\(predict.errors)")
        #expect(!predict.errors.contains("\u{1B}"))
    }

    @Test func anUnusablePoCLCacheIsNamed() throws {
        guard let vendors = try? FileManager.default.contentsOfDirectory(atPath: "/etc/OpenCL/vendors"),
              vendors.contains(where: { $0.contains("pocl") }) else { return }  // only PoCL has this cache
        let directory = try temporaryDirectory()
        try "not a directory".write(toFile: directory + "/file", atomically: true, encoding: .utf8)
        let result = try descent(["validate", "--quick"], environment: ["POCL_CACHE_DIR": directory + "/file/pocl"])
        // A machine with another OpenCL platform still finds its devices; then there is nothing to name.
        guard result.status == 3 else { return }
        #expect(result.errors.contains("PoCL's kernel cache \(directory)/file/pocl cannot be created: \(directory)/file is not a directory"), "\(result.errors)")
        #expect(result.errors.contains("set POCL_CACHE_DIR to a writable directory"))
        let devices = try descent(["devices"], environment: ["POCL_CACHE_DIR": directory + "/file/pocl"])
        #expect(devices.output.hasPrefix("No OpenCL device found: PoCL's kernel cache"), "\(devices.output)")
    }
}
