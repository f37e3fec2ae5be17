// linear.cl: the linear model z = x·w + b, in float32, on any OpenCL 1.2 device.
//
// Layouts: x is row-major [rows][FEATURES]; y is [rows]; params is [FEATURES + 1] = (w..., b);
// order is a permutation of row indices (a training batch is a run of consecutive entries).
// Loss and gradient follow the course: L = (1/n) Σ r², g_w = (1/n) Σ r x, g_b = (1/n) Σ r, r = z - y.
// Built with HEAD_BCE 1, the same pass is logistic regression (z the logit, y 0 or 1): r = σ(z) − y,
// the loss ℓ = max(z, 0) − z·y + log1p(e^−|z|) (finite at any z: never log σ(z)), L = (1/n) Σ ℓ.
//
// Every reduction has a fixed shape (a sequential sum per work-item, a fixed tree across the
// group, groups summed in index order), so equal inputs give equal bits. Every work-item reaches
// every barrier: loads are guarded, barriers never are (PoCL mishandles divergent barriers).

#ifndef FEATURES
#define FEATURES 13     // columns of x, fixed at build time so the dot products unroll
#endif
#ifndef HEAD_BCE
#define HEAD_BCE 0      // 1: the binary cross-entropy head (logistic regression); 0: the course's squared error
#endif
#if HEAD_BCE
// e^−|z| ≤ 1 (never overflows), one exp per row (the compiler merges the equal calls): σ(z) is
// 1/(1 + e) for z ≥ 0 and e/(1 + e) below, and the loss's last term log1p(e).
#define HEAD_EXP(z) exp(-fabs(z))
#define HEAD_RESIDUAL(z, y) (((z) >= 0.0f ? 1.0f : HEAD_EXP(z)) / (1.0f + HEAD_EXP(z)) - (y))
#define HEAD_LOSS(z, y, r) (fmax(z, 0.0f) - (z) * (y) + log1p(HEAD_EXP(z)))
#define HEAD_ADD_LOSS(acc, active, z, y, r) ((acc) += (active) ? HEAD_LOSS(z, y, r) : 0.0f)  // idle lanes add 0
// The sequential shape's row groups add each row's loss l = HEAD_LOSS(z, y, r), taken on the vector.
#define HEAD_ADD_GROUP_LOSS(acc, l, r) ((acc) += (l))
#else
#define HEAD_RESIDUAL(z, y) ((z) - (y))
#define HEAD_LOSS(z, y, r) ((r) * (r))
// r is 0 on idle lanes; one expression, so the compiler may contract it into an fma as it always has.
#define HEAD_ADD_LOSS(acc, active, z, y, r) ((acc) += (r) * (r))
// r·r added in one expression, as a row at a time always has (an fma), not the rounded r² of l.
#define HEAD_ADD_GROUP_LOSS(acc, l, r) ((acc) += (r) * (r))
#endif
#ifndef PREFETCH_ROWS
#define PREFETCH_ROWS 0 // rows ahead the sequential shape prefetches (0: none; needs clang's __builtin_prefetch)
#endif
// __builtin_prefetch is a CPU instruction: GPU and SPIR-V compilers reject it, so it is compiled
// only where the target is a CPU the host's clang knows (PoCL's x86-64 and AArch64 builds).
#if PREFETCH_ROWS > 0 && defined(__clang__) && (defined(__x86_64__) || defined(__aarch64__))
#define USE_PREFETCH 1
#else
#define USE_PREFETCH 0
#endif
#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)  // a##b after expanding both: XCAT(float, VW) is float16 for VW 16
#ifndef VW
#define VW 1            // partial sums per dot product: lanes a CPU can vectorise without reassociating
#endif
#ifndef ROW_GROUP
#define ROW_GROUP 16    // sequential shape: rows whose logits, residuals and losses go together (2, 4, 8 or 16)
#endif
#ifndef LPR
#define LPR 1           // GPU shape: lanes per row in the dot products (a power of two dividing WGS; 0: the previous shape)
#endif
// The GPU shape's tile: TILE_ROWS rows in local memory, each padded to an odd PITCH; GSPLIT lanes
// per column in the gradient sums (1 when the group is narrower than two rows).
#if WGS > 1 && LPR > 0
#define TILE_ROWS (WGS / LPR)
#else
#define TILE_ROWS 1
#endif
#define PITCH (FEATURES | 1)
// Staging copies rows into the tile in units of STAGE_WIDTH floats: float4 (vload4) when
// FEATURES is a multiple of 4, so that every row starts 16-byte aligned in x; single floats
// otherwise. A source that defines VLOAD_STAGE 0 first stages single floats always (descent-bench
// measures against it; the tile's contents, and so every result, are the same).
#ifndef VLOAD_STAGE
#define VLOAD_STAGE 1
#endif
#if VLOAD_STAGE && FEATURES % 4 == 0
#define STAGE_WIDTH 4
#else
#define STAGE_WIDTH 1
#endif
#define UNITS (FEATURES / STAGE_WIDTH)  // staging units per row
#define SROWS (WGS / UNITS)             // rows staged at once when WGS >= UNITS
// Staging lane lid copies unit STAGE_UNIT of rows STAGE_ROW, STAGE_ROW + SROWS, ... (lanes from
// SROWS·UNITS on idle). The tile's stores are single floats (see stage_store), and the lanes are
// laid out so that the 32 lanes of a warp store into different banks (32 banks of 4 bytes):
// - float4 with SROWS a multiple of 4: lanes in fours take 4 rows of one unit, then the next unit.
//   Lane (row r, unit u) stores component e at r·PITCH + 4u + e; PITCH is odd, so the 4 rows
//   differ mod 4 and 8 units cover the rest: one store per bank (FEATURES ≥ 32, e.g. 64 at WGS 64
//   to 256; at most 2 to a bank below that).
// - otherwise columns vary fastest (consecutive addresses; at most 2 stores to a bank for
//   FEATURES ≤ 64 in float4 units, 4 for wider rows; conflict-free for single floats but at
//   the odd row ends).
#if STAGE_WIDTH == 4 && SROWS % 4 == 0
#define STAGE_ROW(lid) ((lid) / (4 * UNITS) * 4 + (lid) % 4)
#define STAGE_UNIT(lid) ((lid) / 4 % UNITS)
#else
#define STAGE_ROW(lid) ((lid) / UNITS)
#define STAGE_UNIT(lid) ((lid) % UNITS)
#endif
#if WGS > 1 && LPR > 0 && WGS >= 2 * FEATURES
#define GSPLIT (WGS / FEATURES)
#else
#define GSPLIT 1
#endif
// The epoch kernel's GPU shape loads the next step's first SROWS rows into registers before this
// step's reductions, and stores them into the tile after (staging rows SROWS at a time).
// A source that defines PREFETCH_NEXT 0 first turns it off (descent-bench measures against it).
#ifndef PREFETCH_NEXT
#if WGS > 1 && LPR > 0 && WGS >= UNITS
#define PREFETCH_NEXT 1
#else
#define PREFETCH_NEXT 0
#endif
#endif

