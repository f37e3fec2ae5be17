import COpenCL
import Descent

/// Training on an OpenCL device, in float32.
///
/// The linear model with a mean-squared-error head runs the fused linear kernels (the course's
/// numbers, and the speed), and so does logistic regression (one dense layer, binary cross-entropy:
/// the kernels built with `HEAD_BCE`, `LinearHead`). Every other model (softmax, MLP, a linear
/// model under the Huber loss) runs on `OpenCLNetwork`, on the same context: ``prepare(spec:data:)`` decides
/// once, and every call after it goes to the one chosen.
///
/// The training rows are uploaded once; each submission (an epoch, or a slice of one when the
/// trainer must answer Ctrl-C) uploads only its part of the permutation (without blocking, into
/// one of two device copies: `OrderUpload`), enqueues every step without waiting, and reads
/// the per-batch losses back once. Parameters stay on the device.
/// Small batches run a whole epoch in one launch (`linear_train_epoch`, under any update rule:
/// `OpenCLFusedRule`); larger ones run two launches per step (`linear_step_partial` across
/// work-groups, then `linear_step_update`, or the rule's gradient and update kernels).
public final class OpenCLBackend: TrainingBackend {
    /// `opencl`.
    public let name = "opencl"
    /// The device's name, platform and type.
    public var deviceDescription: String { context.device.description }
    package let context: OpenCLContext
    /// Batches up to this size run the single-work-group epoch kernel.
    package var singleGroupMaxBatch: Int { didSet { resolved = nil } }
    /// How the fused kernels spread a batch over work-items; the device's preferred shape by default.
    package var shape: KernelShape { didSet { resolved = nil } }
    /// A fixed kernel build to use instead of the shape's choice (validation sweeps these); never
    /// stepped down: a build the device cannot run throws ``KernelLimitError``.
    package var tuningOverride: KernelTuning? { didSet { resolved = nil } }

    package let programs: ProgramCache
    var features = 0
    var rows = 0
    var x: OpenCLBuffer<Float>?
    /// The training rows on the device (row-major float32), once loaded; the benchmark's bandwidth
    /// probe reads them (``BandwidthProbe/readBytesPerSecond(of:on:repeats:)``).
    package var trainingRows: OpenCLBuffer<Float>? { x }
    var y: OpenCLBuffer<Float>?
    /// The permutation's two device copies, uploaded without blocking (`OrderUpload`).
    var orders: OrderUpload?
    var params: OpenCLBuffer<Float>?
    private var losses: OpenCLBuffer<Float>?
    private var partial: OpenCLBuffer<Float>?
    /// A rule other than plain SGD (nil: the fused SGD kernels, as always) and its gradient buffer.
    var optimizer: OpenCLOptimizer?
    var gradient: OpenCLBuffer<Float>?
    /// The optimiser's rule in the one-launch epoch kernel (with `optimizer`).
    var fusedRule: OpenCLFusedRule?
    /// optimizer.cl to build instead of the embedded update kernels (validate's planted bugs).
    public var optimizerKernelSource: String?

    /// With profiling on, every launch of the last epoch, for ``lastEpochDeviceSeconds``.
    package let profile: OpenCLProfile?

    /// A backend on its own context on `device` (``DeviceChoice/device(index:notice:)`` picks one).
    ///
    /// - Parameters:
    ///   - device: where the steps run.
    ///   - kernelSource: the OpenCL C source to build instead of the embedded kernels (for people
    ///     developing kernels, and for tests that plant bugs).
    ///   - profiling: record device timestamps of every launch (the benchmark does).
    public convenience init(device: OpenCLDevice, kernelSource: String? = nil, profiling: Bool = false) throws {
        let context = try OpenCLContext(device: device, profiling: profiling)
        self.init(programs: ProgramCache(context), kernelSource: kernelSource)
    }

    /// A backend on an existing context, sharing its program cache (validate runs every check on
    /// one context, so each kernel build happens once per run).
    package init(programs: ProgramCache, kernelSource: String? = nil) {
        context = programs.context
        self.programs = programs
        source = kernelSource ?? LinearProgram.defaultSource
        profile = context.profiling ? OpenCLProfile(device: context.device) : nil
        singleGroupMaxBatch = context.device.isGPU ? 256 : 1024
        shape = KernelShape.preferred(for: context.device)
    }

    /// The most rows one launch of the single-work-group epoch kernel takes, so that no launch runs
    /// for seconds (a GPU that drives a display resets it); an epoch takes as many launches as needed.
    package var maxRowsPerLaunch = 1 << 18

