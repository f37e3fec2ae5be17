import ArgumentParser
import Descent

/// The end of `descent train`: the summary printed, added to the saved model, and returned for `--json`.
extension Train {
    /// Computes and prints the summary, and adds it to the saved model; a signal meanwhile stops the
    /// least-squares fit, leaving the model saved without its summary.
    /// `prepared` holds all the training rows (with `--validation`, `gradientRows` of them trained).
    func summarize(_ result: TrainingResult, prepared: PreparedData, settings: TrainingSettings,
                           backend: TrainingBackend, gradientRows: Int) throws -> RunReport {
        let parameters = result.parameters, spec = result.spec
        var report = startReport(result, target: prepared.train.targetName, rows: .init(train: gradientRows, test: prepared.test.count),
                                 settings: settings, backend: backend)
        if spec.head.task == .classification {
            let summary = ModelSummaries.classification(parameters, spec: spec, data: prepared)
            try modelFile(parameters, spec: spec, prepared: prepared, settings: settings, backend: backend, classification: summary).write(to: modelPath)
            ClassificationReport(summary: summary).print()
            report.classification = summary
            return report
        }
        let summary = Interruption.isRequested ? nil
            : ModelSummaries.regression(parameters, spec: spec, data: prepared, ridge: settings.ridge, shouldStop: { Interruption.isRequested })
        try finishRegression(summary, stableLearningRate: StepSizeLimit.stableLearningRate(for: prepared.train, spec: spec), result: result,
                             settings: settings, gradientRows: gradientRows, report: &report) { summary in
            modelFile(parameters, spec: spec, prepared: prepared, settings: settings, backend: backend, summary: summary)
        }
        return report
    }

    /// The report's frame, and a note when the run stopped early.
    func startReport(_ result: TrainingResult, target: String, rows: RunReport.Rows, settings: TrainingSettings,
                     backend: TrainingBackend) -> RunReport {
        if case let .earlyStopping(best, loss)? = result.stopReason {
            note("Early stopping after epoch \(result.progress.completedEpochs - 1): the validation loss last improved in epoch \(best) "
                 + "(\(readable(loss, digits: 4))); the model keeps that epoch's parameters")
        } else if let reason = result.stopReason {
            note("Stopped early: \(reason)")
        }
        return RunReport(data: dataOptions.sourceName, target: target, model: result.spec, modelPath: modelPath, rows: rows, settings: settings,
                         backend: backend.name, device: backend.deviceDescription, stop: .init(result),
                         timings: .init(trainingSeconds: 0, summarySeconds: 0, totalSeconds: 0), peakResidentBytes: 0)
    }

    /// A regression run's end: the model saved again with its summary (`summary` nil: the
    /// least-squares fit was interrupted, and the model stays saved without it), the summary and
    /// verdict printed, and both added to `report`.
    func finishRegression(_ summary: TrainingSummary?, stableLearningRate: Double?, result: TrainingResult, settings: TrainingSettings,
                          gradientRows: Int, report: inout RunReport, modelFile: (TrainingSummary) -> ModelFile) throws {
        guard let summary else {
            note("Interrupted after the last epoch (\(Interruption.signalName)): the model was saved to \(modelPath), without its summary")
            throw ExitCode(Interruption.exitStatus)
        }
        try modelFile(summary).write(to: modelPath)
        let facts = TrainingSummary.RunFacts(trainRows: gradientRows, stableLearningRate: stableLearningRate, stopReason: result.stopReason)
        let printed = TrainingReport(summary: summary, unit: dataOptions.targetUnit, settings: settings, spec: result.spec, facts: facts)
        printed.print()
        report.regression = summary
        report.fractionOfWayToOptimum = summary.fractionOfWayToOptimum.flatMap { $0.isFinite ? $0 : nil }
        report.stableLearningRate = facts.stableLearningRate
        report.verdict = printed.verdict
    }

    /// The line printed after an epoch's log lines with `--validation`, aligned with the course's.
    static func validationLine(epoch: Int, loss: Double) -> String {
        "Epoch \(String(epoch).leftPadded(3)) validation loss = \(fixed(loss, digits: 4))"
    }
}
