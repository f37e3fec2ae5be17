// network.cl: the stages of a network's training step, in float32, on any OpenCL 1.2 device.
// Needs common.cl first (WGS, group_sum). Each kernel has a float64 CPU twin of the same name in
// Sources/Descent/Network/NetworkStages.swift, and is checked against it.
//
// Layouts: every matrix row-major. Activations and deltas are [rows][width] of one batch; a
// layer's weight is [outs][inner] at params + w_offset, its bias [outs] (ParameterLayout).
// Every reduction has a fixed order (a sequential sum per work-item, or group_sum's fixed tree),
// so equal inputs give equal bits; no atomics. Every work-item reaches every barrier: loads are
// guarded, barriers never are. Scale factors (1/n) come from the host, rounded once.

#ifndef TILE
#define TILE 16         // the matrix multiplies' square tile; a work-group is TILE×TILE work-items
#endif

#ifndef MATMUL_BLOCKED
#define MATMUL_BLOCKED 0 // 1: the matrix multiplies' CPU shape (register blocks, vector loads, no local memory)
#endif

#define ACT_IDENTITY 0  // Activation's cases, in the Swift enum's order
#define ACT_RELU 1
#define ACT_TANH 2
#define ACT_SIGMOID 3

// 1 / (1 + e^-x) from e^-|x|: never overflows, keeps its small values.
static inline float sigmoid_stable(const float x) {
    const float e = exp(-fabs(x));
    return x >= 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e);
}

static inline float activate(const float x, const int activation) {
    switch (activation) {
    case ACT_RELU: return x > 0.0f ? x : 0.0f;
    case ACT_TANH: return tanh(x);
    case ACT_SIGMOID: return sigmoid_stable(x);
    default: return x;
    }
}

// act'(x) from the activated value a = act(x).
static inline float derivative(const float a, const int activation) {
    switch (activation) {
    case ACT_RELU: return a > 0.0f ? 1.0f : 0.0f;
    case ACT_TANH: return 1.0f - a * a;
    case ACT_SIGMOID: return a * (1.0f - a);
    default: return 1.0f;
    }
}

// derivative on 8 values at once (the same operations, so the same bits).
static inline float8 derivative8(const float8 a, const int activation) {
    switch (activation) {
    case ACT_RELU: return select((float8)(0.0f), (float8)(1.0f), a > (float8)(0.0f));
    case ACT_TANH: return 1.0f - a * a;
    case ACT_SIGMOID: return a * (1.0f - a);
    default: return (float8)(1.0f);
    }
}

// matmul_nt's epilogue: with b_offset ≥ 0, act(sum + params[b_offset + o]), bias_activation's
// value fused into the product (the same float operations, so the same bits); else the sum alone.
static inline float forward_epilogue(const float sum, __global const float* params, const int b_offset, const int o,
                                     const int activation) {
    return b_offset >= 0 ? activate(sum + params[b_offset + o], activation) : sum;
}

// matmul_nn's epilogue: with activation ≥ 0, out[i] = out[i]·act'(activated[i]) over count
// elements, activation_backward's value fused into the product (the same float operation, so the
// same bits); with activation < 0 nothing (the product alone).
static inline void backward_epilogue(__global float* out, __global const float* activated, const int count, const int activation) {
    if (activation < 0) return;
    for (int c = 0; c < count; c++) out[c] = out[c] * derivative(activated[c], activation);
}

#if MATMUL_BLOCKED
// ---------------------------------------------------------------------------------------------
// Blocked matrix multiplies, for CPUs (PoCL runs a work-group per thread and vectorises a work-item's
// own loops, not loops across work-items that meet at barriers): one work-item computes a block of
// the output in registers from 8-float vector loads and fused multiply-adds, with no local memory.
// Every loop over a block's rows or vectors is unrolled by pragma: PoCL's pipeline does not unroll
// them itself, and a block left in a private array lives in memory (5.8 against 40 to 60 GFLOP/s
// per CPU-second, BENCHMARKS.md). Each output is still one fixed-order sum, so equal inputs give
// equal bits. A block's missing rows (past the matrix's end) read a clamped, valid row and are not
// stored; a partial block of columns takes a scalar path. Block sizes keep the accumulators within
// the vector registers (16 with AVX2, 32 with AVX-512; more spill). The host passes them
// (NetworkTuning.BlockShape, so that its launch sizes and the kernels agree); these are the
// defaults.
#ifndef BR_NT
#define BR_NT 2         // matmul_nt: output rows per work-item
#endif
#ifndef BC_NT
#define BC_NT 8         // matmul_nt: output columns per work-item (each a dot product of 8-float vectors): 8 or 4
#endif
#ifndef BR_NN
#define BR_NN 6         // matmul_nn: output rows per work-item
#endif
#ifndef BC_NN
#define BC_NN 16        // matmul_nn: output columns per work-item, a multiple of 8
#endif
#ifndef BR_TN
#define BR_TN 4         // matmul_tn: output rows per work-item
#endif
#ifndef BC_TN
#define BC_TN 16        // matmul_tn: output columns per work-item, a multiple of 8
#endif
#ifndef TN_GROUP
#define TN_GROUP 32     // matmul_tn: work-items per group, sharing one block of columns
#endif
#ifndef TN_CHUNK
#define TN_CHUNK 128    // matmul_tn: rows summed between the group's barriers (its operands stay in cache)
#endif
#define UNROLL _Pragma("unroll")

