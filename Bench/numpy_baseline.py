#!/usr/bin/env python3
"""The course's numpy implementation (tutorial-style mini-batch SGD), in float32, timed on the same
synthetic data `descent bench` trains on, so that the two can be compared in one session.

  python3 Bench/numpy_baseline.py --data bench-data.bin --rows N --features D --batch-sizes 16,256 [--json out.json]

The data file is what `descent bench --write-data` writes: rows×(D+1) float32, little-endian,
each row the features then the target. The training loop is the course's `Network.train`
(TUTORIAL.md §4): shuffle the array in place, slice consecutive batches, forward, loss,
gradient (which runs forward again, as the course's does), update.
"""
import argparse
import json
import statistics
import sys
import time

import numpy as np


class Network:
    def __init__(self, num_of_weights, rng):
        self.w = rng.standard_normal((num_of_weights, 1)).astype(np.float32)
        self.b = np.float32(0)

    def forward(self, x):
        return np.dot(x, self.w) + self.b

    def loss(self, z, y):
        error = z - y
        return np.sum(error * error) / error.shape[0]

    def gradient(self, x, y):
        z = self.forward(x)
        n = x.shape[0]
        gradient_w = (np.float32(1. / n) * np.sum((z - y) * x, axis=0))[:, np.newaxis]
        gradient_b = np.float32(1. / n) * np.sum(z - y)
        return gradient_w, gradient_b

    def update(self, gradient_w, gradient_b, eta):
        self.w = self.w - np.float32(eta) * gradient_w
        self.b = self.b - np.float32(eta) * gradient_b

    def train_epoch(self, training_data, batch_size, eta, rng):
        n = len(training_data)
        rng.shuffle(training_data)
        losses = []
        for k in range(0, n, batch_size):
            mini_batch = training_data[k:k + batch_size]
            x = mini_batch[:, :-1]
            y = mini_batch[:, -1:]
            losses.append(self.loss(self.forward(x), y))
            gradient_w, gradient_b = self.gradient(x, y)
            self.update(gradient_w, gradient_b, eta)
        return losses


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
            net = Network(args.features, rng)
            start = time.perf_counter()
            for _ in range(args.epochs):
                losses = net.train_epoch(training_data, batch, args.learning_rate, rng)
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
