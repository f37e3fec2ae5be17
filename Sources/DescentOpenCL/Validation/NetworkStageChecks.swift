import Descent

/// Each network stage kernel at each shape, against its twin within its ``ErrorBound``; fresh
/// seeded inputs per check (``NetworkValidation`` runs these).
struct NetworkStageChecks {
    var stages: OpenCLNetworkStages
    var rows: [Int]
    var widths: [Int]
    var hidden: [Int]
    var seed: UInt64
    var losses: [Head]
    var willCheck: (String, String, String) -> Void

    func run() -> [ValidationCheck] {
        let configuration = stages.tuning.description
        var checks = [ValidationCheck]()
        func check(_ stage: String, _ shape: String, _ body: () throws -> (device: [Double], reference: [Double], bounds: [Double])) {
            willCheck(stage, shape, configuration)
            do {
                let (device, reference, bounds) = try body()
                checks.append(ValidationCheck(stage: stage, shape: shape, configuration: configuration, device: device, reference: reference, bounds: bounds))
            } catch {
                checks.append(ValidationCheck(stage: stage, shape: shape, configuration: configuration, maxAbsoluteError: .nan, maxRelativeError: .nan,
                                              bound: .nan, passed: false, mismatches: String(describing: error).split(separator: "\n").prefix(12).map(String.init)))
            }
        }
        for n in rows {
            for width in widths {
                // an output layer of one output: head_backward's three results against their twins
                let activation = Activation.allCases[(n + width) % Activation.allCases.count]
                let d1 = values(n, salt: 11), w1 = values(width, salt: 12)
                let a1 = NetworkStages.biasActivation(values(n * width, salt: 13), bias: [Double](repeating: 0.1, count: width),
                                                      rows: n, outs: width, activation: activation)
                let head = Result { try stages.headBackward(d1, a1, w1, rows: n, inner: width, activation: activation) }
                let twin = NetworkStages.headBackward(d1, a1, w1, rows: n, inner: width, activation: activation)
                check("head_backward", "\(n) rows 1×\(width)") {
                    (try head.get().weight, twin.weight, ErrorBound.matmulTN(d1, a1, rows: n, outs: 1, inner: width))
                }
                check("head_backward Σ", "\(n) rows 1×\(width)") {
                    ([try head.get().bias], [twin.bias], ErrorBound.columnSums(d1, rows: n, cols: 1))
                }
                check("head_backward δ", "\(n)×1→\(width) \(activation)") {
                    let product = NetworkStages.matmulNN(d1, w1, rows: n, outs: 1, inner: width)
                    let bounds = zip(ErrorBound.matmulNN(d1, w1, rows: n, outs: 1, inner: width),
                                     ErrorBound.activationBackward(product, activated: a1, activation: activation)).map(+)
                    return (try head.get().delta, twin.delta, bounds)
                }
                // the next step's rows, gathered by a loss launch's groups after its first: an exact copy
                if let head = losses.first {
                    check("gather (loss launch)", "\(n) rows × \(width)") {
                        let stored = n + 3, x = values(stored * width, salt: 14), y = values(stored, salt: 15)
                        var order = (0..<Int32(stored)).map { $0 }
                        var random = TrainingRandom(kind: .standard, seed: seed &+ UInt64(n * width))
                        random.shuffle(&order)
                        let picked = order[2..<(2 + n)].map(Int.init)
                        let device = try stages.lossGather(head: head, x: x, y: y, features: width, order: order, begin: 2, count: n)
                        let reference = picked.flatMap { x[($0 * width)..<(($0 + 1) * width)] } + picked.map { y[$0] }
                        return (device.x + device.y, reference.map { Double(Float($0)) }, [Double](repeating: 0, count: reference.count))
                    }
                }
                for h in hidden {
                    let a = values(n * width, salt: 1), w = values(h * width, salt: 2), d = values(n * h, salt: 3)
                    check("matmul_nt", "\(n)×\(width)→\(h)") {
                        (try stages.matmulNT(a, w, rows: n, inner: width, outs: h), NetworkStages.matmulNT(a, w, rows: n, inner: width, outs: h),
                         ErrorBound.matmulNT(a, w, rows: n, inner: width, outs: h))
                    }
                    let activation = Activation.allCases[(n + width + h) % Activation.allCases.count]
                    check("matmul_nt+act", "\(n)×\(width)→\(h) \(activation)") {
                        let bias = values(h, salt: 9)
                        let z = NetworkStages.matmulNT(a, w, rows: n, inner: width, outs: h)
                        // act is 1-Lipschitz: the product's bound carries through, plus bias+act's own
                        let bounds = zip(ErrorBound.matmulNT(a, w, rows: n, inner: width, outs: h),
                                         ErrorBound.biasActivation(z, bias: bias, rows: n, outs: h, activation: activation)).map(+)
                        return (try stages.matmulNT(a, w, rows: n, inner: width, outs: h, bias: bias, activation: activation),
                                NetworkStages.matmulNT(a, w, rows: n, inner: width, outs: h, bias: bias, activation: activation), bounds)
                    }
                    check("matmul_nn", "\(n)×\(h)→\(width)") {
                        (try stages.matmulNN(d, w, rows: n, outs: h, inner: width), NetworkStages.matmulNN(d, w, rows: n, outs: h, inner: width),
                         ErrorBound.matmulNN(d, w, rows: n, outs: h, inner: width))
                    }
                    check("matmul_nn+act'", "\(n)×\(h)→\(width) \(activation)") {
                        let activated = NetworkStages.biasActivation(values(n * width, salt: 10), bias: [Double](repeating: 0.1, count: width),
                                                                     rows: n, outs: width, activation: activation)
                        let product = NetworkStages.matmulNN(d, w, rows: n, outs: h, inner: width)
                        // |act'| ≤ 1: the product's bound carries through, plus the multiply's own
                        let bounds = zip(ErrorBound.matmulNN(d, w, rows: n, outs: h, inner: width),
                                         ErrorBound.activationBackward(product, activated: activated, activation: activation)).map(+)
                        return (try stages.matmulNN(d, w, rows: n, outs: h, inner: width, activated: activated, activation: activation),
                                NetworkStages.matmulNN(d, w, rows: n, outs: h, inner: width, activated: activated, activation: activation), bounds)
                    }
                    check("matmul_tn", "\(n) rows \(h)×\(width)") {
                        (try stages.matmulTN(d, a, rows: n, outs: h, inner: width), NetworkStages.matmulTN(d, a, rows: n, outs: h, inner: width),
                         ErrorBound.matmulTN(d, a, rows: n, outs: h, inner: width))
                    }
                    // the bias gradient fused into the product (training's launch): both parts, each against its twin
                    let fused = Result { try stages.matmulTNWithBias(d, a, rows: n, outs: h, inner: width) }
                    check("matmul_tn+bias", "\(n) rows \(h)×\(width)") {
                        (try fused.get().weight, NetworkStages.matmulTN(d, a, rows: n, outs: h, inner: width),
                         ErrorBound.matmulTN(d, a, rows: n, outs: h, inner: width))
                    }
                    check("matmul_tn+bias Σ", "\(n) rows \(h)×\(width)") {
                        (try fused.get().bias, NetworkStages.columnSums(d, rows: n, cols: h), ErrorBound.columnSums(d, rows: n, cols: h))
                    }
                }
            }
            for h in hidden {
                let z = values(n * h, salt: 4).map { 2 * $0 }, bias = values(h, salt: 5).map { $0 + ($0 < 0 ? -0.25 : 0.25) }
                let delta = values(n * h, salt: 6)
                for activation in Activation.allCases {
                    check("bias+act", "\(n)×\(h) \(activation)") {
                        (try stages.biasActivation(z, bias: bias, rows: n, outs: h, activation: activation),
                         NetworkStages.biasActivation(z, bias: bias, rows: n, outs: h, activation: activation),
                         ErrorBound.biasActivation(z, bias: bias, rows: n, outs: h, activation: activation))
                    }
                    let a = NetworkStages.biasActivation(z, bias: bias, rows: n, outs: h, activation: activation)
                    check("act'", "\(n)×\(h) \(activation)") {
                        (try stages.activationBackward(delta, activated: a, activation: activation),
                         NetworkStages.activationBackward(delta, activated: a, activation: activation),
                         ErrorBound.activationBackward(delta, activated: a, activation: activation))
                    }
                }
                check("column_sums", "\(n)×\(h)") {
                    (try stages.columnSums(delta, rows: n, cols: h), NetworkStages.columnSums(delta, rows: n, cols: h),
                     ErrorBound.columnSums(delta, rows: n, cols: h))
                }
            }
            for head in losses {
                let outs = if case let .softmaxCrossEntropy(classes) = head { classes } else { 1 }
                let z = values(n * outs, salt: 7).map { 3 * $0 }
                checks += lossChecks(head, z: z, rows: n, outs: outs, shape: "\(n)×\(outs)", configuration: configuration)
            }
        }
        for head in losses where head == .binaryCrossEntropy || head.isSoftmax {
            let outs = if case let .softmaxCrossEntropy(classes) = head { classes } else { 1 }
            for extreme in [80.0, 100] {
                let n = rows.max() ?? 1
                let z = values(n * outs, salt: 8).map { $0 < 0 ? -extreme : extreme }
                checks += lossChecks(head, z: z, rows: n, outs: outs, shape: "\(n)×\(outs) ±\(Int(extreme))", configuration: configuration)
            }
        }
        let count = (widths.max() ?? 1) * (hidden.max() ?? 1)
        let p = values(count, salt: 9), g = values(count, salt: 10).map { $0 + ($0 < 0 ? -0.5 : 0.5) }
        check("sgd_update", "\(count)") {
            (try stages.sgdUpdate(p, gradient: g, learningRate: 0.1), NetworkStages.sgdUpdate(p, gradient: g, learningRate: 0.1),
             ErrorBound.sgdUpdate(p, gradient: g, learningRate: 0.1))
        }
        return checks
    }

