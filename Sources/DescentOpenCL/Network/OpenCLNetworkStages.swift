import Descent

/// The network stage kernels, one call each with the signature of its CPU twin in
/// ``NetworkStages``, for checking a device stage by stage. Not a training path: every call
/// uploads its inputs, poisons its outputs with NaN (so an element a kernel fails to write shows
/// up), runs, and reads back.
package final class OpenCLNetworkStages {
    package let context: OpenCLContext
    package let program: NetworkProgram
    package var tuning: NetworkTuning { program.tuning }

    /// Stages built for `tuning` (the device's own by default) from `programs`, from `kernelSource`
    /// (the embedded kernels by default; tests plant bugs in it).
    package init(programs: NetworkProgramCache, tuning: NetworkTuning? = nil, kernelSource: String? = nil) throws {
        context = programs.context
        let source = kernelSource ?? NetworkProgram.defaultSource
        program = try tuning.map { try programs.program($0, source: source) } ?? programs.resolve(source: source)
    }

    private func upload(_ values: [Double]) throws -> OpenCLBuffer<Float> {
        try OpenCLBuffer(context, values: values.map(Float.init))
    }

    private func poisoned(_ count: Int) throws -> OpenCLBuffer<Float> {
        let buffer = try OpenCLBuffer<Float>(context, count: count)
        try buffer.fill(.nan)
        return buffer
    }

    private func groups(_ count: Int, _ size: Int) -> Int { max((count + size - 1) / size, 1) }

    /// Launches a tiled product over an output of `outRows × outColumns`.
    private func launchTiled(_ kernel: OpenCLKernel, outRows: Int, outColumns: Int) throws {
        let (groups, size) = tuning.matmulLaunch(kernel.name, outRows: outRows, outColumns: outColumns)
        try kernel.launch(groups: groups, groupSize: size)
    }

    /// `matmul_nt`; with a `bias`, its fused epilogue too (the bias placed after the weight in one
    /// parameter buffer, as in training).
    package func matmulNT(_ a: [Double], _ w: [Double], rows: Int, inner: Int, outs: Int,
                         bias: [Double]? = nil, activation: Activation = .identity) throws -> [Double] {
        let kernel = try program.kernel("matmul_nt")
        let out = try poisoned(rows * outs)
        let (ab, wb) = (try upload(a), try upload(w + (bias ?? [])))
        try kernel.set(0, ab); try kernel.set(1, wb); try kernel.set(2, Int32(0)); try kernel.set(3, out)
        try kernel.set(4, Int32(rows)); try kernel.set(5, Int32(inner)); try kernel.set(6, Int32(outs))
        try kernel.set(7, Int32(bias == nil ? -1 : w.count)); try kernel.set(8, Self.code(activation))
        try launchTiled(kernel, outRows: rows, outColumns: outs)
        return try out.read().map(Double.init)
    }

    /// `matmul_nn`; with `activated`, its fused epilogue too (times `act'(activated)`).
    package func matmulNN(_ d: [Double], _ w: [Double], rows: Int, outs: Int, inner: Int,
                         activated: [Double]? = nil, activation: Activation = .identity) throws -> [Double] {
        let kernel = try program.kernel("matmul_nn")
        let out = try poisoned(rows * inner)
        let (db, wb) = (try upload(d), try upload(w))
        try kernel.set(0, db); try kernel.set(1, wb); try kernel.set(2, Int32(0)); try kernel.set(3, out)
        try kernel.set(4, Int32(rows)); try kernel.set(5, Int32(outs)); try kernel.set(6, Int32(inner))
        let activatedBuffer = try activated.map(upload) ?? db  // unread without an activation; alive until the read below
        try kernel.set(7, activatedBuffer); try kernel.set(8, activated == nil ? Int32(-1) : Self.code(activation))
        try launchTiled(kernel, outRows: rows, outColumns: inner)
        return try withExtendedLifetime(activatedBuffer) { try out.read().map(Double.init) }
    }

    package func matmulTN(_ d: [Double], _ a: [Double], rows: Int, outs: Int, inner: Int) throws -> [Double] {
        try matmulTN(d, a, rows: rows, outs: outs, inner: inner, biasGradient: false).weight
    }

    /// `matmul_tn` with its fused bias gradient: the product, and `d`'s column sums (`column_sums`'s
    /// value) written after it in one poisoned buffer, as the bias follows the weight in training.
    package func matmulTNWithBias(_ d: [Double], _ a: [Double], rows: Int, outs: Int, inner: Int) throws -> (weight: [Double], bias: [Double]) {
        let (weight, bias) = try matmulTN(d, a, rows: rows, outs: outs, inner: inner, biasGradient: true)
        return (weight, bias!)
    }

    private func matmulTN(_ d: [Double], _ a: [Double], rows: Int, outs: Int, inner: Int,
                          biasGradient: Bool) throws -> (weight: [Double], bias: [Double]?) {
        let kernel = try program.kernel("matmul_tn")
        let out = try poisoned(outs * inner + outs)
        let (db, ab) = (try upload(d), try upload(a))
        try kernel.set(0, db); try kernel.set(1, ab); try kernel.set(2, out); try kernel.set(3, Int32(0))
        try kernel.set(4, Int32(rows)); try kernel.set(5, Int32(outs)); try kernel.set(6, Int32(inner))
        try kernel.set(7, Int32(biasGradient ? outs * inner : -1))
        try launchTiled(kernel, outRows: outs, outColumns: inner)
        let values = try out.read().map(Double.init)
        return (Array(values[..<(outs * inner)]), biasGradient ? Array(values[(outs * inner)...]) : nil)
    }

    /// `head_backward`: the weight and bias gradients in one poisoned buffer (the bias after the
    /// weight, as in training) and the delta back.
    package func headBackward(_ d: [Double], _ a: [Double], _ w: [Double], rows: Int, inner: Int,
                              activation: Activation) throws -> (weight: [Double], bias: Double, delta: [Double]) {
        let kernel = try program.kernel("head_backward")
        let out = try poisoned(inner + 1), back = try poisoned(rows * inner)
        let (db, ab, wb) = (try upload(d), try upload(a), try upload(w))
        try kernel.set(0, db); try kernel.set(1, ab); try kernel.set(2, out); try kernel.set(3, Int32(0)); try kernel.set(4, Int32(inner))
        try kernel.set(5, wb); try kernel.set(6, Int32(0)); try kernel.set(7, back)
        try kernel.set(8, Int32(rows)); try kernel.set(9, Int32(inner)); try kernel.set(10, Self.code(activation))
        let (groups, size) = tuning.headBackwardLaunch(inner: inner)
        try kernel.launch(groups: groups, groupSize: size)
        let values = try out.read().map(Double.init)
        return (Array(values[..<inner]), values[inner], try back.read().map(Double.init))
    }

    /// In place on the device, so not poisoned: give a non-zero bias, so an element skipped keeps
    /// a value that differs from the reference.
    package func biasActivation(_ z: [Double], bias: [Double], rows: Int, outs: Int, activation: Activation) throws -> [Double] {
        let kernel = try program.kernel("bias_activation")
        let (zb, bb) = (try upload(z), try upload(bias))
        try kernel.set(0, zb); try kernel.set(1, bb); try kernel.set(2, Int32(0))
        try kernel.set(3, Int32(rows)); try kernel.set(4, Int32(outs)); try kernel.set(5, Self.code(activation))
        try kernel.launch(groups: groups(rows * outs, tuning.workGroupSize), groupSize: tuning.workGroupSize)
        return try zb.read().map(Double.init)
    }

    package func activationBackward(_ delta: [Double], activated: [Double], activation: Activation) throws -> [Double] {
        let kernel = try program.kernel("activation_backward")
        let out = try poisoned(delta.count)
        let (db, ab) = (try upload(delta), try upload(activated))
        try kernel.set(0, db); try kernel.set(1, ab); try kernel.set(2, out)
        try kernel.set(3, Int32(delta.count)); try kernel.set(4, Self.code(activation))
        try kernel.launch(groups: groups(delta.count, tuning.workGroupSize), groupSize: tuning.workGroupSize)
        return try out.read().map(Double.init)
    }

    /// `loss_delta_*` with the twin's `scale` (default `1/rows`, rounded once here) and the loss sum.
    package func lossDelta(head: Head, outputs z: [Double], targets: [Double], rows: Int, outs: Int,
                          scale: Double? = nil) throws -> (delta: [Double], lossSum: Double) {
        let kernel = try program.kernel(Self.lossKernel(head))
        let delta = try poisoned(rows * outs), losses = try poisoned(1)
        let (zb, yb) = (try upload(z), try upload(targets))
        try Self.setLossArguments(kernel, head: head, z: zb, y: yb, delta: delta, losses: losses, rows: rows, outs: outs,
                                  scale: scale ?? 1 / Double(max(rows, 1)), lossScale: 1, lossIndex: 0)
        try kernel.launch(groups: 1, groupSize: tuning.workGroupSize)
        return (try delta.read().map(Double.init), Double(try losses.read()[0]))
    }

    /// A loss launch's gather of the next step's rows (`GATHER_NEXT_ROWS`): `count` rows of `x`
    /// (`[order.count × features]`, targets `y`) at positions `begin..<begin + count` of `order`,
    /// into poisoned buffers, beside `head`'s loss of one row; the gathered rows and targets.
    package func lossGather(head: Head, x: [Double], y: [Double], features: Int, order: [Int32], begin: Int, count: Int) throws -> (x: [Double], y: [Double]) {
        let kernel = try program.kernel(Self.lossKernel(head)), outs = head.isSoftmax ? 3 : 1
        let z = try upload([Double](repeating: 0.5, count: outs)), target = try upload([0]), delta = try poisoned(outs), losses = try poisoned(1)
        let xb = try upload(x), yb = try upload(y), ob = try OpenCLBuffer<Int32>(context, values: order)
        let next = GatherRows(x: xb, y: yb, order: ob, begin: begin, count: count, features: features,
                            batchX: try poisoned(max(count * features, 1)), batchY: try poisoned(max(count, 1)))
        try Self.setLossArguments(kernel, head: head, z: z, y: target, delta: delta, losses: losses, rows: 1, outs: outs,
                                  scale: 1, lossScale: 1, lossIndex: 0, next: next)
        try kernel.launch(groups: Self.lossGroups(next: next, groupSize: tuning.workGroupSize), groupSize: tuning.workGroupSize)
        return (try next.batchX.read(count: count * features).map(Double.init), try next.batchY.read(count: count).map(Double.init))
    }

    package func columnSums(_ d: [Double], rows: Int, cols: Int) throws -> [Double] {
        let kernel = try program.kernel("column_sums")
        let out = try poisoned(cols), db = try upload(d)
        try kernel.set(0, db); try kernel.set(1, out); try kernel.set(2, Int32(0)); try kernel.set(3, Int32(rows)); try kernel.set(4, Int32(cols))
        try kernel.launch(groups: groups(cols, tuning.workGroupSize), groupSize: tuning.workGroupSize)
        return try out.read().map(Double.init)
    }

    /// In place: give a gradient with no zero element, so an element skipped fails.
    package func sgdUpdate(_ params: [Double], gradient: [Double], learningRate: Double) throws -> [Double] {
        let kernel = try program.kernel("sgd_update")
        let (pb, gb) = (try upload(params), try upload(gradient))
        try kernel.set(0, pb); try kernel.set(1, gb); try kernel.set(2, Int32(params.count)); try kernel.set(3, Float(learningRate))
        try kernel.launch(groups: groups(params.count, tuning.workGroupSize), groupSize: tuning.workGroupSize)
        return try pb.read().map(Double.init)
    }

    // MARK: Shared with the training path

    /// `Activation`'s code in network.cl (`ACT_*`).
    static func code(_ activation: Activation) -> Int32 {
        switch activation {
        case .identity: 0
        case .relu: 1
        case .tanh: 2
        case .sigmoid: 3
        }
    }

    static func lossKernel(_ head: Head) -> String {
        switch head {
        case .mse: "loss_delta_mse"
        case .huber: "loss_delta_huber"
        case .binaryCrossEntropy: "loss_delta_bce"
        case .softmaxCrossEntropy: "loss_delta_softmax"
        }
    }

    /// The rows a gather copies: positions `begin..<begin + count` of `order`, from `x` and `y`
    /// into `batchX` and `batchY`. The arguments of `gather_rows`, and in the same order those of
    /// a loss launch that gathers the next step's rows (`GATHER_NEXT_ROWS` in network.cl).
    struct GatherRows {
        var x: OpenCLBuffer<Float>
        var y: OpenCLBuffer<Float>
        var order: OpenCLBuffer<Int32>
        var begin: Int
        var count: Int
        var features: Int
        var batchX: OpenCLBuffer<Float>
        var batchY: OpenCLBuffer<Float>

        /// Sets them as `kernel`'s arguments `index ..< index + 8`.
        func set(on kernel: OpenCLKernel, from index: Int) throws {
            try kernel.set(index, x); try kernel.set(index + 1, y); try kernel.set(index + 2, order)
            try kernel.set(index + 3, Int32(begin)); try kernel.set(index + 4, Int32(count)); try kernel.set(index + 5, Int32(features))
            try kernel.set(index + 6, batchX); try kernel.set(index + 7, batchY)
        }
    }

    /// The loss kernels' arguments; `scale` is the twin's (the exact MSE's factor 2 folded in here).
    /// Without `next` the kernel gathers nothing (its buffer arguments are then `z`, unread).
    static func setLossArguments(_ kernel: OpenCLKernel, head: Head, z: OpenCLBuffer<Float>, y: OpenCLBuffer<Float>,
                                 delta: OpenCLBuffer<Float>, losses: OpenCLBuffer<Float>, rows: Int, outs: Int,
                                 scale: Double, lossScale: Double, lossIndex: Int, next: GatherRows? = nil) throws {
        let factor = head == .mse(.exact) ? 2.0 : 1.0
        try kernel.set(0, z); try kernel.set(1, y); try kernel.set(2, delta); try kernel.set(3, losses)
        try kernel.set(4, Int32(rows)); try kernel.set(5, Int32(outs)); try kernel.set(6, Float(factor * scale))
        try kernel.set(7, Float(lossScale)); try kernel.set(8, Int32(lossIndex))
        if let next {
            try next.set(on: kernel, from: 9)
        } else {  // none gathered: buffers unread, count 0
            for index in [9, 10, 11, 15, 16] { try kernel.set(index, z) }
            for index in 12...14 { try kernel.set(index, Int32(0)) }
        }
        if case let .huber(huberDelta) = head { try kernel.set(17, Float(huberDelta)) }
    }

    /// Work-groups of a loss launch: its one, and those that gather `next`'s rows.
    static func lossGroups(next: GatherRows?, groupSize: Int) -> Int {
        1 + (next.map { ($0.count + groupSize - 1) / groupSize } ?? 0)
    }
}
