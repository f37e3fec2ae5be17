import Descent
import Foundation
import Testing

/// Ctrl-C while the summary's least-squares fit runs: the trained model is already saved, and the
/// fit stops at once.
@Suite struct SummaryInterruptionTests {
    /// 3,000 rows of 150 features: one epoch trains in a moment; the fit takes seconds.
    @Test func ctrlCDuringTheSummaryKeepsTheModel() throws {
        let directory = try temporaryDirectory()
        var generator = SeededGenerator()
        let header = (1...150).map { "x\($0)" }.joined(separator: ",") + ",y\n"
        let rows = (0..<3000).map { _ in (0...150).map { _ in String(Int.random(in: 0...99, using: &generator)) }.joined(separator: ",") }
        try (header + rows.joined(separator: "\n") + "\n").write(toFile: directory + "/wide.csv", atomically: true, encoding: .utf8)
        let run = try RunningDescent(["train", "--backend", "cpu", "--data", "wide.csv", "--epochs", "1", "--batch-size", "1000",
                                      "--model-out", "m.json"], in: directory)
        let saved = run.wait(upTo: 120) { run.errors.contains("Model saved to m.json") }
        let started = Date()
        run.send(SIGINT)
        let result = run.finish()
        #expect(saved && result.status == 130, "\(result.errors)")
        #expect(Date().timeIntervalSince(started) < 2, "the fit went on after Ctrl-C")
        #expect(result.errors.contains("Interrupted after the last epoch (Ctrl-C): the model was saved to m.json, without its summary"))
        let model = try ModelFile.read(from: directory + "/m.json")
        #expect(model.checkpoint == nil && model.training?.summary == nil && model.spec.inputs == 150)
        #expect(!result.errors.contains("least-squares optimum"))
    }

    /// Without a signal, the saved model carries the summary that was printed.
    @Test func aRunThatEndsWellSavesItsSummary() throws {
        let directory = try temporaryDirectory()
        let result = try descent(["train", "--backend", "cpu", "--epochs", "2", "--quiet", "--model-out", "m.json"], in: directory)
        #expect(result.status == 0 && result.errors.contains("least-squares optimum"), "\(result.errors)")
        #expect(try ModelFile.read(from: directory + "/m.json").training?.summary != nil)
    }
}

/// A fixed sequence of pseudo-random numbers (SplitMix64), so a test's data is the same every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
