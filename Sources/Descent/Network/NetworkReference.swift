/// A whole network in float64: forward, loss, backward and step of any ``ModelSpec`` on a batch of
/// rows, composed only of the ``NetworkStages`` twins, in the order the device runs its kernels.
/// The CPU backend calls it for every non-linear kind; the OpenCL network path is checked against it.
///
/// Per layer l (``ParameterLayout``: `layer{l}.weight` `[out × in]`, then `layer{l}.bias`):
/// `z = a·Wᵀ + b`; hidden layers `a' = act(z)`; the last layer's `z` goes to the head.
public enum NetworkReference {
    /// The activations of every layer, inputs first: `[features, a₁, …, z_L]` (the last one the
    /// output layer's pre-activations, the head's logits), each `[rows × width]`.
    public static func forward(params: [Double], spec: ModelSpec, features: Matrix) -> [[Double]] {
        precondition(features.columns == spec.inputs, "NetworkReference: \(features.columns) columns for \(spec.inputs) inputs")
        let widths = spec.widths, rows = features.rows
        var activations = [features.values]
        for l in 0..<(widths.count - 1) {
            let (w, b) = layer(l, params, spec)
            let z = NetworkStages.matmulNT(activations[l], w, rows: rows, inner: widths[l], outs: widths[l + 1])
            let last = l == widths.count - 2
            activations.append(NetworkStages.biasActivation(z, bias: b, rows: rows, outs: widths[l + 1],
                                                            activation: last ? .identity : spec.activation))
        }
        return activations
    }

    /// The batch's mean loss. Taken 4,096 rows at a time (`blockRows`), the rows' losses summed in row
    /// order across the blocks (the bits of one pass over all of them): the trainer asks it of every
    /// training row, and a hidden layer's activations for millions of rows would take gigabytes.
    public static func loss(params: [Double], spec: ModelSpec, features: Matrix, targets: [Double]) -> Double {
        var sum = 0.0
        forEachBlock(params: params, spec: spec, features: features, targets: targets) { logits, targets, rows in
            for r in 0..<rows { sum += HeadLoss.row(spec.head, logits: logits[r * spec.outputs..<(r + 1) * spec.outputs], targets: targets, row: r).loss }
        }
        return sum / Double(max(features.rows, 1))
    }

    /// Rows a block of ``loss(params:spec:features:targets:)`` and ``predict(params:spec:features:)`` holds activations for.
    static let blockRows = 4096

    /// `body(logits, targets, rows)` for each block of ``blockRows`` rows of `features`, in order.
    private static func forEachBlock(params: [Double], spec: ModelSpec, features: Matrix, targets: [Double],
                                     _ body: ([Double], [Double], Int) -> Void) {
        let perRow = features.rows > 0 ? targets.count / features.rows : 1
        for first in stride(from: 0, to: features.rows, by: blockRows) {
            let last = min(first + blockRows, features.rows)
            let logits = forward(params: params, spec: spec, features: features.rows(first..<last)).last!
            body(logits, Array(targets[first * perRow..<last * perRow]), last - first)
        }
    }

    /// The SUM over the batch's rows of each row's gradient (in the layout) and of each row's loss.
    /// `mean gradient = gradient / rows`: exactly the gradient of the mean loss.
    public static func gradient(params: [Double], spec: ModelSpec, features: Matrix, targets: [Double]) -> GradientSums {
        gradient(params: params, spec: spec, features: features, targets: targets, scale: 1)
    }

