import ArgumentParser
import Descent
import DescentOpenCL
import Foundation

/// `descent train` as one rank of an MPI job (issue 13): ``DistributedTrainer`` on this rank's
/// backend; rank 0 alone logs, plots, checkpoints and (in `Train.train`) writes the model.
extension Train {
    func trainDistributed(_ run: TrainingRun, backendOptions: BackendOptions, context: DistributedContext) throws -> (TrainingResult, TrainingBackend) {
        let prepared = run.prepared, settings = run.settings, speaks = context.communicator.rank == 0
        guard run.validation == nil else { throw ValidationError("--validation, --early-stopping and --epochs auto do not run with --distributed yet") }
        let backend = try makeRankBackend(backendOptions, localRank: context.localRank)
        var trainer = DistributedTrainer(settings: settings, communicator: context.communicator)
        trainer.shouldStop = { Interruption.isRequested }
        trainer.describe = { error in
            if let error = error as? TrainingError { return worded(error).description }
            return worded(backendError: error)
        }
        let size = context.communicator.size
        note("Backend: \(backend.name) on \(backend.deviceDescription), on each of \(size) rank\(size == 1 ? "" : "s") (MPI); each batch in \(trainer.reductionChunks) chunks, added in chunk order")
        let printLines = speaks && !quiet && logEvery > 0
        let progressBar = ProgressBar(total: settings.epochs, enabled: speaks && !printLines)
        do {
            let result = try trainer.run(on: backend, spec: run.spec, train: prepared.train, resumingFrom: run.progress,
                                         signature: "epochs \(settings.epochs)") { report in
                guard speaks else { return }
                try record(report, of: run, backend: backend, printLines: printLines, progressBar: progressBar)
            }
            progressBar.finish()
            if result.stopReason == .stopRequested {
                // Every rank stopped after the same step; rank 0 saves it, for a run of any rank count to resume.
                try interrupted(result.progress, of: run, backend: backend, saving: speaks && run.checkpoint != nil,
                                resumeHint: "resume with mpirun and any rank count: ")
            }
            return (result, backend)
        } catch let error as TrainingError {
            // Worded on every rank, never a silent exit: `DistributedOptions.run`'s agreement names
            // the lowest failing rank (and any others) in rank 0's one message.
            throw worded(error)
        }
    }

    /// This rank's backend: the CPU; `--device n` for every rank; or else the device at this rank's
    /// local rank modulo the machine's GPUs (all devices when it has none), so ranks on one machine
    /// spread over its devices. With `auto`, a rank without a usable device trains on the CPU, and
    /// the ranks' check of their setups then stops the job (ranks must compute alike).
    func makeRankBackend(_ options: BackendOptions, localRank: Int) throws -> TrainingBackend {
        if options.kind == .cpu || options.device != nil { return try options.makeBackend(notice: note) }
        do {
            let devices = try OpenCLDevice.all(notice: note)
            let gpus = devices.filter(\.isGPU), candidates = gpus.isEmpty ? devices : gpus
            guard !candidates.isEmpty else { throw NoDeviceError() }
            return try OpenCLBackend(device: candidates[localRank % candidates.count])
        } catch {
            guard options.mayFallBack else { throw error }
            note("notice: \(error); training on the CPU reference instead")
            return CPUBackend()
        }
    }
}
