import COpenCL
import Descent

/// Streaming training on the device (issue 14): the linear model's rows arrive a piece at a time
/// into two device buffers (`PieceUpload`); the parameters, the order's two copies and the update
/// rule's state stay on the device across pieces, and each submission runs the same fused kernels
/// as the resident path on the piece in use.
extension OpenCLBackend: PieceStreaming {
    /// The device memory the resident path needs for `rows` rows of `features` features: rows,
    /// targets and the order's two copies, in float32 (``prepare(spec:data:)`` refuses more).
    public static func residentBytes(rows: Int, features: Int) -> UInt64 {
        UInt64(rows) * UInt64(features + 3) * 4
    }

    /// Whether `rows` rows of `features` features fit `device` resident: in its memory, and the rows in one allocation.
    public static func fitsResident(rows: Int, features: Int, device: OpenCLDevice) -> Bool {
        residentBytes(rows: rows, features: features) <= device.globalMemoryBytes
            && UInt64(rows) * UInt64(features) * 4 <= device.maxAllocationBytes
    }

    /// The device memory streaming `capacity` rows of `features` features needs: two pieces of
    /// rows and targets, and the order's two copies, in float32.
    public static func streamingBytes(features: Int, capacity: Int) -> UInt64 {
        UInt64(capacity) * UInt64(2 * (features + 1) + 2) * 4
    }

    /// Prepares a model the fused linear kernels run (the linear model, or logistic regression with
    /// `HEAD_BCE`) for pieces of up to `capacity` rows; false for any other model (the network path
    /// is prepared a piece at a time).
    /// - Throws: `BackendError` for a width that is not the model's or no capacity; ``OpenCLError`` when the device cannot hold two pieces.
    public func prepareStreaming(spec: ModelSpec, features: Int, capacity: Int) throws -> Bool {
        guard let head = LinearHead(spec) else { return false }
        guard features == spec.inputs else { throw BackendError.columnCount(expected: spec.inputs, got: features) }
        guard capacity >= 1 else { throw BackendError.noRows }
        let needed = Self.streamingBytes(features: features, capacity: capacity)
        guard needed <= context.device.globalMemoryBytes else {
            throw OpenCLError(call: "clCreateBuffer", status: CL_MEM_OBJECT_ALLOCATION_FAILURE,
                              object: .trainingRows(bytes: needed, available: context.device.globalMemoryBytes, device: context.device.name))
        }
        (network, optimizer, gradient, fusedRule, x, y, hostData, pieces) = (nil, nil, nil, nil, nil, nil, nil, nil)
        self.features = features
        rows = 0
        pieces = try PieceUpload(context, features: features, capacity: capacity)
        orders = try OrderUpload(context, capacity: capacity)
        params = try OpenCLBuffer(context, count: features + 1)
        (self.spec, self.head) = (spec, head)
        return true
    }

    /// Enqueues `piece`'s upload into the slot not in use; returns at once.
    public func enqueuePiece(_ piece: TrainingData) throws -> Int {
        guard let pieces, let spec else { throw BackendError.notPrepared }
        try BackendCheck.columns(piece.features, spec: spec)
        guard piece.count <= pieces.capacity else { throw BackendError.orderLength(positions: piece.count, rows: pieces.capacity) }
        return try pieces.enqueue(piece)
    }

    /// The next submissions train on the piece in `slot` (the device waits for its upload, the host does not).
    public func trainOn(slot: Int) throws {
        guard let pieces, slot == 0 || slot == 1 else { throw BackendError.notPrepared }
        try pieces.use(slot)
        (x, y, rows) = (pieces.x[slot], pieces.y[slot], pieces.rows[slot])
    }
}
