/// What the trainer needs from a place that runs gradient steps: the CPU reference, an OpenCL
/// device, later several devices or ranks of an MPI job. It knows no model: a ``ModelSpec`` says
/// what to compute, and the parameters travel as one flat buffer in the ``ParameterLayout``.
///
/// The trainer owns everything random (initial parameters, shuffles) and hands a backend an order
/// of rows, so every backend sees the same batches. A backend keeps the training rows and the
/// parameters where it computes (uploaded once), and reports back only the per-batch losses and,
/// on request, the parameters.
public protocol TrainingBackend: AnyObject {
    /// Recorded in logs and model files: `cpu`, `opencl`.
    var name: String { get }
    /// The device the steps run on, in words.
    var deviceDescription: String { get }

    /// Takes the normalised rows and the model to train; called once before any step.
    /// Throws ``BackendError/unsupported(kind:backend:)`` for a model it cannot run.
    func prepare(spec: ModelSpec, data: TrainingData) throws
    /// Builds and checks what steps of `batchSize` rows need (kernels, the device's limits), so a
    /// device that cannot run them is found before the first step. Optional: a no-op by default.
    func prepareSteps(batchSize: Int) throws
    /// Replaces the parameters; `values.count == ParameterLayout(spec:).count`.
    func setParameters(_ values: [Double]) throws
    /// The current parameters, in the layout.
    func parameters() throws -> [Double]
    /// Fused path: one SGD step per consecutive batch of `batchSize` positions of `order` (indices
    /// into the prepared rows; the last batch possibly shorter): `p -= learningRate · ∇(mean loss)`,
    /// the gradient as the spec's head defines it (`.mse(.course)`: the course's half gradient).
    ///
    /// Returns as soon as `order` may change: a device keeps computing, so the trainer can shuffle
    /// the next epoch's order meanwhile. Every submission is collected before the next.
    func submitSteps(order: ArraySlice<Int32>, batchSize: Int, learningRate: Double) throws
    /// Waits for the submitted steps and returns each step's mean loss, computed before that step's update.
    func collectSteps() throws -> [Double]
    /// Split path (for MPI): the SUM over `rows` of per-row gradients (in the layout) and of
    /// per-row losses; nothing is updated. mean gradient = sums / n.
    func gradientSums(rows: ArraySlice<Int32>) throws -> GradientSums
    /// Applies one step of the update rule with an already-averaged gradient in the layout (plain
    /// SGD: `p -= learningRate · g`).
    func applyGradient(_ gradient: [Double], learningRate: Double) throws
    /// The update rule of every step from now on (``UpdateRule``; plain SGD until set), with its
    /// state zeroed. Call after ``prepare(spec:data:)``.
    func setUpdateRule(_ rule: UpdateRule) throws
    /// The rule's state (moments, step count), in the layout.
    func optimizerState() throws -> OptimizerState
    /// Replaces the rule's state (a checkpoint's); throws ``BackendError/optimizerState(kind:parameters:)`` when it does not fit.
    func setOptimizerState(_ state: OptimizerState) throws
    /// Predictions (the head's output: a value, the probability of class 1, or class
    /// probabilities row-major) for the rows of `features` (normalised), with the current parameters.
    func predict(features: Matrix) throws -> [Double]
    /// Device seconds of the last collected submission, when the backend measures it (bench)
    /// and ``recordsDeviceTime`` is on.
    var lastDeviceSeconds: Double? { get }
    /// Whether submissions record their device time (on by default where it is measured at
    /// all). Recording costs time in every launch, so bench times its epochs with it off.
    var recordsDeviceTime: Bool { get set }
    /// Bytes per number the backend computes in: 8 (float64) or 4 (float32). The bench's
    /// bandwidth figures count with it.
    var bytesPerValue: Int { get }
    /// Whether `error`, thrown by this backend before the first step, is the device's failing (a
    /// buffer too large, a kernel that will not build, a model it does not run) that the CPU
    /// reference would not hit: `--backend auto` then trains on the CPU instead.
    func canFallBack(from error: any Error) -> Bool
}

