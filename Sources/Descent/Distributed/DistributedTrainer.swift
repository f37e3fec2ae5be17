/// Synchronous data-parallel training over a ``Communicator``: the ranks of an MPI job (or one
/// process, ``SingleProcess``) train one model together, and the result does not depend on how
/// many ranks there are, bit for bit on a float64 backend.
///
/// Every rank holds the whole training table (every row may land on every rank, since each epoch
/// draws a fresh permutation) and draws the same permutation from the shared seed. Each batch is
/// cut into ``reductionChunks`` contiguous chunks by the ``ReductionPlan``, a number that does not
/// depend on the rank count; rank r owns the chunks ``ReductionPlan/owner(of:ranks:)`` gives it
/// (whole chunks, an even split when the rank count divides the chunk count) and computes their
/// gradient and loss sums with the backend's split path (``TrainingBackend/gradientSums(rows:)``). Each rank then contributes one slot per
/// chunk — its sums where it owns the chunk, `-0.0` elsewhere — to ``Communicator/sumInRankOrder(_:)``.
/// `-0.0 + x == x` for every `x` (zeros of either sign included), so every slot comes back holding
/// exactly its owner's bits, and the chunk sums are then added in chunk order on every rank. The
/// arithmetic is therefore the same for 1, 2, 3, … ranks: the chunks' sums, added in chunk order,
/// multiplied by `1/rows` (the course's scaling), applied with ``TrainingBackend/applyGradient(_:learningRate:)``.
///
/// For the linear model under mean squared error this is also ``Trainer``'s arithmetic on the
/// ``CPUBackend``, whose fused step follows the same ``ReductionPlan/standard``: `descent train
/// --backend cpu` and `mpirun -np N descent train --backend cpu` give the same bits. For the other
/// models the single-process run this equals is this trainer on one rank (`--distributed mpi`).
///
/// Failures: a rank that fails (its backend, `onEpoch`, a mismatched setup) reports it instead of
/// leaving, so every rank throws the same ``DistributedError/rankFailed(rank:message:failedRanks:)``
/// together: in setup through ``Communicator/agreeOnFailure(_:)`` before each collective, and in a
/// step through a failure slot in the step's sum (one collective per step), which, when non-zero,
/// sends every rank into ``Communicator/agreeOnFailure(_:)`` to learn who failed and why.
/// Stopping: a stop request (``shouldStop``) on any rank travels in the step's sum, so every rank
/// stops after the same step and returns ``StopReason/stopRequested`` with the same progress
/// (`onEpoch` only watches here: a stop that one rank's callback decided would have to travel to
/// the others first, so a stop goes through ``shouldStop``).
public struct DistributedTrainer {
    /// The settings every rank uses.
    public var settings: TrainingSettings
    /// The ranks of the job.
    public var communicator: any Communicator
    /// Chunks per batch; fixed, so that the sums do not depend on the rank count. Ranks beyond
    /// this count own no chunk (they still take part, contributing nothing). The standard plan's
    /// count is the one the ``CPUBackend``'s fused step uses: another count leaves a single-process
    /// run's bits (still the same for every rank count).
    public var reductionChunks = ReductionPlan.standard.chunks
    /// Asked before each step on every rank; when any rank answers true, every rank stops after that step.
    public var shouldStop: (() -> Bool)?
    /// How a local error is worded for the other ranks (the CLI words core errors with its flags).
    public var describe: (any Error) -> String = { String(describing: $0) }

    /// A trainer for one rank of a job.
    public init(settings: TrainingSettings, communicator: any Communicator) {
        self.settings = settings
        self.communicator = communicator
    }

