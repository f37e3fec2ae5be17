/// Which loss a regression head takes; `--loss`.
public enum RegressionLoss: String, Codable, CaseIterable, Sendable {
    /// Mean squared error.
    case mse
    /// The Huber loss (``ModelChoice/huberDelta``).
    case huber
}

/// What a run asks for, before the data says how many classes there are: the kind, the hidden
/// layers, the activation, the loss and the task. ``spec(for:)`` turns it into a ``ModelSpec``.
public struct ModelChoice: Equatable, Sendable {
    /// The model family: linear, logistic, softmax or MLP.
    public var kind: ModelKind
    /// Hidden layers' widths (MLP only); the default MLP has one layer of 64.
    public var hidden: [Int]
    /// The hidden layers' activation.
    public var activation: Activation
    /// The regression loss (classifiers always take cross-entropy).
    public var loss: RegressionLoss
    /// Forced by the user; nil: the kind decides (logistic and softmax classify, linear regresses)
    /// or, for an MLP, the target column does.
    public var task: LearningTask?
    /// Which gradient the mean-squared-error head follows: the course's half gradient or the exact one.
    public var gradient: GradientConvention
    /// Where the Huber loss turns from quadratic to linear, in normalised target units.
    public var huberDelta: Double

    /// The MLP's hidden layers when none are given.
    public static let defaultHidden = [64]

    /// A choice; unset values take the defaults above.
    public init(kind: ModelKind = .linear, hidden: [Int]? = nil, activation: Activation = .relu, loss: RegressionLoss = .mse,
                task: LearningTask? = nil, gradient: GradientConvention = .course, huberDelta: Double = 1) {
        self.kind = kind
        self.hidden = hidden ?? (kind == .mlp ? Self.defaultHidden : [])
        self.activation = activation
        self.loss = loss
        self.task = task
        self.gradient = gradient
        self.huberDelta = huberDelta
    }

    /// The task the data should be read for: forced, implied by the kind, or nil (detect from the column).
    public var impliedTask: LearningTask? {
        if let task { return task }
        switch kind {
        case .linear: return .regression
        case .logistic, .softmax: return .classification
        case .mlp: return nil
        }
    }

    /// The spec for `data` (its feature count, and its classes for a classifier).
    public func spec(for data: TrainingData) throws(ModelChoiceError) -> ModelSpec {
        if kind != .mlp, !hidden.isEmpty { throw .hiddenLayers(kind: kind) }
        if let bad = hidden.first(where: { $0 < 1 || $0 > 1 << 20 }) { throw .hiddenWidth(bad) }
        if activation == .identity, !hidden.isEmpty { throw .identityActivation }
        let classes = data.classNames.count
        let head: Head
        switch (kind, data.task) {
        case (.linear, .regression), (.mlp, .regression):
            head = loss == .huber ? .huber(delta: huberDelta) : .mse(gradient)
        case (.logistic, .classification):
            guard classes == 2 else { throw .logisticClasses(found: classes) }
            head = .binaryCrossEntropy
        case (.softmax, .classification):
            head = .softmaxCrossEntropy(classes: classes)
        case (.mlp, .classification):
            head = classes == 2 ? .binaryCrossEntropy : .softmaxCrossEntropy(classes: classes)
        case (_, let task):
            throw .wrongTask(kind: kind, task: task)
        }
        if loss == .huber, head.task == .classification { throw .lossForClassification }
        if case .huber = head, !(huberDelta.isFinite && huberDelta > 0) { throw .huberDelta(huberDelta) }
        return ModelSpec(kind: kind, inputs: data.features.columns, hidden: hidden, activation: activation, head: head)
    }
}

/// A model choice that cannot train on the data, in values; the CLI words it with its flags.
public enum ModelChoiceError: Error, Equatable, CustomStringConvertible {
    /// Hidden layers asked of a model without any (only the MLP has them).
    case hiddenLayers(kind: ModelKind)
    /// A hidden layer width outside 1…2²⁰.
    case hiddenWidth(Int)
    /// Hidden layers asked to be linear (they would add nothing).
    case identityActivation
    /// A logistic model on a target with other than two classes.
    case logisticClasses(found: Int)
    /// The kind does not serve the task (a linear model cannot classify, a softmax cannot regress).
    case wrongTask(kind: ModelKind, task: LearningTask)
    /// A regression loss asked of a classifier.
    case lossForClassification
    /// A Huber delta that is not a finite number above 0.
    case huberDelta(Double)

    /// In words, for messages.
    public var description: String {
        switch self {
        case let .hiddenLayers(kind): "a \(kind.rawValue) model has no hidden layers (only mlp has)"
        case let .hiddenWidth(width): "a hidden layer of \(width) units (expected 1 to \(1 << 20))"
        case .identityActivation: "hidden layers need a non-linear activation (relu, tanh or sigmoid)"
        case let .logisticClasses(found): "a logistic model needs a target of 2 classes; this one has \(found) (softmax or mlp take more)"
        case let .wrongTask(kind, task): "a \(kind.rawValue) model cannot do \(task.rawValue)"
        case .lossForClassification: "the Huber loss is for regression; classifiers take cross-entropy"
        case let .huberDelta(delta): "Huber delta \(delta) (expected a finite number > 0)"
        }
    }
}
