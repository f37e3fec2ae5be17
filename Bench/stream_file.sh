#!/usr/bin/env bash
# Issue 14's larger-than-memory run (BENCHMARKS.md, "Training from a file read a piece at a time"):
# a 10,000,000 × 64 float32 .npy array (2.6 GB, written a block at a time), one epoch of `descent
# train` with the device capped to 512 MB, wall time and peak resident memory of the whole process.
#   Bench/stream_file.sh                      # writes /tmp/descent-big.npy once, then trains
#   ROWS=1000000 Bench/stream_file.sh         # a smaller file
#   CLASSES=2 MODEL=logistic Bench/stream_file.sh   # a two-class target (CLASSES=10 MODEL=softmax: ten)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-10000000} classes=${CLASSES:-0} model=${MODEL:-linear}
file=${FILE:-/tmp/descent-big-$rows-$classes.npy}
swift build -c release --product descent >&2
[ -f "$file" ] || python3 Bench/write_npy.py "$file" --rows "$rows" --features 64 --classes "$classes"
echo "== $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg); $(ls -l "$file" | awk '{print $5}') bytes"
for batch in ${BATCHES:-4096 65536}; do
    echo "== batch $batch, device capped to 512 MB"
    DESCENT_DEVICE_MEMORY_MB=512 python3 Bench/peak_memory.py .build/release/descent train --data "$file" --model "$model" --epochs 1 \
        --batch-size "$batch" --learning-rate 0.5 --quiet --model-out /tmp/descent-big.model.json --json /tmp/descent-big.json
    python3 -c "import json; d = json.load(open('/tmp/descent-big.json')); print('timings', d['timings'], 'peak MiB', d['peakResidentBytes'] >> 20, 'test accuracy', d.get('classification', {}).get('testAccuracy'))"
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
