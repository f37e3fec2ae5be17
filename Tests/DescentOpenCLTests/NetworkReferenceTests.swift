import Descent
import Foundation
import Testing

/// The float64 twins (``NetworkStages``) and ``NetworkReference`` on the CPU alone: gradients
/// against finite differences of the loss for every head and activation, the stable loss forms at
/// extreme logits, and the three products against their definitions through transposes.
/// (Here rather than in DescentTests, which the core helper owns; it needs no device.)
@Suite struct NetworkReferenceTests {
    static let heads: [Head] = [.mse(.course), .mse(.exact), .huber(delta: 0.5), .binaryCrossEntropy, .softmaxCrossEntropy(classes: 3)]

    /// A batch of `rows` for `spec`: normal features, targets that suit the head.
    static func batch(_ spec: ModelSpec, rows: Int, seed: UInt64) -> (Matrix, [Double]) {
        let x = randomMatrix(rows: rows, columns: spec.inputs, seed: seed)
        var random = TrainingRandom(kind: .standard, seed: seed &+ 1)
        let targets: [Double] = (0..<rows).map { _ in
            switch spec.head {
            case .mse, .huber: 2 * random.nextNormal()
            case .binaryCrossEntropy: Double(random.nextInterval(1))
            case let .softmaxCrossEntropy(classes): Double(random.nextInterval(UInt32(classes - 1)))
            }
        }
        return (x, targets)
    }

    static func parameters(_ spec: ModelSpec, seed: UInt64) -> [Double] {
        randomValues(ParameterLayout(spec: spec).count, seed: seed, scale: 0.7)
    }