// The GPU shape's staging unit: STAGE_WIDTH consecutive floats of row `index`, from unit `unit`.
// Stored into the tile as single floats: a padded row (odd PITCH) starts at any 4-byte boundary,
// so a 16-byte local store would be split by the compiler anyway.
#if STAGE_WIDTH == 4
typedef float4 stage_t;
static inline stage_t stage_load(__global const float* x, const int index, const int unit) {
    return vload4(unit, x + (size_t)index * FEATURES);
}
static inline void stage_store(__local float* tile, const int row, const int unit, const stage_t v) {
    __local float* at = tile + row * PITCH + 4 * unit;
    at[0] = v.s0; at[1] = v.s1; at[2] = v.s2; at[3] = v.s3;
}
#else
typedef float stage_t;
static inline stage_t stage_load(__global const float* x, const int index, const int unit) {
    return x[(size_t)index * FEATURES + unit];
}
static inline void stage_store(__local float* tile, const int row, const int unit, const stage_t v) {
    tile[row * PITCH + unit] = v;
}
#endif

// x_row · w as VW interleaved partial sums combined in a fixed order (deterministic, and, with
// VW > 1, vectorisable by the compiler without changing the result), then the tail.
static inline float dot_row(__global const float* row, __local const float* w) {
    float part[VW];
    for (int l = 0; l < VW; l++) part[l] = 0.0f;
    int k = 0;
    for (; k + VW <= FEATURES; k += VW)
        for (int l = 0; l < VW; l++) part[l] += row[k + l] * w[k + l];
    float acc = 0.0f;
    for (int l = 0; l < VW; l++) acc += part[l];
    for (; k < FEATURES; k++) acc += row[k] * w[k];
    return acc;
}