    private let source: String
    /// The tuning resolved for the last batch size asked for, by ``prepare(batchSize:)``.
    private var resolved: (batch: Int, tuning: KernelTuning)?

    /// Builds the kernels a batch size needs and checks them against the device's limits, stepping
    /// the cooperative work-group size down until the build fits. Call it before training starts,
    /// so that a device that cannot run the shape is found before the first step (`auto` then
    /// falls back to the CPU); ``submitSteps(order:batchSize:learningRate:)`` calls it too.
    /// Throws ``KernelLimitError`` when no work-group size fits, or a build error.
    /// `features` defaults to the loaded data's; give it to check before loading.
    @discardableResult
    package func prepare(batchSize: Int, features: Int? = nil) throws -> KernelTuning {
        let features = features ?? self.features
        if let resolved, resolved.batch == batchSize, resolved.tuning.features == features { return resolved.tuning }
        guard features > 0 else { throw BackendError.notPrepared }
        guard batchSize >= 1 else { throw BackendError.batchSize(batchSize) }
        let kernels = batchSize <= singleGroupMaxBatch ? ["linear_train_epoch"] : ["linear_step_partial", "linear_step_update"]
        var tuning = tuningOverride ?? shape.tuning(batch: batchSize, features: features, device: context.device)
        tuning.binaryCrossEntropy = head?.isBinaryCrossEntropy ?? false
        while true {
            do {
                try programs.program(tuning, source: source).checkLimits(kernels)
                break
            } catch let error as KernelLimitError where tuningOverride == nil && tuning.workGroupSize > 1 {
                var smaller = tuning.workGroupSize / 2
                if case let .workGroupSize(_, allowed) = error.reason, allowed >= 1 {
                    while smaller > allowed { smaller /= 2 }  // straight to the largest power of two allowed
                }
                tuning.workGroupSize = max(smaller, 1)
            }
        }
        resolved = (batchSize, tuning)
        return tuning
    }

    /// The prepared model, and its rows as given (the split path and predictions compute on the host).
    var spec: ModelSpec?
    var hostData: TrainingData?

    /// The executor of non-linear models, when the prepared model is one.
    var network: OpenCLNetwork?
    /// The two piece buffers of streaming training (`OpenCLBackend+Streaming.swift`); nil when the rows are resident.
    var pieces: PieceUpload?
    /// The fused kernels' head, when the prepared model runs on them.
    var head: LinearHead? { didSet { resolved = nil } }

    /// Uploads the rows (float32) and chooses the path: the fused linear kernels, or `OpenCLNetwork` for any other model.
    /// - Throws: `BackendError` for rows of the wrong width or none; ``OpenCLError`` when the device cannot hold them.
    public func prepare(spec: ModelSpec, data: TrainingData) throws {
        try BackendCheck.data(data, spec: spec)
        (optimizer, gradient, fusedRule) = (nil, nil, nil)  // sized for the model: made again by setUpdateRule
        pieces = nil
        guard let head = LinearHead(spec) else {
            self.head = nil
            let network = OpenCLNetwork(programs: NetworkProgramCache(context))
            try network.prepare(spec: spec, data: data)
            network.optimizerKernelSource = optimizerKernelSource
            self.network = network
            self.spec = spec
            return
        }
        network = nil
        self.head = head
        let needed = UInt64(data.count) * UInt64(data.features.columns + 3) * 4  // x, y and the permutation's two copies
        guard needed <= context.device.globalMemoryBytes else {
            throw OpenCLError(call: "clCreateBuffer", status: CL_MEM_OBJECT_ALLOCATION_FAILURE,
                              object: .trainingRows(bytes: needed, available: context.device.globalMemoryBytes, device: context.device.name))
        }
        features = data.features.columns
        rows = data.count
        x = try Self.rowsBuffer(data.features, context: context)
        y = try OpenCLBuffer(context, values: data.targets.map(Float.init))
        orders = try OrderUpload(context, capacity: rows)
        params = try OpenCLBuffer(context, count: features + 1)
        self.spec = spec
        hostData = data
    }

    /// Builds the kernels for `batchSize` and checks them against the device's limits.
    public func prepareSteps(batchSize: Int) throws {
        if network == nil { try prepare(batchSize: batchSize) }  // the network's kernels were built by prepare(spec:data:)
    }

