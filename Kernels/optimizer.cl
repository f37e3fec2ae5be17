// Update rules over the flat parameter buffer, one kernel per optimiser; each element is
// independent. The arithmetic is update_rules.cl's (prepended by the host: OpenCLOptimizer), the
// same functions the linear model's fused epoch kernel applies; the CPU twin is OptimizerStep.apply.

__kernel void optimizer_sgd(__global float* params, __global const float* gradient, __global const float* mask,
                            const int count, const float lr, const float l2, const float l1_threshold) {
    const int i = get_global_id(0);
    if (i >= count) return;
    params[i] = update_sgd(params[i], gradient[i], mask[i], lr, l2, l1_threshold);
}

// momentum, and nesterov with nesterov = 1.
__kernel void optimizer_momentum(__global float* params, __global const float* gradient, __global const float* mask,
                                 __global float* buffer, const int count, const float lr, const float l2,
                                 const float l1_threshold, const float momentum, const int nesterov) {
    const int i = get_global_id(0);
    if (i >= count) return;
    float b = buffer[i];
    params[i] = update_momentum(params[i], gradient[i], mask[i], &b, lr, l2, l1_threshold, momentum, nesterov);
    buffer[i] = b;
}

// adam (decay = 0) and adamw (decay = lr · weight_decay).
__kernel void optimizer_adam(__global float* params, __global const float* gradient, __global const float* mask,
                             __global float* m, __global float* v, const int count, const float step_size,
                             const float correction2, const float l2, const float l1_threshold, const float beta1,
                             const float beta2, const float epsilon, const float decay) {
    const int i = get_global_id(0);
    if (i >= count) return;
    float mi = m[i], vi = v[i];
    params[i] = update_adam(params[i], gradient[i], mask[i], &mi, &vi, step_size, correction2, l2, l1_threshold,
                            beta1, beta2, epsilon, decay);
    m[i] = mi;
    v[i] = vi;
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
