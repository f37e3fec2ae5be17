import ArgumentParser
import Descent

extension Train {
    /// A run that a signal stopped (``StopReason/stopRequested``): saves the checkpoint when
    /// `saving`, says how to resume, and exits with the signal's status (the model is not saved:
    /// the checkpoint is the run).
    func interrupted(_ progress: Trainer.Progress, of run: TrainingRun, backend: TrainingBackend, saving: Bool, resumeHint: String) throws -> Never {
        if saving, let checkpoint = run.checkpoint {
            try saveCheckpoint(checkpoint, progress: progress, spec: run.spec, prepared: run.prepared, settings: run.settings, backend: backend)
        }
        note("Interrupted after \(describe(progress)) of a \(run.settings.epochs)-epoch run (\(Interruption.signalName)); "
             + (run.checkpoint.map { "progress saved to \($0.path) (\(resumeHint)\(resumeCommand($0.path, backend: backend)))" }
                ?? "nothing saved (--checkpoint FILE keeps progress)"))
        throw ExitCode(Interruption.exitStatus)
    }
}