extension TrainingBackend {
    /// Nothing to build: the default.
    public func prepareSteps(batchSize: Int) throws {}
    /// Not measured: the default.
    public var lastDeviceSeconds: Double? { nil }
    /// Nothing recorded: the default (setting it does nothing).
    public var recordsDeviceTime: Bool {
        get { false }
        set {}
    }
    /// float64: the default.
    public var bytesPerValue: Int { 8 }
    /// Never: the default.
    public func canFallBack(from error: any Error) -> Bool { false }

    /// One submission, start to finish: ``submitSteps(order:batchSize:learningRate:)`` then ``collectSteps()``.
    public func trainSteps(order: [Int32], batchSize: Int, learningRate: Double) throws -> [Double] {
        try submitSteps(order: order[...], batchSize: batchSize, learningRate: learningRate)
        return try collectSteps()
    }
}

/// What a backend refuses, in values; the CLI words it.
public enum BackendError: Error, Equatable, CustomStringConvertible {
    /// The backend cannot train this kind of model (yet).
    case unsupported(kind: ModelKind, backend: String)
    /// Parameters of the wrong count for the prepared model.
    case parameterCount(expected: Int, got: Int)
    /// A step or parameters were asked for before ``TrainingBackend/prepare(spec:data:)``.
    case notPrepared
    /// Optimiser state that does not fit the rule and the model.
    case optimizerState(kind: OptimizerKind, parameters: Int)
    /// An update rule the backend does not implement.
    case unsupportedRule(kind: OptimizerKind, backend: String)
    /// Rows of `got` columns (features) for a model of `expected` inputs.
    case columnCount(expected: Int, got: Int)
    /// ``TrainingBackend/prepare(spec:data:)`` was given no rows: there is nothing to train on.
    case noRows
    /// A batch size below 1 (a step needs at least one row).
    case batchSize(Int)
    /// An order position naming a row that was not loaded: `index` outside `0..<rows`.
    case orderIndex(Int32, rows: Int)
    /// An order of `positions` positions where the backend holds room for `rows` (one per loaded row).
    case orderLength(positions: Int, rows: Int)

    /// In words, for messages.
    public var description: String {
        switch self {
        case let .unsupported(kind, backend): "the \(kind.rawValue) model is not supported on the \(backend) backend yet"
        case let .parameterCount(expected, got): "\(got) parameters for a model of \(expected)"
        case .notPrepared: "the backend was used before it was prepared"
        case let .optimizerState(kind, parameters): "the optimizer state does not fit \(kind.rawValue) over \(parameters) parameters"
        case let .unsupportedRule(kind, backend): "the \(kind.rawValue) optimizer is not supported on the \(backend) backend"
        case let .columnCount(expected, got): "rows of \(got) features for a model of \(expected) inputs"
        case .noRows: "there are no rows to train on"
        case let .batchSize(size): "batch size \(size): a step needs at least one row"
        case let .orderIndex(index, rows): "row \(index) in the order, but only rows 0..<\(rows) are loaded"
        case let .orderLength(positions, rows): "an order of \(positions) positions for \(rows) loaded rows"
        }
    }
}

/// The stages of one linear step, one entry point each, so that a device's results can be checked
/// stage by stage against the CPU reference (``LinearReference``), which `descent validate` does.
public protocol LinearStages {
    /// `z[i] = x[i] · w + b` for every row of `features`.
    func forward(features: Matrix, model: LinearModel) throws -> [Double]
    /// `r[i] = z[i] - y[i]`, and the loss `(1/n) Σ r²`.
    func residuals(predictions: [Double], targets: [Double]) throws -> (residuals: [Double], loss: Double)
    /// `(1/n) Σ r[i] x[i]` and `(1/n) Σ r[i]`.
    func gradient(features: Matrix, residuals: [Double]) throws -> LinearGradient
    /// `w - stepSize · g`, `b - stepSize · g_b`.
    func update(model: LinearModel, gradient: LinearGradient, stepSize: Double) throws -> LinearModel
}
