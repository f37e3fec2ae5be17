import Descent
import Foundation
import Testing

/// Every output path is checked before any work: never an input, never another output, never
/// what cannot be written; links, devices and standard output are written, not replaced.
@Suite struct OutputPathTests {
    let directory: String

    init() throws { directory = try temporaryDirectory() }

    func train(_ arguments: [String]) throws -> CommandResult {
        try descent(["train", "--backend", "cpu", "--epochs", "2", "--quiet"] + arguments, in: directory)
    }

    func write(_ text: String, _ name: String) throws { try text.write(toFile: directory + "/" + name, atomically: false, encoding: .utf8) }
    func contents(_ name: String) throws -> String { try String(contentsOfFile: directory + "/" + name, encoding: .utf8) }
    func isLink(_ name: String) -> Bool { (try? FileManager.default.destinationOfSymbolicLink(atPath: directory + "/" + name)) != nil }

    /// Refused before any work: no "Backend:" line, nothing written.
    func expectRefusedBeforeWork(_ result: CommandResult, saying message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "\(result.errors)", sourceLocation: sourceLocation)
        #expect(result.errors.contains(message), "\(result.errors)", sourceLocation: sourceLocation)
        #expect(!result.errors.contains("Backend:"), "training started: \(result.errors)", sourceLocation: sourceLocation)
    }

    @Test func modelOutEqualToTheDataIsRefused() throws {
        let data = (0..<40).map { "\($0 % 7) \($0 % 5) \($0 % 3)" }.joined(separator: "\n") + "\n"
        try write(data, "d.data")
        let result = try train(["--data", "d.data", "--model-out", "./d.data"])
        expectRefusedBeforeWork(result, saying: "--model-out ./d.data is the same file as --data d.data")
        #expect(try contents("d.data") == data)
    }

    @Test func outputsNamingOneFileAreRefused() throws {
        try write("precious\n", "m.json")
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.json", withDestinationPath: "m.json")
        try FileManager.default.linkItem(atPath: directory + "/m.json", toPath: directory + "/hard.json")
        expectRefusedBeforeWork(try train(["--model-out", "m.json", "--plot", "./m.json"]),
                                saying: "--plot ./m.json is the same file as --model-out m.json")
        expectRefusedBeforeWork(try train(["--model-out", "m.json", "--loss-csv", "link.json"]),
                                saying: "--loss-csv link.json is the same file as --model-out m.json")
        expectRefusedBeforeWork(try train(["--model-out", "m.json", "--checkpoint", "hard.json"]),
                                saying: "--checkpoint hard.json is the same file as --model-out m.json")
        expectRefusedBeforeWork(try train(["--model-out", "new.json", "--plot", directory + "/new.json"]),
                                saying: "--plot \(directory)/new.json is the same file as --model-out new.json")
        #expect(try contents("m.json") == "precious\n")
    }

    @Test func checkpointEqualToResumeContinuesTheRun() throws {
        #expect(try train(["--checkpoint", "c.json", "--model-out", "first.json"]).status == 0)
        let result = try descent(["train", "--backend", "cpu", "--quiet", "--resume", "c.json", "--checkpoint", "c.json",
                                  "--epochs", "3", "--model-out", "m.json"], in: directory)
        #expect(result.status == 0, "\(result.errors)")
        #expect(try ModelFile.read(from: directory + "/c.json").checkpoint?.completedEpochs == 3)
    }

    @Test func unwritableOutputsAreRefusedBeforeTraining() throws {
        try FileManager.default.createDirectory(atPath: directory + "/out", withIntermediateDirectories: false)
        expectRefusedBeforeWork(try train(["--model-out", "out"]), saying: "--model-out out: cannot write the file: it is a directory")
        expectRefusedBeforeWork(try train(["--model-out", "new/"]), saying: "the name ends in '/'")
        expectRefusedBeforeWork(try train(["--model-out", ""]), saying: "the name is empty")
        expectRefusedBeforeWork(try train(["--plot", String(repeating: "p", count: 300) + ".svg"]), saying: "--plot")
        // A directory where no file can be created, even by root (access(2) says yes to root).
        expectRefusedBeforeWork(try train(["--checkpoint", "/proc/c.json"]), saying: "--checkpoint /proc/c.json: cannot write the file")
    }

    @Test func aNameAtTheLengthLimitIsSaved() throws {
        let name = String(repeating: "m", count: 250) + ".json"  // 255 bytes: its old temporary name was too long
        let result = try train(["--model-out", name])
        #expect(result.status == 0, "\(result.errors)")
        #expect(try ModelFile.read(from: directory + "/" + name).spec.inputs == 13)
    }

    @Test func aFailingPeriodicCheckpointWarnsAndTrainingGoesOn() throws {
        // A checkpoint on a full disk: /dev/full fails every write with ENOSPC.
        try FileManager.default.createSymbolicLink(atPath: directory + "/c.json", withDestinationPath: "/dev/full")
        let result = try train(["--checkpoint", "c.json", "--checkpoint-every", "1", "--model-out", "m.json"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("warning: c.json: cannot write the model file: No space left on device; training continues"))
        #expect(result.errors.contains("Model saved to m.json"))
        #expect(try ModelFile.read(from: directory + "/m.json").spec.inputs == 13)
        #expect(isLink("c.json"))
    }

    @Test func aLinkedModelReplacesItsTargetWithItsMode() throws {
        try write("old\n", "target.json")
        chmod(directory + "/target.json", 0o600)
        try FileManager.default.createSymbolicLink(atPath: directory + "/m.json", withDestinationPath: "target.json")
        #expect(try train(["--model-out", "m.json"]).status == 0)
        #expect(isLink("m.json"))
        #expect(try ModelFile.read(from: directory + "/target.json").spec.inputs == 13)
        let mode = try FileManager.default.attributesOfItem(atPath: directory + "/target.json")[.posixPermissions] as! NSNumber
        #expect(mode.intValue == 0o600)
    }

    @Test func aPlotToStandardOutputReachesIt() throws {
        // A link of our own, as /dev/stdout is: code that replaces links must not replace the system's.
        try FileManager.default.createSymbolicLink(atPath: directory + "/stdout", withDestinationPath: "/proc/self/fd/1")
        let result = try train(["--plot", "stdout", "--loss-csv", "stdout", "--model-out", "m.json"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("<svg") && result.output.contains("</svg>"))
        #expect(result.output.contains("iteration,"))
    }

    @Test func benchRefusesItsOutputsBeforeBenchmarking() throws {
        let common = ["bench", "--backend", "cpu", "--rows", "64", "--features", "2", "--batch-sizes", "16", "--repeats", "1", "--epochs", "1"]
        for flag in ["--json", "--csv", "--plot"] {
            let result = try descent(common + [flag, directory + "/missing/x"], in: directory)
            #expect(result.status == 1 && result.errors.contains("\(flag) \(directory)/missing/x: cannot write the file: no directory"), "\(result.errors)")
            #expect(!result.errors.contains("validating"), "benchmarking started: \(result.errors)")
        }
        try write("[]\n", "base.json")
        let same = try descent(common + ["--compare", "base.json", "--json", "base.json"], in: directory)
        #expect(same.status == 1 && same.errors.contains("--json base.json is the same file as --compare base.json"), "\(same.errors)")
        #expect(try contents("base.json") == "[]\n")
    }

    @Test func validateRefusesAnUnwritableReportWithItsOwnStatus() throws {
        let result = try descent(["validate", "--quick", "--json", directory + "/missing/v.json"], in: directory, environment: noOpenCL)
        #expect(result.status == 4, "\(result.errors)")
        #expect(result.errors.contains("--json \(directory)/missing/v.json: cannot write the file: no directory"))
    }

    @Test func validateWhoseReportFailsAfterPassingExitsWithItsOwnStatus() throws {
        guard try descent(["devices"]).output.contains("[0]") else { return }  // ValidateCommandTests insists on one in CI
        try FileManager.default.createSymbolicLink(atPath: directory + "/v.json", withDestinationPath: "/dev/full")  // a full disk
        let result = try descent(["validate", "--quick", "--json", "v.json"], in: directory)
        #expect(result.status == 4, "\(result.errors.suffix(2000))")
        #expect(result.output.contains("checks passed"))
        #expect(result.errors.contains("v.json: cannot write the file: No space left on device"))
    }
}
