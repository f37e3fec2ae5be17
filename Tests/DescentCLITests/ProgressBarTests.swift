import Testing
@testable import DescentCLI

/// The progress bar redraws at most ten times a second, and still shows where the run ended.
@Suite struct ProgressBarTests {
    /// 10,000 epochs of 1 ms each: 10 s, so at most about 100 drawings, where one per epoch was 10,000.
    @Test func aRunOfShortEpochsRedrawsAtMostTenTimesASecond() {
        var clock = 0.0
        var drawings = [String]()
        let bar = ProgressBar(total: 10_000, enabled: true, isTerminal: true, now: { clock }, write: { drawings.append($0) })
        for epoch in 1...10_000 {
            clock += 0.001
            bar.update(epoch: epoch, loss: 1)
        }
        bar.finish()
        #expect(Double(drawings.count) <= 10 / ProgressBar.interval + 2, "\(drawings.count) drawings in 10 s")
        #expect(drawings.dropLast().last?.contains("epoch 10000/10000") == true)  // the last epoch is shown
    }

    /// Stopped early (Ctrl-C) between two drawings: finish() shows the last epoch reached.
    @Test func finishDrawsTheLastUpdateHeldBack() {
        var clock = 0.0
        var drawings = [String]()
        let bar = ProgressBar(total: 100, enabled: true, isTerminal: true, now: { clock }, write: { drawings.append($0) })
        bar.update(epoch: 1, loss: 1)
        clock += 0.01
        bar.update(epoch: 2, loss: 0.5)
        #expect(drawings.count == 1)
        bar.finish()
        #expect(drawings.count == 3 && drawings[1].contains("epoch 2/100"))
    }
}
