// bench.cl: the yardstick for the benchmark's bandwidth figures. A plain read-once reduction over
// a buffer: each work-item sums a contiguous slice with float4 loads, so the time is the device's
// read bandwidth and nothing else. The sums are written so the reads cannot be optimised away.

__kernel void read_bandwidth(__global const float4* data, __global float* sums, const int count4, const int per_item) {
    const int item = get_global_id(0);
    const int first = item * per_item;
    const int last = min(first + per_item, count4);
    float4 acc = (float4)(0.0f);
    for (int i = first; i < last; i++) acc += data[i];
    sums[item] = acc.x + acc.y + acc.z + acc.w;
}
