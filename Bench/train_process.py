#!/usr/bin/env python3
"""Whole-process time of `descent train` on a user's larger file: 320,000 rows x 32 features of
seeded CSV (written to bench-out/ once), 20 epochs of batch 16 on OpenCL, alternating runs in one
session, median of N. It prices two things `descent train` does that `descent bench` does not:
the submissions in slices of about 0.1 s that let Ctrl-C stop after the step in hand (against
`--slice-seconds 1000000`, whole epochs once the first slices have grown), and the summary's exact
least-squares fit. With a second binary (an older build), that build runs the same command too.
Usage: train_process.py DESCENT [OLDER_DESCENT] [N]"""
import os
import sys

import numpy as np

from process_timing import time_processes

descent = sys.argv[1]
older = sys.argv[2] if len(sys.argv) > 2 and not sys.argv[2].isdigit() else None
runs = int(sys.argv[-1]) if sys.argv[-1].isdigit() else 5

os.makedirs('bench-out', exist_ok=True)
data = 'bench-out/train-320000x32.csv'
if not os.path.exists(data):
    random = np.random.default_rng(1)
    x = random.normal(size=(320_000, 32))
    y = x @ random.normal(size=32) + 0.1 * random.normal(size=320_000)
    header = ','.join([f'x{i}' for i in range(32)] + ['y'])
    np.savetxt(data, np.column_stack([x, y]), delimiter=',', header=header, comments='', fmt='%.6f')

train = ['train', '--data', data, '--backend', 'opencl', '--batch-size', '16', '--epochs', '20', '--quiet',
         '--model-out', '/tmp/descent-bench-train.model.json']
commands = {
    'descent train (slices of ~0.1 s, the default)': [descent] + train,
    'descent train --slice-seconds 1000000': [descent] + train + ['--slice-seconds', '1000000'],
}
if older:
    commands['older build, same command'] = [older] + train
time_processes(commands, runs, baseline='descent train --slice-seconds 1000000', ratio_key='ratio',
               json_path='bench-out/train-process.json')
