import Descent
import Foundation

/// Whole training runs on the device and on the CPU reference, compared batch by batch.
///
/// Per step the device is within ``ErrorBound``; over a run, float32 rounding compounds, but a
/// stable SGD iteration damps perturbations rather than amplifying them, so divergence stays near
/// the per-step level. The rules: the course run prints at most 5 of its 250 lines differently
/// (in the last digit) and ends within 1e-4 relative (the OpenCL backend's promise); a longer
/// synthetic run stays within 1e-3 relative on every batch's loss and on the final parameters,
/// a hundred times the drift seen on honest devices, while a wrong kernel drifts by order 1.
struct TrajectoryCheck {
    /// The validate run's programs, on its one context.
    var programs: ProgramCache
    var kernelSource: String?
    var seed: UInt64
    /// Whether to run the longer synthetic trajectory too (not on a simulator).
    var synthetic = true

    func run() -> [ValidationCheck] {
        synthetic ? [course(), self.syntheticRun()] : [course()]
    }

    private func course() -> ValidationCheck {
        compare(name: "course run", shape: "404×13 batch 100", settings: .course, lineLimit: 5, tolerance: 1e-4) {
            try PreparedData(BundledData.housing().regressionData(), trainFraction: 0.8).train
        }
    }

    private func syntheticRun() -> ValidationCheck {
        var settings = TrainingSettings()
        settings.epochs = 3
        settings.batchSize = 64
        settings.learningRate = 0.01
        settings.seed = seed
        return compare(name: "synthetic run", shape: "20000×32 batch 64", settings: settings, lineLimit: nil, tolerance: 1e-3) {
            SyntheticData(rows: 20_000, features: 32, seed: seed).data
        }
    }

    private func compare(name: String, shape: String, settings: TrainingSettings, lineLimit: Int?, tolerance: Double,
                         data: () throws -> RegressionData) -> ValidationCheck {
        do {
            let train = try data()
            let comparison = try TrajectoryComparison(settings: settings, spec: .linear(inputs: train.features.columns, gradient: settings.gradient),
                                                      train: train, reference: CPUBackend(),
                                                      candidate: OpenCLBackend(programs: programs, kernelSource: kernelSource),
                                                      tolerance: tolerance, lineLimit: lineLimit)
            let problems = comparison.problems + ["largest loss divergence: \(comparison.lossRelative) relative at step \(comparison.step)"]
            return ValidationCheck(stage: "trajectory", shape: shape, configuration: name + ", largest at step \(comparison.step)",
                                   maxAbsoluteError: comparison.lossAbsolute,
                                   maxRelativeError: max(comparison.lossRelative, comparison.parameterRelative),
                                   bound: tolerance, worstRatio: comparison.worstRatio,
                                   passed: comparison.passed, mismatches: comparison.passed ? [] : problems)
        } catch {
            return ValidationCheck(stage: "trajectory", shape: shape, configuration: name, maxAbsoluteError: .nan, maxRelativeError: .nan,
                                   bound: tolerance, passed: false, mismatches: [String(describing: error)])
        }
    }
}
