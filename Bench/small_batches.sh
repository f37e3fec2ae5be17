#!/usr/bin/env bash
# Issue 14's small batches, in one session on the same 1,048,576 × 64 float32 data: descent bench
# (OpenCL and CPU backends), the vectorised float32 numpy loop (Bench/numpy_vectorised.py) and the
# course's numpy loop (Bench/numpy_baseline.py), then one table with OpenCL's ratio to the
# vectorised loop. The machine's load is printed before and after (ratios from one run; the
# absolute numbers move with the load).
#   Bench/small_batches.sh                      # batches 16,256,4096, the release build
#   BATCHES=16,256 DESCENT=.build/debug/descent Bench/small_batches.sh
#   ROUNDS=5 BATCHES=256 Bench/small_batches.sh   # instead: R rounds alternating the vectorised
#       loop and descent's OpenCL backend (each its own process), a ratio per round and the median,
#       since this shared box's memory moves either by ±25% from one minute to the next
set -euo pipefail
cd "$(dirname "$0")/.."
descent=${DESCENT:-.build/release/descent}
batches=${BATCHES:-16,256,4096} rows=1048576 features=64
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $descent"
"$descent" bench --rows $rows --features $features --write-data "$out/data.bin"
if [ -n "${ROUNDS:-}" ]; then
    for round in $(seq 1 "$ROUNDS"); do
        python3 Bench/numpy_vectorised.py --data "$out/data.bin" --rows $rows --features $features \
            --batch-sizes "$batches" --epochs 1 --repeats 3 --json "$out/numpy-vec-$round.json" > /dev/null
        "$descent" bench --backend opencl --rows $rows --features $features --batch-sizes "$batches" --epochs 2 --repeats 3 \
            --json "$out/descent-$round.json" > /dev/null 2>&1
    done
    python3 - "$out" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
ratios = {}
for r in range(1, rounds + 1):
    numpy = {x['batchSize']: x['samplesPerSecond'] for x in json.load(open(f'{out}/numpy-vec-{r}.json'))}
    for x in json.load(open(f'{out}/descent-{r}.json')):
        b = x['batchSize']
        ratios.setdefault(b, []).append(x['samplesPerSecond'] / numpy[b])
        print(f"round {r} batch {b}: descent OpenCL {x['samplesPerSecond'] / 1e6:.3f}, numpy vectorised {numpy[b] / 1e6:.3f} M samples/s: {ratios[b][-1]:.2f}x")
for b, values in sorted(ratios.items()):
    print(f"batch {b}: median {statistics.median(values):.2f}x over {len(values)} rounds ({min(values):.2f} to {max(values):.2f})")
PY
    echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
    rm -f "$out/data.bin"
    exit 0
fi
python3 Bench/numpy_vectorised.py --data "$out/data.bin" --rows $rows --features $features \
    --batch-sizes "$batches" --epochs 1 --repeats 3 --json "$out/numpy-vec.json"
python3 Bench/numpy_baseline.py --data "$out/data.bin" --rows $rows --features $features \
    --batch-sizes "$batches" --epochs 1 --repeats 1 --json "$out/numpy.json"
"$descent" bench --backend all --rows $rows --features $features --batch-sizes "$batches" --epochs 2 --repeats 3 \
    --json "$out/descent.json"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
records = json.load(open(f'{out}/descent.json')) + json.load(open(f'{out}/numpy-vec.json')) + json.load(open(f'{out}/numpy.json'))
rate = {(r['backend'], r['batchSize']): r['samplesPerSecond'] / 1e6 for r in records}
columns = ['opencl', 'cpu', 'numpy-vec', 'numpy']
print('| M samples/s | descent OpenCL | descent CPU | numpy vectorised | numpy course loop | OpenCL / vectorised |')
print('|---|---|---|---|---|---|')
for batch in sorted({b for _, b in rate}):
    cells = [f"{rate[(c, batch)]:.3f}" if (c, batch) in rate else '–' for c in columns]
    ratio = rate.get(('opencl', batch), 0) / rate[('numpy-vec', batch)] if ('numpy-vec', batch) in rate else float('nan')
    print(f"| batch {batch} | " + ' | '.join(cells) + f" | {ratio:.1f}× |")
PY
rm -f "$out/data.bin"
