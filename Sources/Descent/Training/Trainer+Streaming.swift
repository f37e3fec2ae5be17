/// Streaming training (issue 14): the backend holds one shuffle buffer of rows at a time, never
/// the whole training set, so data larger than the device's memory trains.
///
/// First version: the pieces are handed over one after another (prepare, set the parameters,
/// train, read them back); the next piece's upload does not yet overlap the device's work.
extension Trainer {
    /// Trains `spec` on `train` exactly as `run(on:spec:train:validation:normalization:resumingFrom:onEpoch:)` does with
    /// ``shuffle`` set to `.chunks(plan)` (the same draws, the same batches of the same rows in
    /// the same order: the same parameters), handing the backend the rows piece by piece. Each
    /// epoch's order is cut into pieces of whole batches covering about one shuffle buffer; a
    /// piece's rows are gathered in the order they are visited, so the backend reads them in order.
    public func runStreaming(on backend: TrainingBackend, spec: ModelSpec, train: TrainingData, plan: ChunkPlan,
                             onEpoch: (EpochReport) throws -> Void = { _ in }) throws -> [Double] {
        try settings.validate()
        var random = TrainingRandom(kind: settings.random, seed: settings.seed)
        var parameters = spec.initialParameters(random: &random)
        let batch = settings.batchSize
        let pieceRows = Self.pieceRows(batchSize: batch, plan: plan)
        var order = (0..<Int32(train.count)).map { $0 }
        var limit: Double?
        for epoch in 0..<settings.epochs {
            RowShuffle.chunks(plan).apply(&order, random: &random, batchSize: batch)
            var losses = [Double]()
            for first in stride(from: 0, to: order.count, by: pieceRows) {
                let piece = Self.gather(train, rows: order[first..<min(first + pieceRows, order.count)])
                try backend.prepare(spec: spec, data: piece)
                try backend.setParameters(parameters)
                losses += try backend.trainSteps(order: (0..<Int32(piece.count)).map { $0 }, batchSize: batch,
                                                 learningRate: settings.learningRate)
                parameters = try backend.parameters()
            }
            limit = limit ?? Self.divergenceFactor * max(losses.first ?? 1, 1)
            if let bad = losses.firstIndex(where: { !$0.isFinite || $0 > limit! }) {
                throw TrainingError.diverged(epoch: epoch, iteration: bad, loss: losses[bad])
            }
            try onEpoch(EpochReport(epoch: epoch, losses: losses))
        }
        return parameters
    }

    /// The most rows the backend holds at once: the whole batches that fit in a shuffle buffer (one, if none does).
    public static func pieceRows(batchSize: Int, plan: ChunkPlan) -> Int {
        max(1, plan.rowsPerChunk * plan.bufferChunks / batchSize) * batchSize
    }

    /// The rows of `data` at `rows`, in that order.
    static func gather(_ data: TrainingData, rows: ArraySlice<Int32>) -> TrainingData {
        let columns = data.features.columns
        var values = [Double]()
        values.reserveCapacity(rows.count * columns)
        for row in rows { values += data.features.row(Int(row)) }
        return TrainingData(featureNames: data.featureNames, targetName: data.targetName,
                            features: Matrix(rows: rows.count, columns: columns, values: values),
                            targets: rows.map { data.targets[Int($0)] }, classNames: data.classNames)
    }
}