    /// Trains `spec` on `train` as `Trainer.run(on:spec:train:validation:normalization:resumingFrom:onEpoch:)` does, on
    /// every rank together; `onEpoch` gets one report per step. `signature` is compared across
    /// ranks before the first step (with the rows' fingerprint, the settings and the backend's
    /// name): ranks that would train different things fail together instead of drifting apart.
    public func run(on backend: TrainingBackend, spec: ModelSpec, train: TrainingData, resumingFrom progress: Trainer.Progress? = nil,
                    signature: String = "", onEpoch: (Trainer.EpochReport) throws -> Void = { _ in }) throws -> TrainingResult {
        try settings.validate()
        if let progress, progress.completedEpochs >= settings.epochs {
            return TrainingResult(parameters: progress.parameters, spec: spec, classNames: train.classNames, progress: progress)
        }
        var random = TrainingRandom(kind: settings.random, seed: settings.seed)
        let initial = spec.initialParameters(random: &random)
        var start = progress?.parameters ?? initial
        try agreed {
            try backend.prepare(spec: spec, data: train)
            try backend.prepareSteps(batchSize: settings.batchSize)
        }
        let mine = "\(signature) rows \(train.fingerprint) settings \(settings) spec \(spec) backend \(backend.name)"
        let rootSignature = try communicator.broadcast(bytes: Array(mine.utf8), from: 0)
        try agreed {
            guard rootSignature == Array(mine.utf8) else { throw SetupMismatch() }
        }
        start = try communicator.broadcast(start, from: 0)  // a checkpoint read on each rank: rank 0's bits
        try agreed {
            try backend.setParameters(start)
            try backend.setUpdateRule(settings.updateRule)
            if let state = progress?.optimizerState { try backend.setOptimizerState(state) }
        }

        var order = (0..<Int32(train.count)).map { $0 }
        let first = progress?.completedEpochs ?? 0
        for _ in 0..<first { random.shuffle(&order) }
        let stopped = try trainEpochs(on: backend, width: ParameterLayout(spec: spec).count + 1, from: first, step: progress?.completedSteps ?? 0,
                                      order: &order, random: &random, onEpoch: onEpoch)
        if let stopped {
            return TrainingResult(parameters: stopped.parameters, spec: spec, classNames: train.classNames, stopReason: .stopRequested, progress: stopped)
        }

        // Each rank checks its own copy (devices may round differently), inside the agreement: a
        // rank whose parameters alone diverged stops every rank, named, instead of only itself.
        var parameters: [Double] = []
        try agreed {
            parameters = try backend.parameters()
            let startLoss = Trainer.meanLoss(start, spec: spec, on: train)
            guard parameters.allSatisfy(\.isFinite), Trainer.meanLoss(parameters, spec: spec, on: train) <= Trainer.divergenceFactor * max(startLoss, 1) else {
                throw TrainingError.divergedParameters(epoch: settings.epochs - 1)
            }
        }
        return TrainingResult(parameters: parameters, spec: spec, classNames: train.classNames,
                              progress: Trainer.Progress(completedEpochs: settings.epochs, parameters: parameters))
    }

