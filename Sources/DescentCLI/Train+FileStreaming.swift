import ArgumentParser
import Descent
import DescentOpenCL
import Foundation

/// `descent train` on a `.descent` cache or an `.npy` array read a piece at a time (issue 14):
/// data larger than memory trains, and data larger than the device is never loaded whole on the
/// host just to be streamed to it. The course's split and scaling, every model and task; the
/// statistics come from one pass over the training rows, the summary from passes a block at a time.
extension Train {
    /// The binary `--data` file to train on a piece at a time, or nil to load the data whole:
    /// `--stream`, or (with a notice) a file whose rows do not fit in memory or on the device
    /// when nothing asked of the run needs them loaded.
    func streamedFile() throws -> RowFile? {
        let path = dataOptions.data.flatMap { $0 == "-" ? nil : $0 }
        let binary = path.map(RowFile.isBinary) ?? false
        let conflicts = fileStreamingConflicts()
        if streamingOptions.stream {
            if !binary, let path {
                // A missing, unreadable or special file: its own problem, not "neither" (and "convert it").
                do { _ = try RowFile(path: path) } catch .notStreamable { } catch { throw InputError(worded(error)) }
            }
            guard binary, let path else {
                throw InputError("--stream reads a .descent cache or an .npy array a piece at a time, and \(dataOptions.sourceName) is neither: "
                                 + "convert it first (descent convert FILE --output FILE.descent)")
            }
            if let flag = conflicts.first { throw InputError("--stream cannot be combined with \(flag) yet: \(Self.fileStreamingLimits)") }
            return try RowFile(path: path)
        }
        guard binary, let path, conflicts.isEmpty else { return nil }
        let file = try RowFile(path: path)
        let limit = MemoryLimit.current
        let needed = try Self.loadingBytes(file)
        if needed.map({ $0 > limit.bytes }) ?? true {
            note("notice: \(dataOptions.sourceName): loading its \(file.rows) rows takes about "
                 + (needed.map(Self.mebibytes) ?? "more bytes than 64 bits can count")
                 + " and \(Self.mebibytes(limit.bytes)) are available: training on it a piece at a time, read from the file")
            return file
        }
        guard backendOptions.kind != .cpu, let device = try? DeviceMemoryCap.applied(to: backendOptions.chosenDevice()) else { return nil }
        let trainRows = Int(settings.trainFraction * Double(file.rows))
        guard file.columns >= 2, !OpenCLBackend.fitsResident(rows: trainRows, features: file.columns - 1, device: device) else { return nil }
        let deviceBytes = OpenCLBackend.residentBytes(rows: trainRows, features: file.columns - 1)
        note("notice: \(dataOptions.sourceName): its \(trainRows) training rows need \(Self.mebibytes(deviceBytes)) on \(device.name), "
             + "which has \(Self.mebibytes(device.globalMemoryBytes)): training on them a piece at a time, read from the file (never loaded whole)")
        return file
    }

