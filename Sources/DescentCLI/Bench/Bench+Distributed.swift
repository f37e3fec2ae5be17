import ArgumentParser
import Descent
import DescentOpenCL
import Foundation

/// `descent bench --distributed` (issue 13), run under `mpirun`: the synchronous data-parallel
/// step ``DistributedTrainer`` takes, timed per global batch size on every rank and split into
/// this rank's gradient sums (compute), the rank-ordered sum of every rank's chunk sums (the
/// allreduce, waiting for the slowest rank included) and the update. Rank 0 prints each rank's
/// samples/s (the rows it summed over its step time) and the aggregate (the global batch over the
/// slowest rank's step time), and the allreduce's share of the step: the time of the rank that
/// reached the sum last (it waits for no one), so load imbalance is reported apart from it.
extension Bench {
    func runDistributed() throws {
        try DistributedOptions.parse(["--distributed", "mpi"]).run {
            guard let context = Distributed.current else { return }
            try DistributedBench(bench: self, context: context).run()
        }
    }
}

/// The distributed benchmark on one rank.
struct DistributedBench {
    var bench: Bench
    var context: DistributedContext
    var communicator: any Communicator { context.communicator }

    /// One rank's medians at one batch size: compute, allreduce, update, step (seconds), and its rows.
    struct RankTimes { var compute, reduce, update, step: Double; var rows: Int }

    func run() throws {
        let data = try bench.benchData()
        let spec: ModelSpec
        do { spec = try ModelChoice(kind: bench.model, hidden: bench.hidden?.widths).spec(for: data) } catch { throw worded(error) }
        let backend = try rankBackend()
        var settings = TrainingSettings()
        settings.learningRate = bench.learningRate
        let trainer = DistributedTrainer(settings: settings, communicator: communicator)
        var failure: String?
        do { try backend.prepare(spec: spec, data: data) } catch { failure = worded(backendError: error) }
        try communicator.agreeOnFailure(failure)
        let size = communicator.size
        note("Distributed bench: \(spec.words), \(ParameterLayout(spec: spec).count) parameters, \(data.count) rows × \(data.features.columns) features on every rank; "
             + "\(size) rank\(size == 1 ? "" : "s") on \(backend.name) (\(backend.deviceDescription)); each step \(bench.steps) times after 2 untimed, medians")
        if communicator.rank == 0 { print("batch  rank   rows  compute ms  allreduce ms  update ms   step ms  allreduce share  samples/s") }
        for batch in bench.parsedBatchSizes {
            guard batch <= data.count else { throw ValidationError("--batch-sizes \(batch) is larger than the \(data.count) rows: a step needs a whole batch") }
            let mine = try measure(batch: batch, spec: spec, data: data, backend: backend, trainer: trainer)
            let all = try gather(mine)
            guard communicator.rank == 0 else { continue }
            for (rank, times) in all.enumerated() {
                print([String(batch).leftPadded(5), String(rank).leftPadded(5), String(times.rows).leftPadded(6),
                       fixed(times.compute * 1e3, digits: 3).leftPadded(11), fixed(times.reduce * 1e3, digits: 3).leftPadded(13),
                       fixed(times.update * 1e3, digits: 3).leftPadded(10), fixed(times.step * 1e3, digits: 3).leftPadded(9),
                       (fixed(times.reduce / times.step * 100, digits: 1) + "%").leftPadded(16),
                       fixed(Double(times.rows) / times.step, digits: 0).leftPadded(10)].joined(separator: " "))
            }
            // The last rank to reach the sum waits for no one: its allreduce time is the communication;
            // the others' exceed it by their wait for the slowest rank's compute.
            let slowest = all.map(\.step).max() ?? .nan, communication = all.map(\.reduce).min() ?? .nan
            let waiting = (all.map(\.reduce).max() ?? .nan) - communication
            print("batch \(batch), \(size) rank\(size == 1 ? "" : "s"): aggregate \(fixed(Double(batch) / slowest, digits: 0)) samples/s "
                  + "(slowest step \(fixed(slowest * 1e3, digits: 3)) ms); allreduce \(fixed(communication * 1e3, digits: 3)) ms, "
                  + "\(fixed(communication / slowest * 100, digits: 1))% of the step (the last rank to arrive), waiting for slower ranks up to \(fixed(waiting * 1e3, digits: 3)) ms")
        }
    }

