/// The trainer's callbacks that only watch (they never stop the run), and the validation rows it watches.
extension Trainer {
    /// `run(on:spec:train:validation:normalization:resumingFrom:onEpoch:)` with a callback that only
    /// watches (it never stops the run).
    @_disfavoredOverload
    public func run(on backend: TrainingBackend, spec: ModelSpec, train: TrainingData, validation: TrainingData? = nil,
                    normalization: Normalization? = nil, resumingFrom progress: Progress? = nil,
                    onEpoch: (EpochReport) throws -> Void) throws -> TrainingResult {
        try run(on: backend, spec: spec, train: train, validation: validation, normalization: normalization, resumingFrom: progress) {
            try onEpoch($0)
            return .continue
        }
    }

    /// ``runLinear(on:train:validation:normalization:resumingFrom:onEpoch:)`` with a callback that only watches.
    @_disfavoredOverload
    public func runLinear(on backend: TrainingBackend, train: TrainingData, validation: TrainingData? = nil,
                          normalization: Normalization? = nil, resumingFrom progress: Progress? = nil,
                          onEpoch: (EpochReport) throws -> Void) throws -> TrainingResult {
        try runLinear(on: backend, train: train, validation: validation, normalization: normalization, resumingFrom: progress) {
            try onEpoch($0)
            return .continue
        }
    }

    /// The rows whose loss is watched after every epoch, and early stopping's state.
    public final class Validation {
        let spec: ModelSpec
        let rows: TrainingData
        var state: EarlyStoppingState

        public init(spec: ModelSpec, rows: TrainingData, state: EarlyStoppingState = EarlyStoppingState()) {
            self.spec = spec
            self.rows = rows
            self.state = state
        }

        /// The state after the last epoch, or nil when nothing was recorded (no early stopping).
        var final: EarlyStoppingState? { state.bestLoss == nil ? nil : state }
    }
}
