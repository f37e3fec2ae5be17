/// What the per-epoch callback of `Trainer.run(on:spec:train:validation:normalization:resumingFrom:onEpoch:)`
/// answers: go on, or stop after the steps just reported (the result then says so, with the
/// progress to resume from).
public enum TrainingDecision: Equatable, Sendable {
    case `continue`
    case stop
}

/// Why a run ended before its last epoch.
public enum StopReason: Equatable, Sendable, CustomStringConvertible {
    /// The per-epoch callback answered ``TrainingDecision/stop``.
    case callback
    /// ``Trainer/shouldStop`` answered true (the CLI's Ctrl-C, SIGTERM, SIGHUP).
    case stopRequested
    /// The validation loss had not improved for the patience's epochs; the result holds the
    /// parameters of `bestEpoch` (0-based), the epoch with the lowest validation loss.
    case earlyStopping(bestEpoch: Int, validationLoss: Double)

    public var description: String {
        switch self {
        case .callback: "stopped by the per-epoch callback"
        case .stopRequested: "stop requested"
        case let .earlyStopping(bestEpoch, loss): "early stopping: validation loss last improved in epoch \(bestEpoch) (\(loss))"
        }
    }

    /// A short, stable name for scripts (`--json`): `callback`, `stop-requested`, `early-stopping`.
    public var name: String {
        switch self {
        case .callback: "callback"
        case .stopRequested: "stop-requested"
        case .earlyStopping: "early-stopping"
        }
    }
}

/// The outcome of a training run: the trained parameters, the model in the data's own units when
/// the normalisation was given, whether and why the run stopped early, and where it got to.
///
/// A run that stopped early (``stopReason`` non-nil) is not an error: its parameters are usable
/// as they are, and ``progress`` resumes it exactly (pass it as `resumingFrom`).
public struct TrainingResult: Sendable {
    /// The trained parameters in the spec's ``ParameterLayout``: after early stopping, the best
    /// epoch's; otherwise those after the last step taken.
    public var parameters: [Double]
    public var spec: ModelSpec
    /// The normalisation the training rows were prepared with, when the caller gave it.
    public var normalization: Normalization?
    /// The class names of a classifier (index order); empty for regression.
    public var classNames: [String]
    /// nil when every epoch ran.
    public var stopReason: StopReason?
    /// Where the run got to: the parameters after the last step taken (before restoring the best
    /// epoch's on early stopping) and the early-stopping state, to resume from.
    public var progress: Trainer.Progress

    public init(parameters: [Double], spec: ModelSpec, normalization: Normalization? = nil, classNames: [String] = [],
                stopReason: StopReason? = nil, progress: Trainer.Progress) {
        self.parameters = parameters
        self.spec = spec
        self.normalization = normalization
        self.classNames = classNames
        self.stopReason = stopReason
        self.progress = progress
    }

    /// Whether the run ended before its last epoch, for any reason.
    public var stoppedEarly: Bool { stopReason != nil }

    /// The parameters read as the course's linear model (`(w…, b)`); meaningful for the linear kind.
    public var linearModel: LinearModel { LinearModel(flat: parameters) }

    /// The trained model in the data's own units (normalisation and parameters together), ready to
    /// ``ModelFile/predict(rawFeatures:)`` raw rows or to write; nil when no normalisation was given.
    public func model(targetUnit: TargetUnit = .plain) -> ModelFile? {
        normalization.map {
            ModelFile(spec: spec, parameters: parameters, normalization: $0, classNames: classNames, targetUnit: targetUnit, training: nil)
        }
    }
}
