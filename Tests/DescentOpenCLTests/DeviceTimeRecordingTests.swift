import Descent
import DescentOpenCL
import Testing

/// A profiling backend records its launches' device time only while ``TrainingBackend/recordsDeviceTime``
/// is on (bench times its epochs with it off, then records one more): off, no launch of the
/// linear or the network path keeps an event and ``TrainingBackend/lastDeviceSeconds`` is nil; on
/// again, both paths report device time. A backend made without profiling never records.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct DeviceTimeRecordingTests {
    @Test(arguments: [ModelSpec.linear(inputs: 3), ModelSpec(kind: .mlp, inputs: 3, hidden: [5], head: .mse(.exact))])
    func launchesRecordOnlyWhileSwitchedOn(spec: ModelSpec) throws {
        let data = SyntheticData(rows: 40, features: 3, seed: 5).data
        let backend = try OpenCLBackend(device: TestDevice.device!, profiling: true)
        try backend.prepare(spec: spec, data: data)
        var random = TrainingRandom(kind: .standard, seed: 3)
        try backend.setParameters(spec.initialParameters(random: &random))
        let order = (0..<Int32(40)).map { $0 }
        #expect(backend.recordsDeviceTime)

        backend.recordsDeviceTime = false
        _ = try backend.trainSteps(order: order, batchSize: 8, learningRate: 0.01)
        #expect(backend.lastDeviceSeconds == nil)
        #expect(backend.context.recordsLaunches == false)
        #expect(backend.recordedLaunchCount == 0, "launches kept events while not recording")

        backend.recordsDeviceTime = true
        _ = try backend.trainSteps(order: order, batchSize: 8, learningRate: 0.01)
        #expect((backend.lastDeviceSeconds ?? 0) > 0)
        #expect(backend.recordedLaunchCount > 0)  // the linear path: one launch for all the steps
    }

    @Test func aBackendWithoutProfilingNeverRecords() throws {
        let backend = try OpenCLBackend(device: TestDevice.device!)
        backend.recordsDeviceTime = true
        #expect(!backend.recordsDeviceTime)
        try backend.prepare(spec: .linear(inputs: 3), data: SyntheticData(rows: 20, features: 3, seed: 6).data)
        _ = try backend.trainSteps(order: (0..<Int32(20)).map { $0 }, batchSize: 4, learningRate: 0.01)
        #expect(backend.lastDeviceSeconds == nil)
    }
}