    /// The memory loading `file` whole would take, in the precision loading holds it (the float64
    /// figure, 5/3 of it, streamed files that would load).
    static func loadingBytes(_ file: RowFile, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> UInt64? {
        DelimitedFileReader.loadBytes(fileBytes: 0, lines: file.rows, fields: file.columns, precision: try loadingPrecision(file, environment: environment))
    }

    /// The precision loading `file` holds its rows in: float32 past ``DataOptions/float32FileBytes(environment:)``.
    static func loadingPrecision(_ file: RowFile, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Matrix.Precision {
        UInt64(file.fileBytes) > (try DataOptions.float32FileBytes(environment: environment)) ? .float32 : .float64
    }

    /// `bytes` in MiB, to a tenth below 10 MiB (where whole MiB would read "needs 1 MiB, has 1 MiB").
    static func mebibytes(_ bytes: UInt64) -> String {
        let value = Double(bytes) / 1_048_576
        return value < 10 ? String(format: "%.1f MiB", value) : "\(bytes / 1_048_576) MiB"
    }

    static let fileStreamingLimits = "a file read a piece at a time trains on the course's split (--split, --target, --normalize)"

    /// The flags given that training from a file a piece at a time does not serve (yet).
    func fileStreamingConflicts() -> [String] {
        let table = tableFlags.words.filter { $0.hasPrefix("--") && $0 != "--normalize" }
        let run = [resume.map { _ in "--resume" }, checkpoint.map { _ in "--checkpoint" }, epochs?.isAuto == true ? "--epochs auto" : nil,
                   streamingOptions.shuffle == .rows ? "--shuffle rows" : nil, Distributed.current.map { _ in "an MPI job" }]
        return table + stoppingOptions.given + run.compactMap { $0 }
    }

    /// Trains on `file` a piece at a time, saves the model and prints the summary, as ``train()`` does for loaded data.
    func trainFromFile(_ file: RowFile, started: ContinuousClock.Instant) throws {
        let settings = settings, choice = modelOptions.choice(gradient: settings.gradient)
        let rows: FileTrainingRows
        // Pieces held as loading the file would hold its rows: float32 past the loader's size.
        let precision = try Self.loadingPrecision(file)
        do {
            rows = try FileTrainingRows(file: file, target: dataOptions.target, trainFraction: settings.trainFraction, method: tableFlags.normalize,
                                        precision: precision, task: choice.impliedTask)
        } catch {
            throw InputError(worded(error))
        }
        let spec: ModelSpec
        let shape = try rows.gather(rows: [])  // no rows (so nothing to throw): the columns and classes the spec follows
        do { spec = try choice.spec(for: shape) } catch { throw worded(error) }
        note("Training a \(spec.words) model on \(dataOptions.sourceName), read a piece at a time: \(rows.count) train rows, \(rows.testRows) test rows, "
             + "\(rows.featureCount) features, target \(rows.targetName.terminalSafe.elided(to: 40))"
             + (spec.head.task == .classification ? " (classes \(elidedList(rows.classNames)))" : ""))
        if spec.kind == .mlp, spec.head.task == .regression, modelOptions.task == nil {
            let classes: Int?
            do { classes = try rows.fewIntegerTargetValues() } catch { throw InputError(worded(error)) }
            if let classes { note(Self.fewIntegersNotice(classes)) }
        }
        if settings.batchSize > rows.count {
            note("notice: --batch-size \(settings.batchSize) is larger than the \(rows.count) training rows: each epoch is one step on all of them (full-batch gradient descent)")
        }
        Interruption.install()
        let lossLog = try LossLog(plot: plot, csv: lossCSV, batchesPerEpoch: settings.stepsPerEpoch(rows: rows.count), firstIteration: 0)
        defer { lossLog.discard() }
        let trainingStart = ContinuousClock.now
        let (result, backend) = try trainPieces(rows, spec: spec, settings: settings, lossLog: lossLog)
        let trainingSeconds = seconds(since: trainingStart)
        func modelFile(_ summary: TrainingSummary?, classification: ClassificationSummary? = nil) -> ModelFile {
            var file = ModelFile(spec: spec, parameters: result.parameters, normalization: rows.normalization, classNames: rows.classNames,
                                 targetUnit: spec.head.task == .regression ? dataOptions.targetUnit : .plain,
                                 training: .init(data: dataOptions.sourceName, trainRows: rows.count, testRows: rows.testRows, settings: settings,
                                                 backend: backend.name, device: backend.deviceDescription, summary: summary,
                                                 classification: classification, createdAt: ISO8601DateFormatter().string(from: Date())))
            file.input = rows.encoding
            return file
        }
        try modelFile(nil).write(to: modelPath)
        note("Model saved to \(modelPath) (descent predict --model \(modelPath))")
        try lossLog.finish(title: "Training loss: \(dataOptions.sourceName), \(backend.name)", lossName: spec.head.lossName)
        let summaryStart = ContinuousClock.now
        var report = startReport(result, target: rows.targetName, rows: .init(train: rows.count, test: rows.testRows), settings: settings, backend: backend)
        if spec.head.task == .classification {
            let summary = Interruption.isRequested ? nil
                : try ModelSummaries.classification(result.parameters, spec: spec, rows: rows, shouldStop: { Interruption.isRequested })
            guard let summary else {
                note("Interrupted after the last epoch (\(Interruption.signalName)): the model was saved to \(modelPath), without its summary")
                throw ExitCode(Interruption.exitStatus)
            }
            try modelFile(nil, classification: summary).write(to: modelPath)
            ClassificationReport(summary: summary).print()
            report.classification = summary
        } else {
            let summary = Interruption.isRequested ? nil
                : try ModelSummaries.regression(result.parameters, spec: spec, rows: rows, ridge: settings.ridge, shouldStop: { Interruption.isRequested })
            try finishRegression(summary?.summary, stableLearningRate: summary?.stableLearningRate, result: result, settings: settings,
                                 gradientRows: rows.count, report: &report) { modelFile($0) }
        }
        if let json {
            report.timings = .init(trainingSeconds: trainingSeconds, summarySeconds: seconds(since: summaryStart), totalSeconds: seconds(since: started))
            report.peakResidentBytes = RunReport.peakResidentBytes
            try report.write(to: json)
            note("Summary written to \(json)")
        }
    }

    /// The streaming loop on the chosen backend, falling back to the CPU as ``train(_:backendOptions:)`` does.
    private func trainPieces(_ rows: FileTrainingRows, spec: ModelSpec, settings: TrainingSettings,
                             lossLog: LossLog) throws -> (TrainingResult, TrainingBackend) {
        let (result, backend) = try trainFallingBack(settings: settings, backendOptions: backendOptions) { backend, trainer, progressBar, started in
            try trainer.runStreaming(on: backend, spec: spec, train: rows, plan: try filePiecePlan(rows, backend: backend),
                                     normalization: rows.normalization) { report in
                started = true
                _ = try recordLosses(report, settings: settings, trainRows: rows.count, lossLog: lossLog, printLines: printsLines, progressBar: progressBar)
            }
        }
        if result.stopReason == .stopRequested {
            note("Interrupted after \(describe(result.progress)) of a \(settings.epochs)-epoch run (\(Interruption.signalName)); nothing saved")
            throw ExitCode(Interruption.exitStatus)
        }
        return (result, backend)
    }

    /// The chunk shuffle the pieces follow: `--chunk-rows` and `--shuffle-buffer`, sized to the
    /// device when they are not given (two pieces in half its memory), with a notice.
    private func filePiecePlan(_ rows: FileTrainingRows, backend: TrainingBackend) throws -> ChunkPlan {
        let device = (backend as? OpenCLBackend)?.context.device, batch = settings.batchSize
        let plan: ChunkPlan
        do throws(SettingsError) {
            if let device { plan = try streamingOptions.streamingPlan(features: rows.featureCount, device: device, batchSize: batch) }
            else { plan = try streamingOptions.chunkPlan(batchSize: batch) }
        } catch {
            throw ValidationError(worded(error))
        }
        let piece = try device.map { device in
            let what = "\(dataOptions.sourceName): its \(rows.count) training rows are read from the file a piece at a time for \(device.name), "
                + "which has \(Self.mebibytes(device.globalMemoryBytes))"
            return try Self.checkPieceFits(rows: rows.count, features: rows.featureCount, batchSize: batch, plan: plan, device: device, what: what)
        } ?? min(Trainer.pieceRows(batchSize: batch, plan: plan), rows.count)
        note("notice: pieces of \(piece) rows (--shuffle chunks: chunks of \(plan.rowsPerChunk) rows, \(plan.bufferChunks) per shuffle buffer)")
        return plan
    }
}
