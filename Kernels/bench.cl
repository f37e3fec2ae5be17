// bench.cl: the yardstick for the benchmark's bandwidth figures. A plain read-once reduction over
// a buffer, so the time is the device's read bandwidth and nothing else. The work-items take
// blocks of `block` consecutive float4s in a grid-stride loop: block 1 on a GPU (neighbouring
// work-items read neighbouring float4s, so the loads coalesce), one contiguous slice per
// work-item on a CPU (each thread streams its own range). Within a block, two cache lines per
// iteration into two float16 sums: one float4 sum is a chain of dependent additions, 16 bytes
// per addition's latency (about 20 GB/s a core at 3.7 GHz), close to what the memory delivers
// on the project's box and below it on faster memory. The sums are written so the reads cannot
// be optimised away.

__kernel void read_bandwidth(__global const float4* data, __global float* sums, const int count4, const int block) {
    const int item = get_global_id(0);
    const int stride = get_global_size(0) * block;
    float16 a0 = (float16)(0.0f), a1 = (float16)(0.0f);
    float4 tail = (float4)(0.0f);
    for (int first = item * block; first < count4; first += stride) {
        const int last = min(first + block, count4);
        int i = first;
        for (; i + 8 <= last; i += 8) {
            a0 += vload16(0, (__global const float*)(data + i));
            a1 += vload16(0, (__global const float*)(data + i + 4));
        }
        for (; i < last; i++) tail += data[i];
    }
    const float16 a = a0 + a1;
    const float8 h = a.lo + a.hi;
    const float4 q = h.lo + h.hi + tail;
    sums[item] = q.x + q.y + q.z + q.w;
}
