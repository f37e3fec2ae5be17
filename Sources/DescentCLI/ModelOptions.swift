import ArgumentParser
import Descent
import Foundation

extension ModelKind: ExpressibleByArgument {}
extension Activation: ExpressibleByArgument {}
extension RegressionLoss: ExpressibleByArgument {}
extension Descent.LearningTask: ExpressibleByArgument {}

/// `--hidden 64,64`: hidden layers' widths.
struct HiddenWidths: ExpressibleByArgument {
    var widths: [Int]

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        widths = parts.map { $0! }
    }
}

/// The model a run trains: `--model`, `--hidden`, `--activation`, `--loss`, `--task`.
struct ModelOptions: ParsableArguments {
    @Option(help: "The model: linear (the course's; default), logistic, softmax or mlp.") var model: ModelKind?
    @Option(help: ArgumentHelp("Hidden layers' widths for --model mlp, comma-separated (default: 64).", valueName: "n,n,…"))
    var hidden: HiddenWidths?
    @Option(help: "Hidden layers' activation: relu (default), tanh or sigmoid.") var activation: Activation?
    @Option(help: "Regression loss: mse (default) or huber (δ = 1, in normalised units).") var loss: RegressionLoss?
    @Option(help: "regression or classification (default: from --model, and for mlp from the target column: text labels or two distinct values classify).")
    var task: Descent.LearningTask?

    func validate() throws {
        if let widths = hidden?.widths, let bad = widths.first(where: { $0 < 1 || $0 > 1 << 20 }) {
            throw ValidationError("--hidden \(bad) is out of range: expected widths from 1 to \(1 << 20)")
        }
        if hidden != nil, (model ?? .linear) != .mlp { throw ValidationError("--hidden applies to --model mlp") }
        if activation == .identity { throw ValidationError("--activation identity: hidden layers need relu, tanh or sigmoid") }
    }

    /// The flags given, by name: a resumed run takes its model from the checkpoint.
    var given: [String] {
        [model.map { _ in "--model" }, hidden.map { _ in "--hidden" }, activation.map { _ in "--activation" },
         loss.map { _ in "--loss" }, task.map { _ in "--task" }].compactMap { $0 }
    }

    func choice(gradient: GradientConvention) -> ModelChoice {
        ModelChoice(kind: model ?? .linear, hidden: hidden?.widths, activation: activation ?? .relu, loss: loss ?? .mse,
                    task: task, gradient: gradient)
    }
}

/// ``ModelChoiceError`` in the command line's words.
func worded(_ error: ModelChoiceError) -> InputError {
    switch error {
    case let .hiddenLayers(kind): InputError("--hidden applies to --model mlp, not --model \(kind.rawValue)")
    case let .hiddenWidth(width): InputError("--hidden \(width) is out of range: expected widths from 1 to \(1 << 20)")
    case .identityActivation: InputError("--activation identity: hidden layers need relu, tanh or sigmoid")
    case let .logisticClasses(found):
        InputError("--model logistic needs a target of 2 classes; this one has \(found): use --model softmax or --model mlp")
    case let .wrongTask(kind, task):
        InputError(task == .classification
            ? "--model \(kind.rawValue) is a regression model and the target is read as classes: use --model logistic, softmax or mlp, or --task regression"
            : "--model \(kind.rawValue) classifies and the target is read as numbers: use --model linear or mlp, or --task classification")
    case .lossForClassification: InputError("--loss applies to regression; classifiers train on cross-entropy")
    case let .huberDelta(delta): InputError("the Huber delta \(delta) is out of range: expected a finite number > 0")
    }
}

extension ModelSpec {
    /// "linear", "logistic", "softmax (10 classes)", "mlp (hidden 64-64, relu)", "mlp (hidden 64, relu; 10 classes)".
    var words: String {
        switch kind {
        case .linear, .logistic: kind.rawValue
        case .softmax: "softmax (\(outputs) classes)"
        case .mlp: "mlp (hidden " + hidden.map(String.init).joined(separator: "-") + ", \(activation.rawValue)"
                + (head.task == .classification ? "; \(max(outputs, 2)) classes)" : ")")
        }
    }
}
