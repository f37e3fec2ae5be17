import Foundation
import Testing

@Suite struct CLITests {
    @Test func trainPrintsTheCoursesLinesAndPredictPrintsNumpysDollars() throws {
        let directory = try temporaryDirectory()
        let train = try descent(["train", "--rng", "numpy", "--seed", "0", "--backend", "cpu",
                                 "--plot", "loss.svg", "--loss-csv", "loss.csv"], in: directory)
        #expect(train.status == 0, "\(train.errors)")
        let expected = try String(contentsOfFile: fixturesDirectory + "/course_seed0.log", encoding: .utf8)
        #expect(train.output == expected)  // standard output is exactly the 250 lines
        #expect(train.errors.contains("test MSE"))
        #expect(train.errors.contains("least-squares optimum"))
        #expect(train.errors.contains("Worse than predicting the mean"))  // the verdict places the course run honestly
        #expect(FileManager.default.fileExists(atPath: directory + "/housing.model.json"))
        let svg = try String(contentsOfFile: directory + "/loss.svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("iteration") && svg.contains("loss"))
        let csv = try String(contentsOfFile: directory + "/loss.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 251)

        let predict = try descent(["predict"], in: directory)
        #expect(predict.status == 0, "\(predict.errors)")
        // numpy: $24356.69 for the 10th row from the end, whose label is $19,700.
        #expect(predict.output.contains("$24,356.69") && predict.output.contains("$19,700.00"))
    }

    @Test func predictReadsFilesByPositionOrByHeader() throws {
        let directory = try temporaryDirectory()
        _ = try descent(["train", "--rng", "numpy", "--backend", "cpu", "--quiet"], in: directory)
        let row = "0.22438 0 9.69 0 0.585 6.027 79.7 2.4982 6 391 19.2 396.9 14.33"
        try (row + "\n").write(toFile: directory + "/rows.txt", atomically: true, encoding: .utf8)
        let positional = try descent(["predict", "--data", "rows.txt"], in: directory)
        #expect(positional.status == 0 && positional.output.contains("$") && !positional.output.contains("actual"))

        let header = "CRIM,ZN,INDUS,CHAS,NOX,RM,AGE,DIS,RAD,TAX,PTRATIO,B,LSTAT"
        try ("RM,CRIM\n6.0,0.1\n").write(toFile: directory + "/partial.csv", atomically: true, encoding: .utf8)
        let missing = try descent(["predict", "--data", "partial.csv"], in: directory)
        #expect(missing.status != 0 && missing.errors.contains("no column 'ZN'"))
        try (header + "\n" + row.split(separator: " ").joined(separator: ",") + "\n").write(toFile: directory + "/named.csv", atomically: true, encoding: .utf8)
        let named = try descent(["predict", "--data", "named.csv"], in: directory)
        #expect(named.status == 0 && named.output == positional.output.replacingOccurrences(of: "\n1 ", with: "\n2 "))
    }

    @Test(arguments: [
        (["train", "--epochs", "0"], "--epochs 0 is out of range"),
        (["train", "--batch-size", "0"], "--batch-size 0 is out of range"),
        (["train", "--learning-rate=-1"], "--learning-rate -1.0 is out of range"),
        (["train", "--learning-rate", "nan"], "--learning-rate nan is out of range"),
        (["train", "--split", "1.5"], "--split 1.5 is out of range"),
        (["train", "--backend", "gpu"], "--backend"),
        (["train", "--backend", "cpu", "--device", "0"], "--device applies to OpenCL"),
        (["train", "--data", "/nonexistent.csv"], "/nonexistent.csv: cannot read the file: no such file"),
        (["predict", "--model", "/nonexistent.json"], "/nonexistent.json: cannot read the model file"),
        (["train", "--backend", "opencl", "--device", "99"], "--device 99 is out of range"),
        (["train", "--device", "99"], "--device 99 is out of range"),  // an explicit device never falls back
        (["train", "--batch-size", "9223372036854775807"], "expected an integer from 1 to 2147483647"),
        (["train", "--rng", "numpy", "--seed", "4294967296"], "--seed 4294967296 is out of range"),
        (["train", "--plot", "/nonexistent/x.svg"], "/nonexistent/x.svg: cannot write the file: no directory /nonexistent"),
    ])
    func badArgumentsGiveAClearErrorAndANonZeroExit(arguments: [String], message: String) throws {
        let result = try descent(arguments)
        #expect(result.status != 0)
        #expect(result.errors.contains(message), "stderr was: \(result.errors)")
        #expect(!result.errors.contains("Fatal error") && !result.errors.contains("Stack dump"))
    }

    @Test func devicesListsDevicesOrSaysThereAreNone() throws {
        let result = try descent(["devices"])
        #expect(result.status == 0)
        #expect(result.output.contains("[0]") || result.output.contains("No OpenCL device found"))
    }
}