// out[i][c0 + c] += Σ_{t0 ≤ t < t1} s[i·s_row + t·s_step] · v[t·v_stride + c0 + c] for i < BR, c < 8·NV,
// into NV 8-float accumulators per row; rows i ≥ ni read row ni − 1 (in bounds, never stored). Each
// broadcast scalar feeds NV fused multiply-adds: 32 columns (NV = 4) load half as many scalars per
// FMA as 16, which is what limited these products (BENCHMARKS.md, h-mlp2).
#define SV_LOOP(BR, NV) \
    for (int t = t0; t < t1; t++) { \
        __global const float* vp = v + (size_t)t * v_stride + c0; \
        float8 vv[NV]; \
        UNROLL for (int j = 0; j < NV; j++) vv[j] = vload8(j, vp); \
        UNROLL for (int i = 0; i < BR; i++) { \
            const float8 x = (float8)(s[(size_t)min(i, ni - 1) * s_row + (size_t)t * s_step]); \
            UNROLL for (int j = 0; j < NV; j++) acc[i][j] = fma(x, vv[j], acc[i][j]); \
        } \
    }

// The scalar path of a partial block of columns: each output its own fixed-order sum over t.
static inline void sv_scalar(__global const float* s, const int s_row, const int s_step, const int ni,
                             __global const float* v, const int v_stride, const int c0, const int count, const int n,
                             __global float* out, const int out_stride) {
    for (int i = 0; i < ni; i++)
        for (int c = 0; c < count; c++) {
            float acc = 0.0f;
            for (int t = 0; t < n; t++) acc = fma(s[(size_t)i * s_row + (size_t)t * s_step], v[(size_t)t * v_stride + c0 + c], acc);
            out[(size_t)i * out_stride + c0 + c] = acc;
        }
}

// The lane sums of BC_NT 8-float vectors, as one vector whose lane j is acc[j]'s sum (4 vectors:
// lanes 0 to 3), each the fixed tree ((x0 + x1) + (x2 + x3)) + ((x4 + x5) + (x6 + x7)), instead of
// a scalar tree per vector (7 adds each: at inner = 64 as much work as the products themselves).
// HADD pairs lanes within each 4-float half (in-half shuffles, cheap on x86; pairing across the
// halves as before took cross-half permutes), and one add of the halves ends the tree.
static inline float8 lane_sums(const float8* acc) {
#define HADD(x, y) ((float8)((x).s02, (y).s02, (x).s46, (y).s46) + (float8)((x).s13, (y).s13, (x).s57, (y).s57))
    const float8 h0 = HADD(HADD(acc[0], acc[1]), HADD(acc[2], acc[3]));  // lanes: acc[0..3]'s low halves, then high
#if BC_NT == 8
    const float8 h1 = HADD(HADD(acc[4], acc[5]), HADD(acc[6], acc[7]));
    return (float8)(h0.lo, h1.lo) + (float8)(h0.hi, h1.hi);
#else
    const float4 q = h0.lo + h0.hi;
    return (float8)(q, q);
#endif
#undef HADD
}