    /// This rank's backend: the CPU, or with `--backend opencl` the device at its local rank modulo
    /// the machine's devices (`--device n` for all).
    func rankBackend() throws -> TrainingBackend {
        guard bench.backend == .opencl else { return CPUBackend() }
        let devices = try OpenCLDevice.all(notice: note)
        guard !devices.isEmpty else { throw NoDeviceError() }
        let device = try bench.device.map { try BackendOptions.chosenDevice(index: $0) } ?? devices[context.localRank % devices.count]
        return try OpenCLBackend(device: device)
    }

    /// Checks one step against the plain single-process step, then times `bench.steps` steps.
    func measure(batch: Int, spec: ModelSpec, data: TrainingData, backend: TrainingBackend, trainer: DistributedTrainer) throws -> RankTimes {
        var random = TrainingRandom(kind: .standard, seed: UInt64(batch))
        let start = spec.initialParameters(random: &random)
        var order = (0..<Int32(data.count)).map { $0 }
        random.shuffle(&order)
        let width = ParameterLayout(spec: spec).count, steps = data.count / batch
        let clock = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        try backend.setParameters(start)
        _ = try trainer.timedStep(on: backend, rows: order[0..<batch], parameterCount: width, clock: clock)
        try validate(backend: backend, spec: spec, data: data, rows: order[0..<batch], start: start)
        var times = [DistributedStepTimes]()
        for step in 1...(bench.steps + 1) {
            let first = (step % steps) * batch
            let measured = try trainer.timedStep(on: backend, rows: order[first..<first + batch], parameterCount: width, clock: clock)
            if step > 1 { times.append(measured) }  // the second step is untimed too: warm caches
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        return RankTimes(compute: median(times.map(\.compute)), reduce: median(times.map(\.reduce)), update: median(times.map(\.update)),
                         step: median(times.map(\.total)), rows: times.first?.rows ?? 0)
    }

    /// The first step's parameters against one process's step on the CPU reference: the same bits
    /// for the CPU's linear model (the fused step follows the same reduction plan), within float32
    /// rounding on a device, within float64 rounding for the other models (their plain step scales
    /// each row before summing).
    func validate(backend: TrainingBackend, spec: ModelSpec, data: TrainingData, rows: ArraySlice<Int32>, start: [Double]) throws {
        let reference = CPUBackend()
        try reference.prepare(spec: spec, data: data)
        try reference.setParameters(start)
        _ = try reference.trainSteps(order: Array(rows), batchSize: rows.count, learningRate: bench.learningRate)
        let want = try reference.parameters(), got = try backend.parameters()
        let exact = backend is CPUBackend && spec.hidden.isEmpty && { if case .mse = spec.head { true } else { false } }()
        let tolerance = exact ? 0 : backend is CPUBackend ? 1e-12 : 1e-3
        let worst = zip(got, want).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        let failure = worst <= tolerance ? nil : "the distributed step differs from one process's step by \(worst) (relative; allowed \(tolerance))"
        try communicator.agreeOnFailure(failure)
    }

    /// Every rank's times, in rank order, on every rank (one rank-ordered sum: each rank fills its own slots).
    func gather(_ mine: RankTimes) throws -> [RankTimes] {
        let fields = 5, rank = communicator.rank
        var slots = [Double](repeating: -0.0, count: fields * communicator.size)
        slots.replaceSubrange(rank * fields..<(rank + 1) * fields, with: [mine.compute, mine.reduce, mine.update, mine.step, Double(mine.rows)])
        let all = try communicator.sumInRankOrder(slots)
        return (0..<communicator.size).map { r in
            let v = all[r * fields..<(r + 1) * fields].map { $0 }
            return RankTimes(compute: v[0], reduce: v[1], update: v[2], step: v[3], rows: Int(v[4]))
        }
    }
}