    /// Delta and loss of one head: two checks (the loss also fails when not finite).
    private func lossChecks(_ head: Head, z: [Double], rows n: Int, outs: Int, shape: String, configuration: String) -> [ValidationCheck] {
        let stage = "loss " + head.shortName, deltaStage = "δ " + head.shortName
        willCheck(stage, shape, configuration)
        let y = targets(head, rows: n)
        do {
            let device = try stages.lossDelta(head: head, outputs: z, targets: y, rows: n, outs: outs)
            let twin = NetworkStages.lossDelta(head: head, outputs: z, targets: y, rows: n, outs: outs)
            let bound = ErrorBound.lossDelta(head: head, outputs: z, targets: y, rows: n, outs: outs)
            return [ValidationCheck(stage: deltaStage, shape: shape, configuration: configuration, device: device.delta, reference: twin.delta, bounds: bound.delta),
                    ValidationCheck(stage: stage, shape: shape, configuration: configuration, device: [device.lossSum], reference: [twin.lossSum], bounds: [bound.lossSum])]
        } catch {
            return [ValidationCheck(stage: stage, shape: shape, configuration: configuration, maxAbsoluteError: .nan, maxRelativeError: .nan,
                                    bound: .nan, passed: false, mismatches: [String(describing: error)])]
        }
    }

    private func targets(_ head: Head, rows n: Int) -> [Double] {
        var random = TrainingRandom(kind: .standard, seed: seed &+ 77 &+ UInt64(n))
        return (0..<n).map { _ in
            switch head {
            case .mse, .huber: 2 * random.nextNormal()
            case .binaryCrossEntropy: Double(random.nextInterval(1))
            case let .softmaxCrossEntropy(classes): Double(random.nextInterval(UInt32(classes - 1)))
            }
        }
    }

    private func values(_ count: Int, salt: UInt64) -> [Double] {
        var random = TrainingRandom(kind: .standard, seed: seed &* 0x9E37_79B9 &+ salt &+ UInt64(count) &* 31)
        return (0..<count).map { _ in random.nextNormal() }
    }
}

extension Head {
    var isSoftmax: Bool { if case .softmaxCrossEntropy = self { true } else { false } }
    /// `mse`, `mse exact`, `huber`, `bce`, `softmax k`: for the validate table.
    var shortName: String {
        switch self {
        case .mse(let convention): convention == .course ? "mse" : "mse2"
        case .huber: "huber"
        case .binaryCrossEntropy: "bce"
        case .softmaxCrossEntropy(let classes): "smx\(classes)"
        }
    }
}
