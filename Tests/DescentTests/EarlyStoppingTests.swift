import Descent
import Testing

/// Validation split and early stopping (issue 11 item 4): the validation loss is reported after
/// every epoch, the run stops when it has not improved for `patience` epochs and keeps the best
/// epoch's parameters, and a run resumed from its progress stops at the same epoch.
@Suite struct EarlyStoppingTests {
    let split = try! PreparedData(BundledData.housing().regressionData(), trainFraction: 0.8).train.holdingOut(validationFraction: 0.2)

    var settings: TrainingSettings {
        var settings = TrainingSettings.course
        settings.learningRate = 1
        settings.epochs = 2000
        settings.validationFraction = 0.2
        settings.earlyStoppingPatience = 5
        return settings
    }

    struct Run {
        var result: TrainingResult
        var validationLosses: [Int: Double]
    }

    func run(_ settings: TrainingSettings, from progress: Trainer.Progress? = nil, stopAfter epoch: Int? = nil) throws -> Run {
        var losses = [Int: Double]()
        let result = try Trainer(settings: settings).runLinear(on: CPUBackend(), train: split.train, validation: split.validation,
                                                              resumingFrom: progress) { report in
            if let loss = report.validationLoss { losses[report.epoch] = loss }
            #expect((report.validationLoss != nil) == report.completesEpoch)
            return report.epoch == epoch ? .stop : .continue
        }
        return Run(result: result, validationLosses: losses)
    }

    /// A fifth of the training rows, spread evenly (about every fifth row), the rest in file order.
    @Test func heldOutRowsAreSpreadEvenlyThroughTheTrainingPart() throws {
        let train = try PreparedData(BundledData.housing().regressionData(), trainFraction: 0.8).train
        #expect(split.train.count == 404 - 80 && split.validation.count == 80)
        let held = (0..<404).filter { ($0 + 1) * 80 / 404 > $0 * 80 / 404 }
        #expect(held.count == 80 && held.first! < 6 && held.last! > 398 && zip(held, held.dropFirst()).allSatisfy { $1 - $0 <= 6 })
        #expect(split.validation.targets == held.map { train.targets[$0] })
        #expect(split.train.targets == (0..<404).filter { !held.contains($0) }.map { train.targets[$0] })
        #expect(split.validation.features.row(0).elementsEqual(train.features.row(held[0])))
        #expect(throws: ValidationSplitError.self) { try train.holdingOut(validationFraction: 0.001) }
    }

    @Test func itStopsAfterThePatienceAndKeepsTheBestEpoch() throws {
        let run = try run(settings)
        guard case let .earlyStopping(best, loss)? = run.result.stopReason else { Issue.record("no early stop: \(String(describing: run.result.stopReason))"); return }
        let last = run.result.progress.completedEpochs - 1
        #expect(last == best + 5 && last < 1999)
        #expect(run.validationLosses.count == last + 1)
        #expect(loss == run.validationLosses.values.min() && loss == run.validationLosses[best])
        let kept = Trainer.meanLoss(run.result.parameters, spec: run.result.spec, on: split.validation)
        #expect(kept == loss)
        #expect(run.result.parameters != run.result.progress.parameters)  // the best epoch's, not the last one's
    }

    /// An improvement must beat the best by more than the minimum delta: with one larger than any
    /// loss, only the first epoch counts, and the run stops after 1 + patience epochs.
    @Test func minDeltaCountsOnlyLargerImprovements() throws {
        var strict = settings
        strict.minDelta = 10
        let run = try run(strict)
        #expect(run.result.progress.completedEpochs == 6)
        #expect(run.result.stopReason == .earlyStopping(bestEpoch: 0, validationLoss: run.validationLosses[0]!))
    }

    /// Stopped at epoch 10 (its progress holds early stopping's state) and resumed: the same stop, bit for bit.
    @Test func aResumedRunStopsAtTheSameEpoch() throws {
        let whole = try run(settings)
        let first = try run(settings, stopAfter: 10)
        #expect(first.result.stopReason == .callback && first.result.progress.earlyStopping?.bestLoss != nil)
        let rest = try run(settings, from: first.result.progress)
        #expect(rest.result.stopReason == whole.result.stopReason)
        #expect(rest.result.progress.completedEpochs == whole.result.progress.completedEpochs)
        #expect(rest.result.parameters.map(\.bitPattern) == whole.result.parameters.map(\.bitPattern))
        // A run resumed from the progress it stopped at stops again at once, with the same parameters.
        let again = try run(settings, from: whole.result.progress)
        #expect(again.validationLosses.isEmpty && again.result.parameters == whole.result.parameters)
    }

    @Test func withoutPatienceTheValidationLossIsOnlyWatched() throws {
        var watching = settings
        watching.earlyStoppingPatience = nil
        watching.epochs = 20
        let run = try run(watching)
        #expect(run.result.stopReason == nil && run.validationLosses.count == 20)
        var invalid = settings
        invalid.validationFraction = nil
        #expect(throws: SettingsError.earlyStoppingWithoutValidation) { try invalid.validate() }
        #expect(throws: SettingsError.earlyStoppingWithoutValidation) {  // patience without rows to watch
            try Trainer(settings: settings).runLinear(on: CPUBackend(), train: split.train)
        }
    }
}
