import ArgumentParser
import Descent
import Foundation

/// Checkpoints and `--resume`: a checkpoint records the settings, the backend, a fingerprint of
/// the training rows and how often to checkpoint, so that a resumed run continues the same run on
/// the same backend, checkpointing as before, and refuses other rows.
extension Train {
    /// Where to start from: the command line's settings, or a checkpoint's.
    struct Resumed {
        var settings: TrainingSettings
        var progress: Trainer.Progress?
        /// The command line's backend options, with the checkpoint's backend unless `--backend` was given.
        var backendOptions: BackendOptions
        /// The checkpoint's `--checkpoint-every`, if it recorded one.
        var checkpointEvery: Int?
        /// The checkpoint's model; nil for a new run (the command line's choice).
        var spec: ModelSpec?
    }

    /// `--checkpoint`, or for a resumed run the file it resumes, so that it goes on checkpointing.
    var checkpointPath: String? { checkpoint ?? resume }

    func resumeState() throws -> Resumed {
        guard let resume else { return Resumed(settings: settings, progress: nil, backendOptions: backendOptions) }
        let file = try ModelFile.read(from: resume)
        guard let checkpoint = file.checkpoint, let training = file.training else {
            throw InputError("\(resume): not a checkpoint (written by descent train --checkpoint); a finished model cannot be resumed")
        }
        if let state = checkpoint.earlyStopping, state.bestLoss != nil,
           state.bestParameters.count != file.parameters.count || !state.bestParameters.allSatisfy(\.isFinite) {
            throw InputError("\(resume): the checkpoint's early-stopping state holds \(state.bestParameters.count) parameters (or values that are not finite) for a model of \(file.parameters.count)")
        }
        var saved = training.settings
        if let epochs { saved.epochs = epochs.epochs }
        let progress = Trainer.Progress(completedEpochs: checkpoint.completedEpochs, completedSteps: checkpoint.completedSteps ?? 0,
                                        parameters: file.parameters, optimizerState: checkpoint.optimizerState, earlyStopping: checkpoint.earlyStopping)
        guard saved.epochs >= checkpoint.completedEpochs + (progress.completedSteps > 0 ? 1 : 0) else {
            throw InputError("--epochs \(saved.epochs) is out of range: the checkpoint has already completed \(describe(progress))")
        }
        var options = backendOptions
        if options.backend == nil, options.device == nil {
            options.backend = BackendKind(rawValue: training.backend)  // the same backend gives the same bits
        } else if case let asked = options.backend?.rawValue ?? "opencl", asked != training.backend {  // --device alone: OpenCL
            note("notice: the checkpoint was trained on \(training.backend); continuing with --backend \(asked) does not give the bits of an uninterrupted run")
        }
        return Resumed(settings: saved, progress: progress, backendOptions: options, checkpointEvery: checkpoint.every, spec: file.spec)
    }

    func checkSameData(_ path: String, prepared: PreparedData, progress: Trainer.Progress, settings: TrainingSettings) throws {
        let file = try ModelFile.read(from: path)
        guard file.normalization == prepared.normalization, file.training?.trainRows == prepared.train.count,
              (file.classNames ?? []) == prepared.train.classNames else {
            throw InputError("\(path): the checkpoint was trained on other data (\((file.training?.data ?? "unknown").terminalSafe.elided(to: 200))); resume with the same --data and --target")
        }
        if let saved = file.checkpoint?.trainRowsHash, saved != prepared.train.fingerprint {
            throw InputError("\(path): the training rows differ from the checkpoint's (other values, or the same rows in another order); resume with the same --data file, unchanged")
        }
        note("Resuming \(path) after \(describe(progress)) of \(settings.epochs) epochs")
    }

    /// Where and how often a run saves its progress.
    struct CheckpointTarget {
        var path: String
        var every: Int
        /// The training rows' ``RegressionData/fingerprint``, computed once.
        var trainRowsHash: String
    }

    func saveCheckpoint(_ checkpoint: CheckpointTarget, progress: Trainer.Progress, spec: ModelSpec, prepared: PreparedData,
                        settings: TrainingSettings, backend: TrainingBackend) throws {
        var file = modelFile(progress.parameters, spec: spec, prepared: prepared, settings: settings, backend: backend)
        file.checkpoint = ModelFile.Checkpoint(completedEpochs: progress.completedEpochs, completedSteps: progress.completedSteps,
                                               every: checkpoint.every, trainRowsHash: checkpoint.trainRowsHash,
                                               optimizerState: progress.optimizerState)
        file.checkpoint?.earlyStopping = progress.earlyStopping
        try file.write(to: checkpoint.path)
    }

    /// The command that resumes from `path`, as the user can run it: the data, target, backend and
    /// model path of this run (the checkpoint holds the rest).
    func resumeCommand(_ path: String, backend: TrainingBackend) -> String {
        var words = ["descent", "train", "--resume", path]
        if let data = dataOptions.data { words += ["--data", data] }
        if let target = dataOptions.target { words += ["--target", target] }
        words += tableFlags.words  // the same columns, fills and split (issue 12)
        words += ["--backend", backend.name]
        if let device = backendOptions.device, backend.name != "cpu" { words += ["--device", String(device)] }
        if let modelOut { words += ["--model-out", modelOut] }
        return words.map(shellQuoted).joined(separator: " ")
    }

    /// "3 epochs", or "3 epochs and 2 steps" for a run stopped mid-epoch.
    func describe(_ progress: Trainer.Progress) -> String {
        let epochs = "\(progress.completedEpochs) epoch\(progress.completedEpochs == 1 ? "" : "s")"
        guard progress.completedSteps > 0 else { return epochs }
        return epochs + " and \(progress.completedSteps) step\(progress.completedSteps == 1 ? "" : "s")"
    }

    func modelFile(_ parameters: [Double], spec: ModelSpec, prepared: PreparedData, settings: TrainingSettings, backend: TrainingBackend,
                   summary: TrainingSummary? = nil, classification: ClassificationSummary? = nil) -> ModelFile {
        var file = ModelFile(spec: spec, parameters: parameters, normalization: prepared.normalization, classNames: prepared.train.classNames,
                  targetUnit: spec.head.task == .regression ? dataOptions.targetUnit : .plain,
                  training: .init(data: dataOptions.sourceName, trainRows: prepared.train.count, testRows: prepared.test.count,
                                  settings: settings, backend: backend.name, device: backend.deviceDescription,
                                  summary: summary, classification: classification, createdAt: ISO8601DateFormatter().string(from: Date())))
        file.input = prepared.encoding
        return file
    }
}

/// `word` as a POSIX shell reads it back: as is when it is plain, else in single quotes.
func shellQuoted(_ word: String) -> String {
    let plain = !word.isEmpty && word.unicodeScalars.allSatisfy {
        CharacterSet.alphanumerics.contains($0) && $0.isASCII || "_-./:=@%+,".unicodeScalars.contains($0)
    }
    return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