// ---------------------------------------------------------------------------------------------
// Stage kernels: one stage each, checked one by one against the CPU reference.

// z[i] = x[i]·w + b
__kernel void linear_forward(__global const float* x, __global const float* params,
                             __global float* z, const int rows) {
    const int i = get_global_id(0);
    if (i >= rows) return;  // no barrier in this kernel
    __global const float* row = x + (size_t)i * FEATURES;
    float acc = 0.0f;
    for (int k = 0; k < FEATURES; k++) acc += row[k] * params[k];
    z[i] = acc + params[FEATURES];
}

// r[i] = z[i] - y[i]; partial[group] = Σ r² over the group's rows
__kernel __attribute__((reqd_work_group_size(WGS, 1, 1)))
void linear_residual(__global const float* z, __global const float* y, __global float* r,
                     __global float* partial, const int rows) {
    __local float scratch[WGS];
    const int i = get_global_id(0);
    float ri = 0.0f, li = 0.0f;
    if (i < rows) {
        ri = HEAD_RESIDUAL(z[i], y[i]);
        li = HEAD_LOSS(z[i], y[i], ri);
        r[i] = ri;
    }
    const float sum = group_sum(scratch, li);
    if (get_local_id(0) == 0) partial[get_group_id(0)] = sum;
}

// partial[g][d] = Σ r[i] x[i][d] over rows [g·rows_per_group, (g+1)·rows_per_group), d < FEATURES;
// partial[g][FEATURES] = Σ r[i]. Work-items split the columns; each sums its rows in order.
__kernel __attribute__((reqd_work_group_size(WGS, 1, 1)))
void linear_gradient_partial(__global const float* x, __global const float* r, __global float* partial,
                             const int rows, const int rows_per_group) {
    const int g = get_group_id(0);
    const int first = g * rows_per_group;
    const int last = min(first + rows_per_group, rows);
    for (int d = get_local_id(0); d <= FEATURES; d += WGS) {
        float acc = 0.0f;
        for (int i = first; i < last; i++) acc += r[i] * (d < FEATURES ? x[(size_t)i * FEATURES + d] : 1.0f);
        partial[(size_t)g * (FEATURES + 1) + d] = acc;
    }
}

// out[d] = scale · Σ_g partial[g][d], groups in index order, for d < width
__kernel void linear_reduce(__global const float* partial, __global float* out,
                            const int groups, const int width, const float scale) {
    const int d = get_global_id(0);
    if (d >= width) return;
    float acc = 0.0f;
    for (int g = 0; g < groups; g++) acc += partial[(size_t)g * width + d];
    out[d] = scale * acc;
}

// params -= step · gradient, for the FEATURES + 1 parameters
__kernel void linear_update(__global float* params, __global const float* gradient, const float step) {
    const int d = get_global_id(0);
    if (d <= FEATURES) params[d] -= step * gradient[d];
}

// ---------------------------------------------------------------------------------------------
// The fused training path: forward, residual, loss and gradient in one pass over each row.

#if WGS == 1
// The sequential shape holds w and the gradient sums in registers for a batch: VW-wide vectors
// (vw_t) over the first VBLOCKS·VW columns, single floats over the VTAIL columns after them,
// in loops of fixed trip count that the compiler unrolls. (Written as per-column arrays, PoCL's
// compiler kept them in memory: a load and a store around every multiply-add.) The arithmetic is
// dot_row's: VW interleaved partial sums, added in lane order, then the tail; and g_d += r·x_d.
#define VBLOCKS (FEATURES / VW)
#define VTAIL (FEATURES % VW)
#if VW == 1
typedef float vw_t;
#define VLOAD_W(i, p) ((p)[i])
#define VSTORE_W(v, i, p) ((p)[i] = (v))
#else
typedef XCAT(float, VW) vw_t;
#define VLOAD_W(i, p) XCAT(vload, VW)(i, p)
#define VSTORE_W(v, i, p) XCAT(vstore, VW)(v, i, p)
#endif
// FEATURES values (and, in w's copy, the bias after them at t[VTAIL]).
typedef struct {
    vw_t v[VBLOCKS > 0 ? VBLOCKS : 1];
    float t[VTAIL + 1];
} cols_t;

