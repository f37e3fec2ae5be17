#!/usr/bin/env bash
# A large table with a text label column (issue 14, "real tables"): 1,000,000 rows of 32 '%.7g'
# numbers and a yes/no label, trained as a logistic regression for one epoch, and the same rows
# with 0/1 labels (a file of numbers), each as a whole process in alternation: wall time and peak
# resident memory (Bench/peak_memory.py). BASE=/folder also runs the descent binary there (a build
# before a change) on both files.
#   swift build -c release --product descent && Bench/text_table.sh [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3} dir=${TMPDIR:-/tmp}
python3 - "$dir/descent-text1m.csv" "$dir/descent-num1m.csv" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(2)
n, text, numbers = 1_000_000, open(sys.argv[1], 'w'), open(sys.argv[2], 'w')
header = ','.join(f'x{i}' for i in range(32))
text.write(header + ',label\n'); numbers.write(header + ',label\n')
for start in range(0, n, 50_000):
    x = rng.standard_normal((50_000, 32)).astype(np.float32)
    up = x[:, 0] + x[:, 1] > 0
    for row, label in zip(x, up):
        line = ','.join(f'{v:.7g}' for v in row)
        text.write(line + (',yes\n' if label else ',no\n')); numbers.write(line + (',1\n' if label else ',0\n'))
PY
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $(git rev-parse --short HEAD)"
flags=(train --model logistic --epochs 1 --quiet --model-out "$dir/descent-text-table.model.json")
for round in $(seq 1 "$repeats"); do
    echo "-- round $round"
    echo -n "labels  "; python3 Bench/peak_memory.py .build/release/descent "${flags[@]}" --data "$dir/descent-text1m.csv"
    echo -n "numbers "; python3 Bench/peak_memory.py .build/release/descent "${flags[@]}" --data "$dir/descent-num1m.csv"
    if [ -n "${BASE:-}" ]; then
        echo -n "base labels  "; python3 Bench/peak_memory.py "$BASE/descent" "${flags[@]}" --data "$dir/descent-text1m.csv"
        echo -n "base numbers "; python3 Bench/peak_memory.py "$BASE/descent" "${flags[@]}" --data "$dir/descent-num1m.csv"
    fi
done
rm -f "$dir/descent-text1m.csv" "$dir/descent-num1m.csv" "$dir/descent-text-table.model.json"
