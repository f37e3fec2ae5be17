// Update rules over the flat parameter buffer, one kernel per optimiser; each element is
// independent. The CPU twin is OptimizerStep.apply (Sources/Descent/Optimization), which states
// PyTorch's definitions these follow. mask[i] is 1 on weights, 0 on biases: L2, L1 and weight
// decay touch weights only. l1_threshold = lr · l1 (0: no L1). Adam's scalars come from the
// host per step: step_size = lr / (1 − β₁ᵗ), correction2 = √(1 − β₂ᵗ).

// L1's proximal step: sign(p) · max(|p| − threshold, 0).
static inline float proximal_l1(const float p, const float mask, const float threshold) {
    if (threshold <= 0.0f || mask == 0.0f) return p;
    const float shrunk = fabs(p) - threshold;
    return shrunk > 0.0f ? (p > 0.0f ? shrunk : -shrunk) : 0.0f;
}

__kernel void optimizer_sgd(__global float* params, __global const float* gradient, __global const float* mask,
                            const int count, const float lr, const float l2, const float l1_threshold) {
    const int i = get_global_id(0);
    if (i >= count) return;
    float p = params[i];
    const float g = gradient[i] + l2 * mask[i] * p;
    p -= lr * g;
    params[i] = proximal_l1(p, mask[i], l1_threshold);
}

// momentum: b = μ·b + g, p -= lr · b; nesterov (nesterov = 1): p -= lr · (g + μ·b).
__kernel void optimizer_momentum(__global float* params, __global const float* gradient, __global const float* mask,
                                 __global float* buffer, const int count, const float lr, const float l2,
                                 const float l1_threshold, const float momentum, const int nesterov) {
    const int i = get_global_id(0);
    if (i >= count) return;
    float p = params[i];
    const float g = gradient[i] + l2 * mask[i] * p;
    const float b = momentum * buffer[i] + g;
    buffer[i] = b;
    p -= lr * (nesterov ? g + momentum * b : b);
    params[i] = proximal_l1(p, mask[i], l1_threshold);
}

// adam (decay = 0) and adamw (decay = lr · weight_decay, applied first): bias-corrected moments,
// ε added after √v̂.
__kernel void optimizer_adam(__global float* params, __global const float* gradient, __global const float* mask,
                             __global float* m, __global float* v, const int count, const float step_size,
                             const float correction2, const float l2, const float l1_threshold, const float beta1,
                             const float beta2, const float epsilon, const float decay) {
    const int i = get_global_id(0);
    if (i >= count) return;
    float p = params[i];
    const float g = gradient[i] + l2 * mask[i] * p;
    p *= 1.0f - decay * mask[i];
    const float mi = beta1 * m[i] + (1.0f - beta1) * g;
    const float vi = beta2 * v[i] + (1.0f - beta2) * g * g;
    m[i] = mi;
    v[i] = vi;
    p -= step_size * (mi / (sqrt(vi) / correction2 + epsilon));
    params[i] = proximal_l1(p, mask[i], l1_threshold);
}

// The linear model's gradient for an optimiser step: the groups' partials of linear_step_partial
// summed in index order, gradient[d] = factor · scale · Σ (the mean loss's gradient, in the
// layout: w then b), losses[step_index] = scale · Σ r². The update then runs an optimizer_ kernel.
__kernel void linear_step_gradient(__global const float* partial, __global float* gradient, __global float* losses,
                                   const int groups, const int features, const int rows, const int batch,
                                   const int step_index, const float factor, const float inv_batch, const float inv_last) {
    const int count = min(batch, rows - step_index * batch);
    const float scale = count == batch ? inv_batch : inv_last;
    for (int d = get_local_id(0); d < features + 2; d += get_local_size(0)) {
        float acc = 0.0f;
        for (int g = 0; g < groups; g++) acc += partial[(size_t)g * (features + 2) + d];
        if (d <= features) gradient[d] = factor * (scale * acc);
        else losses[step_index] = acc * scale;
    }
}
