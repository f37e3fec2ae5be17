import Descent

/// Training any non-linear ``ModelSpec`` (logistic, softmax, MLP) on an OpenCL device, in float32,
/// with the shape of the backend protocol, so that ``OpenCLBackend`` hands those kinds to it.
///
/// The rows are uploaded once. Per step, every launch enqueued without waiting: the batch's rows
/// gathered (`gather_rows` for a submission's first step; the step before's loss launch gathers
/// the others'), per layer `matmul_nt` with its bias and activation fused, the head's `loss_delta_*`
/// (the loss written to the step's slot, the next step's rows gathered into the other batch slot), then per layer from the last `matmul_tn` and
/// `column_sums` into the gradient, `matmul_nn` with the activation's derivative fused down to the layer below,
/// and `sgd_update`. A submission's losses are read back once, in ``collectSteps()``.
package final class OpenCLNetwork {
    package let context: OpenCLContext
    package let programs: NetworkProgramCache
    /// With profiling on, every launch of the last submission, for ``lastDeviceSeconds``.
    package let profile: OpenCLProfile?
    /// Rows per launch sequence of ``gradientSums(rows:)`` and ``predict(features:)``.
    package var chunkRows = 4096
    private let source: String

    package private(set) var spec: ModelSpec?
    var layout = ParameterLayout(spec: .linear(inputs: 1))
    var program: NetworkProgram?
    var buffers: NetworkBuffers?
    /// A rule other than plain SGD (nil: `sgd_update`, as always): ``setUpdateRule(_:)``.
    var optimizer: OpenCLOptimizer?
    /// optimizer.cl to build instead of the embedded update kernels.
    public var optimizerKernelSource: String?
    private var pendingSteps = 0

    /// - Parameter kernelSource: the OpenCL C (common.cl + network.cl) to build instead of the
    ///   embedded kernels (tests plant bugs in it).
    package init(programs: NetworkProgramCache, kernelSource: String? = nil) {
        context = programs.context
        self.programs = programs
        source = kernelSource ?? NetworkProgram.defaultSource
        profile = context.profiling ? OpenCLProfile(device: context.device) : nil
    }

    package convenience init(device: OpenCLDevice, kernelSource: String? = nil, profiling: Bool = false) throws {
        self.init(programs: NetworkProgramCache(try OpenCLContext(device: device, profiling: profiling)), kernelSource: kernelSource)
    }

    /// The kernel build in use (after ``prepare(spec:data:)``).
    package var tuning: NetworkTuning? { program?.tuning }

    /// Builds the kernels (checked against the device's limits, stepped down where a build allows
    /// fewer work-items: ``KernelLimitError`` when nothing fits), uploads the rows and allocates
    /// the parameters. Call once, before anything else.
    package func prepare(spec: ModelSpec, data: TrainingData) throws {
        try BackendCheck.data(data, spec: spec)
        program = try programs.resolve(source: source)
        self.spec = spec
        layout = ParameterLayout(spec: spec)
        buffers = try NetworkBuffers(context: context, spec: spec, layout: layout, data: data)
        optimizer = nil
    }

    package func setParameters(_ values: [Double]) throws {
        let (_, buffers) = try prepared()
        guard values.count == layout.count else { throw BackendError.parameterCount(expected: layout.count, got: values.count) }
        try buffers.params.write(values.map(Float.init))
    }

    package func parameters() throws -> [Double] {
        try prepared().buffers.params.read().map(Double.init)
    }

    /// Uploads the order and enqueues one step per consecutive batch of `batchSize` positions;
    /// returns without waiting for the device.
    package func submitSteps(order permutation: ArraySlice<Int32>, batchSize: Int, learningRate: Double) throws {
        let (_, buffers) = try prepared()
        guard permutation.count <= buffers.rows else { throw BackendError.orderLength(positions: permutation.count, rows: buffers.rows) }
        try BackendCheck.order(permutation, batchSize: batchSize, rows: buffers.rows)
        let positions = permutation.count, steps = (positions + batchSize - 1) / batchSize
        try buffers.reserve(rows: min(batchSize, positions), steps: steps)
        profile?.reset()
        try buffers.losses!.fill(.nan)  // a step that fails to write its loss reads as divergence, not as 0
        try buffers.order.write(permutation)
        func batch(_ step: Int) -> Range<Int> { step * batchSize..<min((step + 1) * batchSize, positions) }
        try enqueueGather(begin: 0, count: batch(0).count, slot: 0)
        for step in 0..<steps {  // each step's loss launch gathers the next step's rows into the other slot
            let count = batch(step).count, inverse = 1 / Double(count)  // rounded once on the host: device division may be 2.5 ulp
            try enqueueStep(slot: step % 2, count: count, next: step + 1 < steps ? batch(step + 1) : nil, scale: inverse, lossScale: inverse,
                            lossIndex: step, learningRate: learningRate)
        }
        try context.flush()
        pendingSteps = steps
    }

    /// Each step's mean loss, computed before its update: the one read of a submission, which waits for its last step.
    package func collectSteps() throws -> [Double] {
        guard let losses = buffers?.losses, pendingSteps > 0 else { return [] }
        defer { pendingSteps = 0 }
        return try losses.read(count: pendingSteps).map(Double.init)
    }

    /// The sums over `rows` of each row's gradient and loss, in chunks of ``chunkRows`` rows (the
    /// chunks' float32 sums added in float64, in order); the parameters are not changed.
    package func gradientSums(rows: ArraySlice<Int32>) throws -> GradientSums {
        let (_, buffers) = try prepared()
        try BackendCheck.order(rows, batchSize: 1, rows: buffers.rows)
        var total = GradientSums(gradient: [Double](repeating: 0, count: layout.count), lossSum: 0, rows: 0)
        let chunkSize = max(min(chunkRows, buffers.rows), 1)  // the order buffer holds one index per loaded row
        try buffers.reserve(rows: min(chunkSize, max(rows.count, 1)), steps: 1)
        for start in stride(from: rows.startIndex, to: rows.endIndex, by: chunkSize) {
            let chunk = rows[start..<min(start + chunkSize, rows.endIndex)]
            try buffers.order.write(chunk)
            try enqueueGather(begin: 0, count: chunk.count, slot: 0)
            try enqueueStep(slot: 0, count: chunk.count, scale: 1, lossScale: 1, lossIndex: 0, learningRate: nil)
            let gradient = try buffers.gradient.read().map(Double.init), loss = Double(try buffers.losses!.read(count: 1)[0])
            total = total + GradientSums(gradient: gradient, lossSum: loss, rows: chunk.count)
        }
        return total
    }

    /// `p −= learningRate · gradient`, with an already-averaged gradient in the layout.
    package func applyGradient(_ gradient: [Double], learningRate: Double) throws {
        let (program, buffers) = try prepared()
        guard gradient.count == layout.count else { throw BackendError.parameterCount(expected: layout.count, got: gradient.count) }
        try buffers.gradient.write(gradient.map(Float.init))
        try launchUpdate(program, buffers, learningRate: learningRate)
    }

    /// The head's output for each row of `features` (``NetworkReference/predict(params:spec:features:)``'s
    /// convention): logits on the device, the head's sigmoid or softmax in float64 on the host.
    package func predict(features: Matrix) throws -> [Double] {
        let (_, buffers) = try prepared()
        let spec = spec!, outs = spec.outputs
        try BackendCheck.columns(features, spec: spec)
        var result = [Double]()
        result.reserveCapacity(features.rows * outs)
        try buffers.reserve(rows: min(chunkRows, max(features.rows, 1)), steps: 1)
        let values = features.float32Array()  // once, not per chunk
        for start in stride(from: 0, to: features.rows, by: chunkRows) {
            let count = min(chunkRows, features.rows - start)
            try buffers.activations[0].write(values[start * spec.inputs..<(start + count) * spec.inputs])
            try enqueueForward(count: count)
            let logits = try buffers.activations.last!.read(count: count * outs).map(Double.init)
            for row in 0..<count { result += HeadLoss.output(spec.head, logits: logits[row * outs..<(row + 1) * outs]) }
        }
        return result
    }

    /// Device seconds of the last submission's launches (profiling only).
    package var lastDeviceSeconds: Double? { try? profile?.totalSeconds() }

    func prepared() throws -> (program: NetworkProgram, buffers: NetworkBuffers) {
        guard let program, let buffers else { throw BackendError.notPrepared }
        return (program, buffers)
    }
}
