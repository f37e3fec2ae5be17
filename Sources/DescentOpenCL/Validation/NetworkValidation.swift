import Descent
import Foundation

/// `descent validate`'s checks of the network kernels: every stage against its float64 twin at
/// awkward shapes (rows 1, 7, 63, 65, 257; widths 1, 13, 64, 257; hidden 1, 3, 64, 100; fewer in
/// the quick sweep, one small shape each on a simulator), under the device's tuning and a small
/// tile that puts partial tiles everywhere; the stable loss forms at logits of ±80 and ±100; and
/// MLP and logistic trajectories against ``NetworkReference``.
package struct NetworkValidation {
    package var programs: NetworkProgramCache
    package var sweep: Validator.Sweep
    package var seed: UInt64
    /// common.cl + network.cl to check instead of the embedded kernels (planted-bug tests).
    package var kernelSource: String?
    /// Called as each check starts (stage, shape, configuration).
    package var willCheck: (String, String, String) -> Void = { _, _, _ in }

    package init(programs: NetworkProgramCache, sweep: Validator.Sweep, seed: UInt64, kernelSource: String? = nil) {
        self.programs = programs
        self.sweep = sweep
        self.seed = seed
        self.kernelSource = kernelSource
    }

    var rowCounts: [Int] {
        switch sweep { case .full: [1, 7, 63, 65, 257]; case .quick: [1, 7, 65]; case .simulator: [7] }
    }
    var widths: [Int] {
        switch sweep { case .full: [1, 13, 64, 257]; case .quick: [1, 13, 64]; case .simulator: [13] }
    }
    var hidden: [Int] {
        // 1: a regression or binary head (matmul_nt's one-output path)
        switch sweep { case .full: [1, 3, 64, 100]; case .quick: [1, 3, 100]; case .simulator: [1, 3] }
    }

    /// The device's tuning, the other matrix-multiply shape (tiled or blocked), and 4×4 tiles
    /// (every width above but 64 then ends in a partial tile, and 64 in whole ones), and the
    /// blocked shape in the other register blocks too (AVX-512's 32-column `matmul_nn` and
    /// `matmul_tn` and 8-column `matmul_nt`, or AVX2's 16, 16 and 4: both run somewhere, and
    /// Oclgrind then checks both for races and bounds); on a simulator the device's and the
    /// blocked shape only.
    func tunings() -> [NetworkTuning] {
        let preferred = NetworkTuning.preferred(for: programs.context.device)
        var other = preferred
        other.blocked.toggle()
        let small = NetworkTuning(tile: min(4, preferred.tile), workGroupSize: min(16, preferred.workGroupSize))
        var all = [preferred, other]
        if sweep != .simulator {
            all.append(small)
            var blocks = preferred.blocked ? preferred : other
            blocks.blocks = blocks.blocks == .sixteenRegisters ? NetworkTuning.BlockShape() : .sixteenRegisters
            all.append(blocks)
        }
        return all.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    package func run(progress: (String) -> Void = { _ in }) -> [ValidationCheck] {
        var checks = [ValidationCheck]()
        for tuning in tunings() {
            progress("network stages, \(tuning)")
            do {
                let stages = try OpenCLNetworkStages(programs: programs, tuning: tuning, kernelSource: kernelSource)
                checks += NetworkStageChecks(stages: stages, rows: rowCounts, widths: widths, hidden: hidden, seed: seed,
                                             losses: sweep == .simulator ? [.mse(.course), .binaryCrossEntropy, .softmaxCrossEntropy(classes: 3)]
                                                 : [.mse(.course), .mse(.exact), .huber(delta: 0.7), .binaryCrossEntropy,
                                                    .softmaxCrossEntropy(classes: 3), .softmaxCrossEntropy(classes: 13)],
                                             willCheck: willCheck).run()
            } catch let limit as KernelLimitError {
                checks.append(ValidationCheck(skipped: "network", shape: "-", configuration: tuning.description, reason: limit.description))
            } catch {
                checks.append(ValidationCheck(stage: "network", shape: "-", configuration: tuning.description, maxAbsoluteError: .nan,
                                              maxRelativeError: .nan, bound: .nan, passed: false,
                                              mismatches: String(describing: error).split(separator: "\n").prefix(12).map(String.init)))
            }
        }
        progress("network trajectories")
        for var trajectory in NetworkTrajectoryCheck.standard(seed: seed) {
            if sweep == .simulator {
                trajectory.rows = 96
                trajectory.batchSize = 40
                trajectory.epochs = 1
                trajectory.spec.hidden = trajectory.spec.hidden.map { min($0, 5) }
            }
            willCheck("trajectory", trajectory.name, "network")
            checks.append(trajectory.run(on: OpenCLNetwork(programs: programs, kernelSource: kernelSource)))
        }
        return checks
    }
}
