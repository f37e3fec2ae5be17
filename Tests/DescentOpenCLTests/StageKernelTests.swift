import Descent
import DescentOpenCL
import Testing

/// Every stage kernel against its CPU twin, on fresh random inputs of awkward shapes, outputs
/// poisoned with NaN first (``OpenCLStages`` does that), within ``ErrorBound``.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct StageKernelTests {
    static let rowCounts = [1, 2, 7, 63, 64, 65, 100, 1000, 4097]
    static let featureCounts = [1, 13, 64, 257]
    let stages: OpenCLStages

    init() throws {
        stages = OpenCLStages(context: try TestDevice.context())
    }

    @Test(arguments: featureCounts)
    func forwardMatchesReference(features: Int) throws {
        for rows in Self.rowCounts {
            let x = randomMatrix(rows: rows, columns: features, seed: testSeed &+ UInt64(rows))
            let model = LinearModel(weights: randomValues(features, seed: testSeed &+ 1), bias: 0.3)
            expectWithin(try stages.forward(features: x, model: model),
                         LinearReference.linearForward(features: x, model: model),
                         bounds: ErrorBound.forward(features: x, model: model), "linear_forward \(rows)×\(features)")
        }
    }

    @Test(arguments: rowCounts)
    func residualAndLossMatchReference(rows: Int) throws {
        let z = randomValues(rows, seed: testSeed &+ 2), y = randomValues(rows, seed: testSeed &+ 3)
        let (r, loss) = try stages.residuals(predictions: z, targets: y)
        let reference = LinearReference.linearResidual(predictions: z, targets: y)
        expectWithin(r, reference.residuals, bounds: ErrorBound.residuals(predictions: z, targets: y), "linear_residual \(rows)")
        expectWithin([loss], [reference.loss], bounds: [ErrorBound.loss(predictions: z, targets: y)], "loss \(rows)")
    }

    @Test(arguments: featureCounts)
    func gradientMatchesReference(features: Int) throws {
        for rows in Self.rowCounts {
            let x = randomMatrix(rows: rows, columns: features, seed: testSeed &+ 4 &+ UInt64(rows))
            let r = randomValues(rows, seed: testSeed &+ 5)
            let g = try stages.gradient(features: x, residuals: r)
            let reference = LinearReference.linearGradient(features: x, residuals: r)
            expectWithin(g.weights + [g.bias], reference.weights + [reference.bias],
                         bounds: ErrorBound.gradient(features: x, residuals: r), "linear_gradient \(rows)×\(features)")
        }
    }

    @Test(arguments: featureCounts)
    func updateMatchesReference(features: Int) throws {
        // Updates in place, so poisoning cannot apply: every gradient element is non-zero instead,
        // so an element the kernel skips keeps its old value and fails.
        let model = LinearModel(weights: randomValues(features, seed: testSeed &+ 6), bias: -0.7)
        let gradient = LinearGradient(weights: randomValues(features, seed: testSeed &+ 7).map { $0 + ($0 >= 0 ? 0.5 : -0.5) }, bias: 0.9)
        let updated = try stages.update(model: model, gradient: gradient, stepSize: 0.1)
        let reference = LinearReference.linearUpdate(model: model, gradient: gradient, stepSize: 0.1)
        expectWithin(updated.weights + [updated.bias], reference.weights + [reference.bias],
                     bounds: ErrorBound.update(model: model, gradient: gradient, stepSize: 0.1), "linear_update \(features)")
    }
}
