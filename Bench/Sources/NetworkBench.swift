import Descent
import DescentOpenCL
import Foundation

/// `descent-bench network [--rows N] [--batch-sizes 64,256,4096] [--max-seconds S]`: the OpenCL
/// network path (``OpenCLNetwork``) at the shapes of Bench/mlp_numpy.py: an MLP 64→256→256→1
/// (ReLU, MSE, plain SGD) and a logistic regression over N × 64 synthetic rows, samples/s per
/// batch size (steps submitted 64 at a time, as training does, losses read once per submission,
/// wall clock), and the GFLOP/s of `matmul_nt` on the batch-4096 layer (4096×256 · (256×256)ᵀ).
func runNetworkBench(_ arguments: [String]) throws {
    func option(_ name: String, _ fallback: String) -> String {
        arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil } ?? fallback
    }
    let rows = Int(option("--rows", "131072"))!, features = 64
    let batches = option("--batch-sizes", "64,256,4096").split(separator: ",").map { Int($0)! }
    let maxSeconds = Double(option("--max-seconds", "10"))!
    guard let device = try OpenCLDevice.all().first else { print("descent-bench: no OpenCL device"); exit(3) }
    print("device: \(device.description)")

    var random = TrainingRandom(kind: .standard, seed: 1)
    let x = (0..<rows * features).map { _ in random.nextNormal() }
    let w = (0..<features).map { _ in random.nextNormal() / 8 }
    let projection = (0..<rows).map { r in zip(x[r * features..<(r + 1) * features], w).reduce(0) { $0 + $1.0 * $1.1 } }
    let matrix = Matrix(rows: rows, columns: features, values: x)
    var order = (0..<Int32(rows)).map { $0 }
    random.shuffle(&order)

    let workloads: [(String, ModelSpec, [Double])] = [
        ("mlp 64-256-256-1", ModelSpec(kind: .mlp, inputs: features, hidden: [256, 256], activation: .relu, head: .mse(.exact)), projection.map(sin)),
        ("logistic", ModelSpec(kind: .logistic, inputs: features, head: .binaryCrossEntropy), projection.map { $0 > 0 ? 1 : 0 }),
    ]
    let programs = NetworkProgramCache(try OpenCLContext(device: device))
    if arguments.contains("--matmul-only") { return try benchMatmul(programs) }
    if let path = arguments.firstIndex(of: "--experiment").map({ arguments[$0 + 1] }) { return try benchExperiment(programs, path: path) }
    for (name, spec, targets) in workloads {
        let network = OpenCLNetwork(programs: programs)
        try network.prepare(spec: spec, data: TrainingData(featureNames: (0..<features).map { "x\($0)" }, targetName: "y",
                                                          features: matrix, targets: targets))
        var initial = TrainingRandom(kind: .standard, seed: 2)
        let layout = ParameterLayout(spec: spec)
        var params = [Double](repeating: 0, count: layout.count)
        for tensor in layout.tensors where tensor.shape.count == 2 {
            for i in tensor.range { params[i] = initial.nextNormal() * (2 / Double(tensor.shape[1])).squareRoot() }
        }
        for batch in batches {
            try network.setParameters(params)
            let perSubmission = 64 * batch
            try network.submitSteps(order: order[0..<min(batch, rows)], batchSize: batch, learningRate: 0.01)  // warm-up
            _ = try network.collectSteps()
            var trained = 0, loss = Double.nan
            let start = Date()
            while trained < rows && Date().timeIntervalSince(start) < maxSeconds {
                let slice = order[trained..<min(trained + perSubmission, rows)]
                try network.submitSteps(order: slice, batchSize: batch, learningRate: 0.01)
                loss = try network.collectSteps().last ?? .nan
                trained += slice.count
            }
            let seconds = Date().timeIntervalSince(start)
            let macs = zip(spec.widths, spec.widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
            let gflops = 6 * Double(macs) * Double(trained) / seconds / 1e9
            print("opencl \(name) batch \(String(batch).leftPadded(5)): \(String(format: "%10.3e", Double(trained) / seconds)) samples/s "
                  + "(\(String(format: "%.1f", gflops)) GFLOP/s, \(trained) rows in \(String(format: "%.2f", seconds)) s, loss \(String(format: "%.4f", loss)), \(network.tuning!))")
        }
    }
    try benchMatmul(programs)
}

