import Descent
import DescentOpenCL
import Testing

/// Every network stage kernel against its float64 twin (``NetworkStages``), on fresh random inputs
/// of awkward shapes (on and off the tile size, single rows and columns), outputs poisoned with NaN
/// first (``OpenCLNetworkStages`` does that), within the ``ErrorBound`` of its reduction length.
@Suite(.enabled(if: TestDevice.available, TestDevice.skipReason))
struct NetworkStageKernelTests {
    static let rowCounts = [1, 7, 63, 65, 257]
    static let widths = [1, 13, 64, 257]
    static let hidden = [1, 3, 64, 100]
    static let heads: [Head] = [.mse(.course), .mse(.exact), .huber(delta: 0.7), .binaryCrossEntropy,
                                .softmaxCrossEntropy(classes: 3), .softmaxCrossEntropy(classes: 13)]
    let stages: OpenCLNetworkStages
    /// The device's tuning and the other matrix-multiply shape (tiled or blocked), for the products.
    let shapes: [OpenCLNetworkStages]

    init() throws {
        let programs = NetworkProgramCache(try TestDevice.context())
        stages = try OpenCLNetworkStages(programs: programs)
        var other = stages.tuning
        other.blocked.toggle()
        shapes = [stages, try OpenCLNetworkStages(programs: programs, tuning: other)]
    }

    @Test(arguments: rowCounts)
    func matmulNTMatchesTwin(rows: Int) throws {
        for stages in shapes { for inner in Self.widths {
            for outs in Self.hidden {
                let a = randomValues(rows * inner, seed: testSeed &+ UInt64(inner)), w = randomValues(outs * inner, seed: testSeed &+ 1)
                expectWithin(try stages.matmulNT(a, w, rows: rows, inner: inner, outs: outs),
                             NetworkStages.matmulNT(a, w, rows: rows, inner: inner, outs: outs),
                             bounds: ErrorBound.matmulNT(a, w, rows: rows, inner: inner, outs: outs),
                             "matmul_nt \(rows)×\(inner)·(\(outs)×\(inner))ᵀ \(stages.tuning)")
            }
        } }
    }

    /// `matmul_nt` with its fused bias and activation (the forward step's one launch per layer)
    /// against the twins' composition, both shapes; the activation taken in turn per shape.
    @Test(arguments: rowCounts)
    func matmulNTWithBiasActivationMatchesTwin(rows: Int) throws {
        for stages in shapes { for inner in Self.widths { for outs in Self.hidden {
            do {
                let activation = Activation.allCases[(rows + inner + outs) % Activation.allCases.count]
                let a = randomValues(rows * inner, seed: testSeed &+ UInt64(inner)), w = randomValues(outs * inner, seed: testSeed &+ 1)
                let bias = randomValues(outs, seed: testSeed &+ 4).map { $0 + ($0 < 0 ? -0.25 : 0.25) }
                let z = NetworkStages.matmulNT(a, w, rows: rows, inner: inner, outs: outs)
                let bounds = zip(ErrorBound.matmulNT(a, w, rows: rows, inner: inner, outs: outs),
                                 ErrorBound.biasActivation(z, bias: bias, rows: rows, outs: outs, activation: activation)).map(+)
                expectWithin(try stages.matmulNT(a, w, rows: rows, inner: inner, outs: outs, bias: bias, activation: activation),
                             NetworkStages.matmulNT(a, w, rows: rows, inner: inner, outs: outs, bias: bias, activation: activation),
                             bounds: bounds, "matmul_nt+\(activation) \(rows)×\(inner)·(\(outs)×\(inner))ᵀ \(stages.tuning)")
            }
        } } }
    }

    @Test(arguments: rowCounts)
    func matmulNNMatchesTwin(rows: Int) throws {
        for stages in shapes { for outs in Self.hidden {
            for inner in Self.widths {
                let d = randomValues(rows * outs, seed: testSeed &+ 2), w = randomValues(outs * inner, seed: testSeed &+ UInt64(inner))
                expectWithin(try stages.matmulNN(d, w, rows: rows, outs: outs, inner: inner),
                             NetworkStages.matmulNN(d, w, rows: rows, outs: outs, inner: inner),
                             bounds: ErrorBound.matmulNN(d, w, rows: rows, outs: outs, inner: inner),
                             "matmul_nn \(rows)×\(outs)·\(outs)×\(inner) \(stages.tuning)")
            }
        } }
    }