// matmul_nt with one output (a regression or binary head, [rows][1]): the BR_NT × BC_NT
// accumulators hold as many rows of the one column (row r0 + i·BC_NT + j in acc[i][j]) instead of
// BC_NT − 1 clamped copies of it; lane_sums then reduces BC_NT rows' sums together. The same
// operations per output as the general block, so the same bits.
static inline void nt_one_output(__global const float* a, __global const float* w, __global const float* params, __global float* out,
                                 const int r0, const int rows, const int inner, const int b_offset, const int activation) {
    float8 acc[BR_NT][BC_NT];
    UNROLL for (int i = 0; i < BR_NT; i++) UNROLL for (int j = 0; j < BC_NT; j++) acc[i][j] = (float8)(0.0f);
    int k = 0;
    for (; k + 8 <= inner; k += 8) {
        const float8 wv = vload8(0, w + k);
        UNROLL for (int i = 0; i < BR_NT; i++) UNROLL for (int j = 0; j < BC_NT; j++)
            acc[i][j] = fma(vload8(0, a + (size_t)min(r0 + i * BC_NT + j, rows - 1) * inner + k), wv, acc[i][j]);
    }
    UNROLL for (int i = 0; i < BR_NT; i++) {
        const float8 sums = lane_sums(acc[i]);
        const float part[8] = {sums.s0, sums.s1, sums.s2, sums.s3, sums.s4, sums.s5, sums.s6, sums.s7};
        for (int j = 0; j < BC_NT && r0 + i * BC_NT + j < rows; j++) {
            const int r = r0 + i * BC_NT + j;
            float sum = part[j];
            for (int kk = k; kk < inner; kk++) sum += a[(size_t)r * inner + kk] * w[kk];
            out[r] = forward_epilogue(sum, params, b_offset, 0, activation);
        }
    }
}

// out[r][o] = Σ_k a[r][k]·w[o][k]: BR_NT × BC_NT dot products of 8-float vectors, each row's
// BC_NT reduced together (lane_sums), then the last inner % 8 terms in order; then forward_epilogue.
// A work-group's work-items take consecutive blocks of rows of one block of columns, so that its
// BC_NT weight rows stay in the L1 cache through the group (1.15 to 1.2× against a group across
// the columns of the same rows, whose weight rows come from L2). The host launches
// ceil(ceil(rows / BR_NT) / group size) × ceil(outs / BC_NT) groups; with one output,
// ceil(ceil(rows / (BR_NT·BC_NT)) / group size) (nt_one_output).
__kernel void matmul_nt(__global const float* a, __global const float* w, const int w_offset, __global float* out,
                        const int rows, const int inner, const int outs, const int b_offset, const int activation) {
    const int blocks_x = (outs + BC_NT - 1) / BC_NT, group = get_group_id(0);
    const int item = (group / blocks_x) * (int)get_local_size(0) + (int)get_local_id(0);
    __global const float* params = w;
    w += w_offset;
    if (outs == 1) {
        if (item * BR_NT * BC_NT < rows) nt_one_output(a, w, params, out, item * BR_NT * BC_NT, rows, inner, b_offset, activation);
        return;
    }
    const int r0 = item * BR_NT, o0 = (group % blocks_x) * BC_NT;
    if (r0 >= rows) return;
    float8 acc[BR_NT][BC_NT];
    UNROLL for (int i = 0; i < BR_NT; i++) UNROLL for (int j = 0; j < BC_NT; j++) acc[i][j] = (float8)(0.0f);
    int k = 0;
    for (; k + 8 <= inner; k += 8) {
        float8 av[BR_NT], wv[BC_NT];
        UNROLL for (int i = 0; i < BR_NT; i++) av[i] = vload8(0, a + (size_t)min(r0 + i, rows - 1) * inner + k);
        UNROLL for (int j = 0; j < BC_NT; j++) wv[j] = vload8(0, w + (size_t)min(o0 + j, outs - 1) * inner + k);
        UNROLL for (int i = 0; i < BR_NT; i++) UNROLL for (int j = 0; j < BC_NT; j++) acc[i][j] = fma(av[i], wv[j], acc[i][j]);
    }
#if BC_NT == 8
    // A whole block with no scalar tail, the bias and the identity or ReLU: forward_epilogue's
    // operations on 8 columns at once (the same bits), one vector store per row. At inner = 64 the
    // scalar epilogue cost as much as a third of the product (107 against 135 GFLOP/s).
    if (k == inner && o0 + 8 <= outs && (b_offset < 0 || activation == ACT_RELU || activation == ACT_IDENTITY)) {
        const float8 bias = b_offset >= 0 ? vload8(0, params + b_offset + o0) : (float8)(0.0f);
        UNROLL for (int i = 0; i < BR_NT; i++) {
            if (r0 + i >= rows) break;
            float8 z = lane_sums(acc[i]);
            if (b_offset >= 0) z += bias;
            if (b_offset >= 0 && activation == ACT_RELU) z = select((float8)(0.0f), z, z > (float8)(0.0f));
            vstore8(z, 0, out + (size_t)(r0 + i) * outs + o0);
        }
        return;
    }
#endif
    UNROLL for (int i = 0; i < BR_NT; i++) {
        if (r0 + i >= rows) break;
        const float8 sums = lane_sums(acc[i]);
        const float part[8] = {sums.s0, sums.s1, sums.s2, sums.s3, sums.s4, sums.s5, sums.s6, sums.s7};
        for (int j = 0; j < BC_NT && o0 + j < outs; j++) {
            float sum = part[j];
            for (int kk = k; kk < inner; kk++) sum += a[(size_t)(r0 + i) * inner + kk] * w[(size_t)(o0 + j) * inner + kk];
            out[(size_t)(r0 + i) * outs + o0 + j] = forward_epilogue(sum, params, b_offset, o0 + j, activation);
        }
    }
}

