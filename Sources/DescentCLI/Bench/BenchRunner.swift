import Descent
import Foundation

/// Measures one backend at one batch size after checking it: the protocol `descent bench` follows.
struct BenchRunner {
    var backend: TrainingBackend
    var spec: ModelSpec
    var data: TrainingData
    var epochs: Int
    var repeats: Int
    var learningRate: Double
    var readBandwidth: Double?
    var shuffle: RowShuffle
    /// The update rule every step applies (`--optimizer`).
    var rule = UpdateRule.sgd

    init(backend: TrainingBackend, spec: ModelSpec, data: TrainingData, epochs: Int, repeats: Int, learningRate: Double,
         readBandwidth: Double?, shuffle: RowShuffle = .rows, rule: UpdateRule = .sgd) throws {
        self.rule = rule
        self.backend = backend
        self.spec = spec
        self.data = data
        self.epochs = epochs
        self.repeats = repeats
        self.learningRate = learningRate
        self.readBandwidth = readBandwidth
        self.shuffle = shuffle
        try backend.prepare(spec: spec, data: data)  // once per backend: the upload is not part of an epoch
    }

    /// The seeded start of a batch size's measurement: its random stream, initial parameters and first order.
    private func seeded(batch: Int) -> (random: TrainingRandom, parameters: [Double], order: [Int32]) {
        var random = TrainingRandom(kind: .standard, seed: UInt64(batch))
        let parameters = spec.initialParameters(random: &random)
        var order = (0..<Int32(data.count)).map { $0 }
        shuffle.apply(&order, random: &random, batchSize: batch)
        return (random, parameters, order)
    }

    /// Checks the first batch's step against the CPU reference; throws ``BenchError`` when it
    /// disagrees, so that a wrong kernel is never timed. Call it before ``measure(batch:)``.
    func validate(batch: Int) throws {
        let (_, parameters, order) = seeded(batch: batch)
        try validateOneStep(order: order, batch: batch, start: parameters)
    }

