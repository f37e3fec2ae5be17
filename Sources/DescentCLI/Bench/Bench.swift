import ArgumentParser
import Descent
import DescentOpenCL
import Foundation

/// `descent bench`: epochs per second by backend and batch size, validated before timed.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark training speed by backend and batch size.",
        discussion: """
            For each backend and batch size: one step is checked against the CPU reference, one epoch \
            warms up (PoCL compiles once per work-group size), then whole epochs are timed (the median \
            of --repeats of --epochs consecutive epochs, run as training runs them: the host's shuffle \
            of the next epoch overlapping the device's work on this one). Data: seeded synthetic regression data with \
            known true weights, or --data. Bandwidth figures are relative to a read-once reduction \
            over a buffer of the same size, measured on the same device in the same run (the best of 7 passes).
            """)

    enum Backends: String, CaseIterable, ExpressibleByArgument { case all, cpu, opencl }

    @Option(help: "Backends to measure: all (cpu, and opencl when a device exists), cpu or opencl.")
    var backend: Backends = .all
    @Option(help: ArgumentHelp("The OpenCL device, by its index in `descent devices`.", valueName: "n"))
    var device: Int?
    @Option(help: ArgumentHelp("Comma-separated batch sizes.", valueName: "list"))
    var batchSizes = "16,256,4096,65536"
    @Option(help: "Rows of synthetic data.") var rows = 1_048_576
    @Option(help: "Features of synthetic data.") var features = 64
    @Option(help: "Epochs per timed repeat (consecutive, as training runs them).") var epochs = 4
    @Option(help: "Timed repeats; the median is reported.") var repeats = 3
    @Option(help: "Step size (small enough for the synthetic data at any batch size).") var learningRate = 0.01
    @Option(help: ArgumentHelp("Benchmark on this file (normalised as `train` does) instead of synthetic data.", valueName: "file"))
    var data: String?
    @Option(help: ArgumentHelp("Write the JSON records.", valueName: "file")) var json: String?
    @Option(help: ArgumentHelp("Write the records as CSV.", valueName: "file")) var csv: String?
    @Option(help: ArgumentHelp("Write an SVG chart of samples/s against batch size.", valueName: "file.svg")) var plot: String?
    @Option(help: ArgumentHelp("Include records from another tool's JSON (Bench/numpy_baseline.py) in the table, chart and ratios.", valueName: "file"))
    var compare: String?
    @Option(help: ArgumentHelp("Write the synthetic data as float32 rows (features, then target) for the numpy baseline, and exit.", valueName: "file"))
    var writeData: String?
    @Option(help: "The model: linear (default), logistic (the target split at 0 into two classes), softmax (10 classes by the target's deciles) or mlp (regression).")
    var model: ModelKind = .linear
    @Option(help: ArgumentHelp("Hidden layers' widths for --model mlp (default: 64).", valueName: "n,n,…")) var hidden: HiddenWidths?
    @Option(help: "The epoch's order: rows (the exact permutation, a random gather over all rows) or chunks (--chunk-rows chunks in permuted order, rows permuted within --shuffle-buffer chunks).")
    var shuffle: ShuffleMode = .rows
    @Option(help: ArgumentHelp("Rows per chunk for --shuffle chunks (default: as descent train chooses them for each batch size).", valueName: "n")) var chunkRows: Int?
    @Option(help: ArgumentHelp("Chunks whose rows are shuffled together for --shuffle chunks.", valueName: "k")) var shuffleBuffer = 4
    /// The OpenCL kernels of a directory (common.cl, linear.cl) instead of the built-in ones: for
    /// tests that plant bugs, which must fail the check before anything is timed.
    @Option(help: .hidden) var kernelSource: String?
    @Flag(help: "Time data-parallel steps over the ranks of an MPI job (run under mpirun) on one backend (--backend opencl, else the CPU): each rank's gradient sums, the rank-ordered sum, the update, per batch size (the global batch).")
    var distributed = false
    @Option(help: "Timed steps per batch size with --distributed (after 2 untimed).") var steps = 20
    @Option(help: "The update rule every step applies: sgd (default), momentum, nesterov, adam or adamw (default hyper-parameters).")
    var optimizer: OptimizerKind = .sgd

    func validate() throws {
        guard rows >= 1, features >= 1 else { throw ValidationError("--rows and --features must be ≥ 1") }
        guard rows <= Int(Int32.max) else {
            throw ValidationError("--rows \(rows) is out of range: expected at most \(Int32.max) (rows are indexed with 32-bit integers)")
        }
        guard epochs >= 1, repeats >= 1 else { throw ValidationError("--epochs and --repeats must be ≥ 1") }
        guard learningRate.isFinite, learningRate > 0 else { throw ValidationError("--learning-rate \(learningRate) is out of range: expected a finite number > 0") }
        if hidden != nil, model != .mlp { throw ValidationError("--hidden applies to --model mlp") }
        if let bad = hidden?.widths.first(where: { $0 < 1 || $0 > 1 << 20 }) {
            throw ValidationError("--hidden \(bad) is out of range: expected widths from 1 to \(1 << 20)")
        }
        guard chunkRows ?? 1 >= 1, shuffleBuffer >= 1 else { throw ValidationError("--chunk-rows and --shuffle-buffer must be ≥ 1") }
        if distributed {
            guard steps >= 1 else { throw ValidationError("--steps must be ≥ 1") }
            let unused = [("--json", json), ("--csv", csv), ("--plot", plot), ("--compare", compare), ("--write-data", writeData)].filter { $0.1 != nil }
            if let first = unused.first { throw ValidationError("\(first.0) does not apply to --distributed (rank 0 prints its table)") }
        }
        guard !parsedBatchSizes.isEmpty, parsedBatchSizes.allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("--batch-sizes '\(batchSizes)': expected a comma-separated list of integers ≥ 1")
        }
    }

    var parsedBatchSizes: [Int] { batchSizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() throws {
        if distributed { return try runDistributed() }
        try outputPaths.check()
        let data = try benchData()
        if let writeData {
            try writeFloat32Rows(data, to: writeData)
            note("wrote \(data.count) rows × \(data.features.columns + 1) float32 to \(writeData)")
            return
        }
        var records = [BenchRecord]()
        var failures = [String]()
        let spec: ModelSpec
        do { spec = try ModelChoice(kind: model, hidden: hidden?.widths).spec(for: data) } catch { throw worded(error) }
        for backend in try makeBackends() {
            var runner: BenchRunner
            do {
                runner = try BenchRunner(backend: backend.backend, spec: spec, data: data, epochs: epochs, repeats: repeats,
                                         learningRate: learningRate, readBandwidth: backend.readBandwidth,
                                         rule: UpdateRule(kind: optimizer))
            } catch {
                failures.append("\(backend.backend.name): loading the data: \(error)")
                continue
            }
            // The device's fractions are of what its own rows' memory delivers (where the pages fall
            // moves it: see BandwidthProbe); the CPU backend's, of the probe's buffer.
            if let openCL = backend.backend as? OpenCLBackend, let rows = openCL.trainingRows {
                let rate = try BandwidthProbe.readBytesPerSecond(of: rows, on: openCL.context)
                note("read bandwidth over the training rows: \(fixed(rate / 1e9, digits: 2)) GB/s (the same reduction, the best of 7 passes)")
                runner.readBandwidth = rate
            }
            for batch in parsedBatchSizes {
                note("\(backend.backend.name) batch \(batch): validating one step against the CPU reference")
                do {
                    runner.shuffle = rowShuffle(batchSize: batch)
                    try runner.validate(batch: batch)
                    note("\(backend.backend.name) batch \(batch): warming up, timing \(repeats) × \(epochs) epoch(s), --shuffle \(shuffle.rawValue)\(chunkNote(runner.shuffle))")
                    var record = try runner.measure(batch: batch)
                    record.peakResidentBytes = PeakMemory.residentBytes()
                    records.append(record)
                } catch { failures.append("\(backend.backend.name) batch \(batch): \(error)") }
            }
        }
        if let compare {
            records += try JSONDecoder().decode([BenchRecord].self, from: Data(contentsOf: URL(fileURLWithPath: compare)))
        }
        let report = BenchReport(records: records)
        print(report.table())
        report.ratios(against: "numpy").forEach { print($0) }
        report.ratios(against: "cpu").filter { !$0.hasPrefix("numpy") }.forEach { print($0) }
        print("peak resident memory: \(PeakMemory.residentBytes() / 1_048_576) MiB (data: \(data.count * (data.features.columns + 1) * 8 / 1_048_576) MiB as float64 on the host)")
        if let json { try AtomicFile.writeJSON(records, to: json) }
        if let csv { try writeText(report.csv(), to: csv) }
        if let plot { try writeText(report.svg(title: "Training throughput, \(data.count) rows × \(data.features.columns) features"), to: plot) }
        if !failures.isEmpty { throw BenchError(failures: failures) }
    }

    /// Checked before any benchmarking, so a bad path costs nothing (see ``OutputPaths``).
    var outputPaths: OutputPaths {
        var paths = OutputPaths()
        paths.input("--data", data)
        paths.input("--compare", compare)
        paths.input("--kernel-source", kernelSource)
        paths.output("--json", json)
        paths.output("--csv", csv)
        paths.output("--plot", plot)
        paths.output("--write-data", writeData)
        return paths
    }

    /// The rows as regression data: synthetic, or `--data` normalised.
    private func regressionRows() throws -> TrainingData {
        guard let data else {
            // Checked before allocating: float64 rows, their copies (the backend's, float32 on a
            // device, and the bandwidth probe's), and two row orders: about 20 bytes a value.
            let bytes = ByteCount.sum(ByteCount.product(rows, features, 20), ByteCount.product(rows, 28))
            try MemoryLimit.current.check(bytes, for: "--rows \(rows) × --features \(features) of synthetic data")
            return SyntheticData(rows: rows, features: features).data
        }
        let table = try DelimitedFileReader.read(path: data)
        let raw = try table.regressionData()
        return Normalization(measuring: raw).normalize(raw)
    }

    /// The benchmark's rows for the model: regression targets as they are; for `logistic` the
    /// target's sign as two classes, for `softmax` its deciles as ten.
    func benchData() throws -> TrainingData {
        var data = try regressionRows()
        switch model {
        case .linear, .mlp: return data
        case .logistic:
            data.targets = data.targets.map { $0 > 0 ? 1 : 0 }
            data.classNames = ["negative", "positive"]
        case .softmax:
            let sorted = data.targets.sorted()
            let edges = (1..<10).map { sorted[$0 * sorted.count / 10] }
            data.targets = data.targets.map { value in Double(edges.count { value >= $0 }) }
            data.classNames = (0..<10).map { "decile \($0)" }
        }
        return data
    }

    private func makeBackends() throws -> [(backend: TrainingBackend, readBandwidth: Double?)] {
        var result = [(backend: TrainingBackend, readBandwidth: Double?)]()
        var bandwidth: Double?
        if backend != .cpu {
            let devices = try OpenCLDevice.all(notice: note)
            if devices.isEmpty {
                if backend == .opencl { throw NoDeviceError() }
                note("notice: \(NoDeviceError()); benchmarking the CPU only")
            } else {
                let chosen = try BackendOptions.chosenDevice(index: device)
                let source = try kernelSource.map { try Validator.kernelSource(directory: $0) }
                let openCL = try OpenCLBackend(device: chosen, kernelSource: source, profiling: true)
                let bytes = rows * features * 4
                bandwidth = try BandwidthProbe.readBytesPerSecond(on: openCL.context, bytes: bytes)
                note("read bandwidth of \(chosen.name): \(fixed(bandwidth! / 1e9, digits: 2)) GB/s (read-once reduction over \(bytes / 1_048_576) MiB)")
                result.append((openCL, bandwidth))
            }
        }
        if backend != .opencl { result.insert((CPUBackend(), bandwidth), at: 0) }
        return result
    }

    private func writeFloat32Rows(_ data: RegressionData, to path: String) throws {
        var values = [Float]()
        values.reserveCapacity(data.count * (data.features.columns + 1))
        for row in 0..<data.count {
            values += data.features.row(row).map(Float.init)
            values.append(Float(data.targets[row]))
        }
        try AtomicFile.write(values.withUnsafeBytes { Data($0) }, to: path)
    }

    /// The chunk plan in words, for the timing notice ("" for `rows`).
    private func chunkNote(_ shuffle: RowShuffle) -> String {
        guard case let .chunks(plan) = shuffle else { return "" }
        return " (chunks of \(plan.rowsPerChunk) rows, \(plan.bufferChunks) per shuffle buffer)"
    }

    /// The order `--shuffle` asks for at `batchSize` (the default chunk follows it, as in `descent train`).
    func rowShuffle(batchSize: Int) -> RowShuffle {
        switch shuffle {
        case .rows: .rows
        case .chunks:
            .chunks(ChunkPlan(rowsPerChunk: chunkRows ?? ChunkPlan.defaultRowsPerChunk(batchSize: batchSize, bufferChunks: shuffleBuffer),
                              bufferChunks: shuffleBuffer))
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var failures: [String]
    var description: String { "benchmark failed:\n" + failures.joined(separator: "\n") }
}
