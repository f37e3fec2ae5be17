// descent-bench: the kernel design experiments behind BENCHMARKS.md, reproducible.
//
// For each kernel build of the fused training path, the device time of one epoch over 1,048,576 ×
// 64 synthetic rows in the identity order (rows read front to back), in the chunk shuffle's order
// (`--shuffle chunks` at its defaults for the batch size: a buffer of 4 chunks that is one batch,
// from batch 16,384; below it, each batch's rows ascending within a 262,144-row shuffle buffer)
// and in a shuffled order (`--shuffle rows`). The gaps are the cost of reading a part of
// each buffer, and of gathering rows by a permutation.
//   swift run -c release descent-bench
import Descent
import DescentOpenCL
import Foundation

// `descent-bench network ...`: the network path beside Bench/mlp_numpy.py (NetworkBench.swift).
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "network" {
    try runNetworkBench(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

// `descent-bench launches ...`: what a launch boundary costs on the device (LaunchBench.swift).
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "launches" {
    try runLaunchBench(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

// `descent-bench shuffle ...`: the host's exact row shuffle alone (ShuffleBench.swift).
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "shuffle" {
    runShuffleBench(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

let rows = 1 << 20, features = 64
guard let device = try OpenCLDevice.all().first else {
    print("descent-bench: no OpenCL device")
    exit(3)
}
let synthetic = SyntheticData(rows: rows, features: features, seed: 1)
var random = TrainingRandom(kind: .standard, seed: 1)
let identity = (0..<Int32(rows)).map { $0 }
var shuffled = identity
random.shuffle(&shuffled)

// DESCENT_BENCH_BUILDS=TEXT: only the builds whose name contains TEXT ("GPU": the GPU-shape builds); DESCENT_BENCH_BATCHES: batch sizes (default 256,65536).
// A build's source: nil for the embedded kernels; `noNextStepPrefetch` turns off the epoch
// kernel's loading of the next step's rows during this step's reductions, to measure against.
let noNextStepPrefetch = "#define PREFETCH_NEXT 0\n" + LinearProgram.defaultSource
// `scalarStaging` stages the GPU shape's tile one float per lane instead of float4 units (vload4).
let scalarStaging = "#define VLOAD_STAGE 0\n" + LinearProgram.defaultSource
// `l1Prefetch` has the sequential shape prefetch rows into L1 (prefetcht0), as before it asked for L2.
let l1Prefetch = LinearProgram.defaultSource.replacingOccurrences(of: "__builtin_prefetch(row + c, 0, 2)", with: "__builtin_prefetch(row + c, 0, 3)")
    .replacingOccurrences(of: "__builtin_prefetch(y + ahead, 0, 2)", with: "__builtin_prefetch(y + ahead, 0, 3)")
// `bceHead` is the logistic build (the targets are the regression values: the same work per row);
// `pairs` takes the sequential shape's rows in groups of 2 instead of 16 (ROW_GROUP).
let bceHead = "#define HEAD_BCE 1\n" + LinearProgram.defaultSource
var pairs = KernelTuning(workGroupSize: 1, vectorWidth: 16, features: features, prefetchRows: 16)
pairs.rowGroup = 2
let allBuilds: [(String, KernelTuning, String?)] = [
    ("previous GPU shape, WGS=64 (LPR=0)", KernelTuning(workGroupSize: 64, features: features, lanesPerRow: 0), nil),
    ("GPU shape, WGS=64 (tiled)", KernelTuning(workGroupSize: 64, features: features), nil),
    ("GPU shape, WGS=64 (tiled, no prefetch)", KernelTuning(workGroupSize: 64, features: features), noNextStepPrefetch),
    ("GPU shape, WGS=64 (tiled, scalar staging)", KernelTuning(workGroupSize: 64, features: features), scalarStaging),
    ("GPU shape, WGS=64 (tiled, LPR=1)", KernelTuning(workGroupSize: 64, features: features, lanesPerRow: 1), nil),
    ("previous GPU shape, WGS=256 (LPR=0)", KernelTuning(workGroupSize: 256, features: features, lanesPerRow: 0), nil),
    ("GPU shape, WGS=256 (tiled)", KernelTuning(workGroupSize: 256, features: features), nil),
    ("GPU shape, WGS=256 (tiled, scalar staging)", KernelTuning(workGroupSize: 256, features: features), scalarStaging),
    ("sequential VW=1, no prefetch", KernelTuning(workGroupSize: 1, vectorWidth: 1, features: features), nil),
    ("sequential VW=16, no prefetch", KernelTuning(workGroupSize: 1, vectorWidth: 16, features: features), nil),
    ("sequential VW=16, prefetch 16 rows", KernelTuning(workGroupSize: 1, vectorWidth: 16, features: features, prefetchRows: 16), nil),
    ("sequential VW=16, prefetch 16 into L1", KernelTuning(workGroupSize: 1, vectorWidth: 16, features: features, prefetchRows: 16), l1Prefetch),
    ("sequential, rows in groups of 2", pairs, nil),
    ("sequential, BCE head", KernelTuning(workGroupSize: 1, vectorWidth: 16, features: features, prefetchRows: 16), bceHead),
    ("sequential, BCE head, groups of 2", pairs, bceHead),
]
let builds = ProcessInfo.processInfo.environment["DESCENT_BENCH_BUILDS"].map { filter in allBuilds.filter { $0.0.contains(filter) } } ?? allBuilds
let batches = (ProcessInfo.processInfo.environment["DESCENT_BENCH_BATCHES"] ?? "256,65536").split(separator: ",").compactMap { Int($0) }
print("device: \(device.description)")
if let rounds = ProcessInfo.processInfo.environment["DESCENT_BENCH_INTERLEAVE"].flatMap(Int.init) {
    // On a shared, noisy machine: the builds take turns, one shuffled epoch each per round, so
    // that every build sees the same load; medians over the rounds.
    let backends = try builds.map { _, tuning, source in
        let backend = try OpenCLBackend(device: device, kernelSource: source, profiling: true)
        backend.tuningOverride = tuning
        try backend.load(synthetic.data)
        return backend
    }
    print("build                                   batch   shuffled ms (median of \(rounds) interleaved rounds)")
    for batch in batches {
        var times = [[Double]](repeating: [], count: builds.count)
        for round in 0...rounds {
            for (index, backend) in backends.enumerated() {
                try backend.setModel(synthetic.trueModel)
                _ = try backend.trainEpoch(order: shuffled, batchSize: batch, stepSize: 0.01)
                if round > 0 { times[index].append(try backend.lastEpochDeviceSeconds() ?? .nan) }
            }
        }
        for (index, (name, _, _)) in builds.enumerated() {
            print(name.padding(toLength: 38, withPad: " ", startingAt: 0), String(batch).leftPadded(6),
                  String(format: "%13.1f", times[index].sorted()[rounds / 2] * 1000))
        }
    }
    exit(0)
}
// The chunk shuffle's order at each batch size (`ChunkPlan`'s defaults, as `descent bench`).
let chunkOrders = Dictionary(uniqueKeysWithValues: batches.map { batch in
    var random = TrainingRandom(kind: .standard, seed: 1)
    return (batch, ChunkPlan(rowsPerChunk: ChunkPlan.defaultRowsPerChunk(batchSize: batch, bufferChunks: 4), bufferChunks: 4).order(rows: rows, random: &random, batchSize: batch))
})
print("build                                   batch   identity ms     chunks ms   shuffled ms")
for (name, tuning, source) in builds {
    let backend = try OpenCLBackend(device: device, kernelSource: source, profiling: true)
    backend.tuningOverride = tuning
    try backend.load(synthetic.data)
    for batch in batches {
        var medians = [Double]()
        for order in [identity, chunkOrders[batch]!, shuffled] {
            try backend.setModel(synthetic.trueModel)
            _ = try backend.trainEpoch(order: order, batchSize: batch, stepSize: 0.01)
            var times = [Double]()
            for _ in 0..<5 {
                _ = try backend.trainEpoch(order: order, batchSize: batch, stepSize: 0.01)
                times.append(try backend.lastEpochDeviceSeconds() ?? .nan)
            }
            medians.append(times.sorted()[2] * 1000)
        }
        print(name.padding(toLength: 38, withPad: " ", startingAt: 0), String(batch).leftPadded(6),
              String(format: "%13.1f %13.1f %13.1f", medians[0], medians[1], medians[2]))
    }
}
