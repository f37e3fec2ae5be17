#!/usr/bin/env python3
"""The logistic-regression peers of issue 10's "Speed" target, alone (Bench/mlp_numpy.py and
Bench/mlp_torch.py run them after the MLP): binary cross-entropy from logits, plain SGD (lr 0.5),
float32, on the same N × 64 synthetic rows (class: the sign of the regression target), one epoch
or --max-seconds after a warm-up batch, samples/s per batch size. numpy by hand always; PyTorch
CPU (autograd, torch.nn.Linear) when it imports. Run with one BLAS / intra-op thread on a shared
machine (Bench/logistic_vs_linear does).

  python3 Bench/logistic_peers.py [--rows 131072] [--batch-sizes 256,4096] [--max-seconds 8] [--threads 1]
"""
import argparse

import numpy as np

from mlp_numpy import data, logistic_epoch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--rows', type=int, default=131072)
    parser.add_argument('--batch-sizes', default='256,4096')
    parser.add_argument('--max-seconds', type=float, default=8)
    parser.add_argument('--threads', type=int, default=1)
    args = parser.parse_args()
    batches = [int(b) for b in args.batch_sizes.split(',')]
    x, y = data(args.rows, 64)
    for batch in batches:
        trained, seconds, loss = logistic_epoch(x, y, batch, 0.5, args.max_seconds, np.random.default_rng(batch))
        print(f"numpy logistic batch {batch:5d}: {trained / seconds:10.3e} samples/s ({trained} rows in {seconds:.2f} s, loss {loss:.4f})")
    try:
        import torch
        from mlp_torch import epoch
    except ImportError:
        print("PyTorch: not installed (pip install torch==2.13.0+cpu)")
        return
    torch.set_num_threads(args.threads)
    xt, labels = torch.from_numpy(x), torch.from_numpy((y > 0).astype(np.float32))
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    for batch in batches:
        torch.manual_seed(batch)
        model = torch.nn.Linear(64, 1)
        trained, seconds, loss = epoch(model, torch.nn.functional.binary_cross_entropy_with_logits, xt, labels, batch, 0.5,
                                       args.max_seconds, batch)
        print(f"pytorch logistic batch {batch:5d}: {trained / seconds:10.3e} samples/s ({trained} rows in {seconds:.2f} s, loss {loss:.4f})")


if __name__ == '__main__':
    main()
