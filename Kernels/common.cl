// common.cl: definitions shared by every kernel family. The host prepends `#define` lines with the
// tuning values it chose for the device; the defaults below keep each file compilable on its own.

#ifndef WGS
#define WGS 64          // work-group size; a power of two (the tree reductions halve it)
#endif

// The sum of `value` over the work-group, the same on every work-item, by a fixed binary tree in
// local memory: the same inputs give the same bits on every run. Every work-item of the group must
// call it (it contains barriers); `scratch` holds WGS floats.
static inline float group_sum(__local float* scratch, const float value) {
    const int lid = get_local_id(0);
    scratch[lid] = value;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int width = WGS / 2; width > 0; width >>= 1) {
        if (lid < width) scratch[lid] += scratch[lid + width];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const float total = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);  // scratch is free again for the caller's next use
    return total;
}
