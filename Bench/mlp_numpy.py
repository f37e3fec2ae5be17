#!/usr/bin/env python3
"""The numpy-by-hand peer for the MLP benchmark (issue 10): an MLP 64→256→256→1, ReLU, MSE,
plain SGD, forward and backward written out by hand in float32, timed over one epoch of N
synthetic rows at each batch size (samples/s); and numpy's float32 matrix-multiply ceiling on
this machine (GFLOP/s of a 4096×256 · 256×256 product), measured in the same run, to set the
OpenCL kernels' matmul GFLOP/s beside. A logistic regression (binary cross-entropy from logits)
on the same rows too.

  python3 Bench/mlp_numpy.py [--rows 131072] [--batch-sizes 64,256,4096] [--max-seconds 20] [--json out.json]

Each timing is one pass over the rows (or as many batches as fit in --max-seconds, for a shared
machine), after one warm-up batch; samples/s = rows trained / seconds.
"""
import argparse
import json
import time

import numpy as np


def data(rows, features, seed=1):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, features), dtype=np.float32)
    w = rng.standard_normal(features, dtype=np.float32) / np.sqrt(features)
    y = np.sin(x @ w).astype(np.float32)
    return x, y


def he(rng, outs, ins):
    return (rng.standard_normal((outs, ins)) * np.sqrt(2.0 / ins)).astype(np.float32)


def mlp_epoch(x, y, batch, widths, lr, max_seconds, rng):
    """Trains one epoch (or until max_seconds); returns (rows trained, seconds, last loss)."""
    params = [(he(rng, widths[l + 1], widths[l]), np.zeros(widths[l + 1], np.float32)) for l in range(len(widths) - 1)]
    order = rng.permutation(len(x))
    lr = np.float32(lr)
    trained, loss, start = 0, np.nan, None
    for step, first in enumerate(range(0, len(x), batch)):
        if step == 1:
            start = time.perf_counter()  # the first batch warms up
            trained = 0
        index = order[first:first + batch]
        a = [x[index]]
        for l, (w, b) in enumerate(params):  # forward: z = a·Wᵀ + b, ReLU on hidden layers
            z = a[-1] @ w.T + b
            a.append(np.maximum(z, 0) if l < len(params) - 1 else z)
        r = a[-1][:, 0] - y[index]
        n = np.float32(len(index))
        loss = float(r @ r / n)
        delta = (np.float32(2) / n * r)[:, None]  # ∂(mean r²)/∂z
        for l in range(len(params) - 1, -1, -1):  # backward
            w, b = params[l]
            gw, gb = delta.T @ a[l], delta.sum(axis=0)
            if l > 0:
                delta = (delta @ w) * (a[l] > 0)
            w -= lr * gw
            b -= lr * gb
        trained += len(index)
        if start is not None and time.perf_counter() - start > max_seconds:
            break
    return trained, time.perf_counter() - start, loss


def logistic_epoch(x, y, batch, lr, max_seconds, rng):
    labels = (y > 0).astype(np.float32)
    w, b = np.zeros(x.shape[1], np.float32), np.float32(0)
    order = rng.permutation(len(x))
    trained, loss, start = 0, np.nan, None
    for step, first in enumerate(range(0, len(x), batch)):
        if step == 1:
            start, trained = time.perf_counter(), 0
        index = order[first:first + batch]
        xb, t = x[index], labels[index]
        z = xb @ w + b
        loss = float(np.mean(np.maximum(z, 0) - z * t + np.log1p(np.exp(-np.abs(z)))))
        p = np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))
        g = (p - t) / np.float32(len(index))
        w -= np.float32(lr) * (g @ xb)
        b -= np.float32(lr) * g.sum()
        trained += len(index)
        if start is not None and time.perf_counter() - start > max_seconds:
            break
    return trained, time.perf_counter() - start, loss


def matmul_ceiling(repeats=20):
    """GFLOP/s of numpy's float32 4096×256 · 256×256 product (the batch-4096 layer), best of repeats."""
    rng = np.random.default_rng(0)
    a = rng.standard_normal((4096, 256), dtype=np.float32)
    w = rng.standard_normal((256, 256), dtype=np.float32)
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        a @ w.T
        best = min(best, time.perf_counter() - start)
    return 2 * 4096 * 256 * 256 / best / 1e9


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--rows', type=int, default=131072)
    parser.add_argument('--features', type=int, default=64)
    parser.add_argument('--hidden', default='256,256')
    parser.add_argument('--batch-sizes', default='64,256,4096')
    parser.add_argument('--learning-rate', type=float, default=0.01)
    parser.add_argument('--max-seconds', type=float, default=20)
    parser.add_argument('--json')
    args = parser.parse_args()
    x, y = data(args.rows, args.features)
    widths = [args.features] + [int(h) for h in args.hidden.split(',')] + [1]
    records = [{'peer': 'numpy', 'workload': 'matmul 4096x256x256', 'gflops': matmul_ceiling()}]
    print(f"numpy float32 matmul 4096×256·(256×256)ᵀ: {records[0]['gflops']:.1f} GFLOP/s")
    for batch in [int(b) for b in args.batch_sizes.split(',')]:
        trained, seconds, loss = mlp_epoch(x, y, batch, widths, args.learning_rate, args.max_seconds, np.random.default_rng(batch))
        flops = 6 * sum(widths[l] * widths[l + 1] for l in range(len(widths) - 1)) * trained  # forward 2, backward 4 per MAC
        records.append({'peer': 'numpy', 'workload': 'mlp ' + '-'.join(map(str, widths)), 'batch': batch, 'rows': trained,
                        'seconds': seconds, 'samples_per_second': trained / seconds, 'gflops': flops / seconds / 1e9, 'loss': loss})
        print(f"numpy mlp {'→'.join(map(str, widths))} batch {batch:5d}: {trained / seconds:10.3e} samples/s "
              f"({flops / seconds / 1e9:.1f} GFLOP/s, {trained} rows in {seconds:.2f} s, loss {loss:.4f})")
    for batch in [int(b) for b in args.batch_sizes.split(',')]:
        trained, seconds, loss = logistic_epoch(x, y, batch, 0.5, args.max_seconds, np.random.default_rng(batch))
        records.append({'peer': 'numpy', 'workload': 'logistic', 'batch': batch, 'rows': trained, 'seconds': seconds,
                        'samples_per_second': trained / seconds, 'loss': loss})
        print(f"numpy logistic batch {batch:5d}: {trained / seconds:10.3e} samples/s (loss {loss:.4f})")
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(records, f, indent=1)


if __name__ == '__main__':
    main()