// out[r][k] = Σ_o d[r][o]·w[o][k]: BR_NN rows × BC_NN columns per work-item, d's scalars against
// w's rows; then backward_epilogue's value over the block.
__kernel void matmul_nn(__global const float* d, __global const float* w, const int w_offset, __global float* out,
                        const int rows, const int outs, const int inner, __global const float* activated, const int activation) {
    const int blocks_x = (inner + BC_NN - 1) / BC_NN;
    const int r0 = (int)(get_global_id(0) / blocks_x) * BR_NN, c0 = (int)(get_global_id(0) % blocks_x) * BC_NN;
    if (r0 >= rows) return;
    __global const float* s = d + (size_t)r0 * outs;
    __global const float* v = w + w_offset;
    const int ni = min(BR_NN, rows - r0), s_row = outs, s_step = 1, v_stride = inner;
    out += (size_t)r0 * inner;
    activated += (size_t)r0 * inner;
    if (inner - c0 < BC_NN) {
        sv_scalar(s, s_row, s_step, ni, v, v_stride, c0, inner - c0, outs, out, inner);
        for (int i = 0; i < ni; i++) backward_epilogue(out + (size_t)i * inner + c0, activated + (size_t)i * inner + c0, inner - c0, activation);
        return;
    }
    float8 acc[BR_NN][BC_NN / 8];
    UNROLL for (int i = 0; i < BR_NN; i++) UNROLL for (int j = 0; j < BC_NN / 8; j++) acc[i][j] = (float8)(0.0f);
    const int t0 = 0, t1 = outs;
    SV_LOOP(BR_NN, BC_NN / 8)
    // backward_epilogue on 8 columns at once, before the store (a scalar pass over the stored block
    // cost 12% of the 256-wide product)
    UNROLL for (int i = 0; i < BR_NN; i++) if (i < ni) UNROLL for (int j = 0; j < BC_NN / 8; j++) {
        float8 z = acc[i][j];
        if (activation >= 0) z = z * derivative8(vload8(j, activated + (size_t)i * inner + c0), activation);
        vstore8(z, j, out + (size_t)i * inner + c0);
    }
}

// out[out_offset + o·inner + k] = Σ_r d[r][o]·a[r][k]: BR_TN rows × BC_TN columns per work-item; a
// group's TN_GROUP work-items share one block of BC_TN columns (consecutive row blocks) and sum the
// batch's rows TN_CHUNK at a time, meeting at a barrier after each chunk, so that the chunk of `a`
// they all read stays in cache (PoCL runs the group's work-items one after another per chunk).
// With b_offset ≥ 0 the groups of the first block of columns also sum d's columns over the rows
// in order into out[b_offset + o] (the bias gradient, column_sums's value, in the same launch).
// The host launches TN_GROUP-item groups, ceil(inner / BC_TN) × ceil(ceil(outs / BR_TN) / TN_GROUP).
__kernel __attribute__((reqd_work_group_size(TN_GROUP, 1, 1)))
void matmul_tn(__global const float* d, __global const float* a, __global float* out, const int out_offset,
               const int rows, const int outs, const int inner, const int b_offset) {
    const int groups_o = ((outs + BR_TN - 1) / BR_TN + TN_GROUP - 1) / TN_GROUP;
    const int c0 = (int)(get_group_id(0) / groups_o) * BC_TN;
    const int o0 = (int)((get_group_id(0) % groups_o) * TN_GROUP + get_local_id(0)) * BR_TN;
    const int ni = min(BR_TN, outs - o0);
    const bool vector = ni > 0 && c0 + BC_TN <= inner;  // uniform across the group but for ni
    __global const float* s = d + o0;
    __global const float* v = a;
    const int s_row = 1, s_step = outs, v_stride = inner;
    const bool sums = b_offset >= 0 && c0 == 0 && ni > 0;  // this work-item's rows of the bias gradient too
    float8 acc[BR_TN][BC_TN / 8];
    float bias[BR_TN];
    UNROLL for (int i = 0; i < BR_TN; i++) { UNROLL for (int j = 0; j < BC_TN / 8; j++) acc[i][j] = (float8)(0.0f); bias[i] = 0.0f; }
    for (int t0 = 0; t0 < rows; t0 += TN_CHUNK) {
        const int t1 = min(t0 + TN_CHUNK, rows);
        if (vector) { SV_LOOP(BR_TN, BC_TN / 8) }
        if (sums) for (int t = t0; t < t1; t++) UNROLL for (int i = 0; i < BR_TN; i++) bias[i] += s[min(i, ni - 1) + (size_t)t * s_step];
        barrier(CLK_LOCAL_MEM_FENCE);  // no local memory: the group's work-items move to the next chunk together
    }
    if (sums) UNROLL for (int i = 0; i < BR_TN; i++) if (i < ni) out[b_offset + o0 + i] = bias[i];
    out += out_offset + (size_t)o0 * inner;
    if (vector) {
        UNROLL for (int i = 0; i < BR_TN; i++) if (i < ni) UNROLL for (int j = 0; j < BC_TN / 8; j++) vstore8(acc[i][j], j, out + (size_t)i * inner + c0);
    } else if (ni > 0 && c0 < inner) {
        sv_scalar(s, s_row, s_step, ni, v, v_stride, c0, inner - c0, rows, out, inner);
    }
}

