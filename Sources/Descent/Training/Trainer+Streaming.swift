/// Streaming training (issue 14): the backend holds one shuffle buffer of rows at a time (two,
/// with a ``PieceStreaming`` backend: the next piece uploads while the current one trains),
/// never the whole training set, so data larger than the device's memory trains.
extension Trainer {
    /// Trains `spec` on `train` exactly as `run(on:spec:train:validation:normalization:resumingFrom:onEpoch:)` does with
    /// ``shuffle`` set to `.chunks(plan)` (the same draws, the same batches of the same rows in
    /// the same order: the same parameters), handing the backend the rows piece by piece. Each
    /// epoch's order is cut into pieces of whole batches covering about one shuffle buffer; a
    /// piece's rows are gathered in the order they are visited, so the backend reads them in order.
    ///
    /// The update rule and the learning-rate schedule apply as in the resident run. A
    /// ``PieceStreaming`` backend keeps the parameters and the rule's state on its device across
    /// pieces; any other is prepared for each piece and handed them back.
    ///
    /// `onEpoch` sees each piece's losses as it is collected (``EpochReport/completesEpoch`` on an
    /// epoch's last piece). ``shouldStop`` is asked after each piece: the result then says
    /// ``StopReason/stopRequested``, with the progress made.
    public func runStreaming(on backend: TrainingBackend, spec: ModelSpec, train: some PieceSource, plan: ChunkPlan,
                             normalization: Normalization? = nil,
                             onEpoch: (EpochReport) throws -> Void = { _ in }) throws -> TrainingResult {
        try settings.validate()
        guard train.count > 0 else { throw BackendError.noRows }
        var random = TrainingRandom(kind: settings.random, seed: settings.seed)
        var parameters = spec.initialParameters(random: &random)
        let batch = settings.batchSize
        let pieceRows = min(Self.pieceRows(batchSize: batch, plan: plan), max(train.count, 1))
        let streaming = try (backend as? PieceStreaming).flatMap { streaming in
            try streaming.prepareStreaming(spec: spec, features: train.featureCount, capacity: pieceRows) ? streaming : nil
        }
        var state: OptimizerState?
        if let streaming {
            try streaming.prepareSteps(batchSize: batch)
            try streaming.setParameters(parameters)
            try streaming.setUpdateRule(settings.updateRule)
        }
        var order = (0..<Int32(train.count)).map { $0 }
        var limit: Double?
        func current() throws -> [Double] { try streaming?.parameters() ?? parameters }
        for epoch in 0..<settings.epochs {
            RowShuffle.chunks(plan).apply(&order, random: &random, batchSize: batch)
            let learningRate = settings.learningRate(epoch: epoch)
            let starts = Array(stride(from: 0, to: order.count, by: pieceRows))
            func piece(_ index: Int) throws -> TrainingData {
                try train.gather(rows: order[starts[index]..<min(starts[index] + pieceRows, order.count)])
            }
            var slot = try streaming.map { try $0.enqueuePiece(try piece(0)) } ?? 0
            var step = 0
            for index in starts.indices {
                let losses: [Double]
                if let streaming {
                    try streaming.trainOn(slot: slot)
                    let count = min(pieceRows, order.count - starts[index])
                    try streaming.submitSteps(order: (0..<Int32(count)).map { $0 }[...], batchSize: batch, learningRate: learningRate)
                    // The next piece is gathered and its upload enqueued while the device trains on this one.
                    if index + 1 < starts.count { slot = try streaming.enqueuePiece(piece(index + 1)) }
                    losses = try streaming.collectSteps()
                } else {
                    let rows = try piece(index)
                    try backend.prepare(spec: spec, data: rows)
                    try backend.setParameters(parameters)
                    try backend.setUpdateRule(settings.updateRule)
                    if let state { try backend.setOptimizerState(state) }
                    losses = try backend.trainSteps(order: (0..<Int32(rows.count)).map { $0 }, batchSize: batch, learningRate: learningRate)
                    parameters = try backend.parameters()
                    if !settings.updateRule.isPlainSGD { state = try backend.optimizerState() }
                }
                limit = limit ?? Self.divergenceFactor * max(losses.first ?? 1, 1)
                if let bad = losses.firstIndex(where: { !$0.isFinite || $0 > limit! }) {
                    throw TrainingError.diverged(epoch: epoch, iteration: step + bad, loss: losses[bad])
                }
                step += losses.count
                let last = index + 1 == starts.count
                try onEpoch(EpochReport(epoch: epoch, firstIteration: step - losses.count, losses: losses, completesEpoch: last))
                if !(last && epoch + 1 == settings.epochs), shouldStop?() == true {
                    let now = try current()
                    let progress = last ? Progress(completedEpochs: epoch + 1, parameters: now)
                        : Progress(completedEpochs: epoch, completedSteps: step, parameters: now)
                    return TrainingResult(parameters: now, spec: spec, normalization: normalization, classNames: train.classNames,
                                          stopReason: .stopRequested, progress: progress)
                }
            }
        }
        let final = try current()
        return TrainingResult(parameters: final, spec: spec, normalization: normalization, classNames: train.classNames,
                              progress: Progress(completedEpochs: settings.epochs, parameters: final))
    }

    /// The most rows the backend holds at once: the whole batches that fit in a shuffle buffer (one, if none does).
    public static func pieceRows(batchSize: Int, plan: ChunkPlan) -> Int {
        max(1, plan.rowsPerChunk * plan.bufferChunks / batchSize) * batchSize
    }
}
