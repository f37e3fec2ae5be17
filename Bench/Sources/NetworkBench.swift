import Descent
import DescentOpenCL
import Foundation

/// `descent-bench network [--rows N] [--batch-sizes 64,256,4096] [--max-seconds S] [--optimizer sgd|adam] [--matmul-only] [--products] [--profile]`:
/// the OpenCL network path (``NetworkBenchmark``) at the shapes of Bench/mlp_numpy.py: an MLP
/// 64→256→256→1 (ReLU, MSE; plain SGD at lr 0.01, or Adam at lr 1e-3) and a logistic regression
/// over N × 64 synthetic rows, samples/s per batch size, and the GFLOP/s of `matmul_nt` on the
/// batch-4096 layer (`--products`: of each product at each layer and batch size).
func runNetworkBench(_ arguments: [String]) throws {
    func option(_ name: String, _ fallback: String) -> String {
        arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil } ?? fallback
    }
    let rows = Int(option("--rows", "131072"))!
    let batches = option("--batch-sizes", "64,256,4096").split(separator: ",").map { Int($0)! }
    let maxSeconds = Double(option("--max-seconds", "10"))!
    guard let kind = OptimizerKind(rawValue: option("--optimizer", "sgd")) else { print("descent-bench: --optimizer sgd|adam|..."); exit(2) }
    let rule = UpdateRule(kind: kind)
    guard let device = try OpenCLDevice.all().first else { print("descent-bench: no OpenCL device"); exit(3) }
    print("device: \(device.description)")
    let programs = NetworkProgramCache(try OpenCLContext(device: device))
    let matmul = try NetworkBenchmark.matmulGFLOPS(programs)
    print("opencl matmul_nt 4096×256·(256×256)ᵀ: \(String(format: "%.1f", matmul.gflops)) GFLOP/s (\(matmul.tuning))")
    if arguments.contains("--matmul-only") { return }
    if arguments.contains("--products") {
        // The step's three products at the MLP's layers, at every batch size.
        for batch in batches {
            for (inner, outs) in [(64, 256), (256, 256)] {
                let line = try ["matmul_nt", "matmul_nn", "matmul_tn"].map { name in
                    "\(name) \(String(format: "%6.1f", try NetworkBenchmark.productGFLOPS(programs, kernel: name, rows: batch, inner: inner, outs: outs).gflops))"
                }
                print("products batch \(String(batch).leftPadded(5)) layer \(inner)→\(outs) (GFLOP/s): " + line.joined(separator: "  "))
            }
        }
        return
    }
    if arguments.contains("--profile") {
        let spec = ModelSpec(kind: .mlp, inputs: 64, hidden: [256, 256], activation: .relu, head: .mse(.exact))
        let network = OpenCLNetwork(programs: NetworkProgramCache(try OpenCLContext(device: device, profiling: true)))
        for batch in batches {
            var benchmark = NetworkBenchmark(spec: spec, rows: rows)
            benchmark.rule = rule
            if kind != .sgd { benchmark.learningRate = 1e-3 }
            let p = try NetworkStepProfile.measure(benchmark, on: network, batch: batch,
                                                   steps: max(4, 16_384 / batch))
            print("profile mlp \(kind.rawValue) batch \(batch): \(p.steps) steps, \(String(format: "%.1f", p.launchesPerStep)) launches/step, "
                  + "wall \(String(format: "%.0f", p.wallSeconds / Double(p.steps) * 1e6)) µs/step "
                  + "(enqueue \(String(format: "%.0f", p.enqueueSeconds / Double(p.steps) * 1e6))), "
                  + "device \(String(format: "%.0f", p.deviceSeconds / Double(p.steps) * 1e6)) µs/step")
            for k in p.kernels {
                print("  \(k.name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(String(format: "%6.1f", 100 * k.seconds / p.deviceSeconds))%  "
                      + "\(String(format: "%8.3f", k.seconds / Double(k.launches) * 1e3)) ms/launch × \(k.launches)")
            }
            // One step's launches in order (the middle step): which layer's product costs what.
            print("  one step: " + p.middleStep.map { "\($0.name) \(String(format: "%.1f", $0.seconds * 1e6))" }.joined(separator: ", ") + " µs")
        }
        return
    }
    let workloads = [
        ("mlp 64→256→256→1", ModelSpec(kind: .mlp, inputs: 64, hidden: [256, 256], activation: .relu, head: .mse(.exact))),
        ("logistic", ModelSpec(kind: .logistic, inputs: 64, head: .binaryCrossEntropy)),
    ]
    for (name, spec) in workloads {
        var benchmark = NetworkBenchmark(spec: spec, rows: rows)
        benchmark.maxSeconds = maxSeconds
        benchmark.rule = rule
        benchmark.learningRate = kind != .sgd ? 1e-3 : spec.kind == .logistic ? 0.5 : 0.01
        for result in try benchmark.run(on: OpenCLNetwork(programs: programs), batchSizes: batches) {
            print("opencl \(name) \(kind.rawValue) batch \(String(result.batch).leftPadded(5)): \(String(format: "%10.3e", result.samplesPerSecond)) samples/s "
                  + "(\(String(format: "%.1f", result.gflops)) GFLOP/s, \(result.rows) rows in \(String(format: "%.2f", result.seconds)) s, "
                  + "loss \(String(format: "%.4f", result.lastLoss)), \(result.tuning))")
        }
    }
}
