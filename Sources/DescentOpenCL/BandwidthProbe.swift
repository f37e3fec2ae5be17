import DescentKernels
import Foundation

/// Measures a device's read bandwidth the way a training epoch reads: once through a buffer of a
/// given size, with a plain reduction (`read_bandwidth` in `Kernels/bench.cl`).
package enum BandwidthProbe {
    /// The best bytes per second of `repeats` timed runs, after one untimed warm-up run: the
    /// ceiling the benchmark's fractions are taken of. (The median moved with whatever else the
    /// shared cores ran; the best of several passes is what the memory delivers when a pass has
    /// the cores to itself.) Every core reads on a CPU: 16 work-items per compute unit, each over
    /// one contiguous slice. Timed by the launch's event timestamps on a GPU with a profiling
    /// context (the device's own clock: no queueing or host wake-up in the figure), else by the
    /// host's clock around launch and finish (a CPU device's passes run on the host). Throws
    /// ``BandwidthProbeError`` when the sums show that the kernel did not read every float once.
    package static func readBytesPerSecond(on context: OpenCLContext, bytes: Int, repeats: Int = 7) throws -> Double {
        let device = context.device
        let count4 = max(bytes / 16, 1)
        // On a CPU device, in host memory of 2 MiB pages, as the backend holds the training rows
        // (`hostResident`): in 4 KiB pages the same reduction read at 19 to 35 GB/s from one
        // process to the next on the project's box (TLB misses, and where the pages fell).
        let data = device.isGPU ? try OpenCLBuffer<Float>(context, count: count4 * 4)
            : try OpenCLBuffer<Float>(context, hostResident: count4 * 4) { $0.initialize(repeating: 1) }
        if device.isGPU { try data.fill(1) }
        let (rate, sums) = try passes(over: data, count4: count4, on: context, repeats: repeats)
        // Ones summed: each work-item's sum is a whole number far below 2²⁴ per lane, so the total is
        // the float count but for the last additions' rounding.
        let total = try sums.read().reduce(0.0) { $0 + Double($1) }, expected = Double(count4 * 4)
        guard abs(total - expected) <= 1e-6 * expected else { throw BandwidthProbeError(read: total, expected: expected) }
        return rate
    }

    /// The same passes over `rows`, the training rows a backend holds (``OpenCLBackend/trainingRows``):
    /// the ceiling for reading that very memory. On the project's box (a virtual machine) the
    /// figure moved from 30 to 56 GB/s between processes, with where the pages fell; an epoch reads
    /// the rows' pages, so its fraction is taken of what those pages deliver.
    package static func readBytesPerSecond(of rows: OpenCLBuffer<Float>, on context: OpenCLContext, repeats: Int = 7) throws -> Double {
        try passes(over: rows, count4: max(rows.count / 4, 1), on: context, repeats: repeats).bytesPerSecond
    }

    /// `repeats` timed passes of `read_bandwidth` over the first `count4` float4s of `data`, after
    /// a warm-up pass: the best rate, and the work-items' sums.
    private static func passes(over data: OpenCLBuffer<Float>, count4: Int, on context: OpenCLContext,
                               repeats: Int) throws -> (bytesPerSecond: Double, sums: OpenCLBuffer<Float>) {
        let device = context.device
        let groupSize = device.isGPU ? min(256, device.maxWorkGroupSize, device.maxWorkItemSizes.first ?? 256) : 1
        // A GPU: enough groups to fill every compute unit many times over, each work-item striding
        // by the grid; a CPU: 16 work-items per core, each reading one contiguous slice.
        let items = device.isGPU ? max(device.computeUnits, 1) * 32 * groupSize : max(device.computeUnits, 1) * 16
        let block = device.isGPU ? 1 : (count4 + items - 1) / items
        let program = try OpenCLProgram(context, source: KernelSources.bench, options: "-cl-std=CL1.2")
        let kernel = try OpenCLKernel(program, name: "read_bandwidth", context: context)
        let sums = try OpenCLBuffer<Float>(context, count: items)
        try kernel.set(0, data); try kernel.set(1, sums); try kernel.set(2, Int32(count4)); try kernel.set(3, Int32(block))
        let groups = (items + groupSize - 1) / groupSize
        var best = Double.infinity
        for run in 0...repeats {
            let profile = context.profiling ? OpenCLProfile(device: device) : nil
            let start = DispatchTime.now().uptimeNanoseconds
            try kernel.launch(groups: groups, groupSize: groupSize, profile: profile)
            try context.finish()
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            // A CPU device runs on the host: its wall clock is the device's.
            if run > 0 { best = min(best, device.isGPU ? try profile?.totalSeconds() ?? wall : wall) }
        }
        return (Double(count4 * 16) / best, sums)
    }
}

/// The bandwidth yardstick's sums do not add up to the buffer's size: it skipped or repeated reads.
package struct BandwidthProbeError: Error, CustomStringConvertible {
    var read: Double
    var expected: Double
    package var description: String { "the read-bandwidth probe summed \(read) ones for \(expected) floats: it did not read the buffer once" }
}