    /// Writes the parameters to the device (as float32).
    public func setParameters(_ values: [Double]) throws {
        guard spec != nil else { throw BackendError.notPrepared }
        if let network, let spec {
            let count = ParameterLayout(spec: spec).count
            guard values.count == count else { throw BackendError.parameterCount(expected: count, got: values.count) }
            return try network.setParameters(values)
        }
        guard values.count == features + 1 else { throw BackendError.parameterCount(expected: features + 1, got: values.count) }
        try loadedParams().write(values.map(Float.init))
    }

    /// Reads the parameters back from the device.
    public func parameters() throws -> [Double] {
        if let network { return try network.parameters() }
        return try loadedParams().read().map(Double.init)
    }

    /// The split path, on the host from the device's parameters (float64 arithmetic on float32 parameters).
    public func gradientSums(rows selected: ArraySlice<Int32>) throws -> GradientSums {
        if let network { return try network.gradientSums(rows: selected) }
        guard let spec, let hostData else { throw BackendError.notPrepared }
        try BackendCheck.order(selected, batchSize: 1, rows: hostData.count)
        let batch = NetworkReference.batch(features: hostData.features, targets: hostData.targets, rows: selected)
        return NetworkReference.gradient(params: try parameters(), spec: spec, features: batch.features, targets: batch.targets)
    }

    /// `p −= learningRate · gradient` with an already-averaged gradient.
    public func applyGradient(_ gradient: [Double], learningRate: Double) throws {
        if let network { return try network.applyGradient(gradient, learningRate: learningRate) }
        if let optimizer, let params, let buffer = self.gradient {
            try buffer.write(gradient.map(Float.init))
            return try optimizer.enqueue(params: params, gradient: buffer, learningRate: learningRate)
        }
        let current = try parameters()
        guard gradient.count == current.count else { throw BackendError.parameterCount(expected: current.count, got: gradient.count) }
        try setParameters(zip(current, gradient).map { $0 - learningRate * $1 })
    }

    /// The head's output for each row of `matrix` (normalised), with the device's parameters.
    public func predict(features matrix: Matrix) throws -> [Double] {
        if let network { return try network.predict(features: matrix) }
        guard let spec else { throw BackendError.notPrepared }
        try BackendCheck.columns(matrix, spec: spec)
        return NetworkReference.predict(params: try parameters(), spec: spec, features: matrix)
    }

    /// float32.
    public var bytesPerValue: Int { 4 }

    /// The device time of the last collected submission's launches (profiling only, while
    /// ``recordsDeviceTime``).
    public var lastDeviceSeconds: Double? {
        guard recordsDeviceTime else { return nil }
        return network.map(\.lastDeviceSeconds) ?? (try? profile?.totalSeconds())
    }

    /// Launches recorded in the last submission (the network's, or the linear path's).
    package var recordedLaunchCount: Int { network?.profile?.launchCount ?? profile?.launchCount ?? 0 }

    /// Whether launches record their events for ``lastDeviceSeconds``: on in a context made with
    /// `profiling: true` (else always off).
    public var recordsDeviceTime: Bool {
        get { context.profiling && context.recordsLaunches }
        set { context.recordsLaunches = newValue }
    }

    /// Buffers too large, kernels that do not build or fit, models not run here: the CPU would not fail so.
    public func canFallBack(from error: any Error) -> Bool {
        error is OpenCLError || error is KernelBuildError || error is KernelLimitError
            || (error as? BackendError).map { if case .unsupported = $0 { true } else { false } } ?? false
    }

    /// Steps of the submitted epoch, for ``collectEpoch()``.
    private var pendingSteps = 0
    /// Whether the last submission ran in the one-launch epoch kernel (validate checks the path it means to).
    package private(set) var lastSubmissionFused = false

