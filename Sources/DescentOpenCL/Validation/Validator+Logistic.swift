import Descent

/// `descent validate`'s checks of the fused linear kernels built with `HEAD_BCE` (logistic
/// regression on `OpenCLBackend`), on the single-work-group epoch kernel and on the large-batch
/// step kernels, one step per batch (the last one short) against the float64 ``NetworkReference``
/// step of a one-layer binary cross-entropy spec, within
/// ``ErrorBound/logisticStep(features:targets:params:learningRate:)``. The loss buffer is
/// poisoned (NaN) before every submission, so a step that writes no loss fails.
///
/// The head changes the residual and loss of each shape (the sequential shape's on a vector of
/// `ROW_GROUP` rows, the GPU tile's and the previous GPU shape's a row at a time), and nothing
/// else: the full sweep runs every tuning and batch size of the squared-error checks; the quick
/// and simulator sweeps the 13-feature tunings (every shape the
/// sweep has, the gradient split across lanes included) and the sequential tunings at the sweep's
/// widest rows (the float16 columns of `cols_dot`, and `ROW_GROUP`'s vector σ on full groups), at
/// the shortest and longest batch sizes.
///
/// Two parameter scales: ordinary logits (|z| of a few), and logits of ±20 to ±100 where
/// σ(z) rounds to 0 or 1 in float32: there the naive loss `−y log σ − (1 − y) log(1 − σ)` is
/// infinite while the stable form the kernels use is |z|, so a kernel that takes the naive form fails.
extension Validator {
    /// Every fused tuning of the sweep, on both kernel families.
    package func logisticChecks(programs: ProgramCache) -> [ValidationCheck] {
        let widest = featureCounts.max() ?? 13
        return fusedTunings().filter { sweep == .full || $0.features == 13 || ($0.workGroupSize == 1 && $0.features == widest) }.flatMap { tuning in
            [true, false].flatMap { logisticChecks(tuning: tuning, singleGroup: $0, programs: programs) }
        }
    }

    func logisticChecks(tuning: KernelTuning, singleGroup: Bool, programs: ProgramCache) -> [ValidationCheck] {
        let configuration = "\(singleGroup ? "epoch" : "steps") WGS=\(tuning.workGroupSize) "
            + (tuning.workGroupSize > 1 ? "LPR=\(tuning.lanesPerRow)" : "VW=\(tuning.vectorWidth)") + " HEAD=BCE"
        var checks = [ValidationCheck]()
        let batches = batchSizes(for: tuning)
        for batch in sweep == .full ? batches : [batches.first!, batches.last!] {
            for logitScale in [0.5, 30.0] {
                let rows = batch + (batch + 1) / 2, features = tuning.features
                let shape = "\(rows)×\(features) batch \(batch)" + (logitScale > 1 ? " large logits" : "")
                checks += attempt("bce step", shape, configuration) {
                    try logisticSteps(tuning: tuning, singleGroup: singleGroup, programs: programs, rows: rows, batch: batch,
                                      logitScale: logitScale, shape: shape, configuration: configuration)
                }
            }
        }
        return checks
    }

    /// Steps through one shuffled pass, each from the reference's parameters, compared one by one.
    private func logisticSteps(tuning: KernelTuning, singleGroup: Bool, programs: ProgramCache, rows: Int, batch: Int,
                               logitScale: Double, shape: String, configuration: String) throws -> [ValidationCheck] {
        let features = tuning.features
        let spec = ModelSpec(kind: .logistic, inputs: features, head: .binaryCrossEntropy)
        let x = Matrix(rows: rows, columns: features, values: values(rows * features, salt: 7))
        let data = TrainingData(featureNames: (0..<features).map { "x\($0)" }, targetName: "y", features: x,
                                targets: values(rows, salt: 8).map { $0 > 0 ? 1 : 0 })
        let order = shuffledOrder(rows: rows, batch: batch)
        let backend = fusedBackend(tuning, singleGroup: singleGroup, programs: programs)
        try backend.prepare(spec: spec, data: data)
        try backend.prepare(batchSize: batch)
        // Weights of 1/√D (logits of about logitScale) and a bias of 0.1.
        let weightScale = logitScale / Double(features).squareRoot()
        var params = values(features, salt: 9).map { $0 * weightScale } + [0.1]
        let learningRate = 0.05
        var results = [ValidationCheck]()
        for start in stride(from: 0, to: rows, by: batch) {
            let indices = order[start..<min(start + batch, rows)]
            try backend.setParameters(params)
            let loss = try backend.trainSteps(order: Array(indices), batchSize: batch, learningRate: learningRate)
            let updated = try backend.parameters()
            let gathered = NetworkReference.batch(features: data.features, targets: data.targets, rows: indices)
            let reference = NetworkReference.step(params: params, spec: spec, features: gathered.features, targets: gathered.targets,
                                                  learningRate: learningRate)
            let bound = ErrorBound.logisticStep(features: gathered.features, targets: gathered.targets, params: params, learningRate: learningRate)
            results.append(ValidationCheck(stage: "bce step", shape: shape + (start == 0 ? "" : " (last)"), configuration: configuration,
                                           device: updated + loss, reference: reference.params + [reference.loss],
                                           bounds: bound.parameters + [bound.loss]))
            params = reference.params
        }
        return results
    }
}