#else
// ---------------------------------------------------------------------------------------------
// Tiled matrix multiplies. A work-group of TILE×TILE work-items (launched in one dimension:
// ty = lid / TILE, tx = lid % TILE) computes one TILE×TILE tile of the output, one element per
// work-item, stepping through the reduction TILE at a time through local memory. Partial edge
// tiles load zeros beyond the matrices' ends; the output tiles run row-major over the output.

// out[r][o] = Σ_k a[r][k]·w[o][k]: the forward product A·Wᵀ, a [rows][inner], w [outs][inner]
// (then the bias and activation, with b_offset ≥ 0: forward_epilogue).
__kernel __attribute__((reqd_work_group_size(TILE * TILE, 1, 1)))
void matmul_nt(__global const float* a, __global const float* w, const int w_offset, __global float* out,
               const int rows, const int inner, const int outs, const int b_offset, const int activation) {
    __local float as[TILE][TILE + 1];
    __local float wt[TILE][TILE + 1];  // the weight tile transposed: wt[k][o], so tx reads consecutive floats
    const int lid = get_local_id(0), ty = lid / TILE, tx = lid % TILE;
    const int tiles_x = (outs + TILE - 1) / TILE;
    const int r0 = (int)(get_group_id(0) / tiles_x) * TILE, o0 = (int)(get_group_id(0) % tiles_x) * TILE;
    __global const float* params = w;
    w += w_offset;
    float acc = 0.0f;
    const int tiles_k = (inner + TILE - 1) / TILE;
    for (int t = 0; t < tiles_k; t++) {
        const int k = t * TILE + tx;
        as[ty][tx] = r0 + ty < rows && k < inner ? a[(size_t)(r0 + ty) * inner + k] : 0.0f;
        wt[tx][ty] = o0 + ty < outs && k < inner ? w[(size_t)(o0 + ty) * inner + k] : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int kk = 0; kk < TILE; kk++) acc += as[ty][kk] * wt[kk][tx];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (r0 + ty < rows && o0 + tx < outs) out[(size_t)(r0 + ty) * outs + o0 + tx] = forward_epilogue(acc, params, b_offset, o0 + tx, activation);
}

// out[r][k] = Σ_o d[r][o]·w[o][k]: the delta back to a layer's inputs D·W, d [rows][outs]
// (then times act'(activated), with activation ≥ 0: backward_epilogue).
__kernel __attribute__((reqd_work_group_size(TILE * TILE, 1, 1)))
void matmul_nn(__global const float* d, __global const float* w, const int w_offset, __global float* out,
               const int rows, const int outs, const int inner, __global const float* activated, const int activation) {
    __local float ds[TILE][TILE + 1];
    __local float ws[TILE][TILE + 1];
    const int lid = get_local_id(0), ty = lid / TILE, tx = lid % TILE;
    const int tiles_x = (inner + TILE - 1) / TILE;
    const int r0 = (int)(get_group_id(0) / tiles_x) * TILE, k0 = (int)(get_group_id(0) % tiles_x) * TILE;
    w += w_offset;
    float acc = 0.0f;
    const int tiles_o = (outs + TILE - 1) / TILE;
    for (int t = 0; t < tiles_o; t++) {
        const int o = t * TILE;
        ds[ty][tx] = r0 + ty < rows && o + tx < outs ? d[(size_t)(r0 + ty) * outs + o + tx] : 0.0f;
        ws[ty][tx] = o + ty < outs && k0 + tx < inner ? w[(size_t)(o + ty) * inner + k0 + tx] : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int oo = 0; oo < TILE; oo++) acc += ds[ty][oo] * ws[oo][tx];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (r0 + ty < rows && k0 + tx < inner) {
        const size_t i = (size_t)(r0 + ty) * inner + k0 + tx;
        out[i] = activation >= 0 ? acc * derivative(activated[i], activation) : acc;
    }
}