    /// Uploads the order and enqueues every step; returns without waiting for the device.
    public func submitSteps(order permutation: ArraySlice<Int32>, batchSize: Int, learningRate: Double) throws {
        if let network { return try network.submitSteps(order: permutation, batchSize: batchSize, learningRate: learningRate) }
        guard let head else { throw BackendError.notPrepared }
        let stepSize = learningRate * head.factor
        guard let x, let y, let orders, let params else { throw BackendError.notPrepared }
        guard permutation.count <= rows else { throw BackendError.orderLength(positions: permutation.count, rows: rows) }
        try BackendCheck.order(permutation, batchSize: batchSize, rows: rows)
        let positions = permutation.count
        let steps = (positions + batchSize - 1) / batchSize
        if losses.map({ $0.count < steps }) ?? true { losses = try OpenCLBuffer(context, count: steps) }
        let losses = self.losses!
        profile?.reset()
        try losses.fill(.nan)  // a step that fails to write its loss then reads as divergence, not as 0
        let order = try orders.upload(permutation)  // ordered after the previous submission by the in-order queue
        let tuning = try prepare(batchSize: batchSize)
        let program = try programs.program(tuning, source: source)
        // 1/n rounded once on the host, for full batches and the last one (OpenCL division may be 2.5 ulp).
        let lastCount = positions - (steps - 1) * batchSize
        let inverseBatch = Float(1 / Double(batchSize)), inverseLast = Float(1 / Double(max(lastCount, 1)))

        if batchSize <= singleGroupMaxBatch, let epochProgram = try fusedEpochProgram(tuning, plain: program) {
            let epoch = try epochProgram.kernel("linear_train_epoch")
            try epoch.set(0, x); try epoch.set(1, y); try epoch.set(2, order)
            try epoch.set(3, params); try epoch.set(4, losses)
            try epoch.set(5, Int32(positions)); try epoch.set(6, Int32(batchSize))
            try epoch.set(7, Float(fusedRule == nil ? stepSize : learningRate))  // a rule applies the factor to the gradient
            try epoch.set(8, inverseBatch); try epoch.set(9, inverseLast)
            try fusedRule?.setArguments(epoch, steps: steps, learningRate: learningRate, factor: head.factor)
            lastSubmissionFused = true
            let stepsPerLaunch = max(maxRowsPerLaunch / batchSize, 1)
            for begin in stride(from: 0, to: positions, by: stepsPerLaunch * batchSize) {
                try epoch.set(10, Int32(begin)); try epoch.set(11, Int32(min(begin + stepsPerLaunch * batchSize, positions)))
                try epoch.launch(groups: 1, groupSize: tuning.workGroupSize, profile: profile)
            }
        } else {
            lastSubmissionFused = false
            let split = stepSplit(batch: batchSize, groupSize: tuning.workGroupSize)
            let width = split.groups * (features + 2)
            if partial.map({ $0.count < width }) ?? true { partial = try OpenCLBuffer(context, count: width) }
            let stepPartial = try program.kernel("linear_step_partial")
            let stepUpdate = try program.kernel("linear_step_update")
            try stepPartial.set(0, x); try stepPartial.set(1, y); try stepPartial.set(2, order)
            try stepPartial.set(3, params); try stepPartial.set(4, partial!)
            try stepPartial.set(5, Int32(positions)); try stepPartial.set(6, Int32(batchSize))
            try stepPartial.set(8, Int32(split.rowsPerGroup))
            try stepUpdate.set(0, partial!); try stepUpdate.set(1, params); try stepUpdate.set(2, losses)
            try stepUpdate.set(3, Int32(split.groups)); try stepUpdate.set(4, Int32(positions))
            try stepUpdate.set(5, Int32(batchSize)); try stepUpdate.set(7, Float(stepSize))
            try stepUpdate.set(8, inverseBatch); try stepUpdate.set(9, inverseLast)
            let stepGradient = try optimizer.map { try linearGradientKernel($0, groups: split.groups, positions: positions, batchSize: batchSize,
                                                                           factor: head.factor, inverses: (inverseBatch, inverseLast)) }
            for step in 0..<steps {
                try stepPartial.set(7, Int32(step))
                try stepPartial.launch(groups: split.groups, groupSize: tuning.workGroupSize, profile: profile)
                if let optimizer, let stepGradient, let gradient {  // another rule: the gradient, then its update kernel
                    try stepGradient.set(7, Int32(step))
                    try stepGradient.launch(groups: 1, groupSize: OpenCLOptimizer.groupSize, profile: profile)
                    try optimizer.enqueue(params: params, gradient: gradient, learningRate: learningRate)
                    continue
                }
                try stepUpdate.set(6, Int32(step))
                try stepUpdate.launch(groups: 1, groupSize: tuning.workGroupSize, profile: profile)
            }
        }
        try context.flush()
        pendingSteps = steps
    }

    /// Reads the losses back: the in-order queue makes this wait for the epoch's last step.
    public func collectSteps() throws -> [Double] {
        if let network { return try network.collectSteps() }
        guard let losses, pendingSteps > 0 else { return [] }
        defer { pendingSteps = 0 }
        return try losses.read(count: pendingSteps).map(Double.init)
    }

