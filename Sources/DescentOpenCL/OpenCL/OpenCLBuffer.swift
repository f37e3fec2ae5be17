import COpenCL
import Foundation

/// A device buffer of `count` elements of `Element`, released with its owner.
package final class OpenCLBuffer<Element: BitwiseCopyable> {
    let memory: cl_mem
    package let count: Int
    private let context: OpenCLContext
    /// Host memory the buffer lives in, for buffers made with ``init(_:hostResident:)``.
    private var host: UnsafeMutableRawPointer?
    /// The array a buffer made with ``init(_:sharing:)`` lives in, kept for the buffer's lifetime.
    private var shared: ArraySlice<Element>?

    /// Allocates `count` elements (at least one: OpenCL rejects empty buffers).
    package init(_ context: OpenCLContext, count: Int) throws(OpenCLError) {
        self.context = context
        self.count = count
        let bytes = max(count, 1) * MemoryLayout<Element>.stride
        guard UInt64(bytes) <= context.device.maxAllocationBytes else {
            throw OpenCLError(call: "clCreateBuffer", status: CL_INVALID_BUFFER_SIZE,
                              object: .buffer(bytes: bytes, limit: context.device.maxAllocationBytes))
        }
        var status: cl_int = 0
        guard let memory = clCreateBuffer(context.context, cl_mem_flags(CL_MEM_READ_WRITE), bytes, nil, &status) else {
            throw OpenCLError(call: "clCreateBuffer", status: status, object: .buffer(bytes: bytes))
        }
        self.memory = memory
    }

    /// Allocates a buffer holding `values`.
    package convenience init(_ context: OpenCLContext, values: [Element]) throws(OpenCLError) {
        try self.init(context, count: values.count)
        try write(values)
    }

    /// Allocates a buffer holding `values` in host memory that the device uses in place
    /// (`CL_MEM_USE_HOST_PTR`), for devices that share the host's memory (a CPU): no second copy,
    /// and the memory is asked for in 2 MiB pages (`MADV_HUGEPAGE`), so that reading rows in a
    /// random order does not miss the TLB on nearly every row.
    ///
    /// `fill` writes the `count` elements in place, so that no second host copy ever exists.
    package init(_ context: OpenCLContext, hostResident count: Int,
                fill: (UnsafeMutableBufferPointer<Element>) -> Void) throws(OpenCLError) {
        self.context = context
        self.count = count
        let bytes = max(count, 1) * MemoryLayout<Element>.stride
        let hugePage = 2 << 20
        let rounded = (bytes + hugePage - 1) / hugePage * hugePage
        var pointer: UnsafeMutableRawPointer?
        guard posix_memalign(&pointer, hugePage, rounded) == 0, let pointer else {
            throw OpenCLError(call: "posix_memalign", status: CL_OUT_OF_HOST_MEMORY, object: .hostMemory(bytes: bytes))
        }
        #if os(Linux)
        _ = madvise(pointer, rounded, 14)  // MADV_HUGEPAGE (Linux only); a hint, harmless where unsupported
        #endif
        fill(UnsafeMutableBufferPointer(start: pointer.bindMemory(to: Element.self, capacity: count), count: count))
        var status: cl_int = 0
        guard let memory = clCreateBuffer(context.context, cl_mem_flags(CL_MEM_READ_WRITE | CL_MEM_USE_HOST_PTR), bytes, pointer, &status) else {
            free(pointer)
            throw OpenCLError(call: "clCreateBuffer", status: status, object: .hostMemory(bytes: bytes))
        }
        self.memory = memory
        host = pointer
    }

    /// A read-only buffer over `values` where they are (`CL_MEM_USE_HOST_PTR`), for a device that
    /// shares the host's memory (PoCL uses any host pointer in place, whatever its alignment): the
    /// rows a large file was read into are trained on without a second copy (issue 14, "hold the
    /// data once"). The buffer keeps `values`, so their storage stays alive, and since an array is
    /// copied on write, no other holder's change can reach it; the device only reads it.
    package init(_ context: OpenCLContext, sharing values: ArraySlice<Element>) throws(OpenCLError) {
        self.context = context
        count = values.count
        let bytes = max(values.count, 1) * MemoryLayout<Element>.stride
        var status: cl_int = 0
        let memory = values.withUnsafeBytes { raw in
            clCreateBuffer(context.context, cl_mem_flags(CL_MEM_READ_ONLY | CL_MEM_USE_HOST_PTR), bytes,
                           UnsafeMutableRawPointer(mutating: raw.baseAddress), &status)
        }
        guard let memory else { throw OpenCLError(call: "clCreateBuffer", status: status, object: .hostMemory(bytes: bytes)) }
        self.memory = memory
        shared = values
    }

    deinit {
        clReleaseMemObject(memory)
        if shared != nil { clFinish(context.queue) }  // the array may be freed with this object: no command may still read it
        if let host {
            // Release does not wait for queued commands that use the memory: wait, then free.
            clFinish(context.queue)
            free(host)
        }
    }

    /// Copies `values` to the start of the buffer; returns when the copy is done.
    package func write(_ values: [Element], offset: Int = 0) throws(OpenCLError) {
        try write(values[...], offset: offset)
    }

    /// Copies `values` (part of an array, without copying it first) to the buffer at `offset`.
    package func write(_ values: ArraySlice<Element>, offset: Int = 0) throws(OpenCLError) {
        precondition(offset + values.count <= count, "OpenCLBuffer.write: out of bounds")
        guard !values.isEmpty else { return }
        let status = values.withUnsafeBytes { bytes in
            clEnqueueWriteBuffer(context.queue, memory, cl_bool(CL_TRUE), offset * MemoryLayout<Element>.stride,
                                 bytes.count, bytes.baseAddress, 0, nil, nil)
        }
        try check(status, "clEnqueueWriteBuffer")
    }

    /// Sets every element to `value` (tests poison outputs with NaN this way).
    /// Enqueued on the device (`clEnqueueFillBuffer`): no host array, no wait.
    package func fill(_ value: Element) throws(OpenCLError) {
        var pattern = value
        try check(clEnqueueFillBuffer(context.queue, memory, &pattern, MemoryLayout<Element>.size, 0,
                                      max(count, 1) * MemoryLayout<Element>.stride, 0, nil, nil), "clEnqueueFillBuffer")
    }

    /// Copies `count` elements from `offset` back to the host, after everything enqueued before.
    package func read(count: Int? = nil, offset: Int = 0) throws(OpenCLError) -> [Element] {
        let count = count ?? (self.count - offset)
        precondition(offset + count <= self.count, "OpenCLBuffer.read: out of bounds")
        guard count > 0 else { return [] }
        var status: cl_int = 0
        let result = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            status = clEnqueueReadBuffer(context.queue, memory, cl_bool(CL_TRUE), offset * MemoryLayout<Element>.stride,
                                         count * MemoryLayout<Element>.stride, buffer.baseAddress, 0, nil, nil)
            initialized = status == CL_SUCCESS ? count : 0
        }
        try check(status, "clEnqueueReadBuffer")
        return result
    }
}
