import Descent
import DescentOpenCL
import Foundation
import Testing

/// On the OpenCL backend, too, a stopped and resumed Adam run with a cosine schedule ends with
/// the bits of the run never stopped (the float32 state round-trips exactly through float64),
/// on the linear path and on the network path; and it stays close to the CPU twin's run.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct OpenCLOptimizerResumeTests {
    final class Countdown: @unchecked Sendable {
        var left: Int
        init(_ left: Int) { self.left = left }
        func tick() -> Bool { left -= 1; return left == 0 }
    }

    @Test(arguments: [ModelSpec.linear(inputs: 4), ModelSpec(kind: .mlp, inputs: 4, hidden: [6], head: .mse(.course))])
    func aResumedAdamRunIsBitIdentical(spec: ModelSpec) throws {
        let data = SyntheticData(rows: 90, features: 4, seed: 11).data
        var settings = TrainingSettings()
        settings.epochs = 5
        settings.batchSize = 16
        settings.learningRate = 0.02
        settings.optimizer = UpdateRule(kind: .adam, l2: 0.01)
        settings.schedule = LearningRateSchedule(kind: .cosine, warmupEpochs: 1)
        let device = TestDevice.device!
        let whole = try Trainer(settings: settings).run(on: OpenCLBackend(device: device), spec: spec, train: data).parameters

        var stopping = Trainer(settings: settings)
        let countdown = Countdown(9)
        stopping.sliceSeconds = 1e-9
        stopping.shouldStop = { countdown.tick() }
        let stop = try stopping.run(on: OpenCLBackend(device: device), spec: spec, train: data)
        #expect(stop.stopReason == .stopRequested)
        let stopped = stop.progress
        let resumed = try Trainer(settings: settings).run(on: OpenCLBackend(device: device), spec: spec, train: data, resumingFrom: stopped).parameters
        #expect(resumed == whole)

        let cpu = try Trainer(settings: settings).run(on: CPUBackend(), spec: spec, train: data).parameters
        let worst = zip(whole, cpu).map { abs($0 - $1) / max(abs($1), 0.1) }.max() ?? .infinity
        #expect(worst < 1e-3, "float32 Adam against the CPU twin over 30 steps: worst scaled difference \(worst)")
    }
}
