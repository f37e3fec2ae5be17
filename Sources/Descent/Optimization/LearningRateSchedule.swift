import Foundation

/// How the learning rate changes from epoch to epoch; `--lr-schedule`.
public enum ScheduleKind: String, Codable, CaseIterable, Sendable { case constant, step, cosine, exponential }

/// The learning rate in force in each epoch, computed by the trainer and passed with each
/// submission of steps. PyTorch's epoch-wise schedulers, for epoch `e` (0-based) of `E` and base rate `η`:
/// - `constant`: `η`
/// - `step` (`StepLR`): `η · γ^⌊e / stepEpochs⌋`
/// - `exponential` (`ExponentialLR`): `η · γ^e`
/// - `cosine` (`CosineAnnealingLR`, `T_max = E`, `η_min = 0`): `η · (1 + cos(π e / E)) / 2`
///
/// With `warmupEpochs = W > 0`, epochs `e < W` take the scheduled rate times `(e + 1) / (W + 1)`
/// (linear warmup). The schedule's position follows from the epoch alone, so a resumed run needs
/// no more than its epoch count.
public struct LearningRateSchedule: Codable, Equatable, Sendable {
    public var kind: ScheduleKind
    /// `step`: epochs between decays.
    public var stepEpochs: Int
    /// `step` and `exponential`: the decay factor.
    public var gamma: Double
    public var warmupEpochs: Int

    public init(kind: ScheduleKind = .constant, stepEpochs: Int = 10, gamma: Double = 0.5, warmupEpochs: Int = 0) {
        self.kind = kind
        self.stepEpochs = stepEpochs
        self.gamma = gamma
        self.warmupEpochs = warmupEpochs
    }

    public static let constant = LearningRateSchedule()

    /// Whether the rate never changes (then it is `η` exactly, with no arithmetic).
    public var isConstant: Bool { kind == .constant && warmupEpochs == 0 }

    /// The learning rate of epoch `epoch` of `epochs`.
    public func rate(base: Double, epoch: Int, epochs: Int) -> Double {
        if isConstant { return base }
        var rate = switch kind {
        case .constant: base
        case .step: base * pow(gamma, Double(epoch / max(stepEpochs, 1)))
        case .exponential: base * pow(gamma, Double(epoch))
        case .cosine: base * (1 + cos(Double.pi * Double(epoch) / Double(max(epochs, 1)))) / 2
        }
        if epoch < warmupEpochs { rate *= Double(epoch + 1) / Double(warmupEpochs + 1) }
        return rate
    }

    public func validate() throws(SettingsError) {
        guard stepEpochs >= 1 else { throw .lrStepEpochs(stepEpochs) }
        guard gamma.isFinite, gamma > 0, gamma <= 1 else { throw .lrGamma(gamma) }
        guard warmupEpochs >= 0 else { throw .warmupEpochs(warmupEpochs) }
    }
}