    /// The gradient with each row's delta scaled by `scale` (1: sums; 1/rows: the mean, as a step takes it).
    static func gradient(params: [Double], spec: ModelSpec, features: Matrix, targets: [Double], scale: Double) -> GradientSums {
        let widths = spec.widths, rows = features.rows, layout = ParameterLayout(spec: spec)
        let activations = forward(params: params, spec: spec, features: features)
        var (delta, lossSum) = NetworkStages.lossDelta(head: spec.head, outputs: activations.last!, targets: targets,
                                                       rows: rows, outs: spec.outputs, scale: scale)
        var gradient = [Double](repeating: 0, count: layout.count)
        for l in stride(from: widths.count - 2, through: 0, by: -1) {
            let (inner, outs) = (widths[l], widths[l + 1])
            let (weight, bias) = offsets(l, layout)
            let gw = NetworkStages.matmulTN(delta, activations[l], rows: rows, outs: outs, inner: inner)
            gradient.replaceSubrange(weight..<weight + gw.count, with: gw)
            let gb = NetworkStages.columnSums(delta, rows: rows, cols: outs)
            gradient.replaceSubrange(bias..<bias + gb.count, with: gb)
            if l > 0 {
                let (w, _) = layer(l, params, spec)
                let back = NetworkStages.matmulNN(delta, w, rows: rows, outs: outs, inner: inner)
                delta = NetworkStages.activationBackward(back, activated: activations[l], activation: spec.activation)
            }
        }
        return GradientSums(gradient: gradient, lossSum: lossSum, rows: rows)
    }

    /// One SGD step on the batch, as the fused device path takes it: each row's delta scaled by
    /// `1/rows`, the update `p − learningRate · g`. Returns the new parameters and the batch's mean
    /// loss before the update.
    public static func step(params: [Double], spec: ModelSpec, features: Matrix, targets: [Double],
                            learningRate: Double) -> (params: [Double], loss: Double) {
        let n = Double(max(features.rows, 1))
        let sums = gradient(params: params, spec: spec, features: features, targets: targets, scale: 1 / n)
        return (NetworkStages.sgdUpdate(params, gradient: sums.gradient, learningRate: learningRate), sums.lossSum / n)
    }

    /// The head's output per row, row-major: the value (regression), the probability of class 1
    /// (binary cross-entropy), or each class's probability (softmax).
    /// Taken 4,096 rows at a time, as ``loss(params:spec:features:targets:)`` is.
    public static func predict(params: [Double], spec: ModelSpec, features: Matrix) -> [Double] {
        let outs = spec.outputs
        var result = [Double]()
        result.reserveCapacity(features.rows * outs)
        forEachBlock(params: params, spec: spec, features: features, targets: []) { logits, _, rows in
            for r in 0..<rows { result += HeadLoss.output(spec.head, logits: logits[r * outs..<(r + 1) * outs]) }
        }
        return result
    }

    /// The rows `rows` of `features` and their targets, gathered into a batch.
    public static func batch(features: Matrix, targets: [Double], rows: some Collection<Int32>,
                             targetsPerRow: Int = 1) -> (features: Matrix, targets: [Double]) {
        let values = rows.flatMap { features.row(Int($0)) }
        let t = rows.flatMap { targets[Int($0) * targetsPerRow..<(Int($0) + 1) * targetsPerRow] }
        return (Matrix(rows: rows.count, columns: features.columns, values: values), t)
    }

    // MARK: Layout

    /// Offsets of layer `l`'s weight and bias in the flat buffer.
    static func offsets(_ l: Int, _ layout: ParameterLayout) -> (weight: Int, bias: Int) {
        (layout.weight(l).offset, layout.bias(l).offset)
    }

    /// Layer `l`'s weight `[out × in]` and bias `[out]`, copied out of the flat buffer.
    static func layer(_ l: Int, _ params: [Double], _ spec: ModelSpec) -> (weight: [Double], bias: [Double]) {
        let layout = ParameterLayout(spec: spec)
        precondition(params.count == layout.count, "NetworkReference: \(params.count) parameters, the layout has \(layout.count)")
        let (w, b) = offsets(l, layout), widths = spec.widths
        return (Array(params[w..<w + widths[l] * widths[l + 1]]), Array(params[b..<b + widths[l + 1]]))
    }
}
