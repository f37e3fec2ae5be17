#!/usr/bin/env python3
"""Medians of a Bench/mlp_peers run (ROUNDS ≥ 1) as a Markdown table: samples/s per contender,
optimizer and batch size, the best peer per optimizer and batch, and descent's ratio to it.

  ROUNDS=3 Bench/mlp_peers | tee out.txt; python3 Bench/mlp_peers_table.py out.txt
"""
import re
import statistics
import sys
from collections import defaultdict

PEER = re.compile(r'^(numpy×\d|pytorch×\d) mlp \S+ (sgd|adam(?: \(\w+\))?) batch\s+(\d+):\s+([\d.e+-]+) samples/s')
DESCENT = re.compile(r'^(descent-\w+) (sgd|adam)\s+(\d+)\s+[\d.]+\s+[\d.]+\s+\d+\s+([\d.]+)\s')
MATMUL = re.compile(r'^(numpy×\d) float32 matmul .*: ([\d.]+) GFLOP/s')


def main(path):
    samples, ceilings = defaultdict(list), defaultdict(list)
    for line in open(path, encoding='utf-8'):
        if m := PEER.match(line):
            samples[(m[1], m[2], int(m[3]))].append(float(m[4]))
        elif m := DESCENT.match(line):
            samples[(m[1], m[2], int(m[3]))].append(float(m[4]) * 1e6)
        elif m := MATMUL.match(line):
            ceilings[m[1]].append(float(m[2]))
    batches = sorted({b for _, _, b in samples})
    contenders = sorted({(c, o) for c, o, _ in samples}, key=lambda x: (x[0].startswith('descent'), x[1], x[0]))
    median = {k: statistics.median(v) for k, v in samples.items()}
    print('| samples/s (median of rounds) | ' + ' | '.join(f'batch {b}' for b in batches) + ' |')
    print('| --- |' + ' --- |' * len(batches))
    for c, o in contenders:
        cells = [f"{median[(c, o, b)]:.3g} ({len(samples[(c, o, b)])})" if (c, o, b) in median else '' for b in batches]
        print(f'| {c} {o} | ' + ' | '.join(cells) + ' |')
    for rule in ('sgd', 'adam'):
        best = {b: max(((median[k], k[0] + ' ' + k[1]) for k in median if k[2] == b and not k[0].startswith('descent')
                        and k[1].startswith(rule)), default=None) for b in batches}
        print(f"\nbest peer, {rule}: " + '; '.join(f"batch {b}: {v[0]:.3g} ({v[1]})" for b, v in best.items() if v))
        for c in sorted({c for c, o in contenders if c.startswith('descent') and o == rule}):
            ratios = [f"batch {b}: {median[(c, rule, b)] / best[b][0]:.2f}×" for b in batches if (c, rule, b) in median and best[b]]
            print(f"{c} {rule} / best peer: " + '; '.join(ratios))
    for peer, values in sorted(ceilings.items()):
        print(f"{peer} matmul 4096×256·(256×256)ᵀ: median {statistics.median(values):.1f} GFLOP/s, best {max(values):.1f} ({len(values)} runs)")


if __name__ == '__main__':
    main(sys.argv[1])
