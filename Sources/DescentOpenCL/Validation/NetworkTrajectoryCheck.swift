import Descent
import Foundation

/// Whole non-linear training runs on the device (``OpenCLNetwork``) and on the float64 reference
/// (``NetworkReference/step(params:spec:features:targets:learningRate:)``), same initial
/// parameters, same batches, compared step by step.
///
/// The bound: each step's device result is within the stage bounds (``ErrorBound``, a few
/// float32 roundings times the reduction lengths, ~1e-5 relative at these shapes); a stable SGD
/// run damps such perturbations rather than amplifying them, so over a few hundred steps honest
/// devices stay near 1e-5, and the check allows 1e-3: every step's loss relative to the
/// reference's, and the final parameters relative to the largest reference parameter. A wrong
/// kernel (a transposed weight, a missing derivative) moves the first step's loss or parameters
/// by order 1e-2 or more.
package struct NetworkTrajectoryCheck: Sendable {
    package var name: String
    package var spec: ModelSpec
    package var rows: Int
    package var batchSize: Int
    package var epochs: Int
    package var learningRate: Double
    package var seed: UInt64
    package var tolerance = 1e-3

    package init(name: String, spec: ModelSpec, rows: Int, batchSize: Int, epochs: Int, learningRate: Double, seed: UInt64) {
        self.name = name
        self.spec = spec
        self.rows = rows
        self.batchSize = batchSize
        self.epochs = epochs
        self.learningRate = learningRate
        self.seed = seed
    }

    /// An MLP regression (tanh, two hidden layers, the course's MSE) and a logistic regression,
    /// small enough for a few seconds on PoCL; batch sizes leave a short last batch.
    package static func standard(seed: UInt64) -> [NetworkTrajectoryCheck] {
        [NetworkTrajectoryCheck(name: "mlp run", spec: ModelSpec(kind: .mlp, inputs: 13, hidden: [32, 16], activation: .tanh, head: .mse(.course)),
                                rows: 1000, batchSize: 64, epochs: 3, learningRate: 0.05, seed: seed),
         // 16 inputs: gather_rows's vector copy, two vectors a row (the MLP's 13, its scalar one)
         NetworkTrajectoryCheck(name: "logistic run", spec: ModelSpec(kind: .logistic, inputs: 16, head: .binaryCrossEntropy),
                                rows: 1000, batchSize: 100, epochs: 3, learningRate: 0.5, seed: seed)]
    }

    /// Seeded data for the spec: normal features; regression targets a smooth non-linear function
    /// of them, classes from a noisy linear rule (binary) or the largest of a few projections.
    package func data() -> TrainingData {
        var random = TrainingRandom(kind: .standard, seed: seed &+ 17)
        let x = (0..<rows * spec.inputs).map { _ in random.nextNormal() }
        let direction = (0..<spec.inputs * max(spec.outputs, 2)).map { _ in random.nextNormal() }
        let targets: [Double] = (0..<rows).map { r in
            let row = x[r * spec.inputs..<(r + 1) * spec.inputs]
            func projection(_ j: Int) -> Double { zip(row, direction[j * spec.inputs..<(j + 1) * spec.inputs]).reduce(0) { $0 + $1.0 * $1.1 } }
            switch spec.head {
            case .mse, .huber: return sin(projection(0)) + 0.1 * random.nextNormal()
            case .binaryCrossEntropy: return projection(0) + 0.5 * random.nextNormal() > 0 ? 1 : 0
            case let .softmaxCrossEntropy(classes): return Double((0..<classes).max { projection($0) < projection($1) }!)
            }
        }
        return TrainingData(featureNames: (0..<spec.inputs).map { "x\($0)" }, targetName: "y",
                            features: Matrix(rows: rows, columns: spec.inputs, values: x), targets: targets)
    }

    /// Seeded initial parameters: normal, scaled by 1/√fan-in.
    package func initialParameters() -> [Double] {
        var random = TrainingRandom(kind: .standard, seed: seed &+ 29)
        let layout = ParameterLayout(spec: spec)
        var params = [Double](repeating: 0, count: layout.count)
        for tensor in layout.tensors where tensor.shape.count == 2 {
            let scale = 1 / Double(tensor.shape[1]).squareRoot()
            for i in tensor.range { params[i] = scale * random.nextNormal() }
        }
        return params
    }

    /// Runs both and compares; `network` must not be prepared yet.
    package func run(on network: OpenCLNetwork) -> ValidationCheck {
        let shape = "\(rows)×\(spec.widths.map(String.init).joined(separator: "→")) batch \(batchSize)"
        do {
            let data = self.data()
            var params = initialParameters()
            try network.prepare(spec: spec, data: data)
            try network.setParameters(params)
            var random = TrainingRandom(kind: .standard, seed: seed &+ 41)
            var order = (0..<Int32(rows)).map { $0 }
            var referenceLosses = [Double](), deviceLosses = [Double]()
            for _ in 0..<epochs {
                random.shuffle(&order)
                try network.submitSteps(order: order[...], batchSize: batchSize, learningRate: learningRate)
                for start in stride(from: 0, to: rows, by: batchSize) {
                    let batch = NetworkReference.batch(features: data.features, targets: data.targets, rows: order[start..<min(start + batchSize, rows)])
                    let step = NetworkReference.step(params: params, spec: spec, features: batch.features, targets: batch.targets, learningRate: learningRate)
                    params = step.params
                    referenceLosses.append(step.loss)
                }
                deviceLosses += try network.collectSteps()
            }
            let device = try network.parameters()
            var worst = (relative: 0.0, absolute: 0.0, step: 0)
            for (step, (c, d)) in zip(referenceLosses, deviceLosses).enumerated() {
                let relative = abs(d - c) / max(abs(c), 1e-30)
                if !(relative <= worst.relative) { worst = (relative.isNaN ? .infinity : relative, abs(d - c), step) }
            }
            let largest = params.map(abs).max() ?? 1
            let parameterError = zip(params, device).map { abs($1 - $0) }.max().map { $0 / max(largest, 1e-30) } ?? 0
            var problems = [String]()
            if deviceLosses.count != referenceLosses.count { problems.append("\(deviceLosses.count) losses, expected \(referenceLosses.count)") }
            if !(worst.relative <= tolerance) { problems.append("loss diverges by \(worst.relative) relative at step \(worst.step) (tolerance \(tolerance))") }
            if !(parameterError <= tolerance) { problems.append("final parameters differ by \(parameterError) of the largest (tolerance \(tolerance))") }
            let ratio = max(worst.relative, parameterError) / tolerance
            return ValidationCheck(stage: "trajectory", shape: shape, configuration: "\(name), \(network.tuning?.description ?? "")",
                                   maxAbsoluteError: worst.absolute, maxRelativeError: max(worst.relative, parameterError),
                                   bound: tolerance, worstRatio: ratio.isNaN ? .infinity : ratio, passed: problems.isEmpty, mismatches: problems)
        } catch let limit as KernelLimitError {  // a device too small for the network kernels: said, not failed
            return ValidationCheck(skipped: "trajectory", shape: shape, configuration: name, reason: limit.description)
        } catch {
            return ValidationCheck(stage: "trajectory", shape: shape, configuration: name, maxAbsoluteError: .nan, maxRelativeError: .nan,
                                   bound: tolerance, passed: false, mismatches: [String(describing: error)])
        }
    }
}
