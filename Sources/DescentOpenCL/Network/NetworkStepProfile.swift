import Descent
import Foundation

/// Where an ``OpenCLNetwork`` training step spends its time: one submission of `steps` steps,
/// timed on the wall clock (enqueue to the one read of its losses) and per kernel from the
/// device's event timestamps. Needs a network on a context made with `profiling: true`.
/// `descent-bench network --profile` prints it.
package struct NetworkStepProfile: Sendable {
    package struct Kernel: Sendable {
        package var name: String
        package var seconds: Double
        package var launches: Int
    }

    package var batch: Int
    package var steps: Int
    /// Wall seconds from the first enqueue to the losses read back.
    package var wallSeconds: Double
    /// Host seconds spent enqueueing (``OpenCLNetwork/submitSteps(order:batchSize:learningRate:)``).
    package var enqueueSeconds: Double
    /// The kernels, most device time first.
    package var kernels: [Kernel]
    /// The launches of the middle step, in order (name, device seconds): each layer's share.
    package var middleStep: [(name: String, seconds: Double)] = []

    package var launchesPerStep: Double { Double(kernels.reduce(0) { $0 + $1.launches }) / Double(steps) }
    package var deviceSeconds: Double { kernels.reduce(0) { $0 + $1.seconds } }

    /// Profiles `steps` steps of `batch` rows of `benchmark`'s workload (after a warm-up submission).
    package static func measure(_ benchmark: NetworkBenchmark, on network: OpenCLNetwork, batch: Int, steps: Int) throws -> NetworkStepProfile {
        precondition(network.profile != nil, "NetworkStepProfile: a context with profiling on")
        let rows = min(benchmark.rows, batch * steps)
        try network.prepare(spec: benchmark.spec, data: benchmark.data())
        try network.setUpdateRule(benchmark.rule)
        let order = (0..<Int32(rows)).map { $0 }
        try network.submitSteps(order: order[0..<min(batch, rows)], batchSize: batch, learningRate: benchmark.learningRate)
        _ = try network.collectSteps()
        let start = Date()
        try network.submitSteps(order: order[...], batchSize: batch, learningRate: benchmark.learningRate)
        let enqueued = Date()
        _ = try network.collectSteps()
        let wall = Date().timeIntervalSince(start)
        let kernels = try network.profile!.secondsByName().map { Kernel(name: $0.key, seconds: $0.value.seconds, launches: $0.value.launches) }
        let steps = (rows + batch - 1) / batch, launches = try network.profile!.launches(), perStep = launches.count / steps
        let first = launches.count - steps * perStep + steps / 2 * perStep  // past the submission's own first gather
        return NetworkStepProfile(batch: batch, steps: steps, wallSeconds: wall,
                                  enqueueSeconds: enqueued.timeIntervalSince(start),
                                  kernels: kernels.sorted { $0.seconds > $1.seconds },
                                  middleStep: Array(launches[first..<(first + perStep)]))
    }
}
