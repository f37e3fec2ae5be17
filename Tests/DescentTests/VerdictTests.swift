import Descent
import Testing

/// The verdict (issue 11 item 6) places the test score between the mean and the best linear fit,
/// and its advice is right for the run: following it improves the run.
@Suite struct VerdictTests {
    let data = try! PreparedData(BundledData.housing().regressionData(), trainFraction: 0.8)

    func summary(_ settings: TrainingSettings) throws -> (TrainingSummary, String) {
        let result = try Trainer(settings: settings).runLinear(on: CPUBackend(), train: data.train)
        let summary = TrainingSummary(model: result.linearModel, data: data)
        let facts = TrainingSummary.RunFacts(trainRows: data.train.count,
                                             stableLearningRate: StepSizeLimit.stableLearningRate(for: data.train, spec: result.spec))
        return (summary, summary.verdict(settings: settings, facts: facts) ?? "")
    }

    /// The value the advice gives for `flag`, if it gives one.
    func suggested(_ flag: String, in verdict: String) -> Double? {
        guard let range = verdict.range(of: "(\(flag) ") else { return nil }
        return Double(verdict[range.upperBound...].prefix { "0123456789.".contains($0) })
    }

    @Test func theCourseRunIsWorseThanTheMeanAndEachPieceOfAdviceImprovesIt() throws {
        let (course, verdict) = try summary(.course)
        #expect(verdict.hasPrefix("Worse than predicting the mean: test MSE 0.6666 against 0.0461"), "\(verdict)")
        #expect(verdict.contains("--optimizer adam --epochs auto"))
        let rate = try #require(suggested("--learning-rate", in: verdict), "\(verdict)")
        let epochs = try #require(suggested("--epochs", in: verdict))
        let batch = try #require(suggested("--batch-size", in: verdict))
        #expect(rate == 1 && epochs == 500 && batch == 25)
        for change in [{ (s: inout TrainingSettings) in s.learningRate = rate }, { $0.epochs = Int(epochs) }, { $0.batchSize = Int(batch) }] {
            var settings = TrainingSettings.course
            change(&settings)
            let (better, _) = try summary(settings)
            #expect(better.testMSE < course.testMSE / 3, "\(settings): \(better.testMSE)")
        }
        var followed = TrainingSettings.course
        followed.learningRate = rate
        let (good, placed) = try summary(followed)
        #expect(good.testMSE < 2 * good.optimumTestMSE)
        #expect(placed.contains("% of the way from the mean (0.0461) to the best linear fit (0.0162)"), "\(placed)")
    }

    /// Full-batch and tiny-batch runs: never a batch past the rows, never the batch already used.
    @Test(arguments: [1000, 404, 1])
    func theBatchAdviceFitsTheData(batch: Int) throws {
        var settings = TrainingSettings.course
        settings.batchSize = batch
        settings.epochs = 3
        let (_, verdict) = try summary(settings)
        let suggestion = suggested("--batch-size", in: verdict)
        if let suggestion { #expect(Int(suggestion) < min(batch, data.train.count)) }
        #expect(suggestion != Double(batch))
        #expect(batch != 1 || suggestion == nil)
    }

    /// A learning rate already near the stable limit gets no learning-rate advice.
    @Test func noLearningRateAdviceNearTheLimit() throws {
        var settings = TrainingSettings.course
        settings.learningRate = 1.5
        settings.epochs = 2
        let (_, verdict) = try summary(settings)
        #expect(!verdict.contains("--learning-rate"), "\(verdict)")
    }

    /// The limit: 2 / λmax of the rows' Gram matrix (the bias column's 1 here, the features being
    /// centred and smaller), halved for the exact gradient.
    @Test func theStableLearningRateIsTwoOverTheLargestEigenvalue() throws {
        let course = try #require(StepSizeLimit.stableLearningRate(for: data.train, spec: .linear(inputs: 13, gradient: .course)))
        let exact = try #require(StepSizeLimit.stableLearningRate(for: data.train, spec: .linear(inputs: 13, gradient: .exact)))
        #expect(abs(course - 2) < 1e-6 && abs(exact - 1) < 1e-6)
    }
}
