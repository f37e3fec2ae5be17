import Descent
import Foundation

/// `descent train --json FILE`: the whole end-of-run summary for scripts, written atomically
/// (``AtomicFile``) once the summary is known. Metrics that are not finite are `null`.
struct RunReport: Encodable {
    var format = "descent-train-summary"
    var version = 1
    var data: String
    var target: String
    var model: ModelSpec
    var modelPath: String
    var rows: Rows
    var settings: TrainingSettings
    var backend: String
    var device: String
    /// The regression summary (MSEs normalised, RMSE and MAE in the target's file units).
    var regression: TrainingSummary?
    /// Where the test MSE lies from the baseline (0) to the optimum (1); negative: worse than the mean.
    var fractionOfWayToOptimum: Double?
    /// The largest stable learning rate of full-batch descent on these rows (linear regression).
    var stableLearningRate: Double?
    var classification: ClassificationSummary?
    var verdict: String?
    var stop: Stop
    var timings: Timings
    /// The process's peak resident memory (getrusage's `ru_maxrss`), in bytes.
    var peakResidentBytes: Int

    struct Rows: Encodable {
        var train: Int
        var validation: Int?
        var test: Int
    }

    struct Stop: Encodable {
        /// `completed`, or ``StopReason/name`` (`early-stopping`, …).
        var reason: String
        var description: String?
        var completedEpochs: Int
        /// With early stopping: the epoch whose parameters were kept, and its validation loss.
        var bestEpoch: Int?
        var bestValidationLoss: Double?

        init(_ result: TrainingResult) {
            reason = result.stopReason?.name ?? "completed"
            description = result.stopReason?.description
            completedEpochs = result.progress.completedEpochs
            if case let .earlyStopping(epoch, loss)? = result.stopReason {
                bestEpoch = epoch
                bestValidationLoss = loss.isFinite ? loss : nil
            }
        }
    }

    struct Timings: Encodable {
        /// From the first epoch's preparation to the last step (the backend's setup included).
        var trainingSeconds: Double
        /// The summary: predictions, the least-squares optimum, the metrics.
        var summarySeconds: Double
        /// The whole command, from start to this file.
        var totalSeconds: Double
    }

    /// `ru_maxrss` in bytes: kilobytes on Linux, bytes on macOS.
    static var peakResidentBytes: Int {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return usage.ru_maxrss
        #endif
    }

    func write(to path: String) throws {
        do { try AtomicFile.writeJSON(self, to: path) } catch { throw InputError("--json \(error)") }
    }
}

/// Seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}