    /// The epoch loop: epochs `first..<settings.epochs`, each on a fresh in-place shuffle of
    /// `order` (the same draws as ``Trainer``), the first from step `firstStep`. Returns the
    /// progress when a stop request stopped it, nil when every epoch ran.
    func trainEpochs(on backend: TrainingBackend, width: Int, from first: Int, step firstStep: Int, order: inout [Int32],
                     random: inout TrainingRandom, onEpoch: (Trainer.EpochReport) throws -> Void) throws -> Trainer.Progress? {
        let batch = settings.batchSize, steps = settings.stepsPerEpoch(rows: order.count)
        var limit: Double?
        var pending: String?  // a local failure since the last agreement
        for epoch in first..<max(first, settings.epochs) {
            random.shuffle(&order)
            for step in (epoch == first ? firstStep : 0)..<steps {
                let rows = order[step * batch..<min((step + 1) * batch, order.count)]
                let stopAsked = shouldStop?() == true
                var slots = [Double](repeating: -0.0, count: reductionChunks * width + 2)
                if pending == nil {
                    do { try contribute(backend: backend, rows: rows, width: width, to: &slots) } catch { pending = describe(error) }
                }
                slots[slots.count - 2] = stopAsked ? 1 : -0.0
                slots[slots.count - 1] = pending == nil ? -0.0 : 1
                let total = try communicator.sumInRankOrder(slots)
                if total[total.count - 1] > 0 { try communicator.agreeOnFailure(pending) }  // throws on every rank
                let (gradient, lossSum, stops) = Self.combine(total, chunks: reductionChunks)
                let n = Double(rows.count), loss = lossSum / n, scale = 1 / n
                limit = limit ?? Trainer.divergenceFactor * max(loss, 1)
                guard loss.isFinite, loss <= limit! else { throw TrainingError.diverged(epoch: epoch, iteration: step, loss: loss) }
                do {
                    try backend.applyGradient(gradient.map { scale * $0 }, learningRate: settings.learningRate(epoch: epoch))
                    try onEpoch(Trainer.EpochReport(epoch: epoch, firstIteration: step, losses: [loss], completesEpoch: step + 1 == steps))
                } catch { pending = describe(error) }
                let finished = step + 1 == steps && epoch + 1 == settings.epochs
                if stops > 0, !finished {
                    var parameters: [Double] = []
                    var state: OptimizerState?
                    try agreed(after: pending) {
                        parameters = try backend.parameters()
                        state = settings.updateRule.isPlainSGD ? nil : try backend.optimizerState()
                    }
                    return step + 1 == steps
                        ? Trainer.Progress(completedEpochs: epoch + 1, parameters: parameters, optimizerState: state)
                        : Trainer.Progress(completedEpochs: epoch, completedSteps: step + 1, parameters: parameters, optimizerState: state)
                }
            }
        }
        try communicator.agreeOnFailure(pending)
        return nil
    }

    /// Fills this rank's slots for one batch: for each chunk it owns, the gradient sums and the loss
    /// sum (`width` values); the other chunks' slots keep `-0.0`, the exact additive identity.
    func contribute(backend: TrainingBackend, rows: ArraySlice<Int32>, width: Int, to slots: inout [Double]) throws {
        let plan = ReductionPlan(chunks: reductionChunks), size = communicator.size, rank = communicator.rank
        for chunk in 0..<plan.chunks where plan.owner(of: chunk, ranks: size) == rank {
            let range = plan.range(chunk, in: rows.indices)
            guard !range.isEmpty else { continue }
            let sums = try backend.gradientSums(rows: rows[range])
            guard sums.gradient.count == width - 1 else { throw BackendError.parameterCount(expected: width - 1, got: sums.gradient.count) }
            slots.replaceSubrange(chunk * width..<chunk * width + width - 1, with: sums.gradient)
            slots[chunk * width + width - 1] = sums.lossSum
        }
    }

    /// The chunks' sums added in chunk order, the loss sum likewise, and how many ranks asked to stop.
    static func combine(_ total: [Double], chunks: Int) -> (gradient: [Double], lossSum: Double, stops: Double) {
        let width = (total.count - 2) / chunks
        var gradient = Array(total[0..<width - 1])
        var lossSum = total[width - 1]
        for chunk in 1..<chunks {
            let base = chunk * width
            for index in 0..<width - 1 { gradient[index] += total[base + index] }
            lossSum += total[base + width - 1]
        }
        return (gradient, lossSum, total[total.count - 2])
    }

    /// Runs `body`, then agrees with every rank on whether anyone failed (`earlier`, or `body`'s error).
    func agreed(after earlier: String? = nil, _ body: () throws -> Void) throws {
        var failure = earlier
        if failure == nil {
            do { try body() } catch { failure = describe(error) }
        }
        try communicator.agreeOnFailure(failure)
    }
}

/// A rank whose data, settings, model or backend differ from rank 0's.
public struct SetupMismatch: Error, CustomStringConvertible {
    /// A mismatch.
    public init() {}
    /// In words, for messages.
    public var description: String {
        "its training rows, settings, model or backend differ from rank 0's (every rank needs the same data file, the same options and the same backend kind)"
    }
}
