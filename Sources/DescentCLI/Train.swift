import ArgumentParser
import Descent
import DescentOpenCL
import Foundation

extension RandomKind: ExpressibleByArgument {}
extension GradientConvention: ExpressibleByArgument {}

/// `descent train`: the course's run by default, any data and settings on request.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model (linear by default; logistic, softmax, mlp) by mini-batch SGD and save it.",
        discussion: """
            Standard output carries the course's log line per batch; the banner, notices and summary \
            go to standard error. `descent train --rng numpy --seed 0 --backend cpu` prints the same \
            250 lines as the course's numpy script with np.random.seed(0). Ctrl-C stops after the step in \
            hand, within about 0.1 s (saving a checkpoint if --checkpoint is given, to resume from that \
            step), and so do SIGTERM and SIGHUP; a second signal quits at once. The model is saved \
            before the summary is computed.
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup(title: "Columns, missing values, splits") var tableFlags: TableFlags  // issue 12
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup(title: "Optimizer") var optimizerOptions: OptimizerOptions
    @OptionGroup var backendOptions: BackendOptions
    @OptionGroup var distributedOptions: DistributedOptions  // issue 13: Train+Distributed.swift

    @OptionGroup var stoppingOptions: StoppingOptions  // issue 11: StoppingOptions.swift
    @OptionGroup(title: "Shuffling and streaming") var streamingOptions: StreamingOptions  // issue 14: Train+Streaming.swift

    @Option(help: "Passes over the training rows, or auto: early stopping on a validation split, at most 10000 (default: 50; with --resume, the checkpoint's).")
    var epochs: EpochsOption?
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
    @Option(help: ArgumentHelp("Write the whole summary (settings, device, metrics, stop reason, timings, peak memory) as JSON.", valueName: "file.json"))
    var json: String?
    @Option(help: ArgumentHelp("Save progress to this file every --checkpoint-every epochs and on Ctrl-C (default with --resume: the resumed file).", valueName: "file"))
    var checkpoint: String?
    @Option(help: ArgumentHelp("Epochs between checkpoints (default: 10; with --resume, the checkpoint's).", valueName: "n"))
    var checkpointEvery: Int?
    @Option(help: ArgumentHelp("Continue the run saved in this checkpoint, with its settings, backend and the same data.", valueName: "file"))
    var resume: String?
    /// How long one submission to the backend runs before Ctrl-C is looked at (tests set 0: one step).
    @Option(help: .private) var sliceSeconds = 0.1

    var settings: TrainingSettings {
        var settings = TrainingSettings()
        settings.epochs = epochs?.epochs ?? settings.epochs
        settings.batchSize = batchSize ?? settings.batchSize
        settings.learningRate = learningRate ?? settings.learningRate
        settings.trainFraction = split ?? settings.trainFraction
        settings.seed = seed ?? settings.seed
        settings.random = rng ?? settings.random
        settings.gradient = gradient ?? settings.gradient
        optimizerOptions.apply(to: &settings)
        stoppingOptions.apply(to: &settings, auto: epochs?.isAuto == true)
        return settings
    }

    func validate() throws {
        do { try settings.validate() } catch { throw ValidationError(worded(error)) }
        try optimizerOptions.validate()
        let fixedByCheckpoint = [batchSize.map { _ in "--batch-size" }, learningRate.map { _ in "--learning-rate" },
                                 split.map { _ in "--split" }, seed.map { _ in "--seed" }, rng.map { _ in "--rng" },
                                 gradient.map { _ in "--gradient" }].compactMap { $0 } + modelOptions.given + optimizerOptions.given + stoppingOptions.given + streamingOptions.given
        if resume != nil, let first = fixedByCheckpoint.first {
            throw ValidationError("\(first) cannot change a resumed run: --resume continues with the checkpoint's settings (only --epochs may extend it)")
        }
        guard logEvery >= 0 else { throw ValidationError("--log-every \(logEvery) is out of range: expected an integer ≥ 0") }
        guard sliceSeconds >= 0, sliceSeconds.isFinite else { throw ValidationError("--slice-seconds \(sliceSeconds) is out of range: expected a number ≥ 0") }
        if checkpoint != nil, let flag = streamingOptions.given.first, (try? streamingOptions.rowShuffle()) != .rows {
            throw ValidationError("--checkpoint cannot be combined with \(flag) yet: a checkpoint does not record the chunk shuffle")
        }
        if let checkpointEvery, checkpointEvery < 1 {
            throw ValidationError("--checkpoint-every \(checkpointEvery) is out of range: expected an integer ≥ 1")
        }
    }

    var modelPath: String {
        if let modelOut { return modelOut }
        guard let data = dataOptions.data else { return "housing.model.json" }
        if data == "-" { return "stdin.model.json" }
        return URL(fileURLWithPath: data).deletingPathExtension().lastPathComponent + ".model.json"
    }

    func run() throws {
        try distributedOptions.run {  // a plain run, or one rank of an MPI job
            do { try train() } catch let error as DataError { throw InputError(worded(error)) } catch let error as TableError { throw InputError(worded(error)) }
        }
    }

    private func train() throws {
        let started = ContinuousClock.now
        if Distributed.speaks { try outputPaths.check() }  // only rank 0 writes
        if let file = try streamedFile() { return try trainFromFile(file, started: started) }  // a file too large to load
        // Held only until its training data is taken: each copy of millions of rows counts.
        var table: DataTable? = try dataOptions.table()
        let source = table!.source
        let resumed = try resumeState()
        let settings = resumed.settings, progress = resumed.progress
        let choice = modelOptions.choice(gradient: settings.gradient)
        let task = resumed.spec?.head.task ?? choice.impliedTask
        var prepared = try preparedData(table.take()!, task: task, settings: settings)
        var spec: ModelSpec
        if let saved = resumed.spec { spec = saved } else {
            do { spec = try choice.spec(for: prepared.train) } catch { throw worded(error) }
        }
        var validation: TrainingData?
        let whole = prepared  // the summary's split: all the training rows, as without --validation
        if let fraction = settings.validationFraction {
            do { (prepared, validation) = try prepared.holdingOut(validationFraction: fraction) } catch {
                throw InputError(worded(error))
            }
        }
        if let resume, let progress { try checkSameData(resume, prepared: prepared, progress: progress, settings: settings) }
        let target = prepared.train.targetName.terminalSafe.elided(to: 40)
        note("Training a \(spec.words) model on \(source): \(prepared.train.count) train rows, \(validation.map { "\($0.count) validation rows, " } ?? "")\(prepared.test.count) test rows, \(prepared.train.features.columns) features, target \(target)"
             + (spec.head.task == .classification ? " (classes \(elidedList(prepared.train.classNames)))" : ""))
        if spec.kind == .mlp, spec.head.task == .regression, modelOptions.task == nil, let classes = Self.fewIntegerValues(prepared.train, normalization: prepared.normalization) {
            note(Self.fewIntegersNotice(classes))
        }
        if settings.batchSize > prepared.train.count {
            note("notice: --batch-size \(settings.batchSize) is larger than the \(prepared.train.count) training rows: each epoch is one step on all of them (full-batch gradient descent)")
        }

        let stepsPerEpoch = settings.stepsPerEpoch(rows: prepared.train.count)
        let firstIteration = progress.map { $0.completedEpochs * stepsPerEpoch + $0.completedSteps } ?? 0
        Interruption.install()  // from here on a signal stops the run cleanly: no stray temporary file
        let lossLog = try LossLog(plot: Distributed.speaks ? plot : nil, csv: Distributed.speaks ? lossCSV : nil, batchesPerEpoch: stepsPerEpoch, firstIteration: firstIteration)
        defer { lossLog.discard() }  // an interrupted or failed run leaves no half-written CSV
        if Distributed.current != nil { try streamingOptions.checkNotDistributed() }
        let run = TrainingRun(spec: spec, prepared: prepared, settings: settings, progress: progress, validation: validation, lossLog: lossLog,
                              checkpoint: checkpointPath.map {
                                  CheckpointTarget(path: $0, every: checkpointEvery ?? resumed.checkpointEvery ?? 10,
                                                   trainRowsHash: prepared.train.fingerprint)
                              })
        // MPI (issue 13): every rank trains together; rank 0 alone writes what follows.
        let trainingStart = ContinuousClock.now
        let (result, backend) = try Distributed.current.map { try trainDistributed(run, backendOptions: resumed.backendOptions, context: $0) }
            ?? train(run, backendOptions: resumed.backendOptions)
        guard Distributed.speaks else { return }
        let parameters = result.parameters, trainingSeconds = seconds(since: trainingStart)

        // The model first: a signal while the summary's least-squares fit runs must not lose it.
        try modelFile(parameters, spec: spec, prepared: prepared, settings: settings, backend: backend).write(to: modelPath)
        note("Model saved to \(modelPath) (descent predict --model \(modelPath))")
        try lossLog.finish(title: "Training loss: \(source), \(backend.name)", lossName: spec.head.lossName)
        let summaryStart = ContinuousClock.now
        var report = try summarize(result, prepared: whole, settings: settings, backend: backend, gradientRows: prepared.train.count)
        if let json {
            report.rows.validation = validation?.count
            report.timings = .init(trainingSeconds: trainingSeconds, summarySeconds: seconds(since: summaryStart), totalSeconds: seconds(since: started))
            report.peakResidentBytes = RunReport.peakResidentBytes
            try report.write(to: json)
            note("Summary written to \(json)")
        }
    }

    /// How many distinct values a regression target has when they are few (3 to 20) integers: then
    /// it may be classes read as numbers (digits 0–9).
    static func fewIntegerValues(_ data: TrainingData, normalization: Normalization) -> Int? {
        var tally = FewIntegerValues()
        for value in data.targets where !tally.ruledOut { tally.add(normalization.target.denormalize(value)) }
        return tally.count
    }

    /// The notice for an MLP trained by regression on `classes` distinct integers.
    static func fewIntegersNotice(_ classes: Int) -> String {
        "notice: the target holds only \(classes) distinct integers, read as numbers (regression); --task classification reads them as classes"
    }

    /// What one training loop needs, besides the backend.
    struct TrainingRun {
        var spec: ModelSpec
        var prepared: PreparedData
        var settings: TrainingSettings
        var progress: Trainer.Progress?
        /// The held-out rows whose loss is watched each epoch (`--validation`).
        var validation: TrainingData?
        var lossLog: LossLog
        /// Where to save progress, and every how many epochs.
        var checkpoint: CheckpointTarget?
    }

    /// What every report of a run does, on one process or on an MPI job's rank 0: the course's log
    /// lines (counted from the run's first batch, so a resumed run logs the same lines), the loss
    /// log, the progress bar, and at the end of an epoch a periodic checkpoint (one that fails, a
    /// full disk say, only warns: the model is still saved at the end).
    func record(_ report: Trainer.EpochReport, of run: TrainingRun, backend: TrainingBackend, printLines: Bool,
                progressBar: ProgressBar) throws {
        guard try recordLosses(report, settings: run.settings, trainRows: run.prepared.train.count, lossLog: run.lossLog,
                               printLines: printLines, progressBar: progressBar) else { return }
        let completed = report.epoch + 1
        let stopsHere = report.earlyStopping.map { state in run.settings.earlyStoppingPatience.map(state.isExhausted) ?? false } ?? false
        if let checkpoint = run.checkpoint, completed % checkpoint.every == 0 || completed == run.settings.epochs || stopsHere {
            let state = run.settings.updateRule.isPlainSGD ? nil : try backend.optimizerState()
            let progress = Trainer.Progress(completedEpochs: completed, parameters: try backend.parameters(), optimizerState: state,
                                            earlyStopping: report.earlyStopping)
            do {
                try saveCheckpoint(checkpoint, progress: progress, spec: run.spec, prepared: run.prepared, settings: run.settings, backend: backend)
            } catch {
                note("warning: \(error); training continues, and the model is saved at the end")
            }
        }
    }

    /// The part of ``record(_:of:backend:printLines:progressBar:)`` that every run shares, a file
    /// streamed a block at a time included: the log lines, the loss log and the progress bar.
    /// Returns whether `report` completes an epoch.
    func recordLosses(_ report: Trainer.EpochReport, settings: TrainingSettings, trainRows: Int, lossLog: LossLog, printLines: Bool,
                      progressBar: ProgressBar) throws -> Bool {
        let stepsPerEpoch = settings.stepsPerEpoch(rows: trainRows)
        for (index, loss) in report.losses.enumerated() {
            let iteration = report.firstIteration + index
            if printLines && (report.epoch * stepsPerEpoch + iteration) % logEvery == 0 {
                Swift.print(Trainer.logLine(epoch: report.epoch, iteration: iteration, loss: loss))
            }
        }
        try lossLog.record(report.losses, epoch: report.epoch, firstIteration: report.firstIteration)
        guard report.completesEpoch else { return false }
        if printLines, !settings.learningRateSchedule.isConstant {  // the course's output stays as it was
            Swift.print(OptimizerOptions.rateLine(epoch: report.epoch, rate: settings.learningRate(epoch: report.epoch)))
        }
        if let loss = report.validationLoss {
            if printLines { Swift.print(Self.validationLine(epoch: report.epoch, loss: loss)) }
            lossLog.recordValidation(loss, epoch: report.epoch)
        }
        progressBar.update(epoch: report.epoch + 1, loss: report.losses.last ?? .nan)
        return true
    }

    /// Runs the training loop on the chosen backend. With `--backend auto`, an OpenCL failure before
    /// the first epoch (a buffer too large, a kernel that will not build) falls back to the CPU.
    private func train(_ run: TrainingRun, backendOptions: BackendOptions) throws -> (TrainingResult, TrainingBackend) {
        let prepared = run.prepared
        let (result, backend) = try trainFallingBack(settings: run.settings, backendOptions: backendOptions) { backend, trainer, progressBar, started in
            let choice = try streamingChoice(run, backend: backend)
            trainer.shuffle = choice.shuffle
            if let plan = choice.stream {
                return try trainStreaming(run, trainer: trainer, backend: backend, plan: plan, printLines: printsLines,
                                          progressBar: progressBar, started: &started)
            }
            // The trainer prepares the backend, which checks the device's limits, before the first step.
            return try trainer.run(on: backend, spec: run.spec, train: prepared.train, validation: run.validation,
                                   normalization: prepared.normalization, resumingFrom: run.progress) { report in
                started = true
                try record(report, of: run, backend: backend, printLines: printsLines, progressBar: progressBar)
                return .continue
            }
        }
        if result.stopReason == .stopRequested {
            try interrupted(result.progress, of: run, backend: backend, saving: run.checkpoint != nil, resumeHint: "")
        }
        return (result, backend)
    }

    /// Whether the course's log lines are printed (else a progress bar, on a terminal).
    var printsLines: Bool { !quiet && logEvery > 0 }

    /// `attempt` on the backend the options ask for, under the one rule of falling back: with
    /// `--backend auto` (no `--device`), an OpenCL failure before the first report (`started`
    /// still false) retries on the CPU with a notice. `attempt` gets the backend, a trainer set up
    /// for this command (Ctrl-C stops it after the step in hand), and the progress bar.
    func trainFallingBack(settings: TrainingSettings, backendOptions: BackendOptions,
                          _ attempt: (TrainingBackend, inout Trainer, ProgressBar, inout Bool) throws -> TrainingResult) throws
        -> (TrainingResult, TrainingBackend) {
        var backend = try backendOptions.makeBackend(notice: note)
        note("Backend: \(backend.name) on \(backend.deviceDescription)")
        var trainer = Trainer(settings: settings)
        trainer.sliceSeconds = sliceSeconds
        trainer.shouldStop = { Interruption.isRequested }
        let progressBar = ProgressBar(total: settings.epochs, enabled: !printsLines)
        var started = false
        while true {
            do {
                let result = try attempt(backend, &trainer, progressBar, &started)
                progressBar.finish()
                return (result, backend)
            } catch let error as TrainingError {
                throw worded(error)
            } catch let error as DataError {
                throw InputError(worded(error))
            } catch where !started && backendOptions.mayFallBack && backend.canFallBack(from: error) {
                note("notice: \(worded(backendError: error)); training on the CPU reference instead")
                backend = CPUBackend()
                note("Backend: \(backend.name) on \(backend.deviceDescription)")
            } catch let error as OpenCLError {
                throw InputError(worded(error))
            }
        }
    }
}
