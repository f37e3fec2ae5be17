import Descent

/// The heads the fused linear kernels (`linear.cl`) compute over one dense layer with one output:
/// the course's squared error (either gradient convention) and, built with `HEAD_BCE`, binary
/// cross-entropy on the logit (logistic regression: the same pass over each row, another residual
/// and loss). ``OpenCLBackend`` runs a spec on the fused kernels exactly when it has one of these.
enum LinearHead: Equatable, Sendable {
    /// Identity output, `r = z − y`, `ℓ = r²`.
    case squaredError(GradientConvention)
    /// One logit, `r = σ(z) − y`, `ℓ = max(z, 0) − z·y + log1p(e^−|z|)`.
    case binaryCrossEntropy

    /// The head of `spec` when the fused kernels compute it: no hidden layer, one output, and a
    /// squared-error or binary cross-entropy head; nil otherwise (the network path runs it).
    init?(_ spec: ModelSpec) {
        guard spec.hidden.isEmpty, spec.outputs == 1 else { return nil }
        switch spec.head {
        case let .mse(convention): self = .squaredError(convention)
        case .binaryCrossEntropy: self = .binaryCrossEntropy
        case .huber, .softmaxCrossEntropy: return nil
        }
    }

    /// The kernels step by `(1/n) Σ r x`; the head's gradient is this factor times it (the exact
    /// squared-error gradient 2; the course's and binary cross-entropy's, `(1/n) Σ (σ(z) − y) x`, 1).
    var factor: Double {
        switch self {
        case let .squaredError(convention): convention.factor
        case .binaryCrossEntropy: 1
        }
    }

    /// Whether the kernels are built with `HEAD_BCE`.
    var isBinaryCrossEntropy: Bool { self == .binaryCrossEntropy }
}
