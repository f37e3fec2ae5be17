/// What the trainer needs from a place that runs gradient steps: the CPU reference, an OpenCL
/// device, later several devices or ranks of an MPI job.
///
/// The trainer owns everything random (initial weights, shuffles) and hands a backend a
/// permutation per epoch, so every backend sees the same batches. A backend keeps the training
/// rows and the parameters where it computes (uploaded once), and reports back only the per-batch
/// losses and, on request, the parameters.
public protocol TrainingBackend: AnyObject {
    /// Recorded in logs and model files: `cpu`, `opencl`.
    var name: String { get }
    /// The device the steps run on, in words.
    var deviceDescription: String { get }

    /// Takes the normalised training rows. Called once, before any epoch.
    func load(_ data: RegressionData) throws
    /// Replaces the parameters.
    func setModel(_ model: LinearModel) throws
    /// The current parameters.
    func model() throws -> LinearModel
    /// Starts one epoch: `order` (indices into the loaded rows, usually a permutation of all of
    /// them; a shorter list runs just those rows, as validation does step by step) cut into
    /// consecutive batches of `batchSize` rows, the last possibly shorter, and one step per batch:
    /// `w -= stepSize · (1/n) Σ (z - y) x`, `b -= stepSize · (1/n) Σ (z - y)`.
    ///
    /// Returns as soon as `order` may change: a device keeps computing, so the trainer can shuffle
    /// the next epoch's order meanwhile. Every submitted epoch is collected before the next.
    ///
    /// A slice, so that the trainer can submit part of an epoch's permutation without copying it.
    func submitEpoch(order: ArraySlice<Int32>, batchSize: Int, stepSize: Double) throws
    /// Waits for the submitted epoch and returns each batch's loss `(1/n) Σ (z - y)²`, computed
    /// before that batch's update.
    func collectEpoch() throws -> [Double]
}

extension TrainingBackend {
    /// One epoch, start to finish: ``submitEpoch(order:batchSize:stepSize:)`` then ``collectEpoch()``.
    public func trainEpoch(order: [Int32], batchSize: Int, stepSize: Double) throws -> [Double] {
        try submitEpoch(order: order[...], batchSize: batchSize, stepSize: stepSize)
        return try collectEpoch()
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
