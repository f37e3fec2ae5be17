import Testing
@testable import Descent

/// The course's run, reproduced against the numpy script's own output.
@Suite struct CourseReproductionTests {
    let fixture: CourseFixture
    let data: PreparedData

    init() throws {
        fixture = try CourseFixture.load()
        data = try PreparedData(BundledData.housing().regressionData(), trainFraction: 0.8)
    }

    @Test func trainingReproducesCourseLogWithNumpySeed0() throws {
        var lines = [String]()
        let model = try Trainer(settings: .course).runLinear(on: CPUBackend(), train: data.train) { report in
            for (iteration, loss) in report.losses.enumerated() {
                lines.append(Trainer.logLine(epoch: report.epoch, iteration: iteration, loss: loss))
            }
            return .continue
        }.linearModel
        let expected = try CourseFixture.logLines()
        #expect(expected.count == 250)
        #expect(lines.count == expected.count)
        for (index, (line, want)) in zip(lines, expected).enumerated() where line != want {
            Issue.record("line \(index + 1): got '\(line)', numpy printed '\(want)'")
        }
        // float64 on both sides; only summation order differs (numpy's BLAS dot against a plain loop).
        #expect(close(model.weights, fixture.finalWeights, tolerance: 1e-12))
        #expect(abs(model.bias - fixture.finalBias) <= 1e-12)
    }

    @Test func initialWeightsAreNumpysRandnWithSeed0() {
        var random = TrainingRandom(kind: .numpy, seed: 0)
        let model = LinearModel(features: 13, random: &random)
        #expect(model.weights == fixture.initialWeights)  // same arithmetic, bit for bit
        #expect(model.bias == 0)
    }

    @Test func splitAndNormalisationMatchNumpy() {
        #expect(data.train.count == fixture.trainRows)
        #expect(data.test.count == fixture.testRows)
        let statistics = data.normalization.features + [data.normalization.target]
        // The same sums in the same order: only the last bit may differ, if at all.
        #expect(close(statistics.map(\.mean), fixture.averages, tolerance: 1e-14))
        #expect(statistics.map(\.maximum) == fixture.maximums)
        #expect(statistics.map(\.minimum) == fixture.minimums)
        let firstTest = Array(data.test.features.row(0)) + [data.test.targets[0]]
        #expect(close(firstTest, fixture.firstTestRowNormalised, tolerance: 1e-14))
    }

    @Test func leastSquaresOptimumMatchesNumpyLstsq() {
        let optimum = LeastSquares.solve(data.train)
        // Two different backward-stable solvers on a well-conditioned 404×14 system.
        #expect(close(optimum.weights, fixture.optimumWeights, tolerance: 1e-9))
        #expect(abs(optimum.bias - fixture.optimumBias) <= 1e-9)
        #expect(abs(meanSquaredError(optimum, on: data.test) - fixture.optimumTestMSE) <= 1e-12)
    }

    @Test func summaryReportsTheCourseRunFarFromTheOptimum() throws {
        let model = try Trainer(settings: .course).runLinear(on: CPUBackend(), train: data.train).linearModel
        let summary = TrainingSummary(model: model, data: data)
        #expect(abs(summary.testMSE - fixture.testMSE) <= 1e-12)
        #expect(summary.ratioToOptimum > 30 && summary.ratioToOptimum < 50)
        #expect(summary.verdict(settings: .course) != nil)
    }

    @Test func predictionForTheCourseExampleMatchesNumpyInDollars() throws {
        let model = try Trainer(settings: .course).runLinear(on: CPUBackend(), train: data.train).linearModel
        let file = ModelFile(model: model, normalization: data.normalization,
                             targetUnit: BundledData.housingTargetUnit, training: nil)
        let table = BundledData.housing()
        let row = table.values.row(table.values.rows - fixture.exampleRowFromEnd)
        let dollars = try file.predict(rawFeatures: row.dropLast()) * 1000
        #expect(abs(dollars - fixture.examplePredictionDollars) <= 1e-6)
        #expect(row.last! * 1000 == fixture.exampleLabelDollars)
    }
}

