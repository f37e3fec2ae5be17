// update_rules.cl: each update rule's arithmetic for one parameter, the one source of truth for
// the per-step kernels (optimizer.cl) and the linear model's fused epoch kernel (linear.cl built
// with RULE, through fused_rules.cl), so the two cannot drift. The CPU twin is OptimizerStep.apply
// (Sources/Descent/Optimization), which states PyTorch's definitions these follow.
// mask is 1 on weights, 0 on biases: L2, L1 and weight decay touch weights only. l1_threshold =
// lr · l1 (0: no L1). Adam's scalars come from the host per step: step_size = lr / (1 − β₁ᵗ),
// correction2 = √(1 − β₂ᵗ). State is passed through private pointers (OpenCL 1.2 has no generic
// address space): the caller loads it from global or local memory and stores it back.

// L1's proximal step: sign(p) · max(|p| − threshold, 0).
static inline float proximal_l1(const float p, const float mask, const float threshold) {
    if (threshold <= 0.0f || mask == 0.0f) return p;
    const float shrunk = fabs(p) - threshold;
    return shrunk > 0.0f ? (p > 0.0f ? shrunk : -shrunk) : 0.0f;
}

// sgd: p −= lr · (gradient + l2 · mask · p), then L1's proximal step.
static inline float update_sgd(float p, const float gradient, const float mask, const float lr, const float l2,
                               const float l1_threshold) {
    const float g = gradient + l2 * mask * p;
    p -= lr * g;
    return proximal_l1(p, mask, l1_threshold);
}

// momentum: b = μ·b + g, p -= lr · b; nesterov (nesterov = 1): p -= lr · (g + μ·b).
static inline float update_momentum(float p, const float gradient, const float mask, float* buffer, const float lr,
                                    const float l2, const float l1_threshold, const float momentum, const int nesterov) {
    const float g = gradient + l2 * mask * p;
    const float b = momentum * *buffer + g;
    *buffer = b;
    p -= lr * (nesterov ? g + momentum * b : b);
    return proximal_l1(p, mask, l1_threshold);
}

// adam (decay = 0) and adamw (decay = lr · weight_decay, applied first): bias-corrected moments,
// ε added after √v̂.
static inline float update_adam(float p, const float gradient, const float mask, float* m, float* v,
                                const float step_size, const float correction2, const float l2, const float l1_threshold,
                                const float beta1, const float beta2, const float epsilon, const float decay) {
    const float g = gradient + l2 * mask * p;
    p *= 1.0f - decay * mask;
    const float mi = beta1 * *m + (1.0f - beta1) * g;
    const float vi = beta2 * *v + (1.0f - beta2) * g * g;
    *m = mi;
    *v = vi;
    p -= step_size * (mi / (sqrt(vi) / correction2 + epsilon));
    return proximal_l1(p, mask, l1_threshold);
}
