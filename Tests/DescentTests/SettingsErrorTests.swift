import Testing
import Descent

/// A settings error carries values, not words: which setting (an enum), the value given and the
/// valid range, which excludes that value; its description reads as before.
@Suite struct SettingsErrorTests {
    static func settings(_ change: (inout TrainingSettings) -> Void) -> TrainingSettings {
        var settings = TrainingSettings.course
        change(&settings)
        return settings
    }

    static let cases: [(TrainingSettings, SettingsError.Setting, Double, String)] = [
        (settings { $0.epochs = 0 }, .epochs, 0, "epochs 0 is out of range: expected an integer ≥ 1"),
        (settings { $0.batchSize = 0 }, .batchSize, 0, "batch size 0 is out of range: expected an integer from 1 to 2147483647"),
        (settings { $0.seed = 1 << 40 }, .seed, 1_099_511_627_776,
         "seed 1099511627776 is out of range: expected an integer from 0 to 4294967295 with numpy's generator (as numpy's RandomState)"),
        (settings { $0.learningRate = -0.5 }, .learningRate, -0.5, "learning rate -0.5 is out of range: expected a finite number > 0"),
        (settings { $0.trainFraction = 1 }, .trainFraction, 1, "train fraction 1.0 is out of range: expected a number strictly between 0 and 1"),
    ]

    @Test(arguments: 0..<cases.count)
    func errorCarriesSettingValueAndRange(index: Int) {
        let (settings, setting, value, words) = Self.cases[index]
        do {
            try settings.validate()
            Issue.record("\(setting) \(value) was accepted")
        } catch {
            #expect(error.setting == setting)
            #expect(error.number == value)
            #expect(!error.range.contains(value), "the range \(error.range) holds the refused value")
            #expect(error.description == words)
        }
    }

    @Test func rangesHoldTheDefaults() {
        let course = TrainingSettings.course
        #expect(SettingsError.epochs(0).range.contains(Double(course.epochs)))
        #expect(SettingsError.batchSize(0).range.contains(Double(course.batchSize)))
        #expect(SettingsError.learningRate(0).range.contains(course.learningRate))
        #expect(SettingsError.trainFraction(0).range.contains(course.trainFraction))
        #expect(!SettingsError.learningRate(0).range.contains(.infinity))
        #expect(!SettingsError.epochs(0).range.contains(1.5))
    }
}
