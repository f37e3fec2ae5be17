import Descent
import Foundation

/// Times ``OpenCLNetwork`` training one spec on synthetic rows, for `descent bench --model` and
/// `descent-bench network`: samples/s per batch size, steps submitted `stepsPerSubmission` at a
/// time (losses read once per submission, as training does), wall clock, after a warm-up step.
package struct NetworkBenchmark {
    package struct Result: Sendable, Codable {
        package var batch: Int
        package var rows: Int
        package var seconds: Double
        package var samplesPerSecond: Double
        /// Multiply-adds × 6 (forward 2, backward 4) per row, per second.
        package var gflops: Double
        package var lastLoss: Double
        package var tuning: String
    }

    package var spec: ModelSpec
    package var rows: Int
    /// Stop a batch size's run after this long even if the epoch is not done (a shared machine).
    package var maxSeconds = 10.0
    package var stepsPerSubmission = 64
    package var learningRate = 0.01
    /// The update every step applies (its state from zero at each batch size, as a run starts).
    package var rule = UpdateRule.sgd
    package var seed: UInt64 = 1

    package init(spec: ModelSpec, rows: Int) {
        self.spec = spec
        self.rows = rows
    }

    /// Normal features; regression targets `sin(x·w)`, classes the sign of `x·w` (binary) or the
    /// largest of a few projections.
    package func data() -> TrainingData {
        var check = NetworkTrajectoryCheck(name: "bench", spec: spec, rows: rows, batchSize: 1, epochs: 1, learningRate: learningRate, seed: seed)
        check.rows = rows
        return check.data()
    }

    package func run(on network: OpenCLNetwork, batchSizes: [Int]) throws -> [Result] {
        try network.prepare(spec: spec, data: data())
        let params = NetworkTrajectoryCheck(name: "bench", spec: spec, rows: rows, batchSize: 1, epochs: 1, learningRate: learningRate, seed: seed)
            .initialParameters()
        var random = TrainingRandom(kind: .standard, seed: seed &+ 5)
        var order = (0..<Int32(rows)).map { $0 }
        random.shuffle(&order)
        let macs = zip(spec.widths, spec.widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
        return try batchSizes.map { batch in
            try network.setParameters(params)
            try network.setUpdateRule(rule)
            try network.submitSteps(order: order[0..<min(batch, rows)], batchSize: batch, learningRate: learningRate)  // warm-up
            _ = try network.collectSteps()
            var trained = 0, loss = Double.nan
            let start = Date()
            while trained < rows && Date().timeIntervalSince(start) < maxSeconds {
                let slice = order[trained..<min(trained + stepsPerSubmission * batch, rows)]
                try network.submitSteps(order: slice, batchSize: batch, learningRate: learningRate)
                loss = try network.collectSteps().last ?? .nan
                trained += slice.count
            }
            let seconds = Date().timeIntervalSince(start)
            return Result(batch: batch, rows: trained, seconds: seconds, samplesPerSecond: Double(trained) / seconds,
                          gflops: 6 * Double(macs) * Double(trained) / seconds / 1e9, lastLoss: loss,
                          tuning: network.tuning?.description ?? "")
        }
    }

    /// GFLOP/s of `matmul_nt` on `m×k · (n×k)ᵀ` under the device's tuning: the best of 10 runs of 5 launches.
    package static func matmulGFLOPS(_ programs: NetworkProgramCache, m: Int = 4096, k: Int = 256, n: Int = 256) throws -> (gflops: Double, tuning: String) {
        try productGFLOPS(programs, kernel: "matmul_nt", rows: m, inner: k, outs: n)
    }

    /// GFLOP/s of one of the step's products at a layer of `rows × inner → outs` (2·rows·inner·outs
    /// flops), the product alone (no epilogue), under the device's tuning: the best of 10 runs of 5
    /// launches. `matmul_nt`: the forward `A·Wᵀ`; `matmul_nn`: the delta back `D·W`; `matmul_tn`:
    /// the weight gradient `Dᵀ·A`.
    package static func productGFLOPS(_ programs: NetworkProgramCache, kernel name: String, rows: Int, inner: Int, outs: Int) throws -> (gflops: Double, tuning: String) {
        let program = try programs.resolve(), context = programs.context
        let a = try OpenCLBuffer<Float>(context, values: (0..<rows * inner).map { Float($0 % 7) - 3 })
        let w = try OpenCLBuffer<Float>(context, values: (0..<outs * inner).map { Float($0 % 5) - 2 })
        let d = try OpenCLBuffer<Float>(context, values: (0..<rows * outs).map { Float($0 % 3) - 1 })
        let out = try OpenCLBuffer<Float>(context, count: max(rows * outs, rows * inner, outs * inner))
        let kernel = try program.kernel(name)
        let outRows: Int, outColumns: Int
        switch name {
        case "matmul_nt":
            try kernel.set(0, a); try kernel.set(1, w); try kernel.set(2, Int32(0)); try kernel.set(3, out)
            try kernel.set(4, Int32(rows)); try kernel.set(5, Int32(inner)); try kernel.set(6, Int32(outs))
            try kernel.set(7, Int32(-1)); try kernel.set(8, Int32(0))  // the product alone
            (outRows, outColumns) = (rows, outs)
        case "matmul_nn":
            try kernel.set(0, d); try kernel.set(1, w); try kernel.set(2, Int32(0)); try kernel.set(3, out)
            try kernel.set(4, Int32(rows)); try kernel.set(5, Int32(outs)); try kernel.set(6, Int32(inner))
            try kernel.set(7, a); try kernel.set(8, Int32(-1))
            (outRows, outColumns) = (rows, inner)
        default:
            try kernel.set(0, d); try kernel.set(1, a); try kernel.set(2, out); try kernel.set(3, Int32(0))
            try kernel.set(4, Int32(rows)); try kernel.set(5, Int32(outs)); try kernel.set(6, Int32(inner)); try kernel.set(7, Int32(-1))
            (outRows, outColumns) = (outs, inner)
        }
        let (groups, groupSize) = program.tuning.matmulLaunch(name, outRows: outRows, outColumns: outColumns)
        try kernel.launch(groups: groups, groupSize: groupSize)
        try context.finish()
        var best = Double.infinity
        for _ in 0..<10 {
            let start = Date()
            for _ in 0..<5 { try kernel.launch(groups: groups, groupSize: groupSize) }
            try context.finish()
            best = min(best, Date().timeIntervalSince(start) / 5)
        }
        return (2 * Double(rows * inner * outs) / best / 1e9, program.tuning.description)
    }
}