static inline void cols_load(cols_t* c, __local const float* from, const int with_bias) {
#pragma unroll
    for (int b = 0; b < VBLOCKS; b++) c->v[b] = VLOAD_W(b, from);
#pragma unroll
    for (int k = 0; k < VTAIL; k++) c->t[k] = from[VBLOCKS * VW + k];
    c->t[VTAIL] = with_bias ? from[FEATURES] : 0.0f;
}

static inline void cols_store(const cols_t* c, __local float* to) {
#pragma unroll
    for (int b = 0; b < VBLOCKS; b++) VSTORE_W(c->v[b], b, to);
#pragma unroll
    for (int k = 0; k < VTAIL; k++) to[VBLOCKS * VW + k] = c->t[k];
}

// x_row · w, as dot_row.
static inline float cols_dot(const cols_t* w, __global const float* row) {
    vw_t part = (vw_t)0.0f;
#pragma unroll
    for (int b = 0; b < VBLOCKS; b++) part += VLOAD_W(b, row) * w->v[b];
    float lanes[VW];
    VSTORE_W(part, 0, lanes);
    float acc = 0.0f;
#pragma unroll
    for (int l = 0; l < VW; l++) acc += lanes[l];
#pragma unroll
    for (int k = 0; k < VTAIL; k++) acc += row[VBLOCKS * VW + k] * w->t[k];
    return acc;
}

// g += r · x_row
static inline void cols_add(cols_t* g, const float r, __global const float* row) {
#pragma unroll
    for (int b = 0; b < VBLOCKS; b++) g->v[b] += r * VLOAD_W(b, row);
#pragma unroll
    for (int k = 0; k < VTAIL; k++) g->t[k] += r * row[VBLOCKS * VW + k];
}

// The permutation makes the next rows unpredictable to the hardware prefetcher: ask for the row
// at position j + PREFETCH_ROWS (one request per 64-byte line) and its target, up to ahead_end.
// Into L2, not L1 (locality 2: x86's prefetcht1): an L1 prefetch holds one of the core's few L1
// miss buffers until the line arrives, and 16 rows of 4 lines ahead overflowed them; the random
// gather of 1M rows took 1.7x the CPU time with L1 prefetches (BENCHMARKS.md, issue 14).
static inline void prefetch_row(__global const float* x, __global const float* y, __global const int* order,
                                const int j, const int ahead_end) {
#if USE_PREFETCH
    if (j + PREFETCH_ROWS < ahead_end) {
        const int ahead = order[j + PREFETCH_ROWS];
        __global const float* row = x + (size_t)ahead * FEATURES;
        for (int c = 0; c < FEATURES; c += 16) __builtin_prefetch(row + c, 0, 2);
        __builtin_prefetch(y + ahead, 0, 2);
    }
#endif
}

// The logits z = x·w + b and targets of the ROW_GROUP rows from position j0 (0 past last), with
// each row's prefetch as a row at a time makes it.
static inline void group_logits(__global const float* x, __global const float* y, __global const int* order,
                                const int j0, const int last, const int ahead_end, const cols_t* w, const float b,
                                float* zs, float* ts) {
#pragma unroll
    for (int k = 0; k < ROW_GROUP; k++) {
        zs[k] = 0.0f;
        ts[k] = 0.0f;
        if (j0 + k < last) {
            prefetch_row(x, y, order, j0 + k, ahead_end);
            const int index = order[j0 + k];
            zs[k] = cols_dot(w, x + (size_t)index * FEATURES) + b;
            ts[k] = y[index];
        }
    }
}

