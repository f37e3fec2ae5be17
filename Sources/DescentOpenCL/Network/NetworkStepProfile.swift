import Descent
import Foundation

/// Where an ``OpenCLNetwork`` training step spends its time: one submission of `steps` steps,
/// timed on the wall clock (enqueue to the one read of its losses) and per kernel from the
/// device's event timestamps. Needs a network on a context made with `profiling: true`.
/// `descent-bench network --profile` prints it.
public struct NetworkStepProfile: Sendable {
    public struct Kernel: Sendable {
        public var name: String
        public var seconds: Double
        public var launches: Int
    }

    public var batch: Int
    public var steps: Int
    /// Wall seconds from the first enqueue to the losses read back.
    public var wallSeconds: Double
    /// Host seconds spent enqueueing (``OpenCLNetwork/submitSteps(order:batchSize:learningRate:)``).
    public var enqueueSeconds: Double
    /// The kernels, most device time first.
    public var kernels: [Kernel]

    public var launchesPerStep: Double { Double(kernels.reduce(0) { $0 + $1.launches }) / Double(steps) }
    public var deviceSeconds: Double { kernels.reduce(0) { $0 + $1.seconds } }

    /// Profiles `steps` steps of `batch` rows of `benchmark`'s workload (after a warm-up submission).
    public static func measure(_ benchmark: NetworkBenchmark, on network: OpenCLNetwork, batch: Int, steps: Int) throws -> NetworkStepProfile {
        precondition(network.profile != nil, "NetworkStepProfile: a context with profiling on")
        let rows = min(benchmark.rows, batch * steps)
        try network.prepare(spec: benchmark.spec, data: benchmark.data())
        let order = (0..<Int32(rows)).map { $0 }
        try network.submitSteps(order: order[0..<min(batch, rows)], batchSize: batch, learningRate: benchmark.learningRate)
        _ = try network.collectSteps()
        let start = Date()
        try network.submitSteps(order: order[...], batchSize: batch, learningRate: benchmark.learningRate)
        let enqueued = Date()
        _ = try network.collectSteps()
        let wall = Date().timeIntervalSince(start)
        let kernels = try network.profile!.secondsByName().map { Kernel(name: $0.key, seconds: $0.value.seconds, launches: $0.value.launches) }
        return NetworkStepProfile(batch: batch, steps: (rows + batch - 1) / batch, wallSeconds: wall,
                                  enqueueSeconds: enqueued.timeIntervalSince(start),
                                  kernels: kernels.sorted { $0.seconds > $1.seconds })
    }
}
