import Descent
import Foundation

/// Where a run's losses go as training makes them: a bounded ``LossHistory`` for `--plot`, and
/// rows streamed to a temporary file beside `--loss-csv`, moved over it only when the run ends
/// well. Nothing is kept when neither is asked for, so a long run's memory stays flat.
final class LossLog {
    private let plot: String?
    private var history: LossHistory?
    private var csv: AtomicFile.Stream?
    private let batchesPerEpoch: Int
    private var validation: [(iteration: Int, loss: Double)] = []

    /// - Parameter firstIteration: the run's iteration number of the first loss (resumed runs continue the numbering).
    init(plot: String?, csv: String?, batchesPerEpoch: Int, firstIteration: Int) throws {
        self.plot = plot
        self.batchesPerEpoch = batchesPerEpoch
        if plot != nil { history = LossHistory(batchesPerEpoch: batchesPerEpoch, firstIteration: firstIteration) }
        if let csv {
            self.csv = try AtomicFile.Stream(path: csv)
            try self.csv?.write(LossCSV.header)
        }
    }

    /// Records the losses of a report: epoch `epoch`, batches from `firstIteration` of that epoch.
    func record(_ losses: [Double], epoch: Int, firstIteration: Int) throws {
        history?.append(contentsOf: losses)
        try csv?.write(LossCSV.rows(losses, firstIteration: epoch * batchesPerEpoch + firstIteration, batchesPerEpoch: batchesPerEpoch))
    }

    /// Records epoch `epoch`'s validation loss, drawn at the epoch's last batch.
    func recordValidation(_ loss: Double, epoch: Int) {
        guard plot != nil else { return }
        validation.append((epoch * batchesPerEpoch + batchesPerEpoch - 1, loss))
    }

    /// Writes the plot and moves the CSV into place.
    func finish(title: String, lossName: String = Head.mse(.course).lossName) throws {
        if let plot, let history {
            var chart = LossPlot(history: history, title: title)
            chart.lossName = lossName
            chart.validation = validation
            try writeText(chart.svg(), to: plot)
            note("Loss curve written to \(plot)")
        }
        if let csv {
            try csv.commit()
            self.csv = nil
            note("Losses written to \(csv.path)")
        }
    }

    /// Removes the half-written CSV: an interrupted or failed run replaces no file.
    func discard() {
        csv?.discard()
        csv = nil
    }
}
