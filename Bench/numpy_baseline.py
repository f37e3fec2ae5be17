#!/usr/bin/env python3
"""The course's numpy implementation (tutorial-style mini-batch SGD), in float32, timed on the same
synthetic data `descent bench` trains on, so that the two can be compared in one session.

  python3 Bench/numpy_baseline.py --data bench-data.bin --rows N --features D --batch-sizes 16,256 [--json out.json]

The data file is what `descent bench --write-data` writes: rows×(D+1) float32, little-endian,
each row the features then the target. The training loop is the course's own `Network.train` from
Bench/course.py: shuffle the array in place, slice consecutive batches, forward,
loss, gradient (which runs forward again, as the course's does), update.
"""
import argparse
import json
import statistics
import sys
import time

import os

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from course import Network  # noqa: E402  (the course's own class, unchanged)


def float32_network(features, rng):
    """The course's Network with float32 parameters, so that it computes in float32 on float32 data."""
    net = Network.__new__(Network)
    net.w = rng.standard_normal((features, 1)).astype(np.float32)
    net.b = np.float32(0)
    return net


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--data', required=True)
    parser.add_argument('--rows', type=int, required=True)
    parser.add_argument('--features', type=int, required=True)
    parser.add_argument('--batch-sizes', default='16,256,4096,65536')
    parser.add_argument('--epochs', type=int, default=1)
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--learning-rate', type=float, default=0.01)
    parser.add_argument('--json')
    args = parser.parse_args()

    data = np.fromfile(args.data, dtype='<f4').reshape(args.rows, args.features + 1)
    records = []
    for batch in [int(b) for b in args.batch_sizes.split(',')]:
        times = []
        for repeat in range(args.repeats + 1):  # the first run warms caches and is not counted
            rng = np.random.default_rng(repeat)
            training_data = data.copy()
            net = float32_network(args.features, rng)
            start = time.perf_counter()
            losses = net.train(training_data, args.epochs, batch, np.float32(args.learning_rate), log=None, shuffle=rng.shuffle)
            elapsed = (time.perf_counter() - start) / args.epochs
            if repeat > 0:
                times.append(elapsed)
            if not np.isfinite(losses[-1]):
                sys.exit(f'numpy baseline diverged at batch {batch}')
        epoch = statistics.median(times)
        bytes_per_epoch = args.rows * (args.features + 1) * 4
        records.append({'backend': 'numpy', 'device': 'numpy ' + np.__version__, 'batchSize': batch,
                        'epochSeconds': epoch, 'samplesPerSecond': args.rows / epoch,
                        'gigabytesPerSecond': bytes_per_epoch / epoch / 1e9, 'bandwidthFraction': None,
                        'finalLoss': float(losses[-1])})
        print(f'numpy  batch {batch:>6}  epoch {epoch * 1000:10.1f} ms  {args.rows / epoch / 1e6:8.3f} M samples/s', flush=True)
    if args.json:
        json.dump(records, open(args.json, 'w'), indent=1)


if __name__ == '__main__':
    main()
