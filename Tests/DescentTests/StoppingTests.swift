import Descent
import Testing

/// A run stopped between steps (as Ctrl-C stops one) and resumed from its progress is the run that
/// never stopped: the same losses and the same parameters, bit for bit.
@Suite struct StoppingTests {
    /// The course's run: 404 training rows, batches of 100, so 5 steps per epoch (the last of 4 rows).
    let data = try! PreparedData(BundledData.housing().regressionData(), trainFraction: 0.8).train

    struct Run {
        var losses: [Double] = []
        /// (epoch, iteration) of every loss, as the reports numbered them.
        var iterations: [[Int]] = []
        var result: TrainingResult?
    }

    func run(_ trainer: Trainer, from progress: Trainer.Progress? = nil) throws -> Run {
        var run = Run()
        run.result = try trainer.runLinear(on: CPUBackend(), train: data, resumingFrom: progress) { report in
            run.losses += report.losses
            run.iterations += report.losses.indices.map { [report.epoch, report.firstIteration + $0] }
            #expect(report.completesEpoch == (report.firstIteration + report.losses.count == 5))
            return .continue
        }
        return run
    }

    /// Stops after the `slices`-th one-step slice: after the first step (1), at an epoch's end (5),
    /// mid-epoch (7), just before the short last batch (9).
    @Test(arguments: [(1, 0, 1), (5, 1, 0), (7, 1, 2), (9, 1, 4)])
    func resumingAStoppedRunChangesNoBit(slices: Int, epochs: Int, steps: Int) throws {
        let whole = try run(Trainer(settings: .course))
        var stopping = Trainer(settings: .course)
        stopping.sliceSeconds = 0  // one step per submission
        var asked = 0
        stopping.shouldStop = { asked += 1; return asked == slices }
        let first = try run(stopping)
        let stop = try #require(first.result)
        #expect(stop.stopReason == .stopRequested)
        #expect(stop.progress.completedEpochs == epochs && stop.progress.completedSteps == steps)
        let rest = try run(Trainer(settings: .course), from: stop.progress)
        #expect((first.losses + rest.losses).map(\.bitPattern) == whole.losses.map(\.bitPattern))
        #expect(first.iterations + rest.iterations == whole.iterations)
        #expect(rest.result?.stopReason == nil && whole.result?.stopReason == nil)
        #expect(rest.result?.linearModel == whole.result?.linearModel)
    }

    @Test func withoutAStopCheckEveryReportIsAWholeEpoch() throws {
        let whole = try run(Trainer(settings: .course))
        #expect(whole.iterations == (0..<50).flatMap { epoch in (0..<5).map { [epoch, $0] } })
    }

    /// Slices grow (at most fourfold each) until one takes about `sliceSeconds`, end at the epoch's
    /// end, and change no result.
    @Test func slicesGrowFourfoldAndChangeNoResult() throws {
        var settings = TrainingSettings.course
        settings.batchSize = 1  // 404 steps per epoch
        settings.epochs = 3
        var trainer = Trainer(settings: settings)
        trainer.sliceSeconds = 60  // far longer than any slice here: growth is limited only by the fourfold rule
        trainer.shouldStop = { false }
        var sizes = [Int]()
        let model = try trainer.runLinear(on: CPUBackend(), train: data) { sizes.append($0.losses.count) }
        // 1, 4, 16, 64, 256, the 63 steps left of epoch 0, then whole epochs.
        #expect(sizes == [1, 4, 16, 64, 256, 63, 404, 404])
        #expect(model.linearModel == (try Trainer(settings: settings).runLinear(on: CPUBackend(), train: data)).linearModel)
    }
}
