#!/usr/bin/env python3
"""The PaddlePaddle CPU peer for the MLP benchmark (issue 10): the same MLP 64→256→256→1 (ReLU,
MSE, plain SGD, lr 0.01) as Bench/mlp_numpy.py, on the same synthetic rows, samples/s per batch
size, float32, dynamic graph. `pip install paddlepaddle` (3.3.1 installed here from PyPI).
One math-library thread by default (the machine is shared).

  python3 Bench/mlp_paddle.py [--rows 131072] [--batch-sizes 64,256,4096] [--max-seconds 20] [--threads 1]
"""
import argparse
import os
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument('--rows', type=int, default=131072)
parser.add_argument('--batch-sizes', default='64,256,4096')
parser.add_argument('--max-seconds', type=float, default=20)
parser.add_argument('--threads', type=int, default=1)
args = parser.parse_args()
for name in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS'):
    os.environ[name] = str(args.threads)  # before paddle loads its math libraries

import numpy as np  # noqa: E402
import paddle  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from mlp_numpy import data  # noqa: E402


def epoch(model, x, y, batch, lr, max_seconds, seed):
    optimiser = paddle.optimizer.SGD(learning_rate=lr, parameters=model.parameters())
    order = np.random.default_rng(seed).permutation(len(x))
    trained, loss, start = 0, float('nan'), None
    for step, first in enumerate(range(0, len(x), batch)):
        if step == 1:
            start, trained = time.perf_counter(), 0
        index = paddle.to_tensor(order[first:first + batch])
        out = paddle.nn.functional.mse_loss(model(paddle.gather(x, index)).squeeze(1), paddle.gather(y, index))
        out.backward()
        optimiser.step()
        optimiser.clear_grad()
        loss = float(out)
        trained += len(index)
        if start is not None and time.perf_counter() - start > max_seconds:
            break
    return trained, time.perf_counter() - start, loss


def main():
    paddle.set_device('cpu')
    xn, yn = data(args.rows, 64)
    x, y = paddle.to_tensor(xn), paddle.to_tensor(yn)
    print(f"paddle {paddle.__version__}, {args.threads} thread(s)")
    for batch in [int(b) for b in args.batch_sizes.split(',')]:
        paddle.seed(batch)
        mlp = paddle.nn.Sequential(paddle.nn.Linear(64, 256), paddle.nn.ReLU(), paddle.nn.Linear(256, 256), paddle.nn.ReLU(),
                                   paddle.nn.Linear(256, 1))
        trained, seconds, loss = epoch(mlp, x, y, batch, 0.01, args.max_seconds, batch)
        print(f"paddle mlp 64→256→256→1 batch {batch:5d}: {trained / seconds:10.3e} samples/s ({trained} rows in {seconds:.2f} s, loss {loss:.4f})")


if __name__ == '__main__':
    main()