// Rows order[first..last) of a batch, one work-item (a CPU thread), ROW_GROUP at a time: the
// group's logits, then its residuals and losses at once on a vector, then the group's rows again,
// in order, for Σ ℓ, Σ r and r·x (still in L1: ROW_GROUP rows). Each row is read from memory
// once. The group's rows are asked for together (ROW_GROUP independent dot products: more reads
// in flight than a row at a time, whose next row waited behind this row's sums: 1.45x faster on a
// random gather of 1M rows), and the binary cross-entropy head takes one vector exp and log1p for
// the group (a row at a time made a scalar call of each per row, which cost as much as the row's
// memory traffic). Every sum adds the rows in the order a row at a time would, with the same
// operations: the squared-error build's results are those of a row at a time, bit for bit. A
// short group's idle lanes hold z = y = 0 (finite) and are never added.
//
// w and the sums are private copies for the batch (cols_t: registers), written back to gsum at
// the end. loss_acc and r_acc collect Σ ℓ and Σ r. Rows are prefetched PREFETCH_ROWS positions
// ahead up to ahead_end (the launch's end, past this batch: otherwise each batch would start on
// rows nobody asked for, and a batch of PREFETCH_ROWS or fewer on none).
static inline void accumulate_rows(__global const float* x, __global const float* y, __global const int* order,
                            const int first, const int last, __local const float* w, __local float* gsum,
                            __local float* r_chunk, __local int* row_chunk, __local float* tile, __local float* scratch,
                            float* loss_acc, float* r_acc, const int prestaged, const int ahead_end) {
    cols_t wp, g;
    cols_load(&wp, w, 1);
    cols_load(&g, gsum, 0);
    const float b = wp.t[VTAIL];
    float loss = *loss_acc, rsum = *r_acc;
    typedef XCAT(float, ROW_GROUP) group_t;
    float zs[ROW_GROUP], ts[ROW_GROUP], rs[ROW_GROUP], ls[ROW_GROUP];
    if (first < last) group_logits(x, y, order, first, last, ahead_end, &wp, b, zs, ts);
    for (int j0 = first; j0 < last; j0 += ROW_GROUP) {
        const int count = min(ROW_GROUP, last - j0);
        const group_t z = XCAT(vload, ROW_GROUP)(0, zs), target = XCAT(vload, ROW_GROUP)(0, ts);
        const group_t r = HEAD_RESIDUAL(z, target);
        XCAT(vstore, ROW_GROUP)(r, 0, rs);
        XCAT(vstore, ROW_GROUP)(HEAD_LOSS(z, target, r), 0, ls);
        // The next group's logits before this group's gradient sums (w is fixed within the batch):
        // loads and multiply-adds to run beside the vector exp and log1p, which the sums wait on.
        if (j0 + ROW_GROUP < last) group_logits(x, y, order, j0 + ROW_GROUP, last, ahead_end, &wp, b, zs, ts);
        for (int k = 0; k < count; k++) {
            HEAD_ADD_GROUP_LOSS(loss, ls[k], rs[k]);
            rsum += rs[k];
            cols_add(&g, rs[k], x + (size_t)order[j0 + k] * FEATURES);
        }
    }
    cols_store(&g, gsum);
    *loss_acc = loss;
    *r_acc = rsum;
}
#elif LPR == 0
// LPR 0, the previous GPU shape (kept to measure against): rows order[first..last) of a batch, WGS at a time: each work-item computes one row's residual
// (w in local memory, b at w[FEATURES]), then work-items split the columns and add r·x into gsum,
// reading the chunk's rows again while they are still in cache. loss_acc and r_acc collect each
// work-item's Σ r² and Σ r. first and last must be the same on every work-item of the group.
static inline void accumulate_rows(__global const float* x, __global const float* y, __global const int* order,
                            const int first, const int last, __local const float* w, __local float* gsum,
                            __local float* r_chunk, __local int* row_chunk, __local float* tile, __local float* scratch,
                            float* loss_acc, float* r_acc, const int prestaged, const int ahead_end) {
    const int lid = get_local_id(0);
    for (int chunk = first; chunk < last; chunk += WGS) {
        const int j = chunk + lid;
        float r = 0.0f, z = 0.0f, target = 0.0f;
        int index = 0;
        if (j < last) {
            index = order[j];
            z = dot_row(x + (size_t)index * FEATURES, w) + w[FEATURES];
            target = y[index];
            r = HEAD_RESIDUAL(z, target);
        }
        r_chunk[lid] = r;
        row_chunk[lid] = index;
        HEAD_ADD_LOSS(*loss_acc, j < last, z, target, r);
        *r_acc += r;
        barrier(CLK_LOCAL_MEM_FENCE);  // r_chunk and row_chunk complete
        const int count = min(WGS, last - chunk);
        for (int d = lid; d < FEATURES; d += WGS) {
            float acc = gsum[d];
            for (int k = 0; k < count; k++) acc += r_chunk[k] * x[(size_t)row_chunk[k] * FEATURES + d];
            gsum[d] = acc;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
}
#else
// The GPU shape: rows order[first..last) of a batch, TILE_ROWS at a time, in four phases with a
// barrier after each:
//   1. stage: the tile's rows are copied into local memory with lanes across columns, in float4
//      units (vload4) where FEATURES is a multiple of 4 (and several rows at once where the group
//      has lanes enough: SROWS), so that neighbouring work-items read neighbouring 16-byte pieces
//      of a row (coalesced), into rows padded to an odd pitch (column c of consecutive rows falls
//      in different local-memory banks; the staging lanes' layout, STAGE_ROW, keeps the stores
//      apart too);
//   2. dot products: LPR lanes per row, each over every LPR-th column, combined by a fixed tree;
//   3. residuals: lane 0 of each row writes r and keeps its own Σ r², Σ r;
//   4. gradient sums: with WGS ≥ 2·FEATURES, GSPLIT lanes per column each sum every GSPLIT-th row
//      into a private sum, combined in lane order after the last tile; otherwise lanes take
//      columns and add into gsum. Every lane works in every phase but the residuals, and every sum
//      has a fixed order: the same inputs give the same bits.
// first and last must be the same on every work-item of the group, and so must prestaged (nonzero
// only where PREFETCH_NEXT: the first chunk's first SROWS rows are staged already).
static inline void accumulate_rows(__global const float* x, __global const float* y, __global const int* order,
                            const int first, const int last, __local const float* w, __local float* gsum,
                            __local float* r_chunk, __local int* row_chunk, __local float* tile, __local float* scratch,
                            float* loss_acc, float* r_acc, const int prestaged, const int ahead_end) {
    const int lid = get_local_id(0);
    const int k = lid / LPR, lane = lid % LPR;  // the row (in the tile) and lane of the dot-product phase
#if WGS >= UNITS
    // Staging: SROWS rows at a time, lane (sr, su) copying unit su of every SROWS-th row from sr.
    const int sr = STAGE_ROW(lid), su = STAGE_UNIT(lid), stages = lid < SROWS * UNITS;
#endif
#if GSPLIT > 1
    const int gd = lid % FEATURES, gj = lid / FEATURES;  // the column and row phase of the gradient phase
    float gpart = 0.0f;
#endif
    for (int chunk = first; chunk < last; chunk += TILE_ROWS) {
        const int count = min(TILE_ROWS, last - chunk);
#if WGS >= UNITS
        // With prestaged, the first chunk's rows sr < SROWS are in the tile already (the epoch
        // kernel loaded them during the previous step's reductions): the same values, same places.
        if (stages)
            for (int row = sr + (prestaged && chunk == first ? SROWS : 0); row < count; row += SROWS)
                stage_store(tile, row, su, stage_load(x, order[chunk + row], su));
#else
        for (int row = 0; row < count; row++) {
            const int index = order[chunk + row];
            for (int u = lid; u < UNITS; u += WGS) stage_store(tile, row, u, stage_load(x, index, u));
        }
#endif
        barrier(CLK_LOCAL_MEM_FENCE);
        float part = 0.0f;
        if (k < count)
            for (int c = lane; c < FEATURES; c += LPR) part += tile[k * PITCH + c] * w[c];
#if LPR > 1
        scratch[lid] = part;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int width = LPR / 2; width > 0; width >>= 1) {
            if (lane < width) scratch[lid] += scratch[lid + width];
            barrier(CLK_LOCAL_MEM_FENCE);
        }
        part = scratch[lid];
#endif
        float r = 0.0f, z = 0.0f, target = 0.0f;
        const int active = lane == 0 && k < count;
        if (active) {
            z = part + w[FEATURES];
            target = y[order[chunk + k]];
            r = HEAD_RESIDUAL(z, target);
            r_chunk[k] = r;
        }
        HEAD_ADD_LOSS(*loss_acc, active, z, target, r);
        *r_acc += r;
        barrier(CLK_LOCAL_MEM_FENCE);
#if GSPLIT > 1
        if (gj < GSPLIT)
            for (int row = gj; row < count; row += GSPLIT) gpart += r_chunk[row] * tile[row * PITCH + gd];
#else
        for (int d = lid; d < FEATURES; d += WGS) {
            float acc = gsum[d];
            for (int row = 0; row < count; row++) acc += r_chunk[row] * tile[row * PITCH + d];
            gsum[d] = acc;
        }
#endif
        barrier(CLK_LOCAL_MEM_FENCE);
    }
#if GSPLIT > 1
    scratch[lid] = gj < GSPLIT ? gpart : 0.0f;
    barrier(CLK_LOCAL_MEM_FENCE);
    if (lid < FEATURES) {
        float acc = gsum[lid];
        for (int j = 0; j < GSPLIT; j++) acc += scratch[j * FEATURES + lid];
        gsum[lid] = acc;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
#endif
}
#endif

// The fused kernels' start: the parameters into local memory (b at w[FEATURES]), the gradient
// sums cleared, and a barrier so every work-item sees them.
static inline void load_parameters(__global const float* params, __local float* w, __local float* gsum) {
    for (int d = get_local_id(0); d <= FEATURES; d += WGS) w[d] = params[d];
    for (int d = get_local_id(0); d < FEATURES; d += WGS) gsum[d] = 0.0f;
    barrier(CLK_LOCAL_MEM_FENCE);
}

// Many steps in one work-group: positions [begin, end) of `order` cut into batches of `batch`
// rows (begin a multiple of batch), the parameters kept in local memory between steps. For small
// batches, where a step is too little work to pay for a launch; the host caps the steps per launch
// (a GPU that drives a display resets a kernel that runs for seconds), so an epoch may take
// several launches. losses[s] = batch s's loss before its update, s counted from position 0.
// inv_batch = 1/batch and inv_last = 1/(the last batch's rows), rounded once on the host: OpenCL
// allows 2.5-ulp division, so a device division would break the error bound's rounding count.
__kernel __attribute__((reqd_work_group_size(WGS, 1, 1)))
void linear_train_epoch(__global const float* x, __global const float* y, __global const int* order,
                        __global float* params, __global float* losses,
                        const int rows, const int batch, const float step,
                        const float inv_batch, const float inv_last, const int begin, const int end
#if RULE
                        // Another update rule (fused_rules.cl): step is then the learning rate itself.
                        , __global float* first_moment, __global float* second_moment, __global const float* step_scalars,
                        const float factor, const float l2, const float l1_threshold, const float momentum,
                        const float beta1, const float beta2, const float epsilon, const float decay
#endif
                        ) {
    __local float w[FEATURES + 1];
    __local float gsum[FEATURES];
    __local float r_chunk[WGS];
    __local int row_chunk[WGS];
    __local float scratch[WGS];
    __local float tile[TILE_ROWS * PITCH];
    const int lid = get_local_id(0);
#if RULE
    __local float m1[RULE_STATE1];
    __local float m2[RULE_STATE2];
    load_rule_state(first_moment, second_moment, m1, m2);
#endif
    load_parameters(params, w, gsum);

#if PREFETCH_NEXT
    const int sr = STAGE_ROW(lid), su = STAGE_UNIT(lid);  // the staging lanes of accumulate_rows
#endif
    int s = begin / batch;
    for (int first = begin; first < end; first += batch, s++) {
        const int last = min(first + batch, rows);
        float loss_acc = 0.0f, r_acc = 0.0f;
        accumulate_rows(x, y, order, first, last, w, gsum, r_chunk, row_chunk, tile, scratch, &loss_acc, &r_acc,
                        PREFETCH_NEXT && first != begin, end);
#if PREFETCH_NEXT
        // The next step's first rows, loaded now and stored into the tile after the reductions
        // (accumulate_rows ended on a barrier: nobody reads the tile until the next step).
        const int next = first + batch;
        const int ahead_row = next + sr;
        const int fetch = lid < SROWS * UNITS && next < end && sr < TILE_ROWS && ahead_row < min(next + batch, rows);
        stage_t ahead = (stage_t)0.0f;
        if (fetch) ahead = stage_load(x, order[ahead_row], su);
#endif
        const float loss_sum = group_sum(scratch, loss_acc);
        const float r_sum = group_sum(scratch, r_acc);
        const float scale = last - first == batch ? inv_batch : inv_last;
#if RULE
        apply_rule(w, gsum, m1, m2, r_sum, scale, s, step_scalars, factor, step, l2, l1_threshold,
                   momentum, beta1, beta2, epsilon, decay);
        if (lid == 0) losses[s] = loss_sum * scale;
#else
        for (int d = lid; d < FEATURES; d += WGS) {
            w[d] -= step * (scale * gsum[d]);
            gsum[d] = 0.0f;
        }
        if (lid == 0) {
            w[FEATURES] -= step * (scale * r_sum);
            losses[s] = loss_sum * scale;
        }
#endif
#if PREFETCH_NEXT
        if (fetch) stage_store(tile, sr, su, ahead);
#endif
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    for (int d = lid; d <= FEATURES; d += WGS) params[d] = w[d];
#if RULE
    store_rule_state(first_moment, second_moment, m1, m2);
#endif
}

// One step of a large batch, first half: work-group g takes rows [g·rows_per_group, ...) of batch
// `step_index` and writes its sums: partial[g] = (Σ r x[0..FEATURES), Σ r, Σ r²).
__kernel __attribute__((reqd_work_group_size(WGS, 1, 1)))
void linear_step_partial(__global const float* x, __global const float* y, __global const int* order,
                         __global const float* params, __global float* partial,
                         const int rows, const int batch, const int step_index, const int rows_per_group) {
    __local float w[FEATURES + 1];
    __local float gsum[FEATURES];
    __local float r_chunk[WGS];
    __local int row_chunk[WGS];
    __local float scratch[WGS];
    __local float tile[TILE_ROWS * PITCH];
    const int lid = get_local_id(0);
    load_parameters(params, w, gsum);

    const int batch_first = step_index * batch;
    const int batch_last = min(batch_first + batch, rows);
    const int first = min(batch_first + (int)get_group_id(0) * rows_per_group, batch_last);
    const int last = min(first + rows_per_group, batch_last);
    float loss_acc = 0.0f, r_acc = 0.0f;
    accumulate_rows(x, y, order, first, last, w, gsum, r_chunk, row_chunk, tile, scratch, &loss_acc, &r_acc, 0, last);
    const float loss_sum = group_sum(scratch, loss_acc);
    const float r_sum = group_sum(scratch, r_acc);

    __global float* out = partial + (size_t)get_group_id(0) * (FEATURES + 2);
    for (int d = lid; d < FEATURES; d += WGS) out[d] = gsum[d];
    if (lid == 0) {
        out[FEATURES] = r_sum;
        out[FEATURES + 1] = loss_sum;
    }
}

// One step of a large batch, second half: one work-group sums the groups' partials in index order,
// updates the parameters and records the loss. inv_batch and inv_last as for linear_train_epoch.
__kernel __attribute__((reqd_work_group_size(WGS, 1, 1)))
void linear_step_update(__global const float* partial, __global float* params, __global float* losses,
                        const int groups, const int rows, const int batch, const int step_index, const float step,
                        const float inv_batch, const float inv_last) {
    const int count = min(batch, rows - step_index * batch);
    const float scale = count == batch ? inv_batch : inv_last;
    for (int d = get_local_id(0); d < FEATURES + 2; d += WGS) {
        float acc = 0.0f;
        for (int g = 0; g < groups; g++) acc += partial[(size_t)g * (FEATURES + 2) + d];
        if (d <= FEATURES) params[d] -= step * (scale * acc);
        else losses[step_index] = acc * scale;
    }
}
