import ArgumentParser
import Descent
import Foundation

extension RandomKind: ExpressibleByArgument {}
extension GradientConvention: ExpressibleByArgument {}

/// `descent train`: the course's run by default, any data and settings on request.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a linear model by mini-batch SGD and save it.",
        discussion: """
            Standard output carries the course's log line per batch; the banner, notices and summary \
            go to standard error. `descent train --rng numpy --seed 0 --backend cpu` prints the same \
            250 lines as the course's numpy script with np.random.seed(0).
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var backendOptions: BackendOptions

    @Option(help: "Passes over the training rows.") var epochs = 50
    @Option(help: "Rows per gradient step.") var batchSize = 100
    @Option(help: "Step size η.") var learningRate = 0.1
    @Option(help: ArgumentHelp("The fraction of rows, from the top of the file, that train; the rest test.", valueName: "fraction"))
    var split = 0.8
    @Option(help: "Seed for the initial weights and the shuffles.") var seed: UInt64 = 0
    @Option(help: "Random generator: standard, or numpy (numpy's legacy RandomState, to reproduce the course).")
    var rng: RandomKind = .standard
    @Option(help: "Gradient: course ((1/n)Σ r x, as the course computes it) or exact (twice that).")
    var gradient: GradientConvention = .course

    @Option(help: ArgumentHelp("Print every n-th batch's log line (0: none).", valueName: "n")) var logEvery = 1
    @Flag(help: "Print no log lines (a progress bar on a terminal instead).") var quiet = false

    @Option(help: ArgumentHelp("Where to save the model (default: <data name>.model.json here).", valueName: "path"))
    var modelOut: String?
    @Option(help: ArgumentHelp("Write the loss curve as SVG.", valueName: "file.svg")) var plot: String?
    @Option(help: ArgumentHelp("Write the loss of every batch as CSV.", valueName: "file.csv")) var lossCSV: String?

    var settings: TrainingSettings {
        var settings = TrainingSettings()
        settings.epochs = epochs
        settings.batchSize = batchSize
        settings.learningRate = learningRate
        settings.trainFraction = split
        settings.seed = seed
        settings.random = rng
        settings.gradient = gradient
        return settings
    }

    func validate() throws {
        do { try settings.validate() } catch { throw ValidationError(error.description) }
        guard logEvery >= 0 else { throw ValidationError("--log-every \(logEvery) is out of range: expected an integer ≥ 0") }
    }

    var modelPath: String {
        if let modelOut { return modelOut }
        guard let data = dataOptions.data else { return "housing.model.json" }
        return URL(fileURLWithPath: data).deletingPathExtension().lastPathComponent + ".model.json"
    }

    func run() throws {
        let table = try dataOptions.table()
        let prepared = try PreparedData(try table.regressionData(target: dataOptions.target), trainFraction: split)
        let backend = try backendOptions.makeBackend(notice: note)
        note("Training a linear model on \(table.source): \(prepared.train.count) train rows, \(prepared.test.count) test rows, \(prepared.train.features.columns) features, target \(prepared.train.targetName)")
        note("Backend: \(backend.name) on \(backend.deviceDescription)")

        let printLines = !quiet && logEvery > 0
        let progress = ProgressBar(total: epochs, enabled: !printLines)
        var losses = [Double]()
        let model = try Trainer(settings: settings).run(on: backend, train: prepared.train) { report in
            for (iteration, loss) in report.losses.enumerated() where printLines && (losses.count + iteration) % logEvery == 0 {
                print(Trainer.logLine(epoch: report.epoch, iteration: iteration, loss: loss))
            }
            losses += report.losses
            progress.update(epoch: report.epoch + 1, loss: report.losses.last ?? .nan)
        }
        progress.finish()

        let summary = TrainingSummary(model: model, data: prepared)
        report(summary, unit: dataOptions.targetUnit)
        let file = ModelFile(model: model, normalization: prepared.normalization, targetUnit: dataOptions.targetUnit,
                             training: .init(data: table.source, trainRows: prepared.train.count, testRows: prepared.test.count,
                                             settings: settings, backend: backend.name, device: backend.deviceDescription,
                                             summary: summary, createdAt: ISO8601DateFormatter().string(from: Date())))
        try file.write(to: modelPath)
        note("Model saved to \(modelPath) (descent predict --model \(modelPath))")

        let steps = (prepared.train.count + batchSize - 1) / batchSize
        let curve = LossPlot(losses: losses, batchesPerEpoch: steps, title: "Training loss: \(table.source), \(backend.name)")
        if let plot {
            try writeText(curve.svg(), to: plot)
            note("Loss curve written to \(plot)")
        }
        if let lossCSV {
            try writeText(curve.csv(), to: lossCSV)
            note("Losses written to \(lossCSV)")
        }
    }

    private func report(_ summary: TrainingSummary, unit: TargetUnit) {
        note("""

            Summary (mean squared error in normalised units, the course's loss)
              train MSE              \(fixed(summary.trainMSE, digits: 4))
              test MSE               \(fixed(summary.testMSE, digits: 4))
              least-squares optimum  \(fixed(summary.optimumTestMSE, digits: 4))  (test MSE of the exact fit to the training rows)
              test RMSE              \(unit.format(summary.testRMSE))
            """)
        if let verdict = summary.verdict(settings: settings) { note("\n" + verdict) }
    }
}
