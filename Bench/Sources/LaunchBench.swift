import DescentOpenCL
import Foundation

/// `descent-bench launches [--launches N] [--groups G] [--iterations K] [--rounds R]`: what a launch
/// boundary costs on the device, apart from the work: N launches of G work-groups (16 work-items,
/// each K dependent multiply-adds on its own value) against one launch of N × G groups doing the
/// same work, per sequence of N, median of R rounds. The defaults are the shape of an MLP step at
/// batch 256 on PoCL (10 launches of about 80 µs), where the step's launches cannot be told apart
/// from the noise one by one.
func runLaunchBench(_ arguments: [String]) throws {
    func option(_ name: String, _ fallback: Int) -> Int {
        arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? fallback
    }
    let launches = option("--launches", 10), groups = option("--groups", 32), iterations = option("--iterations", 290)
    let rounds = option("--rounds", 7), sequences = 300, size = 16
    guard let device = try OpenCLDevice.all().first else { print("descent-bench: no OpenCL device"); exit(3) }
    let context = try OpenCLContext(device: device)
    let source = """
        __kernel void spin(__global float* x, const int iterations) {
            const int i = get_global_id(0);
            float a = x[i];
            for (int k = 0; k < iterations; k++) a = fma(a, 1.0001f, 0.5f);
            x[i] = a;
        }
        """
    let kernel = try OpenCLKernel(try OpenCLProgram(context, source: source), name: "spin", context: context)
    let values = try OpenCLBuffer<Float>(context, values: [Float](repeating: 1, count: launches * groups * size))
    try kernel.set(0, values); try kernel.set(1, Int32(iterations))
    func time(_ body: () throws -> Void) throws -> Double {
        try body(); try context.finish()  // warm: PoCL builds a work-group function per size at first launch
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<sequences { try body() }
        try context.finish()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(sequences)
    }
    print("device: \(device.description)")
    var split = [Double](), merged = [Double]()
    for _ in 0..<rounds {  // interleaved, so both see the same load
        split.append(try time { for _ in 0..<launches { try kernel.launch(groups: groups, groupSize: size) } })
        merged.append(try time { try kernel.launch(groups: launches * groups, groupSize: size) })
    }
    let (a, b) = (split.sorted()[rounds / 2], merged.sorted()[rounds / 2])
    print("launches: \(launches) × \(groups) groups \(String(format: "%.1f", a)) µs, 1 × \(launches * groups) groups \(String(format: "%.1f", b)) µs "
          + "(medians of \(rounds)): \(String(format: "%.1f", (a - b) / Double(max(launches - 1, 1)))) µs per launch boundary")
}
