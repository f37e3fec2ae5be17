#!/usr/bin/env python3
"""The numpy-by-hand peer for the MLP benchmark (issue 10): an MLP 64→256→256→1, ReLU, MSE,
plain SGD or Adam, forward, backward and update written out by hand in float32, timed over one
epoch of N synthetic rows at each batch size (samples/s); and numpy's float32 matrix-multiply
ceiling on this machine (GFLOP/s of a 4096×256 · 256×256 product), measured in the same run, to
set the OpenCL kernels' matmul GFLOP/s beside. A logistic regression (binary cross-entropy from
logits, plain SGD) on the same rows too, unless --no-logistic.

  python3 Bench/mlp_numpy.py [--rows 131072] [--batch-sizes 64,256,4096] [--max-seconds 20]
                             [--optimizer sgd|adam] [--learning-rate LR] [--threads N] [--no-logistic] [--json out.json]

Adam is PyTorch's `torch.optim.Adam` (no weight decay, no amsgrad): bias-corrected moments, ε added
after √v̂, lr 1e-3 unless given (SGD: 0.01). --threads limits the BLAS threads through threadpoolctl
(or set OPENBLAS_NUM_THREADS before starting). Each timing is one pass over the rows (or as many
batches as fit in --max-seconds, for a shared machine), after one warm-up batch; samples/s = rows
trained / seconds.
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


class Adam:
    """torch.optim.Adam's update by hand, in place, float32: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
    p ← p − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε). One scratch buffer per tensor, so that a step
    allocates nothing (what a careful hand-written loop does)."""

    def __init__(self, tensors, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps, self.t = lr, beta1, beta2, eps, 0
        self.state = {id(p): (np.zeros_like(p), np.zeros_like(p), np.empty_like(p)) for p in tensors}

    def begin_step(self):
        self.t += 1
        self.step_size = np.float32(self.lr / (1 - self.beta1 ** self.t))
        self.correction2 = np.float32(np.sqrt(1 - self.beta2 ** self.t))

    def update(self, p, g):
        m, v, scratch = self.state[id(p)]
        m *= np.float32(self.beta1)
        np.multiply(g, np.float32(1 - self.beta1), out=scratch)
        m += scratch
        v *= np.float32(self.beta2)
        np.multiply(g, g, out=scratch)
        scratch *= np.float32(1 - self.beta2)
        v += scratch
        np.sqrt(v, out=scratch)
        scratch /= self.correction2
        scratch += np.float32(self.eps)
        np.divide(m, scratch, out=scratch)
        scratch *= self.step_size
        p -= scratch


class SGD:
    def __init__(self, lr):
        self.lr = np.float32(lr)

    def begin_step(self):
        pass

    def update(self, p, g):
        p -= self.lr * g


def mlp_epoch(x, y, batch, widths, lr, max_seconds, rng, optimizer='sgd'):
    """Trains one epoch (or until max_seconds); returns (rows trained, seconds, last loss)."""
    params = [(he(rng, widths[l + 1], widths[l]), np.zeros(widths[l + 1], np.float32)) for l in range(len(widths) - 1)]
    order = rng.permutation(len(x))
    rule = Adam([t for layer in params for t in layer], lr) if optimizer == 'adam' else SGD(lr)
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
        rule.begin_step()
        for l in range(len(params) - 1, -1, -1):  # backward
            w, b = params[l]
            gw, gb = delta.T @ a[l], delta.sum(axis=0)
            if l > 0:
                delta = (delta @ w) * (a[l] > 0)
            rule.update(w, gw)
            rule.update(b, gb)
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
    parser.add_argument('--optimizer', choices=['sgd', 'adam'], default='sgd')
    parser.add_argument('--learning-rate', type=float, help='default: 0.01 for sgd, 1e-3 for adam')
    parser.add_argument('--max-seconds', type=float, default=20)
    parser.add_argument('--threads', type=int, help='BLAS threads (threadpoolctl); default: as installed or OPENBLAS_NUM_THREADS')
    parser.add_argument('--no-logistic', action='store_true')
    parser.add_argument('--json')
    args = parser.parse_args()
    if args.threads:
        from threadpoolctl import threadpool_limits
        threadpool_limits(args.threads)
    lr = args.learning_rate or (1e-3 if args.optimizer == 'adam' else 0.01)
    x, y = data(args.rows, args.features)
    widths = [args.features] + [int(h) for h in args.hidden.split(',')] + [1]
    records = [{'peer': 'numpy', 'workload': 'matmul 4096x256x256', 'gflops': matmul_ceiling()}]
    print(f"numpy float32 matmul 4096×256·(256×256)ᵀ: {records[0]['gflops']:.1f} GFLOP/s")
    for batch in [int(b) for b in args.batch_sizes.split(',')]:
        trained, seconds, loss = mlp_epoch(x, y, batch, widths, lr, args.max_seconds, np.random.default_rng(batch), args.optimizer)
        flops = 6 * sum(widths[l] * widths[l + 1] for l in range(len(widths) - 1)) * trained  # forward 2, backward 4 per MAC
        records.append({'peer': 'numpy', 'workload': 'mlp ' + '-'.join(map(str, widths)), 'optimizer': args.optimizer, 'batch': batch, 'rows': trained,
                        'seconds': seconds, 'samples_per_second': trained / seconds, 'gflops': flops / seconds / 1e9, 'loss': loss})
        print(f"numpy mlp {'→'.join(map(str, widths))} {args.optimizer} batch {batch:5d}: {trained / seconds:10.3e} samples/s "
              f"({flops / seconds / 1e9:.1f} GFLOP/s, {trained} rows in {seconds:.2f} s, loss {loss:.4f})")
    for batch in [] if args.no_logistic else [int(b) for b in args.batch_sizes.split(',')]:
        trained, seconds, loss = logistic_epoch(x, y, batch, 0.5, args.max_seconds, np.random.default_rng(batch))
        records.append({'peer': 'numpy', 'workload': 'logistic', 'batch': batch, 'rows': trained, 'seconds': seconds,
                        'samples_per_second': trained / seconds, 'loss': loss})
        print(f"numpy logistic batch {batch:5d}: {trained / seconds:10.3e} samples/s (loss {loss:.4f})")
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(records, f, indent=1)


if __name__ == '__main__':
    main()
