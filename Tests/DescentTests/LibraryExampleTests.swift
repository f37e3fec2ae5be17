import Foundation
import Testing
import Descent

/// The README's library example, compiled and run as written.
@Suite struct LibraryExampleTests {
    @Test func readmeExampleRuns() throws {
        let path = NSTemporaryDirectory() + "readme-\(UUID().uuidString).model.json"
        // --- README example begins
        let table = BundledData.housing()                       // or DelimitedFileReader.read(path:)
        let data = try PreparedData(table.regressionData(), trainFraction: 0.8)
        var settings = TrainingSettings.course                  // 50 epochs, batch 100, η = 0.1, numpy seed 0
        settings.epochs = 500
        let result = try Trainer(settings: settings).runLinear(on: CPUBackend(), train: data.train,
                                                               normalization: data.normalization) { epoch in
            if epoch.epoch % 100 == 0 { print("epoch \(epoch.epoch): loss \(epoch.losses[0])") }
            return epoch.losses[0] < 1e-9 ? .stop : .continue     // the callback may end the run early
        }
        let summary = TrainingSummary(model: result.linearModel, data: data)
        print("test MSE \(summary.testMSE), optimum \(summary.optimumTestMSE), stopped early: \(result.stoppedEarly)")

        let file = result.model(targetUnit: BundledData.housingTargetUnit)!   // normalisation and parameters together
        try file.write(to: path)
        let saved = try ModelFile.read(from: path)
        let row = table.values.row(table.values.rows - 10).dropLast()   // the course's example
        print(saved.targetUnit.format(try saved.predict(rawFeatures: row)))
        // --- README example ends
        #expect(summary.ratioToOptimum < 2)
    }
}