    /// Central differences of the mean loss against the reference's mean gradient, for every
    /// parameter of a 2-hidden-layer MLP. `.mse(.course)` follows half the derivative.
    @Test(arguments: heads, Activation.allCases)
    func gradientMatchesFiniteDifferences(head: Head, activation: Activation) {
        let spec = ModelSpec(kind: .mlp, inputs: 3, hidden: [4, 3], activation: activation, head: head)
        let seed = testSeed &+ 11
        let (x, y) = Self.batch(spec, rows: 5, seed: seed)
        let params = Self.parameters(spec, seed: seed &+ 2)
        let sums = NetworkReference.gradient(params: params, spec: spec, features: x, targets: y)
        let factor: Double = head == .mse(.course) ? 0.5 : 1
        let h = 1e-6
        for index in params.indices {
            var plus = params, minus = params
            plus[index] += h
            minus[index] -= h
            let numeric = factor * (NetworkReference.loss(params: plus, spec: spec, features: x, targets: y)
                - NetworkReference.loss(params: minus, spec: spec, features: x, targets: y)) / (2 * h)
            let analytic = sums.gradient[index] / 5
            #expect(abs(numeric - analytic) <= 1e-6 + 1e-5 * abs(numeric),
                    "\(head) \(activation) parameter \(index): analytic \(analytic), numeric \(numeric) (seed \(seed))")
        }
        #expect(abs(sums.lossSum / 5 - NetworkReference.loss(params: params, spec: spec, features: x, targets: y)) < 1e-12)
        #expect(sums.rows == 5)
    }

    /// The linear and logistic shapes (no hidden layer) too.
    @Test(arguments: [Head.mse(.exact), .binaryCrossEntropy, .softmaxCrossEntropy(classes: 4)])
    func singleLayerGradientMatchesFiniteDifferences(head: Head) {
        let spec = ModelSpec(kind: .logistic, inputs: 6, hidden: [], activation: .relu, head: head)
        let (x, y) = Self.batch(spec, rows: 7, seed: testSeed &+ 21)
        let params = Self.parameters(spec, seed: testSeed &+ 22)
        let gradient = NetworkReference.gradient(params: params, spec: spec, features: x, targets: y).gradient
        for index in params.indices {
            var plus = params, minus = params
            plus[index] += 1e-6
            minus[index] -= 1e-6
            let numeric = (NetworkReference.loss(params: plus, spec: spec, features: x, targets: y)
                - NetworkReference.loss(params: minus, spec: spec, features: x, targets: y)) / 2e-6
            #expect(abs(numeric - gradient[index] / 7) <= 1e-6 + 1e-5 * abs(numeric), "\(head) parameter \(index)")
        }
    }

    /// Binary cross-entropy from logits at ±80 (and ±1000): the exact loss, a finite delta.
    @Test func binaryCrossEntropyIsStableAtExtremeLogits() {
        for z in [80.0, -80, 1000, -1000] {
            for y in [0.0, 1] {
                let (delta, loss) = NetworkStages.lossDelta(head: .binaryCrossEntropy, outputs: [z], targets: [y], rows: 1, outs: 1)
                let wrong = (z > 0) != (y == 1)
                #expect(loss.isFinite && delta[0].isFinite, "z \(z) y \(y): loss \(loss), delta \(delta)")
                #expect(wrong ? abs(loss - abs(z)) < 1e-9 : loss < 1e-30, "z \(z) y \(y): loss \(loss)")
                #expect(abs(delta[0] - (wrong ? (z > 0 ? 1 : -1) : 0)) < 1e-30, "z \(z) y \(y): delta \(delta)")
            }
        }
    }

    /// Softmax cross-entropy at ±80 (and far past where `e^z` overflows): the max subtracted.
    @Test func softmaxCrossEntropyIsStableAtExtremeLogits() {
        for logits in [[80.0, -80, 0], [1000, 999, -1000], [-80, -80, -80]] {
            for c in 0..<3 {
                let (delta, loss) = NetworkStages.lossDelta(head: .softmaxCrossEntropy(classes: 3), outputs: logits,
                                                            targets: [Double(c)], rows: 1, outs: 3)
                let m = logits.max()!
                let expected = m + log(logits.reduce(0) { $0 + exp($1 - m) }) - logits[c]
                #expect(loss.isFinite && delta.allSatisfy(\.isFinite), "\(logits) class \(c): \(loss) \(delta)")
                #expect(abs(loss - expected) <= 1e-12 * max(1, expected))
                #expect(abs(delta.reduce(0, +)) < 1e-12, "softmax − onehot sums to 0")
            }
        }
        let p = HeadLoss.softmax([1000, 999][...])
        #expect(abs(p[0] - NetworkStages.sigmoid(1)) < 1e-15 && abs(p[1] - NetworkStages.sigmoid(-1)) < 1e-15)
    }

    /// `matmul_nn` is `matmul_nt` against the transposed weight; `matmul_tn` is `matmul_nt` of the
    /// transposed delta against the transposed activations.
    @Test func productsAgreeThroughTransposes() {
        let (rows, outs, inner) = (5, 3, 4)
        let d = randomValues(rows * outs, seed: testSeed &+ 31), w = randomValues(outs * inner, seed: testSeed &+ 32)
        let a = randomValues(rows * inner, seed: testSeed &+ 33)
        func transpose(_ m: [Double], _ r: Int, _ c: Int) -> [Double] { (0..<c).flatMap { j in (0..<r).map { m[$0 * c + j] } } }
        let nn = NetworkStages.matmulNN(d, w, rows: rows, outs: outs, inner: inner)
        let viaNT = NetworkStages.matmulNT(d, transpose(w, outs, inner), rows: rows, inner: outs, outs: inner)
        #expect(zip(nn, viaNT).allSatisfy { abs($0 - $1) < 1e-12 })
        let tn = NetworkStages.matmulTN(d, a, rows: rows, outs: outs, inner: inner)
        let viaNT2 = NetworkStages.matmulNT(transpose(d, rows, outs), transpose(a, rows, inner), rows: outs, inner: rows, outs: inner)
        #expect(zip(tn, viaNT2).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(NetworkStages.columnSums(d, rows: rows, cols: outs) == (0..<outs).map { c in (0..<rows).reduce(0.0) { $0 + d[$1 * outs + c] } })
    }

    /// A step lowers the loss on its own batch at a small learning rate, and predict is the head's output.
    @Test func stepAndPredict() {
        let spec = ModelSpec(kind: .mlp, inputs: 3, hidden: [8], activation: .tanh, head: .softmaxCrossEntropy(classes: 3))
        let (x, y) = Self.batch(spec, rows: 9, seed: testSeed &+ 41)
        let params = Self.parameters(spec, seed: testSeed &+ 42)
        let (next, before) = NetworkReference.step(params: params, spec: spec, features: x, targets: y, learningRate: 0.05)
        #expect(NetworkReference.loss(params: next, spec: spec, features: x, targets: y) < before)
        let p = NetworkReference.predict(params: params, spec: spec, features: x)
        #expect(p.count == 27)
        for r in 0..<9 { #expect(abs(p[r * 3..<r * 3 + 3].reduce(0, +) - 1) < 1e-12) }
    }
}
