#!/usr/bin/env python3
"""The PyTorch CPU peer for the MLP benchmark (issue 10): the same MLP 64→256→256→1 (ReLU, MSE,
plain SGD at lr 0.01, or `torch.optim.Adam` at lr 1e-3 with --optimizer adam) and logistic regression (binary cross-entropy from logits) as Bench/mlp_numpy.py, on
the same synthetic rows, samples/s per batch size, float32, autograd. Needs the CPU-only wheel
(torch==2.13.0+cpu: `pip install torch==2.13.0+cpu` finds it through this machine's pip find-links,
/opt/wheels, and its few dependencies on PyPI; PyTorch's own index is unreachable here).

  python3 Bench/mlp_torch.py [--rows 131072] [--batch-sizes 64,256,4096] [--max-seconds 20] [--threads 1]
                             [--optimizer sgd|adam] [--adam-impl default|foreach|fused] [--no-logistic] [--json out.json]

--adam-impl picks `torch.optim.Adam`'s implementation: its CPU default (a loop over the tensors),
`foreach=True` (multi-tensor ops) or `fused=True` (one fused kernel, CPU since PyTorch 2.4).
"""
import argparse
import json
import time

import numpy as np
import torch

from mlp_numpy import data


def make_optimiser(parameters, optimizer, lr, adam_impl):
    if optimizer == 'sgd':
        return torch.optim.SGD(parameters, lr=lr)
    options = {'foreach': {'foreach': True}, 'fused': {'fused': True}}.get(adam_impl, {})
    return torch.optim.Adam(parameters, lr=lr, **options)


def epoch(model, loss_fn, x, y, batch, lr, max_seconds, seed, optimizer='sgd', adam_impl='default'):
    optimiser = make_optimiser(model.parameters(), optimizer, lr, adam_impl)
    order = torch.from_numpy(np.random.default_rng(seed).permutation(len(x)))
    trained, loss, start = 0, float('nan'), None
    for step, first in enumerate(range(0, len(x), batch)):
        if step == 1:
            start, trained = time.perf_counter(), 0
        index = order[first:first + batch]
        optimiser.zero_grad(set_to_none=True)
        out = loss_fn(model(x[index]).squeeze(1), y[index])
        out.backward()
        optimiser.step()
        loss = out.item()
        trained += len(index)
        if start is not None and time.perf_counter() - start > max_seconds:
            break
    return trained, time.perf_counter() - start, loss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--rows', type=int, default=131072)
    parser.add_argument('--batch-sizes', default='64,256,4096')
    parser.add_argument('--max-seconds', type=float, default=20)
    parser.add_argument('--threads', type=int, help='torch.set_num_threads (default: as installed; 1 on a shared machine)')
    parser.add_argument('--optimizer', choices=['sgd', 'adam'], default='sgd')
    parser.add_argument('--adam-impl', choices=['default', 'foreach', 'fused'], default='default')
    parser.add_argument('--learning-rate', type=float, help='the MLP\'s: default 0.01 for sgd, 1e-3 for adam')
    parser.add_argument('--no-logistic', action='store_true')
    parser.add_argument('--json')
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    xn, yn = data(args.rows, 64)
    x, y = torch.from_numpy(xn), torch.from_numpy(yn)
    labels = (y > 0).float()
    lr = args.learning_rate or (1e-3 if args.optimizer == 'adam' else 0.01)
    name = args.optimizer + ('' if args.optimizer == 'sgd' or args.adam_impl == 'default' else f' ({args.adam_impl})')
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    records = []
    for batch in [int(b) for b in args.batch_sizes.split(',')]:
        torch.manual_seed(batch)
        mlp = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256), torch.nn.ReLU(), torch.nn.Linear(256, 1))
        trained, seconds, loss = epoch(mlp, torch.nn.functional.mse_loss, x, y, batch, lr, args.max_seconds, batch,
                                       args.optimizer, args.adam_impl)
        records.append({'peer': 'pytorch', 'workload': 'mlp 64-256-256-1', 'optimizer': name, 'batch': batch, 'rows': trained, 'seconds': seconds,
                        'samples_per_second': trained / seconds, 'loss': loss})
        print(f"pytorch mlp 64→256→256→1 {name} batch {batch:5d}: {trained / seconds:10.3e} samples/s ({trained} rows in {seconds:.2f} s, loss {loss:.4f})")
    for batch in [] if args.no_logistic else [int(b) for b in args.batch_sizes.split(',')]:
        logistic = torch.nn.Linear(64, 1)
        trained, seconds, loss = epoch(logistic, torch.nn.functional.binary_cross_entropy_with_logits, x, labels, batch, 0.5, args.max_seconds, batch)
        records.append({'peer': 'pytorch', 'workload': 'logistic', 'batch': batch, 'rows': trained, 'seconds': seconds,
                        'samples_per_second': trained / seconds, 'loss': loss})
        print(f"pytorch logistic batch {batch:5d}: {trained / seconds:10.3e} samples/s (loss {loss:.4f})")
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(records, f, indent=1)


if __name__ == '__main__':
    main()
