import COpenCL
import Descent

/// The two device copies of streamed rows (issue 14): features and targets of a piece each, in
/// float32, filled on a second (transfer) command queue so that the next piece uploads while the
/// compute queue still trains on the current one.
///
/// Events order it all, and the host waits on none inside a piece: a piece's write waits (on the
/// device) for the marker taken after the last kernels that read its buffer, and the compute
/// queue waits (on the device) for the write before the kernels of the piece it uploaded. The
/// host converts a piece into the slot's staging memory, which it reuses only once that slot's
/// previous write has finished (two pieces back: in practice long over).
final class PieceUpload {
    private let context: OpenCLContext
    let features: Int
    let capacity: Int
    let x: [OpenCLBuffer<Float>]
    let y: [OpenCLBuffer<Float>]
    /// Rows uploaded into each slot.
    private(set) var rows = [0, 0]
    private let transfer: cl_command_queue
    private let staging: [(x: UnsafeMutablePointer<Float>, y: UnsafeMutablePointer<Float>)]
    /// The last write into each slot, and the compute queue's marker after the last kernels that read it.
    private var writes: [cl_event?] = [nil, nil]
    private var reads: [cl_event?] = [nil, nil]
    private var next = 0
    private var current: Int?

    /// Two slots of `capacity` rows of `features` features each.
    init(_ context: OpenCLContext, features: Int, capacity: Int) throws(OpenCLError) {
        self.context = context
        self.features = features
        self.capacity = capacity
        x = [try OpenCLBuffer(context, count: capacity * features), try OpenCLBuffer(context, count: capacity * features)]
        y = [try OpenCLBuffer(context, count: capacity), try OpenCLBuffer(context, count: capacity)]
        var status: cl_int = 0
        guard let transfer = clCreateCommandQueue(context.context, context.device.id, 0, &status) else {
            throw OpenCLError(call: "clCreateCommandQueue", status: status, object: .device(context.device.name))
        }
        self.transfer = transfer
        staging = (0..<2).map { _ in (UnsafeMutablePointer<Float>.allocate(capacity: max(capacity * features, 1)),
                                      UnsafeMutablePointer<Float>.allocate(capacity: max(capacity, 1))) }
    }

    deinit {
        clFinish(transfer)
        clFinish(context.queue)
        for event in writes + reads { if let event { clReleaseEvent(event) } }
        clReleaseCommandQueue(transfer)
        for area in staging { area.x.deallocate(); area.y.deallocate() }
    }

    /// Converts `piece` into the next slot's staging memory and enqueues its upload on the
    /// transfer queue, after the compute queue's last reads of that slot; returns the slot.
    func enqueue(_ piece: TrainingData) throws(OpenCLError) -> Int {
        precondition(piece.count <= capacity && piece.features.columns == features, "PieceUpload: a piece larger than the slots")
        let slot = next
        next = 1 - next
        if let previous = writes[slot] {  // the staging memory is read until its write ends
            writes[slot] = nil
            var wait: cl_event? = previous
            let status = clWaitForEvents(1, &wait)
            clReleaseEvent(previous)
            try check(status, "clWaitForEvents", object: .buffer(bytes: capacity * (features + 1) * 4))
        }
        let area = staging[slot], valueCount = piece.features.rows * piece.features.columns
        piece.features.withValues(float64: { values in for index in 0..<valueCount { area.x[index] = Float(values[index]) } },
                                  float32: { values in if let base = values.baseAddress { area.x.update(from: base, count: valueCount) } })
        for (index, target) in piece.targets.enumerated() { area.y[index] = Float(target) }
        rows[slot] = piece.count
        guard piece.count > 0 else { return slot }
        let after: [cl_event?] = reads[slot].map { [$0] } ?? []
        var xWrite: cl_event?, yWrite: cl_event?
        let (xStatus, yStatus) = after.withUnsafeBufferPointer { wait in
            let list = wait.isEmpty ? nil : wait.baseAddress, count = cl_uint(wait.count)
            return (clEnqueueWriteBuffer(transfer, x[slot].memory, cl_bool(CL_FALSE), 0, valueCount * 4, area.x, count, list, &xWrite),
                    clEnqueueWriteBuffer(transfer, y[slot].memory, cl_bool(CL_FALSE), 0, piece.count * 4, area.y, count, list, &yWrite))
        }
        try check(xStatus, "clEnqueueWriteBuffer", object: .buffer(bytes: valueCount * 4))
        try check(yStatus, "clEnqueueWriteBuffer", object: .buffer(bytes: piece.count * 4))
        if let xWrite { clReleaseEvent(xWrite) }  // the in-order transfer queue ends it before the targets' write
        writes[slot] = yWrite
        try check(clFlush(transfer), "clFlush")
        return slot
    }

    /// Makes the compute queue's next commands wait (on the device) for `slot`'s upload, after
    /// marking where the reads of the slot in use end.
    func use(_ slot: Int) throws(OpenCLError) {
        if let current, current != slot {
            if let old = reads[current] { clReleaseEvent(old) }
            var marker: cl_event?
            try check(clEnqueueMarkerWithWaitList(context.queue, 0, nil, &marker), "clEnqueueMarkerWithWaitList")
            reads[current] = marker
        }
        current = slot
        guard writes[slot] != nil else { return }
        var write: cl_event? = writes[slot]
        try check(clEnqueueBarrierWithWaitList(context.queue, 1, &write, nil), "clEnqueueBarrierWithWaitList")
    }
}
