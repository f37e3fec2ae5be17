import Foundation
import Testing

/// `descent bench --model --hidden`: every kind is validated against the CPU reference, then timed.
@Suite struct BenchModelTests {
    @Test(arguments: [["--model", "logistic"], ["--model", "softmax"], ["--model", "mlp", "--hidden", "8,4"]])
    func everyKindBenchmarks(model: [String]) throws {
        let result = try descent(["bench", "--backend", "all", "--rows", "512", "--features", "4", "--batch-sizes", "16,128",
                                  "--epochs", "1", "--repeats", "1"] + model, in: try temporaryDirectory())
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.split(separator: "\n").contains { $0.hasPrefix("cpu ") && $0.contains("128") }, "\(result.output)")
    }

    @Test func hiddenLayersNeedTheMLP() throws {
        let result = try descent(["bench", "--backend", "cpu", "--hidden", "8"], in: try temporaryDirectory())
        #expect(result.status != 0 && result.errors.contains("--hidden applies to --model mlp"), "\(result.errors)")
    }
}