    /// `matmul_nn` with the activation's derivative fused (the backward step's one launch per layer
    /// below the top) against the twins' composition, both shapes; the activation taken in turn.
    @Test(arguments: rowCounts)
    func matmulNNWithDerivativeMatchesTwin(rows: Int) throws {
        for stages in shapes { for outs in Self.hidden { for inner in Self.widths {
            let activation = Activation.allCases[(rows + inner + outs) % Activation.allCases.count]
            let d = randomValues(rows * outs, seed: testSeed &+ 2), w = randomValues(outs * inner, seed: testSeed &+ UInt64(inner))
            let activated = NetworkStages.biasActivation(randomValues(rows * inner, seed: testSeed &+ 5), bias: [Double](repeating: 0.1, count: inner),
                                                         rows: rows, outs: inner, activation: activation)
            let product = NetworkStages.matmulNN(d, w, rows: rows, outs: outs, inner: inner)
            let bounds = zip(ErrorBound.matmulNN(d, w, rows: rows, outs: outs, inner: inner),
                             ErrorBound.activationBackward(product, activated: activated, activation: activation)).map(+)
            expectWithin(try stages.matmulNN(d, w, rows: rows, outs: outs, inner: inner, activated: activated, activation: activation),
                         NetworkStages.matmulNN(d, w, rows: rows, outs: outs, inner: inner, activated: activated, activation: activation),
                         bounds: bounds, "matmul_nn+\(activation)' \(rows)×\(outs)·\(outs)×\(inner) \(stages.tuning)")
        } } }
    }

    @Test(arguments: rowCounts)
    func matmulTNMatchesTwin(rows: Int) throws {
        for stages in shapes { for outs in Self.hidden {
            for inner in Self.widths {
                let d = randomValues(rows * outs, seed: testSeed &+ 3), a = randomValues(rows * inner, seed: testSeed &+ UInt64(inner))
                expectWithin(try stages.matmulTN(d, a, rows: rows, outs: outs, inner: inner),
                             NetworkStages.matmulTN(d, a, rows: rows, outs: outs, inner: inner),
                             bounds: ErrorBound.matmulTN(d, a, rows: rows, outs: outs, inner: inner),
                             "matmul_tn (\(rows)×\(outs))ᵀ·\(rows)×\(inner) \(stages.tuning)")
            }
        } }
    }

    /// `matmul_tn` with the bias gradient fused (training's one launch per layer): the product and
    /// `d`'s column sums, each against its twin, in both shapes.
    @Test(arguments: rowCounts)
    func matmulTNWithBiasGradientMatchesTwin(rows: Int) throws {
        for stages in shapes { for outs in Self.hidden {
            for inner in Self.widths {
                let d = randomValues(rows * outs, seed: testSeed &+ 3), a = randomValues(rows * inner, seed: testSeed &+ UInt64(inner))
                let (weight, bias) = try stages.matmulTNWithBias(d, a, rows: rows, outs: outs, inner: inner)
                let label = "matmul_tn+bias (\(rows)×\(outs))ᵀ·\(rows)×\(inner) \(stages.tuning)"
                expectWithin(weight, NetworkStages.matmulTN(d, a, rows: rows, outs: outs, inner: inner),
                             bounds: ErrorBound.matmulTN(d, a, rows: rows, outs: outs, inner: inner), label)
                expectWithin(bias, NetworkStages.columnSums(d, rows: rows, cols: outs),
                             bounds: ErrorBound.columnSums(d, rows: rows, cols: outs), label + " Σ")
            }
        } }
    }

    @Test(arguments: Activation.allCases)
    func elementwiseStagesMatchTwins(activation: Activation) throws {
        for rows in Self.rowCounts {
            for outs in Self.hidden {
                let z = randomValues(rows * outs, seed: testSeed &+ 4, scale: 2)
                let bias = randomValues(outs, seed: testSeed &+ 5).map { $0 + ($0 < 0 ? -0.25 : 0.25) }
                expectWithin(try stages.biasActivation(z, bias: bias, rows: rows, outs: outs, activation: activation),
                             NetworkStages.biasActivation(z, bias: bias, rows: rows, outs: outs, activation: activation),
                             bounds: ErrorBound.biasActivation(z, bias: bias, rows: rows, outs: outs, activation: activation),
                             "bias_activation \(activation) \(rows)×\(outs)")
                let a = NetworkStages.biasActivation(z, bias: bias, rows: rows, outs: outs, activation: activation)
                let delta = randomValues(rows * outs, seed: testSeed &+ 6)
                expectWithin(try stages.activationBackward(delta, activated: a, activation: activation),
                             NetworkStages.activationBackward(delta, activated: a, activation: activation),
                             bounds: ErrorBound.activationBackward(delta, activated: a, activation: activation),
                             "activation_backward \(activation) \(rows)×\(outs)")
            }
        }
    }

