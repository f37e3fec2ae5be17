#!/usr/bin/env bash
# Issue 14's read-bandwidth targets on 1,048,576 × 64 (descent bench's synthetic rows): an epoch
# at batch 65536 and 4096 with --shuffle chunks (its defaults for each batch size) and with
# --shuffle rows, in interleaved rounds; the fraction is of the read bandwidth measured over the
# training rows in the same process. BASE=/folder also runs the descent binary there (a build
# before a change) with the same flags, and CHUNK_ROWS=N adds this build with --chunk-rows N.
#   swift build -c release --product descent && Bench/chunk_shuffle.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
flags=(bench --backend opencl --batch-sizes 65536,4096 --epochs 2 --repeats 5)
run() {  # label, binary, extra flags
    local label=$1 binary=$2; shift 2
    echo "-- $label"
    "$binary" "${flags[@]}" "$@" 2>&1 | grep -E 'over the training rows|^opencl +[0-9]|shuffle (chunks|rows)'
}
echo "== ${flags[*]} (1,048,576 x 64), $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $(git rev-parse --short HEAD)"
for round in $(seq 1 "$rounds"); do
    echo "-- round $round"
    run "chunks" .build/release/descent --shuffle chunks
    run "rows" .build/release/descent --shuffle rows
    if [ -n "${CHUNK_ROWS:-}" ]; then run "chunks, --chunk-rows $CHUNK_ROWS" .build/release/descent --shuffle chunks --chunk-rows "$CHUNK_ROWS"; fi
    if [ -n "${BASE:-}" ]; then
        run "base chunks" "$BASE/descent" --shuffle chunks
        run "base rows" "$BASE/descent" --shuffle rows
    fi
done
echo "== load after $(cut -d' ' -f1-3 /proc/loadavg)"
