import DescentKernels
import Foundation

/// Measures a device's read bandwidth the way a training epoch reads: once through a buffer of a
/// given size, with a plain reduction (`read_bandwidth` in `Kernels/bench.cl`).
package enum BandwidthProbe {
    /// Median bytes per second over `repeats` timed runs, after one untimed warm-up run. Timed by
    /// the launch's event timestamps on a profiling context (the device's own clock: no queueing
    /// or host wake-up in the figure), else by the host's clock around launch and finish.
    package static func readBytesPerSecond(on context: OpenCLContext, bytes: Int, repeats: Int = 5) throws -> Double {
        let device = context.device
        let count4 = max(bytes / 16, 1)
        let groupSize = device.isGPU ? min(256, device.maxWorkGroupSize, device.maxWorkItemSizes.first ?? 256) : 1
        // A GPU: enough groups to fill every compute unit many times over, each work-item striding
        // by the grid; a CPU: 16 work-items per core, each reading one contiguous slice.
        let items = device.isGPU ? max(device.computeUnits, 1) * 32 * groupSize : max(device.computeUnits, 1) * 16
        let block = device.isGPU ? 1 : (count4 + items - 1) / items
        let program = try OpenCLProgram(context, source: KernelSources.bench, options: "-cl-std=CL1.2")
        let kernel = try OpenCLKernel(program, name: "read_bandwidth", context: context)
        let data = try OpenCLBuffer<Float>(context, count: count4 * 4)
        try data.fill(1)
        let sums = try OpenCLBuffer<Float>(context, count: items)
        try kernel.set(0, data); try kernel.set(1, sums); try kernel.set(2, Int32(count4)); try kernel.set(3, Int32(block))
        let groups = (items + groupSize - 1) / groupSize
        var times = [Double]()
        for run in 0...repeats {
            let profile = context.profiling ? OpenCLProfile(device: device) : nil
            let start = DispatchTime.now().uptimeNanoseconds
            try kernel.launch(groups: groups, groupSize: groupSize, profile: profile)
            try context.finish()
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if run > 0 { times.append(try profile?.totalSeconds() ?? wall) }
        }
        return Double(count4 * 16) / times.sorted()[times.count / 2]
    }
}
