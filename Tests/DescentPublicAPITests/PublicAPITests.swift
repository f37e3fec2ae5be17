import Descent
import DescentOpenCL
import Foundation
import Testing

/// What a Swift developer does with Descent, through the public API only (no `@testable`; this
/// target is compiled under another package name, so `package` symbols are out of reach too):
/// a CSV file in, training stopped early from the callback, the model saved, loaded again and
/// asked for a prediction in the target's own units, on the CPU and on an OpenCL device.
@Suite struct PublicAPITests {
    /// Trains on `backend` until an epoch's mean loss is below 0.02 (or 300 epochs), saves and
    /// reloads the model, and returns the reloaded model's prediction for a test row with the actual value.
    func trainSaveLoadPredict(on backend: TrainingBackend) throws -> (predicted: Double, actual: Double, epochs: Int) {
        let directory = try TemporaryDirectory()
        defer { directory.cleanUp() }
        let table = try DelimitedFileReader.read(path: try directory.housingCSV())
        let data = try PreparedData(table.regressionData(target: "MEDV"), trainFraction: 0.8)
        var settings = TrainingSettings.course
        settings.epochs = 300
        let spec = ModelSpec.linear(inputs: data.train.features.columns)
        var epochs = 0
        let result = try Trainer(settings: settings).run(on: backend, spec: spec, train: data.train,
                                                         normalization: data.normalization) { report in
            epochs = report.epoch + 1
            return report.completesEpoch && report.losses.reduce(0, +) / Double(report.losses.count) < 0.02 ? .stop : .continue
        }
        #expect(result.stopReason == .callback)
        let file = try #require(result.model(targetUnit: BundledData.housingTargetUnit))
        let path = directory.path + "/model.json"
        try file.write(to: path)
        let saved = try ModelFile.read(from: path)
        #expect(saved.parameters == file.parameters)
        let row = table.values.row(table.values.rows - 10)
        #expect(throws: PredictionError.featureCount(expected: 13, got: 14)) { try saved.predict(rawFeatures: row) }
        return (try saved.predict(rawFeatures: row.dropLast()), row.last!, epochs)
    }

    @Test func csvToPredictionOnTheCPU() throws {
        let result = try trainSaveLoadPredict(on: CPUBackend())
        #expect(result.epochs < 300, "the callback stopped the run early")
        // MEDV is in $1000s: the row's actual value is 20.6; the linear model lands within a few thousand.
        #expect(abs(result.predicted - result.actual) < 10, "predicted \(result.predicted), actual \(result.actual)")
    }

    @Test func csvToPredictionOnAnOpenCLDevice() throws {
        let devices = (try? OpenCLDevice.all()) ?? []
        guard let device = devices.first else {
            #expect(!openCLRequired, "DESCENT_REQUIRE_OPENCL=1 but no OpenCL device was found")
            return
        }
        let result = try trainSaveLoadPredict(on: try OpenCLBackend(device: device))
        #expect(result.epochs < 300, "the callback stopped the run early")
        #expect(abs(result.predicted - result.actual) < 10, "predicted \(result.predicted), actual \(result.actual)")
    }
}
