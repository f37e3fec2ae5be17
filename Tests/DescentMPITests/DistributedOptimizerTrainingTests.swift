import Foundation
import Testing

/// `descent train --optimizer adam --lr-schedule cosine` under `mpirun`: every rank applies the
/// rule to the rank-ordered gradient, so 2 ranks give the single-rank run's parameters bit for bit.
@Suite(.serialized) struct DistributedOptimizerTrainingTests {
    static let common = ["train", "--backend", "cpu", "--seed", "3", "--epochs", "6", "--batch-size", "37", "--quiet",
                         "--optimizer", "adam", "--learning-rate", "0.05", "--l2", "0.01", "--lr-schedule", "cosine"]

    @Test func twoRanksGiveTheSingleRankAdamRunsBits() throws {
        let directory = try temporaryDirectory()
        let one = try run(descentExecutable, Self.common + ["--distributed", "mpi", "--model-out", "\(directory)/one.json"])
        #expect(one.status == 0, "\(one.errors)")
        let many = try mpirunDescent(ranks: 2, Self.common + ["--model-out", "\(directory)/many.json"])
        #expect(!many.timedOut && many.status == 0, "\(many.errors)")
        let expected = try parameters("\(directory)/one.json"), got = try parameters("\(directory)/many.json")
        #expect(!expected.isEmpty && got == expected)
    }
}