    /// Times whole epochs at `batch` (after one warm-up epoch). Assumes ``validate(batch:)`` passed.
    func measure(batch: Int) throws -> BenchRecord {
        let seed = seeded(batch: batch), start = seed.parameters
        var random = seed.random, order = seed.order

        var settings = TrainingSettings()
        settings.epochs = epochs
        settings.batchSize = batch
        settings.learningRate = learningRate
        var trainer = Trainer(settings: settings)
        trainer.shuffle = shuffle
        try backend.setParameters(start)
        try backend.setUpdateRule(rule)
        _ = try backend.trainSteps(order: order, batchSize: batch, learningRate: learningRate)  // warm-up

        // Whole epochs as training runs them: the shuffle of the next epoch overlapping this one's
        // steps, and no launch recording its event (an event to create, keep and query per launch,
        // which training never pays; BENCHMARKS.md measures the difference).
        let measuresDevice = backend.recordsDeviceTime
        backend.recordsDeviceTime = false
        defer { backend.recordsDeviceTime = measuresDevice }
        var wall = [Double](), finalLoss = Double.nan
        for _ in 0..<repeats {
            try backend.setParameters(start)
            try backend.setUpdateRule(rule)  // the state from zero, as a run starts
            let begin = DispatchTime.now().uptimeNanoseconds
            try trainer.trainEpochs(on: backend, order: &order, random: &random) { report in
                finalLoss = report.losses.last ?? .nan
                return .continue
            }
            wall.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9 / Double(epochs))
        }
        // The device's time: the same epochs once more, recorded and not timed.
        var deviceSeconds: Double?
        if measuresDevice {
            backend.recordsDeviceTime = true
            try backend.setParameters(start)
            try backend.setUpdateRule(rule)
            var total = 0.0
            try trainer.trainEpochs(on: backend, order: &order, random: &random) { _ in
                total += backend.lastDeviceSeconds ?? 0
                return .continue
            }
            deviceSeconds = total / Double(epochs)
        }
        let epochSeconds = median(wall)
        let elementBytes = backend.bytesPerValue
        let bytes = Double(data.count * ((data.features.columns + 1) * elementBytes + 4))  // rows once, and the permutation
        let steps = Double((data.count + batch - 1) / batch)
        return BenchRecord(
            backend: backend.name, device: backend.deviceDescription, batchSize: batch, epochSeconds: epochSeconds,
            deviceSeconds: deviceSeconds, samplesPerSecond: Double(data.count) / epochSeconds,
            stepsPerSecond: steps / epochSeconds, gigabytesPerSecond: bytes / epochSeconds / 1e9,
            bandwidthFraction: readBandwidth.map { bytes / epochSeconds / $0 }, finalLoss: finalLoss,
            shuffle: shuffle == .rows ? "rows" : "chunks", meanReadStride: Self.meanStride(order))
    }

    /// The mean of |order[i + 1] − order[i]|: how far apart, in rows, consecutive reads are.
    static func meanStride(_ order: [Int32]) -> Double {
        guard order.count > 1 else { return 0 }
        let total = zip(order, order.dropFirst()).reduce(0.0) { $0 + Double(abs(Int($1.1) - Int($1.0))) }
        return total / Double(order.count - 1)
    }

    /// The first batch's step against the CPU reference: within ``ErrorBound/step`` for the linear
    /// model, within 1e-3 (relative to the parameters' scale) for the others (float32 on a device).
    private func validateOneStep(order: [Int32], batch: Int, start: [Double]) throws {
        let indices = Array(order.prefix(batch))
        try backend.setParameters(start)
        try backend.setUpdateRule(rule)
        let loss = try backend.trainSteps(order: indices, batchSize: batch, learningRate: learningRate)[0]
        let got = try backend.parameters()
        guard rule.isPlainSGD else { return try validateRuleStep(indices: indices, start: start, loss: loss, got: got) }
        guard spec.hidden.isEmpty, spec.outputs == 1, case .mse = spec.head else {
            let rows = NetworkReference.batch(features: data.features, targets: data.targets, rows: indices[...])
            let reference = NetworkReference.step(params: start, spec: spec, features: rows.features, targets: rows.targets, learningRate: learningRate)
            let scale = max(1, reference.params.map(abs).max() ?? 1)
            guard abs(loss - reference.loss) <= 1e-3 * max(1, abs(reference.loss)),
                  zip(got, reference.params).allSatisfy({ abs($0 - $1) <= 1e-3 * scale }) else {
                throw BenchError(failures: ["one step disagrees with the CPU reference (loss \(loss) against \(reference.loss)); not timing a wrong result"])
            }
            return
        }
        let model = LinearModel(flat: start)
        let reference = LinearReference.linearStep(data: data, batch: indices.map(Int.init), model: model, stepSize: learningRate)
        let rows = Matrix(rows: indices.count, columns: data.features.columns, values: indices.flatMap { data.features.row(Int($0)) })
        let bound = ErrorBound.step(features: rows, targets: indices.map { data.targets[Int($0)] }, model: model, stepSize: learningRate)
        let parameters = zip(got, reference.model.flat)
        guard abs(loss - reference.loss) <= bound.loss,
              zip(parameters, bound.parameters).allSatisfy({ abs($0.0 - $0.1) <= $1 }) else {
            throw BenchError(failures: ["one step disagrees with the CPU reference (loss \(loss) against \(reference.loss)); not timing a wrong result"])
        }
    }

    /// Another rule's first step against its CPU twin (``OptimizerStep``) on the reference gradient, within 1e-3 as above.
    private func validateRuleStep(indices: [Int32], start: [Double], loss: Double, got: [Double]) throws {
        let rows = NetworkReference.batch(features: data.features, targets: data.targets, rows: indices[...])
        let sums = NetworkReference.gradient(params: start, spec: spec, features: rows.features, targets: rows.targets)
        let n = Double(indices.count)
        var params = start, state = OptimizerState(rule: rule, count: start.count)
        OptimizerStep.apply(rule, params: &params, gradient: sums.gradient.map { $0 / n }, state: &state,
                            mask: ParameterLayout(spec: spec).weightMask, learningRate: learningRate)
        let scale = max(1, params.map(abs).max() ?? 1)
        guard abs(loss - sums.lossSum / n) <= 1e-3 * max(1, abs(sums.lossSum / n)), zip(got, params).allSatisfy({ abs($0 - $1) <= 1e-3 * scale }) else {
            throw BenchError(failures: ["one \(rule.kind.rawValue) step disagrees with the CPU twin (loss \(loss) against \(sums.lossSum / n)); not timing a wrong result"])
        }
    }

    private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