    @Test func columnSumsAndUpdateMatchTwins() throws {
        for rows in Self.rowCounts {
            for cols in Self.widths + Self.hidden {
                let d = randomValues(rows * cols, seed: testSeed &+ 7)
                expectWithin(try stages.columnSums(d, rows: rows, cols: cols), NetworkStages.columnSums(d, rows: rows, cols: cols),
                             bounds: ErrorBound.columnSums(d, rows: rows, cols: cols), "column_sums \(rows)×\(cols)")
            }
        }
        for count in Self.widths + [257 * 100 + 100] {
            let p = randomValues(count, seed: testSeed &+ 8), g = randomValues(count, seed: testSeed &+ 9).map { $0 + ($0 < 0 ? -0.5 : 0.5) }
            expectWithin(try stages.sgdUpdate(p, gradient: g, learningRate: 0.1), NetworkStages.sgdUpdate(p, gradient: g, learningRate: 0.1),
                         bounds: ErrorBound.sgdUpdate(p, gradient: g, learningRate: 0.1), "sgd_update \(count)")
        }
    }

    @Test(arguments: heads)
    func lossDeltaMatchesTwin(head: Head) throws {
        let outs = if case let .softmaxCrossEntropy(classes) = head { classes } else { 1 }
        for rows in Self.rowCounts + [1000] {
            let z = randomValues(rows * outs, seed: testSeed &+ 10, scale: 3)
            let y = Self.targets(head, rows: rows, seed: testSeed &+ 11)
            check(head, z: z, y: y, rows: rows, outs: outs, label: "\(rows) rows")
        }
    }

    /// Logits of ±80 (and ±100, past float32's `e^z` overflow at 88.7, which a softmax without
    /// the max subtracted does not survive): finite losses and deltas, within bounds.
    @Test(arguments: [Head.binaryCrossEntropy, .softmaxCrossEntropy(classes: 3), .softmaxCrossEntropy(classes: 13)])
    func lossDeltaIsStableAtExtremeLogits(head: Head) throws {
        let outs = if case let .softmaxCrossEntropy(classes) = head { classes } else { 1 }
        for extreme in [80.0, 100] {
            let rows = 64
            let z = randomValues(rows * outs, seed: testSeed &+ 12).map { $0 < 0 ? -extreme : extreme }
            let y = Self.targets(head, rows: rows, seed: testSeed &+ 13)
            let device = check(head, z: z, y: y, rows: rows, outs: outs, label: "logits ±\(extreme)")
            #expect(device.lossSum.isFinite && device.delta.allSatisfy(\.isFinite), "\(head) ±\(extreme): \(device.lossSum)")
        }
    }

    @discardableResult
    private func check(_ head: Head, z: [Double], y: [Double], rows: Int, outs: Int, label: String) -> (delta: [Double], lossSum: Double) {
        do {
            let device = try stages.lossDelta(head: head, outputs: z, targets: y, rows: rows, outs: outs)
            let twin = NetworkStages.lossDelta(head: head, outputs: z, targets: y, rows: rows, outs: outs)
            let bound = ErrorBound.lossDelta(head: head, outputs: z, targets: y, rows: rows, outs: outs)
            expectWithin(device.delta, twin.delta, bounds: bound.delta, "loss_delta \(head) delta, \(label)")
            expectWithin([device.lossSum], [twin.lossSum], bounds: [bound.lossSum], "loss_delta \(head) loss, \(label)")
            return device
        } catch {
            Issue.record("loss_delta \(head) \(label): \(error)")
            return ([], .nan)
        }
    }

    static func targets(_ head: Head, rows: Int, seed: UInt64) -> [Double] {
        var random = TrainingRandom(kind: .standard, seed: seed)
        return (0..<rows).map { _ in
            switch head {
            case .mse, .huber: 2 * random.nextNormal()
            case .binaryCrossEntropy: Double(random.nextInterval(1))
            case let .softmaxCrossEntropy(classes): Double(random.nextInterval(UInt32(classes - 1)))
            }
        }
    }
}
