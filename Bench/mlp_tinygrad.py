#!/usr/bin/env python3
"""The tinygrad peer for the MLP benchmark (issue 10): the same MLP 64→256→256→1 (ReLU, MSE,
plain SGD, lr 0.01) as Bench/mlp_numpy.py, on the same synthetic rows, samples/s per batch size,
float32, one jitted step (TinyJit) per batch. `pip install tinygrad` (0.14.0 here). The device is
tinygrad's default unless DEV is set: `DEV=CL` runs it on OpenCL (PoCL here), `DEV=CPU` on its
own compiled C. The batch's rows are gathered on the host and copied in, as a data loader would.

  DEV=CL python3 Bench/mlp_tinygrad.py [--rows 131072] [--batch-sizes 64,256,4096] [--max-seconds 20]
"""
import argparse
import os
import sys
import time

import numpy as np
from tinygrad import Context, Device, Tensor, TinyJit, nn

sys.path.insert(0, os.path.dirname(__file__))
from mlp_numpy import data  # noqa: E402


class MLP:
    def __init__(self):
        self.layers = [nn.Linear(64, 256), nn.Linear(256, 256), nn.Linear(256, 1)]

    def __call__(self, x):
        return self.layers[2](self.layers[1](self.layers[0](x).relu()).relu())


def epoch(x, y, batch, lr, max_seconds, seed):
    Tensor.manual_seed(batch)
    model = MLP()
    optimiser = nn.optim.SGD(nn.state.get_parameters(model), lr=lr)

    @TinyJit
    def step(xb, yb):
        with Context(TRAINING=1):
            optimiser.zero_grad()
            loss = ((model(xb).squeeze(1) - yb) ** 2).mean()
            loss.backward()
            optimiser.step()
            return loss.realize()

    order = np.random.default_rng(seed).permutation(len(x))
    trained, loss, start = 0, float('nan'), None
    for number, first in enumerate(range(0, len(x) - batch + 1, batch)):  # whole batches: the jit's shapes are fixed
        if number == 3:  # the jit captures on its first steps
            start, trained = time.perf_counter(), 0
        index = order[first:first + batch]
        loss = step(Tensor(x[index]), Tensor(y[index])).item()
        trained += batch
        if start is not None and time.perf_counter() - start > max_seconds:
            break
    return trained, time.perf_counter() - start, loss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--rows', type=int, default=131072)
    parser.add_argument('--batch-sizes', default='64,256,4096')
    parser.add_argument('--max-seconds', type=float, default=20)
    args = parser.parse_args()
    x, y = data(args.rows, 64)
    print(f"tinygrad on {Device.DEFAULT}")
    for batch in [int(b) for b in args.batch_sizes.split(',')]:
        trained, seconds, loss = epoch(x, y, batch, 0.01, args.max_seconds, batch)
        print(f"tinygrad mlp 64→256→256→1 batch {batch:5d}: {trained / seconds:10.3e} samples/s ({trained} rows in {seconds:.2f} s, loss {loss:.4f})")


if __name__ == '__main__':
    main()
