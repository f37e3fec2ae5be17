#!/usr/bin/env python3
"""Writes N × (F + 1) float32 synthetic regression rows (features, then the target) as an .npy
array, a block at a time (never the whole array in memory): issue 14's larger-than-memory runs.

  python3 Bench/write_npy.py big.npy --rows 10000000 --features 64

The target is x·w + 0.1·noise with w fixed by the seed, so a trained linear model can be judged;
with --classes K, the class 0 … K−1 of that value's place among K equal bands of its range around 0
(K = 2: its sign), a classification target.
"""
import argparse

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('path')
    parser.add_argument('--rows', type=int, default=10_000_000)
    parser.add_argument('--features', type=int, default=64)
    parser.add_argument('--seed', type=int, default=14)
    parser.add_argument('--classes', type=int, default=0)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    w = rng.standard_normal(args.features).astype(np.float32)
    out = np.lib.format.open_memmap(args.path, mode='w+', dtype='<f4', shape=(args.rows, args.features + 1))
    block = 1 << 18
    for first in range(0, args.rows, block):
        last = min(first + block, args.rows)
        x = rng.standard_normal((last - first, args.features), dtype=np.float32)
        out[first:last, :-1] = x
        y = x @ w + np.float32(0.1) * rng.standard_normal(last - first, dtype=np.float32)
        if args.classes:
            edges = np.linspace(-1, 1, args.classes + 1)[1:-1] * np.float32(np.linalg.norm(w))
            y = np.searchsorted(edges, y).astype(np.float32)
        out[first:last, -1] = y
    out.flush()
    del out


if __name__ == '__main__':
    main()