    /// The device time of the last epoch's launches (profiling only).
    package func lastEpochDeviceSeconds() throws -> Double? { try profile?.totalSeconds() }

    /// How a large batch is cut across work-groups: enough groups to keep every compute unit busy
    /// (four each, so uneven progress evens out), each a whole number of work-group-sized chunks.
    func stepSplit(batch: Int, groupSize: Int) -> (groups: Int, rowsPerGroup: Int) {
        let maxGroups = max(context.device.computeUnits * 4, 1)
        let chunks = (batch + groupSize - 1) / groupSize
        let groups = min(maxGroups, chunks)
        let rowsPerGroup = ((chunks + groups - 1) / groups) * groupSize
        return ((batch + rowsPerGroup - 1) / rowsPerGroup, rowsPerGroup)
    }

    public func setUpdateRule(_ rule: UpdateRule) throws {
        if let network { return try network.setUpdateRule(rule) }
        guard let spec else { throw BackendError.notPrepared }
        optimizer = rule.isPlainSGD ? nil : try OpenCLOptimizer(context: context, rule: rule, layout: ParameterLayout(spec: spec),
                                                                  source: optimizerKernelSource, profile: profile)
        if optimizer != nil, gradient == nil { gradient = try OpenCLBuffer(context, count: features + 1) }
        fusedRule = try optimizer.map { try OpenCLFusedRule(optimizer: $0, context: context) }
    }

    /// The program whose `linear_train_epoch` runs a small-batch epoch: `plain` for plain SGD, the
    /// rule's build otherwise; nil when the rule's build does not fit the device (its state in
    /// local memory, or a smaller work-group limit), and the per-step path runs instead.
    private func fusedEpochProgram(_ tuning: KernelTuning, plain: LinearProgram) throws -> LinearProgram? {
        guard let fusedRule else { return plain }
        do {
            let program = try programs.program(tuning, source: fusedRule.source(linear: source))
            try program.checkLimits(["linear_train_epoch"])
            return program
        } catch is KernelLimitError {
            return nil
        }
    }

    public func optimizerState() throws -> OptimizerState {
        if let network { return try network.optimizerState() }
        return try optimizer?.state() ?? OptimizerState()
    }

    public func setOptimizerState(_ state: OptimizerState) throws {
        if let network { return try network.setOptimizerState(state) }
        guard let optimizer else {
            guard state.first.isEmpty, state.second.isEmpty else { throw BackendError.optimizerState(kind: .sgd, parameters: features + 1) }
            return
        }
        try optimizer.setState(state)
    }

    /// `linear_step_gradient` (in the optimiser's program) with the submission's arguments set; the step index per launch.
    private func linearGradientKernel(_ optimizer: OpenCLOptimizer, groups: Int, positions: Int, batchSize: Int, factor: Double,
                                      inverses: (Float, Float)) throws -> OpenCLKernel {
        let kernel = try OpenCLKernel(optimizer.program, name: "linear_step_gradient", context: context)
        try kernel.set(0, partial!); try kernel.set(1, gradient!); try kernel.set(2, losses!)
        try kernel.set(3, Int32(groups)); try kernel.set(4, Int32(features)); try kernel.set(5, Int32(positions))
        try kernel.set(6, Int32(batchSize)); try kernel.set(8, Float(factor)); try kernel.set(9, inverses.0); try kernel.set(10, inverses.1)
        return kernel
    }

    /// `features` as float32 on the device, read as they are held (float64 rounded once, or
    /// float32 as they are). A CPU device reads the host's memory: they are converted straight
    /// into the buffer it will use. A GPU gets a copy, and the float32 staging array is freed once uploaded.
    static func rowsBuffer(_ features: Matrix, context: OpenCLContext) throws -> OpenCLBuffer<Float> {
        let count = features.rows * features.columns
        if context.device.isGPU {
            return try OpenCLBuffer(context, values: features.float32Array())
        }
        if let rows = features.float32Values, !rows.isEmpty { return try OpenCLBuffer(context, sharing: rows) }  // no second copy
        return try OpenCLBuffer(context, hostResident: count) { buffer in
            features.withValues(float64: { values in for index in 0..<count { buffer[index] = Float(values[index]) } },
                                float32: { values in _ = buffer.initialize(fromContentsOf: values) })
        }
    }

    private func loadedParams() throws -> OpenCLBuffer<Float> {
        guard let params else { throw BackendError.notPrepared }
        return params
    }
}
