// bench.cl: the yardstick for the benchmark's bandwidth figures. A plain read-once reduction over
// a buffer, with float4 loads, so the time is the device's read bandwidth and nothing else. The
// work-items take blocks of `block` consecutive float4s in a grid-stride loop: block 1 on a GPU
// (neighbouring work-items read neighbouring addresses, so the loads coalesce), one contiguous
// slice per work-item on a CPU (each thread streams its own range). The sums are written so the
// reads cannot be optimised away.

__kernel void read_bandwidth(__global const float4* data, __global float* sums, const int count4, const int block) {
    const int item = get_global_id(0);
    const int stride = get_global_size(0) * block;
    float4 acc = (float4)(0.0f);
    for (int first = item * block; first < count4; first += stride) {
        const int last = min(first + block, count4);
        for (int i = first; i < last; i++) acc += data[i];
    }
    sums[item] = acc.x + acc.y + acc.z + acc.w;
}
