import Descent
import Testing

/// `run` returns a ``TrainingResult``: a stop from the callback or from `shouldStop` is a reason in
/// the result, not an error, and its progress resumes the run exactly.
@Suite struct TrainingResultTests {
    let data = try! PreparedData(BundledData.housing().regressionData(), trainFraction: 0.8)

    @Test func theCallbackStopsTheRunAndTheProgressResumesIt() throws {
        let whole = try Trainer(settings: .course).runLinear(on: CPUBackend(), train: data.train)
        #expect(whole.stopReason == nil && !whole.stoppedEarly && whole.progress.completedEpochs == 50)
        var epochs = [Int]()
        let stopped = try Trainer(settings: .course).runLinear(on: CPUBackend(), train: data.train) { report in
            epochs.append(report.epoch)
            return report.epoch == 3 ? .stop : .continue
        }
        #expect(epochs == [0, 1, 2, 3])
        #expect(stopped.stopReason == .callback && stopped.stoppedEarly)
        #expect(stopped.progress.completedEpochs == 4 && stopped.progress.completedSteps == 0)
        #expect(stopped.parameters == stopped.progress.parameters)
        let resumed = try Trainer(settings: .course).runLinear(on: CPUBackend(), train: data.train, resumingFrom: stopped.progress)
        #expect(resumed.parameters.map(\.bitPattern) == whole.parameters.map(\.bitPattern))
    }

    @Test func aStopOnTheLastEpochIsNoEarlyStop() throws {
        let result = try Trainer(settings: .course).runLinear(on: CPUBackend(), train: data.train) { _ in .stop }
        #expect(result.stopReason == .callback && result.progress.completedEpochs == 1)
        var settings = TrainingSettings.course
        settings.epochs = 1
        #expect(try Trainer(settings: settings).runLinear(on: CPUBackend(), train: data.train) { _ in .stop }.stopReason == nil)
    }

    @Test func aStopRequestIsAReasonNotAnError() throws {
        var trainer = Trainer(settings: .course)
        trainer.shouldStop = { true }
        let result = try trainer.runLinear(on: CPUBackend(), train: data.train)
        #expect(result.stopReason == .stopRequested)
        #expect(result.progress.completedEpochs == 0 && result.progress.completedSteps == 1)  // the first slice is one step
    }

    /// The result holds the model in the data's own units: normalisation and parameters together.
    @Test func theModelPredictsInTheDataUnits() throws {
        let result = try Trainer(settings: .course).runLinear(on: CPUBackend(), train: data.train, normalization: data.normalization)
        let model = try #require(result.model(targetUnit: BundledData.housingTargetUnit))
        let reference = ModelFile(model: result.linearModel, normalization: data.normalization, targetUnit: BundledData.housingTargetUnit, training: nil)
        let table = BundledData.housing()
        let row = Array(table.values.row(table.values.rows - 10).dropLast())
        #expect(try model.predict(rawFeatures: row) == (try reference.predict(rawFeatures: row)))
        let value = try model.predict(rawFeatures: row)
        #expect(value > 5 && value < 50)  // MEDV, thousands of dollars
        #expect(try Trainer(settings: .course).runLinear(on: CPUBackend(), train: data.train).model() == nil)
    }
}