// out[out_offset + o·inner + k] = Σ_r d[r][o]·a[r][k]: the weight gradient Dᵀ·A, summed over the
// batch's rows in order, written where the layer's weight lies in the gradient buffer. With
// b_offset ≥ 0 the first column of tiles also sums d's columns in order into out[b_offset + o]
// (the bias gradient, column_sums's value, in the same launch).
__kernel __attribute__((reqd_work_group_size(TILE * TILE, 1, 1)))
void matmul_tn(__global const float* d, __global const float* a, __global float* out, const int out_offset,
               const int rows, const int outs, const int inner, const int b_offset) {
    __local float ds[TILE][TILE + 1];
    __local float as[TILE][TILE + 1];
    const int lid = get_local_id(0), ty = lid / TILE, tx = lid % TILE;
    const int tiles_x = (inner + TILE - 1) / TILE;
    const int o0 = (int)(get_group_id(0) / tiles_x) * TILE, k0 = (int)(get_group_id(0) % tiles_x) * TILE;
    const bool sums = b_offset >= 0 && k0 == 0 && tx == 0;  // one work-item per row of the tile: the bias gradient
    float acc = 0.0f, bias = 0.0f;
    const int tiles_r = (rows + TILE - 1) / TILE;
    for (int t = 0; t < tiles_r; t++) {
        const int r = t * TILE;
        ds[ty][tx] = r + ty < rows && o0 + tx < outs ? d[(size_t)(r + ty) * outs + o0 + tx] : 0.0f;
        as[ty][tx] = r + ty < rows && k0 + tx < inner ? a[(size_t)(r + ty) * inner + k0 + tx] : 0.0f;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int rr = 0; rr < TILE; rr++) acc += ds[rr][ty] * as[rr][tx];
        if (sums) for (int rr = 0; rr < TILE; rr++) bias += ds[rr][ty];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (o0 + ty < outs && k0 + tx < inner) out[out_offset + (size_t)(o0 + ty) * inner + k0 + tx] = acc;
    if (sums && o0 + ty < outs) out[b_offset + o0 + ty] = bias;
}

#endif

// ---------------------------------------------------------------------------------------------
// The output layer's backward for one output (a regression or binary head) in one launch, where
// matmul_tn and matmul_nn would spend their blocks' width on one output and a launch each: a
// work-item takes 8 columns k of the layer's inputs and runs down the batch's rows in order,
// summing the weight gradient out[gw_offset + k] = Σ_r d[r]·a[r][k] (the blocked matmul_tn's
// fused multiply-adds in its order, so its bits) and writing the delta back
// d_prev[r][k] = d[r]·w[k]·act'(a[r][k]) (the blocked matmul_nn's value and epilogue); the first
// also sums d into out[gb_offset] (the bias gradient). ceil(inner / 8) work-items: too few for a
// GPU, where the host launches matmul_tn and matmul_nn instead.
__kernel void head_backward(__global const float* d, __global const float* a, __global float* out, const int gw_offset,
                            const int gb_offset, __global const float* params, const int w_offset, __global float* d_prev,
                            const int rows, const int inner, const int activation) {
    const int k0 = get_global_id(0) * 8;
    if (k0 >= inner) return;  // no barrier in this kernel
    __global const float* w = params + w_offset;
    if (k0 == 0) {
        float bias = 0.0f;
        for (int t = 0; t < rows; t++) bias += d[t];
        out[gb_offset] = bias;
    }
    if (k0 + 8 <= inner) {
        const float8 wv = vload8(0, w + k0);
        float8 g = (float8)(0.0f);
        for (int t = 0; t < rows; t++) {
            const float8 x = (float8)(d[t]), av = vload8(0, a + (size_t)t * inner + k0);
            g = fma(x, av, g);
            float8 z = fma(x, wv, (float8)(0.0f));
            if (activation >= 0) z = z * derivative8(av, activation);
            vstore8(z, 0, d_prev + (size_t)t * inner + k0);
        }
        vstore8(g, 0, out + gw_offset + k0);
        return;
    }
    for (int k = k0; k < inner; k++) {  // the last inner % 8 columns
        float g = 0.0f;
        for (int t = 0; t < rows; t++) {
            const float av = a[(size_t)t * inner + k], z = fma(d[t], w[k], 0.0f);
            g = fma(d[t], av, g);
            d_prev[(size_t)t * inner + k] = activation >= 0 ? z * derivative(av, activation) : z;
        }
        out[gw_offset + k] = g;
    }
}

