import Descent

/// The device memory of ``OpenCLNetwork``: the rows, targets and order (uploaded once), the flat
/// parameters and gradient, and per-batch activations and deltas sized for the largest batch yet.
final class NetworkBuffers {
    let context: OpenCLContext
    let widths: [Int]
    let rows: Int
    let x: OpenCLBuffer<Float>
    let y: OpenCLBuffer<Float>
    let order: OpenCLBuffer<Int32>
    let params: OpenCLBuffer<Float>
    let gradient: OpenCLBuffer<Float>
    /// Per layer, inputs first: `[capacity × widths[l]]`; the last holds the logits. The inputs
    /// are batch slot 0's (``input(_:)``).
    private(set) var activations: [OpenCLBuffer<Float>] = []
    /// Each batch slot's gathered rows (slot 0's are `activations[0]`): a step trains on one slot
    /// while its loss launch gathers the next step's rows into the other.
    private var inputs: [OpenCLBuffer<Float>] = []
    /// Per layer l ≥ 1, `∂loss/∂z` of that layer `[capacity × widths[l]]` (index 0 unused).
    private(set) var deltas: [OpenCLBuffer<Float>] = []
    /// The batch's targets, gathered, per slot.
    private var batchTargets: [OpenCLBuffer<Float>] = []
    private(set) var losses: OpenCLBuffer<Float>?
    private(set) var capacity = 0

    init(context: OpenCLContext, spec: ModelSpec, layout: ParameterLayout, data: TrainingData) throws {
        let needed = UInt64(data.count) * UInt64(data.features.columns + 2) * 4  // x, y and the order
        guard needed <= context.device.globalMemoryBytes else {
            throw OpenCLError(call: "clCreateBuffer", status: -4,  // CL_MEM_OBJECT_ALLOCATION_FAILURE
                              object: .trainingRows(bytes: needed, available: context.device.globalMemoryBytes, device: context.device.name))
        }
        self.context = context
        widths = spec.widths
        rows = data.count
        x = try OpenCLBackend.rowsBuffer(data.features, context: context)  // float32 rows read in place on a CPU device
        y = try OpenCLBuffer(context, values: data.targets.map(Float.init))
        order = try OpenCLBuffer(context, count: max(rows, 1))
        params = try OpenCLBuffer(context, count: layout.count)
        gradient = try OpenCLBuffer(context, count: layout.count)
    }

    /// Batch slot `slot`'s (0 or 1) gathered rows `[capacity × widths[0]]`, and its targets.
    func input(_ slot: Int) -> OpenCLBuffer<Float> { inputs[slot] }
    func targets(_ slot: Int) -> OpenCLBuffer<Float> { batchTargets[slot] }

    /// Makes room for batches of `batch` rows and `steps` losses.
    func reserve(rows batch: Int, steps: Int) throws {
        if batch > capacity {
            activations = try widths.map { try OpenCLBuffer<Float>(context, count: batch * $0) }
            deltas = try widths.map { try OpenCLBuffer<Float>(context, count: batch * $0) }
            inputs = [activations[0], try OpenCLBuffer<Float>(context, count: batch * widths[0])]
            batchTargets = [try OpenCLBuffer(context, count: batch), try OpenCLBuffer(context, count: batch)]
            capacity = batch
        }
        if losses.map({ $0.count < steps }) ?? true { losses = try OpenCLBuffer(context, count: max(steps, 1)) }
    }
}
