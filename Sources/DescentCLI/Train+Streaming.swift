import ArgumentParser
import Descent
import DescentOpenCL

/// `descent train`'s shuffle and streaming (issue 14): `--shuffle chunks` on resident rows, and
/// streaming chunks through an OpenCL device that cannot hold the training rows.
extension Train {
    /// The trainer's order of rows on `backend`, and the chunk plan to stream with when the rows do
    /// not fit the device (nil: resident). Streaming is chosen with a notice; it implies the chunk
    /// shuffle, so an explicit `--shuffle rows` is refused, as are the flags it does not yet serve.
    func streamingChoice(_ run: TrainingRun, backend: TrainingBackend) throws -> (shuffle: RowShuffle, stream: ChunkPlan?) {
        let train = run.prepared.train, features = train.features.columns
        let shuffle: RowShuffle
        do { shuffle = try streamingOptions.rowShuffle(batchSize: run.settings.batchSize) } catch { throw ValidationError(worded(error)) }
        guard let device = (backend as? OpenCLBackend)?.context.device,
              !OpenCLBackend.fitsResident(rows: train.count, features: features, device: device) else { return (shuffle, nil) }
        let needed = OpenCLBackend.residentBytes(rows: train.count, features: features)
        let what = "the \(train.count) training rows need \(needed / 1_048_576) MiB on \(device.name), which has \(device.globalMemoryBytes / 1_048_576) MiB"
            + " (at most \(device.maxAllocationBytes / 1_048_576) MiB in one buffer)"
        if streamingOptions.shuffle == .rows {
            throw InputError("\(what): --shuffle rows needs them all on the device; use --shuffle chunks (streams them in chunks) or --backend cpu")
        }
        let unserved = [run.validation.map { _ in "--validation" }, run.checkpoint.map { _ in "--checkpoint" },
                        run.progress.map { _ in "--resume" }].compactMap { $0 }
        if let flag = unserved.first {
            throw InputError("\(what), so they stream in chunks, and streaming does not support \(flag) yet; drop it or use --backend cpu")
        }
        let plan: ChunkPlan
        do { plan = try streamingOptions.streamingPlan(features: features, device: device, batchSize: run.settings.batchSize) } catch { throw ValidationError(worded(error)) }
        let piece = try Self.checkPieceFits(rows: train.count, features: features, batchSize: run.settings.batchSize, plan: plan, device: device, what: what)
        note("notice: \(what): streaming them in pieces of \(piece) rows (--shuffle chunks: chunks of \(plan.rowsPerChunk) rows, \(plan.bufferChunks) per shuffle buffer)")
        return (.chunks(plan), plan)
    }

    /// The rows of a streamed piece (whole batches within a shuffle buffer, at most `rows`), or an
    /// error when two such pieces do not fit `device`: advice to lower `--batch-size` where a piece
    /// is already one batch, else `--chunk-rows` or `--shuffle-buffer`. `what` opens the message.
    static func checkPieceFits(rows: Int, features: Int, batchSize: Int, plan: ChunkPlan, device: OpenCLDevice, what: String) throws -> Int {
        let piece = min(Trainer.pieceRows(batchSize: batchSize, plan: plan), rows)
        let pieceBytes = OpenCLBackend.streamingBytes(features: features, capacity: piece)
        guard pieceBytes <= device.globalMemoryBytes, UInt64(piece) * UInt64(features) * 4 <= device.maxAllocationBytes else {
            let oneBatch = piece == min(batchSize, rows) && plan.rowsPerChunk * plan.bufferChunks < 2 * batchSize
            throw InputError("\(what); streaming them in pieces of \(piece) rows (--chunk-rows \(plan.rowsPerChunk) × --shuffle-buffer \(plan.bufferChunks), "
                             + "in whole batches) needs \(pieceBytes / 1_048_576) MiB for two pieces: "
                             + (oneBatch ? "a piece is one batch, so lower --batch-size" : "lower --chunk-rows or --shuffle-buffer"))
        }
        return piece
    }

    /// One streamed run: the trainer's ``Trainer/runStreaming(on:spec:train:plan:normalization:onEpoch:)``, reported as the resident run reports.
    func trainStreaming(_ run: TrainingRun, trainer: Trainer, backend: TrainingBackend, plan: ChunkPlan,
                        printLines: Bool, progressBar: ProgressBar, started: inout Bool) throws -> TrainingResult {
        var begun = false
        defer { started = started || begun }
        return try trainer.runStreaming(on: backend, spec: run.spec, train: run.prepared.train, plan: plan,
                                        normalization: run.prepared.normalization) { report in
            begun = true
            try record(report, of: run, backend: backend, printLines: printLines, progressBar: progressBar)
        }
    }
}

extension StreamingOptions {
    /// An MPI job shuffles rows across ranks: the chunk shuffle is refused there.
    func checkNotDistributed() throws {
        if case .chunks = try rowShuffle() { throw InputError("--shuffle chunks and --chunk-rows do not apply to an MPI job yet; drop them") }
    }
}
