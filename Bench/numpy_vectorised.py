#!/usr/bin/env python3
"""A vectorised float32 numpy loop (issue 14), beside the course's loop in numpy_baseline.py: the
fastest plain numpy a user would write for mini-batch SGD on the linear model. Per epoch one
permutation; per batch `x[idx] @ w + b`, the residual, the batch-mean gradient and the update,
all in float32, with no per-row Python.

  python3 Bench/numpy_vectorised.py --data bench-data.bin --rows N --features D --batch-sizes 16,256 [--json out.json]

The data file is what `descent bench --write-data` writes (rows×(D+1) float32, features then
target). The JSON records use `descent bench`'s keys (backend "numpy-vec"), for `--compare`.
"""
import argparse
import json
import statistics
import sys
import time

import numpy as np


def epoch(x, y, w, b, batch, step, rng):
    """One epoch of mini-batch SGD; returns the parameters and the last batch's loss."""
    order = rng.permutation(len(y))
    loss = np.float32(0)
    for first in range(0, len(y), batch):
        idx = order[first:first + batch]
        xb = x[idx]
        r = xb @ w + b - y[idx]
        loss = np.float32(r @ r) / np.float32(len(idx))
        scale = step / np.float32(len(idx))
        w -= scale * (r @ xb)
        b -= scale * r.sum(dtype=np.float32)
    return w, b, loss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--data', required=True)
    parser.add_argument('--rows', type=int, required=True)
    parser.add_argument('--features', type=int, required=True)
    parser.add_argument('--batch-sizes', default='16,256')
    parser.add_argument('--epochs', type=int, default=1)
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--learning-rate', type=float, default=0.01)
    parser.add_argument('--json')
    args = parser.parse_args()

    data = np.fromfile(args.data, dtype='<f4').reshape(args.rows, args.features + 1)
    x, y = np.ascontiguousarray(data[:, :-1]), np.ascontiguousarray(data[:, -1])
    step = np.float32(args.learning_rate)
    records = []
    for batch in [int(b) for b in args.batch_sizes.split(',')]:
        times = []
        for repeat in range(args.repeats + 1):  # the first run warms caches and is not counted
            rng = np.random.default_rng(repeat)
            w, b = rng.standard_normal(args.features).astype(np.float32), np.float32(0)
            start = time.perf_counter()
            for _ in range(args.epochs):
                w, b, loss = epoch(x, y, w, b, batch, step, rng)
            if repeat > 0:
                times.append((time.perf_counter() - start) / args.epochs)
            if not np.isfinite(loss):
                sys.exit(f'vectorised numpy diverged at batch {batch}')
        seconds = statistics.median(times)
        records.append({'backend': 'numpy-vec', 'device': 'numpy ' + np.__version__, 'batchSize': batch,
                        'epochSeconds': seconds, 'samplesPerSecond': args.rows / seconds,
                        'gigabytesPerSecond': args.rows * (args.features + 1) * 4 / seconds / 1e9,
                        'bandwidthFraction': None, 'finalLoss': float(loss)})
        print(f'numpy-vec batch {batch:>6}  epoch {seconds * 1000:10.1f} ms  {args.rows / seconds / 1e6:8.3f} M samples/s', flush=True)
    if args.json:
        json.dump(records, open(args.json, 'w'), indent=1)


if __name__ == '__main__':
    main()
