import DescentKernels
import Foundation

/// Measures a device's read bandwidth the way a training epoch reads: once through a buffer of a
/// given size, with a plain reduction (`read_bandwidth` in `Kernels/bench.cl`).
public enum BandwidthProbe {
    /// Median bytes per second over `repeats` timed runs, after one untimed warm-up run.
    public static func readBytesPerSecond(on context: OpenCLContext, bytes: Int, repeats: Int = 5) throws -> Double {
        let count4 = max(bytes / 16, 1)
        let items = max(context.device.computeUnits, 1) * (context.device.isGPU ? 4096 : 16)
        let perItem = (count4 + items - 1) / items
        let program = try OpenCLProgram(context, source: KernelSources.bench, options: "-cl-std=CL1.2")
        let kernel = try OpenCLKernel(program, name: "read_bandwidth", context: context)
        let data = try OpenCLBuffer<Float>(context, count: count4 * 4)
        try data.fill(1)
        let sums = try OpenCLBuffer<Float>(context, count: items)
        try kernel.set(0, data); try kernel.set(1, sums); try kernel.set(2, Int32(count4)); try kernel.set(3, Int32(perItem))
        let groupSize = context.device.isGPU ? 256 : 1
        let groups = (items + groupSize - 1) / groupSize
        var times = [Double]()
        for run in 0...repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            try kernel.launch(groups: groups, groupSize: groupSize)
            try context.finish()
            if run > 0 { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        }
        return Double(count4 * 16) / times.sorted()[times.count / 2]
    }
}