// ---------------------------------------------------------------------------------------------
// Element-wise stages.

// z[r][o] = act(z[r][o] + params[b_offset + o]), in place.
__kernel void bias_activation(__global float* z, __global const float* params, const int b_offset,
                              const int rows, const int outs, const int activation) {
    const int i = get_global_id(0);
    if (i >= rows * outs) return;  // no barrier in this kernel
    z[i] = activate(z[i] + params[b_offset + i % outs], activation);
}

// out[i] = delta[i]·act'(activated[i]).
__kernel void activation_backward(__global const float* delta, __global const float* activated, __global float* out,
                                  const int count, const int activation) {
    const int i = get_global_id(0);
    if (i >= count) return;
    out[i] = delta[i] * derivative(activated[i], activation);
}

// out[out_offset + c] = Σ_r d[r][c], rows in order: a layer's bias gradient.
__kernel void column_sums(__global const float* d, __global float* out, const int out_offset, const int rows, const int cols) {
    const int c = get_global_id(0);
    if (c >= cols) return;
    float acc = 0.0f;
    for (int r = 0; r < rows; r++) acc += d[(size_t)r * cols + c];
    out[out_offset + c] = acc;
}

// params[i] -= learning_rate · gradient[i] over the flat buffer.
__kernel void sgd_update(__global float* params, __global const float* gradient, const int count, const float learning_rate) {
    const int i = get_global_id(0);
    if (i < count) params[i] -= learning_rate * gradient[i];
}

// batch_x[j] = x[order[begin + j]], batch_y[j] = y[order[begin + j]] for the batch's count rows:
// one work-item per row, copying 8-float vectors where the width allows (a work-item per element
// took 1.3 ms at 4096 rows × 64: a division and a scalar gather per float; this, 0.3 ms).
static inline void gather_row(__global const float* x, __global const float* y, __global const int* order,
                              const int begin, const int j, const int features, __global float* batch_x, __global float* batch_y) {
    const int row = order[begin + j];
    __global const float* from = x + (size_t)row * features;
    __global float* to = batch_x + (size_t)j * features;
    int k = 0;
    if (features % 8 == 0) for (; k < features; k += 8) vstore8(vload8(0, from + k), 0, to + k);
    for (; k < features; k++) to[k] = from[k];
    batch_y[j] = y[row];
}

__kernel void gather_rows(__global const float* x, __global const float* y, __global const int* order,
                          const int begin, const int count, const int features,
                          __global float* batch_x, __global float* batch_y) {
    const int j = get_global_id(0);
    if (j < count) gather_row(x, y, order, begin, j, features, batch_x, batch_y);
}

// The next step's rows, gathered by a loss kernel's groups after its first (gather_rows's copy, a
// work-item per row): one launch fewer a step, and a core busy that the loss's one group leaves
// idle (a launch boundary costs 10 to 25 µs on PoCL, BENCHMARKS.md). The rows go to the other of
// the two batch buffers, so this step's are still there for its backward pass.
#define NEXT_ROWS_ARGS __global const float* x, __global const float* y_all, __global const int* order, const int next_begin, \
                       const int next_count, const int features, __global float* next_x, __global float* next_y
#define GATHER_NEXT_ROWS() \
    if (get_group_id(0) > 0) {  /* uniform across the group: these groups reach no barrier */ \
        const int j = (int)(get_group_id(0) - 1) * WGS + (int)get_local_id(0); \
        if (j < next_count) gather_row(x, y_all, order, next_begin, j, features, next_x, next_y); \
        return; \
    }

// ---------------------------------------------------------------------------------------------
// Loss and output delta per head, in one work-group of WGS work-items (each takes rows lid,
// lid + WGS, ...; the loss sums meet in group_sum's fixed tree): delta = scale · ∂ℓ/∂z, and
// losses[loss_index] = loss_scale · Σ ℓ. Groups after the first gather the next step's rows
// (GATHER_NEXT_ROWS; none are launched when there is no next step). z and delta are [rows][outs]; y holds one target per
// output (mse, huber) or per row (bce: 0 or 1; softmax: the class index).

