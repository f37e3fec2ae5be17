// fused_rules.cl: the linear model's one-launch epoch kernel (linear_train_epoch, linear.cl) under
// an update rule other than plain SGD. The host builds it with `#define RULE n` and update_rules.cl
// before this file (OpenCLFusedRule); without RULE (plain SGD) nothing here reaches the compiler
// and the epoch kernel is the SGD one, unchanged.
#ifndef RULE
#define RULE 0
#endif
#define RULE_SGD 1        // sgd with L2 and/or L1
#define RULE_MOMENTUM 2
#define RULE_NESTEROV 3
#define RULE_ADAM 4       // adam, and adamw (decay > 0)

#if RULE
// Elements of the local state arrays: the momentum buffer (m1), Adam's m (m1) and v (m2).
#define RULE_STATE1 (RULE >= RULE_MOMENTUM ? FEATURES + 1 : 1)
#define RULE_STATE2 (RULE == RULE_ADAM ? FEATURES + 1 : 1)

// The launch's start: the rule's state from global into local memory, each element by the
// work-item that updates it (d ≡ lid mod WGS), so it needs no barrier of its own.
static inline void load_rule_state(__global const float* first, __global const float* second, __local float* m1,
                                   __local float* m2) {
    for (int d = get_local_id(0); d <= FEATURES; d += WGS) {
        if (RULE >= RULE_MOMENTUM) m1[d] = first[d];
        if (RULE == RULE_ADAM) m2[d] = second[d];
    }
}

// The launch's end: the state back to global memory, for the next launch and optimizerState().
static inline void store_rule_state(__global float* first, __global float* second, __local const float* m1,
                                    __local const float* m2) {
    for (int d = get_local_id(0); d <= FEATURES; d += WGS) {
        if (RULE >= RULE_MOMENTUM) first[d] = m1[d];
        if (RULE == RULE_ADAM) second[d] = m2[d];
    }
}

// Step s's update: d's gradient is factor · (scale · Σ), as linear_step_gradient forms it for the
// per-step path (Σ r·x for a weight, r_sum = Σ r, the same on every work-item, for the bias), then
// the rule's update from update_rules.cl; gsum is cleared for the next step. step_scalars holds
// Adam's (step_size, correction2) for each step of the submission, computed and rounded on the
// host exactly as the per-step path computes them (OptimizerStep.adamScalars).
static inline void apply_rule(__local float* w, __local float* gsum, __local float* m1, __local float* m2,
                              const float r_sum, const float scale, const int s, __global const float* step_scalars,
                              const float factor, const float lr, const float l2, const float l1_threshold,
                              const float momentum, const float beta1, const float beta2, const float epsilon,
                              const float decay) {
    for (int d = get_local_id(0); d <= FEATURES; d += WGS) {
        const float mask = d < FEATURES ? 1.0f : 0.0f;
        const float g = factor * (scale * (d < FEATURES ? gsum[d] : r_sum));
#if RULE == RULE_SGD
        w[d] = update_sgd(w[d], g, mask, lr, l2, l1_threshold);
#elif RULE == RULE_MOMENTUM || RULE == RULE_NESTEROV
        float b = m1[d];
        w[d] = update_momentum(w[d], g, mask, &b, lr, l2, l1_threshold, momentum, RULE == RULE_NESTEROV);
        m1[d] = b;
#else
        float m = m1[d], v = m2[d];
        w[d] = update_adam(w[d], g, mask, &m, &v, step_scalars[2 * s], step_scalars[2 * s + 1], l2, l1_threshold,
                           beta1, beta2, epsilon, decay);
        m1[d] = m;
        m2[d] = v;
#endif
        if (d < FEATURES) gsum[d] = 0.0f;
    }
}
#endif
