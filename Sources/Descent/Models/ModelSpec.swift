/// Which model a run trains; `--model` on the command line.
public enum ModelKind: String, Codable, CaseIterable, Sendable {
    /// One output, no hidden layer: the course's model.
    case linear
    /// One logit and a sigmoid: two classes.
    case logistic
    /// One logit per class and a softmax.
    case softmax
    /// Hidden layers, then any head.
    case mlp
}

/// A hidden layer's activation; `--activation`. `identity` is the output layer's under a regression head.
public enum Activation: String, Codable, CaseIterable, Sendable {
    /// `x`: the output layer's (hidden layers need a non-linear one).
    case identity
    /// `max(0, x)`.
    case relu
    /// `tanh(x)`.
    case tanh
    /// `1 / (1 + e⁻ˣ)`.
    case sigmoid
}

/// What the target column asks for: a number, or one of a set of classes.
public enum LearningTask: String, Codable, CaseIterable, Sendable {
    /// Predicting a number.
    case regression
    /// Predicting a class.
    case classification
}

/// What the output layer computes and which loss its gradient follows.
public enum Head: Codable, Equatable, Sendable {
    /// Identity output, mean squared error. The course's gradient is `(1/n) Σ r·∂z` (half the
    /// exact derivative), the exact one `(2/n) Σ r·∂z`.
    case mse(GradientConvention)
    /// Identity output, Huber loss: quadratic within `delta` of the target, linear beyond.
    case huber(delta: Double)
    /// One logit; sigmoid; binary cross-entropy computed from the logit in the stable form.
    case binaryCrossEntropy
    /// One logit per class; softmax with the maximum subtracted; cross-entropy.
    case softmaxCrossEntropy(classes: Int)

    // Coded flat, as a model file shows it: `{"loss": "mse", "gradient": "course"}`,
    // `{"loss": "huber", "delta": 1}`, `{"loss": "binaryCrossEntropy"}`, `{"loss": "softmaxCrossEntropy", "classes": 10}`.
    private enum CodingKeys: String, CodingKey { case loss, gradient, delta, classes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .loss) {
        case "mse": self = .mse(try container.decode(GradientConvention.self, forKey: .gradient))
        case "huber": self = .huber(delta: try container.decode(Double.self, forKey: .delta))
        case "binaryCrossEntropy": self = .binaryCrossEntropy
        case "softmaxCrossEntropy": self = .softmaxCrossEntropy(classes: try container.decode(Int.self, forKey: .classes))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .loss, in: container, debugDescription: "unknown loss '\(other.prefix(40))'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .mse(gradient):
            try container.encode("mse", forKey: .loss)
            try container.encode(gradient, forKey: .gradient)
        case let .huber(delta):
            try container.encode("huber", forKey: .loss)
            try container.encode(delta, forKey: .delta)
        case .binaryCrossEntropy:
            try container.encode("binaryCrossEntropy", forKey: .loss)
        case let .softmaxCrossEntropy(classes):
            try container.encode("softmaxCrossEntropy", forKey: .loss)
            try container.encode(classes, forKey: .classes)
        }
    }

    /// The task a head serves.
    public var task: LearningTask {
        switch self {
        case .mse, .huber: .regression
        case .binaryCrossEntropy, .softmaxCrossEntropy: .classification
        }
    }
}

/// A model's architecture: the layers' widths, the hidden activation and the head. With a
/// ``ParameterLayout`` it says everything needed to read a flat parameter buffer.
public struct ModelSpec: Codable, Equatable, Sendable {
    /// The model family, recorded in the model file.
    public var kind: ModelKind
    /// Feature columns.
    public var inputs: Int
    /// Hidden layers' widths; empty for linear, logistic and softmax.
    public var hidden: [Int]
    /// Hidden layers' activation (ignored without hidden layers).
    public var activation: Activation
    /// The output layer's loss and how its output is read.
    public var head: Head

    /// A spec from its parts; ``ModelChoice`` builds one for a data set.
    public init(kind: ModelKind, inputs: Int, hidden: [Int] = [], activation: Activation = .relu, head: Head) {
        self.kind = kind
        self.inputs = inputs
        self.hidden = hidden
        self.activation = activation
        self.head = head
    }

    /// The course's model: one output, no hidden layer, mean squared error.
    public static func linear(inputs: Int, gradient: GradientConvention = .course) -> ModelSpec {
        ModelSpec(kind: .linear, inputs: inputs, head: .mse(gradient))
    }

    /// 1, or the number of classes under a softmax head.
    public var outputs: Int {
        if case .softmaxCrossEntropy(let classes) = head { return classes }
        return 1
    }

    /// Layer widths, inputs first: `[inputs] + hidden + [outputs]`.
    public var widths: [Int] { [inputs] + hidden + [outputs] }

    /// Number of weight layers (hidden layers + 1).
    public var layers: Int { hidden.count + 1 }
}
