import ArgumentParser
import Descent

extension OptimizerKind: ExpressibleByArgument {}
extension ScheduleKind: ExpressibleByArgument {}

/// `descent train`'s optimiser, regularisation and learning-rate schedule flags. None given: the
/// course's plain SGD at a constant rate, and the settings carry no optimiser at all (the course's
/// model file is unchanged).
struct OptimizerOptions: ParsableArguments {
    @Option(help: "Update rule: sgd (default), momentum, nesterov, adam or adamw (PyTorch's definitions; README: Optimizers).")
    var optimizer: OptimizerKind?
    @Option(help: "Momentum μ of momentum and nesterov (default: 0.9).") var momentum: Double?
    @Option(help: "Adam's β₁ (default: 0.9).") var beta1: Double?
    @Option(help: "Adam's β₂ (default: 0.999).") var beta2: Double?
    @Option(help: "Adam's ε, added after √v̂ (default: 1e-8).") var epsilon: Double?
    @Option(help: ArgumentHelp("L2 penalty λ added to the gradient, weights only (default: 0).", valueName: "λ")) var l2: Double?
    @Option(help: ArgumentHelp("AdamW's decoupled weight decay, weights only (default: 0).", valueName: "λ")) var weightDecay: Double?
    @Option(help: ArgumentHelp("L1 penalty λ, a proximal step after each update, weights only (default: 0).", valueName: "λ")) var l1: Double?

    @Option(help: "Learning-rate schedule per epoch: constant (default), step, cosine or exponential.") var lrSchedule: ScheduleKind?
    @Option(help: ArgumentHelp("Epochs between decays of --lr-schedule step (default: 10).", valueName: "n")) var lrStepEpochs: Int?
    @Option(help: ArgumentHelp("Decay factor of --lr-schedule step and exponential (default: 0.5).", valueName: "γ")) var lrGamma: Double?
    @Option(help: ArgumentHelp("Epochs of linear warmup: epoch e < N trains at (e+1)/(N+1) of the rate (default: 0).", valueName: "N"))
    var warmupEpochs: Int?

    /// The flags given, for the checks that refuse them (a resumed run keeps its checkpoint's).
    var given: [String] {
        [optimizer.map { _ in "--optimizer" }, momentum.map { _ in "--momentum" }, beta1.map { _ in "--beta1" },
         beta2.map { _ in "--beta2" }, epsilon.map { _ in "--epsilon" }, l2.map { _ in "--l2" },
         weightDecay.map { _ in "--weight-decay" }, l1.map { _ in "--l1" }, lrSchedule.map { _ in "--lr-schedule" },
         lrStepEpochs.map { _ in "--lr-step-epochs" }, lrGamma.map { _ in "--lr-gamma" },
         warmupEpochs.map { _ in "--warmup-epochs" }].compactMap { $0 }
    }

    /// Sets the settings' optimiser and schedule when any of their flags is given.
    func apply(to settings: inout TrainingSettings) {
        if optimizer != nil || [momentum, beta1, beta2, epsilon, l2, weightDecay, l1].contains(where: { $0 != nil }) {
            var rule = UpdateRule(kind: optimizer ?? .sgd)
            rule.momentum = momentum ?? rule.momentum
            rule.beta1 = beta1 ?? rule.beta1
            rule.beta2 = beta2 ?? rule.beta2
            rule.epsilon = epsilon ?? rule.epsilon
            rule.l2 = l2 ?? rule.l2
            rule.weightDecay = weightDecay ?? rule.weightDecay
            rule.l1 = l1 ?? rule.l1
            settings.optimizer = rule
        }
        if lrSchedule != nil || lrStepEpochs != nil || lrGamma != nil || warmupEpochs != nil {
            var schedule = LearningRateSchedule(kind: lrSchedule ?? .constant)
            schedule.stepEpochs = lrStepEpochs ?? schedule.stepEpochs
            schedule.gamma = lrGamma ?? schedule.gamma
            schedule.warmupEpochs = warmupEpochs ?? schedule.warmupEpochs
            settings.schedule = schedule
        }
    }

    /// Refuses hyper-parameters the chosen rule or schedule would ignore: a user who asks for
    /// momentum and gets plain SGD has been misled.
    func validate() throws {
        let kind = optimizer ?? .sgd
        if momentum != nil, ![.momentum, .nesterov].contains(kind) {
            throw ValidationError("--momentum applies to --optimizer momentum or nesterov (the optimizer is \(kind.rawValue))")
        }
        if let flag = [beta1.map { _ in "--beta1" }, beta2.map { _ in "--beta2" }, epsilon.map { _ in "--epsilon" }].compactMap({ $0 }).first,
           ![.adam, .adamw].contains(kind) {
            throw ValidationError("\(flag) applies to --optimizer adam or adamw (the optimizer is \(kind.rawValue))")
        }
        if lrStepEpochs != nil, lrSchedule != .step {
            throw ValidationError("--lr-step-epochs applies to --lr-schedule step")
        }
        if lrGamma != nil, ![.step, .exponential].contains(lrSchedule) {
            throw ValidationError("--lr-gamma applies to --lr-schedule step or exponential")
        }
    }

    /// The line after each epoch's log lines when the rate changes: `Epoch  12 learning rate = 0.0123`.
    static func rateLine(epoch: Int, rate: Double) -> String {
        "Epoch \(String(epoch).leftPadded(3)) learning rate = \(rate)"
    }
}