// ℓ = Σ_o r², ∂ℓ/∂z = r (the course's half derivative: the host doubles scale for the exact one).
__kernel __attribute__((reqd_work_group_size(WGS, 1, 1)))
void loss_delta_mse(__global const float* z, __global const float* y, __global float* delta, __global float* losses,
                    const int rows, const int outs, const float scale, const float loss_scale, const int loss_index, NEXT_ROWS_ARGS) {
    __local float scratch[WGS];
    GATHER_NEXT_ROWS()
    float acc = 0.0f;
    for (int i = get_local_id(0); i < rows * outs; i += WGS) {
        const float r = z[i] - y[i];
        acc += r * r;
        delta[i] = scale * r;
    }
    const float sum = group_sum(scratch, acc);
    if (get_local_id(0) == 0) losses[loss_index] = loss_scale * sum;
}

// ℓ = ½r² within huber_delta of the target, huber_delta·(|r| − ½huber_delta) beyond; ∂ℓ/∂z = clamp(r).
__kernel __attribute__((reqd_work_group_size(WGS, 1, 1)))
void loss_delta_huber(__global const float* z, __global const float* y, __global float* delta, __global float* losses,
                      const int rows, const int outs, const float scale, const float loss_scale, const int loss_index, NEXT_ROWS_ARGS,
                      const float huber_delta) {
    __local float scratch[WGS];
    GATHER_NEXT_ROWS()
    float acc = 0.0f;
    for (int i = get_local_id(0); i < rows * outs; i += WGS) {
        const float r = z[i] - y[i], size = fabs(r);
        acc += size <= huber_delta ? 0.5f * r * r : huber_delta * (size - 0.5f * huber_delta);
        delta[i] = scale * clamp(r, -huber_delta, huber_delta);
    }
    const float sum = group_sum(scratch, acc);
    if (get_local_id(0) == 0) losses[loss_index] = loss_scale * sum;
}

// One logit per row: ℓ = max(z, 0) − z·y + log1p(e^−|z|) (finite at any z), ∂ℓ/∂z = σ(z) − y.
__kernel __attribute__((reqd_work_group_size(WGS, 1, 1)))
void loss_delta_bce(__global const float* z, __global const float* y, __global float* delta, __global float* losses,
                    const int rows, const int outs, const float scale, const float loss_scale, const int loss_index, NEXT_ROWS_ARGS) {
    __local float scratch[WGS];
    GATHER_NEXT_ROWS()
    float acc = 0.0f;
    for (int i = get_local_id(0); i < rows; i += WGS) {
        const float x = z[i], t = y[i];
        acc += fmax(x, 0.0f) - x * t + log1p(exp(-fabs(x)));
        delta[i] = scale * (sigmoid_stable(x) - t);
    }
    const float sum = group_sum(scratch, acc);
    if (get_local_id(0) == 0) losses[loss_index] = loss_scale * sum;
}

static inline float row_max(__global const float* z, const int outs) {
    float m = z[0];
    for (int c = 1; c < outs; c++) m = fmax(m, z[c]);
    return m;
}

// outs logits per row, class c = y[r]: with m = max z, ℓ = m + log Σ e^(z − m) − z_c and
// ∂ℓ/∂z = softmax(z) − onehot(c). The max subtracted, so no e^z overflows.
__kernel __attribute__((reqd_work_group_size(WGS, 1, 1)))
void loss_delta_softmax(__global const float* z, __global const float* y, __global float* delta, __global float* losses,
                        const int rows, const int outs, const float scale, const float loss_scale, const int loss_index, NEXT_ROWS_ARGS) {
    __local float scratch[WGS];
    GATHER_NEXT_ROWS()
    float acc = 0.0f;
    for (int r = get_local_id(0); r < rows; r += WGS) {
        __global const float* zr = z + (size_t)r * outs;
        const float m = row_max(zr, outs);
        float s = 0.0f;
        for (int c = 0; c < outs; c++) s += exp(zr[c] - m);
        const int cls = clamp((int)y[r], 0, outs - 1);  // a target out of range reads no memory out of bounds
        acc += m + log(s) - zr[cls];
        const float inverse = 1.0f / s;
        for (int c = 0; c < outs; c++) delta[(size_t)r * outs + c] = scale * (exp(zr[c] - m) * inverse - (c == cls ? 1.0f : 0.0f));
    }
    const float sum = group_sum(scratch, acc);
    if (get_local_id(0) == 0) losses[loss_index] = loss_scale * sum;
}