/// `matmul_nt` on 4096×256 · (256×256)ᵀ, on the device's tuning: GFLOP/s of the best of 10 runs of 5 launches.
private func benchMatmul(_ programs: NetworkProgramCache) throws {
    let program = try programs.resolve(), context = programs.context
    let (m, k, n) = (4096, 256, 256)
    let a = try OpenCLBuffer<Float>(context, values: (0..<m * k).map { Float($0 % 7) - 3 })
    let w = try OpenCLBuffer<Float>(context, values: (0..<n * k).map { Float($0 % 5) - 2 })
    let out = try OpenCLBuffer<Float>(context, count: m * n)
    let kernel = try program.kernel("matmul_nt")
    try kernel.set(0, a); try kernel.set(1, w); try kernel.set(2, Int32(0)); try kernel.set(3, out)
    try kernel.set(4, Int32(m)); try kernel.set(5, Int32(k)); try kernel.set(6, Int32(n))
    let (groups, groupSize) = program.tuning.matmulLaunch("matmul_nt", outRows: m, outColumns: n)
    try kernel.launch(groups: groups, groupSize: groupSize)
    try context.finish()
    var best = Double.infinity
    for _ in 0..<10 {
        let start = Date()
        for _ in 0..<5 { try kernel.launch(groups: groups, groupSize: groupSize) }
        try context.finish()
        best = min(best, Date().timeIntervalSince(start) / 5)
    }
    print("opencl matmul_nt 4096×256·(256×256)ᵀ: \(String(format: "%.1f", 2 * Double(m * k * n) / best / 1e9)) GFLOP/s (\(program.tuning))")
}

/// An experimental matmul_nt (a file holding only that kernel, RB×CB outputs per work-item).
private func benchExperiment(_ programs: NetworkProgramCache, path: String) throws {
    let context = programs.context
    let program = try OpenCLProgram(context, source: try String(contentsOfFile: path, encoding: .utf8), options: "-cl-std=CL1.2")
    let kernel = try OpenCLKernel(program, name: "matmul_nt", context: context)
    let (m, k, n) = (4096, 256, 256)
    let av = (0..<m * k).map { Float($0 % 7) - 3 }, wv = (0..<n * k).map { Float($0 % 5) - 2 }
    let a = try OpenCLBuffer<Float>(context, values: av), w = try OpenCLBuffer<Float>(context, values: wv)
    let out = try OpenCLBuffer<Float>(context, count: m * n)
    try kernel.set(0, a); try kernel.set(1, w); try kernel.set(2, Int32(0)); try kernel.set(3, out)
    try kernel.set(4, Int32(m)); try kernel.set(5, Int32(k)); try kernel.set(6, Int32(n))
    let env = ProcessInfo.processInfo.environment
    let rb = Int(env["RB"] ?? "4")!, cb = Int(env["CB"] ?? "4")!, group = Int(env["GROUP"] ?? "16")!
    let items = ((m + rb - 1) / rb) * ((n + cb - 1) / cb)
    try kernel.launch(groups: (items + group - 1) / group, groupSize: group)
    try context.finish()
    let result = try out.read()
    let check = NetworkStages.matmulNT(av[0..<k * 3].map(Double.init), wv.map(Double.init), rows: 3, inner: k, outs: n)
    print("experiment first rows match:", zip(result, check).allSatisfy { abs(Double($0) - $1) < 1e-3 })
    var best = Double.infinity
    for _ in 0..<10 {
        let start = Date()
        for _ in 0..<5 { try kernel.launch(groups: (items + group - 1) / group, groupSize: group) }
        try context.finish()
        best = min(best, Date().timeIntervalSince(start) / 5)
    }
    print("experiment matmul_nt: \(String(format: "%.1f", 2 * Double(m * k * n) / best / 1e9)) GFLOP/s")
}
