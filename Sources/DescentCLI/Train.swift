import ArgumentParser
import Descent
import DescentOpenCL
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
            250 lines as the course's numpy script with np.random.seed(0). Ctrl-C stops after the step in \
            hand, within about 0.1 s (saving a checkpoint if --checkpoint is given, to resume from that \
            step); a second Ctrl-C quits at once.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var backendOptions: BackendOptions

    @Option(help: "Passes over the training rows (default: 50; with --resume, the checkpoint's).") var epochs: Int?
    @Option(help: "Rows per gradient step (default: 100).") var batchSize: Int?
    @Option(help: "Step size η (default: 0.1).") var learningRate: Double?
    @Option(help: ArgumentHelp("The fraction of rows, from the top of the file, that train; the rest test (default: 0.8).", valueName: "fraction"))
    var split: Double?
    @Option(help: "Seed for the initial weights and the shuffles (default: 0).") var seed: UInt64?
    @Option(help: "Random generator: standard (default), or numpy (numpy's legacy RandomState, to reproduce the course).")
    var rng: RandomKind?
    @Option(help: "Gradient: course ((1/n)Σ r x, as the course computes it; default) or exact (twice that).")
    var gradient: GradientConvention?

    @Option(help: ArgumentHelp("Print every n-th batch's log line (0: none).", valueName: "n")) var logEvery = 1
    @Flag(help: "Print no log lines (a progress bar on a terminal instead).") var quiet = false

    @Option(help: ArgumentHelp("Where to save the model (default: <data name>.model.json here).", valueName: "path"))
    var modelOut: String?
    @Option(help: ArgumentHelp("Write the loss curve as SVG.", valueName: "file.svg")) var plot: String?
    @Option(help: ArgumentHelp("Write the loss of every batch as CSV.", valueName: "file.csv")) var lossCSV: String?
    @Option(help: ArgumentHelp("Save progress to this file every --checkpoint-every epochs and on Ctrl-C.", valueName: "file"))
    var checkpoint: String?
    @Option(help: ArgumentHelp("Epochs between checkpoints.", valueName: "n")) var checkpointEvery = 10
    @Option(help: ArgumentHelp("Continue the run saved in this checkpoint, with its settings and the same data.", valueName: "file"))
    var resume: String?
    /// How long one submission to the backend runs before Ctrl-C is looked at (tests set 0: one step).
    @Option(help: .private) var sliceSeconds = 0.1

    var settings: TrainingSettings {
        var settings = TrainingSettings()
        settings.epochs = epochs ?? settings.epochs
        settings.batchSize = batchSize ?? settings.batchSize
        settings.learningRate = learningRate ?? settings.learningRate
        settings.trainFraction = split ?? settings.trainFraction
        settings.seed = seed ?? settings.seed
        settings.random = rng ?? settings.random
        settings.gradient = gradient ?? settings.gradient
        return settings
    }

    func validate() throws {
        do { try settings.validate() } catch { throw ValidationError(error.description) }
        let fixedByCheckpoint = [batchSize.map { _ in "--batch-size" }, learningRate.map { _ in "--learning-rate" },
                                 split.map { _ in "--split" }, seed.map { _ in "--seed" }, rng.map { _ in "--rng" },
                                 gradient.map { _ in "--gradient" }].compactMap { $0 }
        if resume != nil, let first = fixedByCheckpoint.first {
            throw ValidationError("\(first) cannot change a resumed run: --resume continues with the checkpoint's settings (only --epochs may extend it)")
        }
        guard logEvery >= 0 else { throw ValidationError("--log-every \(logEvery) is out of range: expected an integer ≥ 0") }
        guard sliceSeconds >= 0, sliceSeconds.isFinite else { throw ValidationError("--slice-seconds \(sliceSeconds) is out of range: expected a number ≥ 0") }
        guard checkpointEvery >= 1 else { throw ValidationError("--checkpoint-every \(checkpointEvery) is out of range: expected an integer ≥ 1") }
    }

    var modelPath: String {
        if let modelOut { return modelOut }
        guard let data = dataOptions.data else { return "housing.model.json" }
        return URL(fileURLWithPath: data).deletingPathExtension().lastPathComponent + ".model.json"
    }

    func run() throws {
        for path in [modelPath, plot, lossCSV, checkpoint].compactMap({ $0 }) { try AtomicFile.checkWritable(path) }
        let table = try dataOptions.table()
        let (settings, progress) = try resumeState()
        let prepared = try PreparedData(try table.regressionData(target: dataOptions.target), trainFraction: settings.trainFraction,
                                        source: table.source)
        if let resume, let progress { try checkSameData(resume, prepared: prepared, progress: progress, settings: settings) }
        note("Training a linear model on \(table.source): \(prepared.train.count) train rows, \(prepared.test.count) test rows, \(prepared.train.features.columns) features, target \(prepared.train.targetName)")
        if settings.batchSize > prepared.train.count {
            note("notice: --batch-size \(settings.batchSize) is larger than the \(prepared.train.count) training rows: each epoch is one step on all of them (full-batch gradient descent)")
        }

        var losses = [Double]()
        let (model, backend) = try train(prepared, settings: settings, progress: progress, losses: &losses)

        let summary = TrainingSummary(model: model, data: prepared)
        TrainingReport(summary: summary, unit: dataOptions.targetUnit, settings: settings).print()
        if Interruption.isRequested {  // Ctrl-C after the last step, while the summary was computed
            note("Interrupted after the last epoch: the model was not saved"
                 + (checkpoint.map { "; progress saved to \($0) (descent train --resume \($0) saves it)" } ?? ""))
            throw ExitCode(130)
        }
        try modelFile(model, prepared: prepared, settings: settings, backend: backend, summary: summary).write(to: modelPath)
        note("Model saved to \(modelPath) (descent predict --model \(modelPath))")
        let firstIteration = progress.map { $0.completedEpochs * settings.stepsPerEpoch(rows: prepared.train.count) + $0.completedSteps } ?? 0
        try writeCurves(losses, trainRows: prepared.train.count, settings: settings, firstIteration: firstIteration,
                        title: "Training loss: \(table.source), \(backend.name)")
    }

    /// Runs the training loop on the chosen backend. With `--backend auto`, an OpenCL failure before
    /// the first epoch (a buffer too large, a kernel that will not build) falls back to the CPU.
    private func train(_ prepared: PreparedData, settings: TrainingSettings, progress: Trainer.Progress?,
                       losses: inout [Double]) throws -> (LinearModel, TrainingBackend) {
        var backend = try backendOptions.makeBackend(notice: note)
        note("Backend: \(backend.name) on \(backend.deviceDescription)")
        Interruption.install()
        let printLines = !quiet && logEvery > 0
        let stepsPerEpoch = settings.stepsPerEpoch(rows: prepared.train.count)
        var trainer = Trainer(settings: settings)
        trainer.sliceSeconds = sliceSeconds
        trainer.shouldStop = { Interruption.isRequested }
        let progressBar = ProgressBar(total: settings.epochs, enabled: !printLines)
        var started = false
        while true {
            do {
                // Builds the kernels and checks them against the device's limits before the first step.
                try (backend as? OpenCLBackend)?.prepare(batchSize: settings.batchSize, features: prepared.train.features.columns)
                let model = try trainer.run(on: backend, train: prepared.train, resumingFrom: progress) { report in
                    started = true
                    // Counted from the run's first batch, so a resumed run logs the same lines.
                    for (index, loss) in report.losses.enumerated() {
                        let iteration = report.firstIteration + index
                        if printLines && (report.epoch * stepsPerEpoch + iteration) % logEvery == 0 {
                            Swift.print(Trainer.logLine(epoch: report.epoch, iteration: iteration, loss: loss))
                        }
                    }
                    losses += report.losses
                    guard report.completesEpoch else { return }
                    progressBar.update(epoch: report.epoch + 1, loss: report.losses.last ?? .nan)
                    let completed = report.epoch + 1
                    if let checkpoint, completed % checkpointEvery == 0 || completed == settings.epochs {
                        let progress = Trainer.Progress(completedEpochs: completed, model: try backend.model())
                        try saveCheckpoint(checkpoint, progress: progress, prepared: prepared, settings: settings, backend: backend)
                    }
                }
                progressBar.finish()
                return (model, backend)
            } catch let stop as TrainingStopped {
                progressBar.finish()
                if let checkpoint {
                    try saveCheckpoint(checkpoint, progress: stop.progress, prepared: prepared, settings: settings, backend: backend)
                }
                note("Interrupted after \(describe(stop.progress)) of a \(settings.epochs)-epoch run; "
                     + (checkpoint.map { "progress saved to \($0) (descent train --resume \($0))" } ?? "nothing saved (--checkpoint FILE keeps progress)"))
                throw ExitCode(130)
            } catch where !started && backend is OpenCLBackend && backendOptions.backend == .auto
                && (error is OpenCLError || error is KernelBuildError || error is KernelLimitError) {
                note("notice: \(error); training on the CPU reference instead")
                backend = CPUBackend()
                note("Backend: \(backend.name) on \(backend.deviceDescription)")
            }
        }
    }

    // MARK: Checkpoints

    /// The settings and progress to start from: the command line's, or a checkpoint's.
    private func resumeState() throws -> (TrainingSettings, Trainer.Progress?) {
        guard let resume else { return (settings, nil) }
        let file = try ModelFile.read(from: resume)
        guard let checkpoint = file.checkpoint, var saved = file.training?.settings else {
            throw InputError("\(resume): not a checkpoint (written by descent train --checkpoint); a finished model cannot be resumed")
        }
        if let epochs { saved.epochs = epochs }
        let progress = Trainer.Progress(completedEpochs: checkpoint.completedEpochs, completedSteps: checkpoint.completedSteps ?? 0,
                                        model: file.linearModel)
        guard saved.epochs >= checkpoint.completedEpochs + (progress.completedSteps > 0 ? 1 : 0) else {
            throw InputError("--epochs \(saved.epochs) is out of range: the checkpoint has already completed \(describe(progress))")
        }
        return (saved, progress)
    }

    private func checkSameData(_ path: String, prepared: PreparedData, progress: Trainer.Progress, settings: TrainingSettings) throws {
        let file = try ModelFile.read(from: path)
        guard file.normalization == prepared.normalization, file.training?.trainRows == prepared.train.count else {
            throw InputError("\(path): the checkpoint was trained on other data (\(file.training?.data ?? "unknown")); resume with the same --data and --target")
        }
        note("Resuming \(path) after \(describe(progress)) of \(settings.epochs) epochs")
    }

    private func saveCheckpoint(_ path: String, progress: Trainer.Progress, prepared: PreparedData,
                                settings: TrainingSettings, backend: TrainingBackend) throws {
        var file = modelFile(progress.model, prepared: prepared, settings: settings, backend: backend, summary: nil)
        file.checkpoint = ModelFile.Checkpoint(completedEpochs: progress.completedEpochs, completedSteps: progress.completedSteps)
        try file.write(to: path)
    }

    /// "3 epochs", or "3 epochs and 2 steps" for a run stopped mid-epoch.
    private func describe(_ progress: Trainer.Progress) -> String {
        let epochs = "\(progress.completedEpochs) epoch\(progress.completedEpochs == 1 ? "" : "s")"
        guard progress.completedSteps > 0 else { return epochs }
        return epochs + " and \(progress.completedSteps) step\(progress.completedSteps == 1 ? "" : "s")"
    }

    private func modelFile(_ model: LinearModel, prepared: PreparedData, settings: TrainingSettings, backend: TrainingBackend,
                           summary: TrainingSummary?) -> ModelFile {
        ModelFile(model: model, normalization: prepared.normalization, targetUnit: dataOptions.targetUnit,
                  training: .init(data: dataOptions.sourceName, trainRows: prepared.train.count, testRows: prepared.test.count,
                                  settings: settings, backend: backend.name, device: backend.deviceDescription,
                                  summary: summary, createdAt: ISO8601DateFormatter().string(from: Date())))
    }

    private func writeCurves(_ losses: [Double], trainRows: Int, settings: TrainingSettings, firstIteration: Int, title: String) throws {
        let curve = LossPlot(losses: losses, batchesPerEpoch: settings.stepsPerEpoch(rows: trainRows), title: title,
                             firstIteration: firstIteration)
        if let plot {
            try writeText(curve.svg(), to: plot)
            note("Loss curve written to \(plot)")
        }
        if let lossCSV {
            try writeText(curve.csv(), to: lossCSV)
            note("Losses written to \(lossCSV)")
        }
    }
}
