"""Reading large files (issue 14): pandas' read_csv (C engine) against `descent convert` on the same
CSV, as whole processes, in the same run.

Writes a seeded ROWS x COLUMNS CSV of '%.7g' numbers with a header row (by default 1,000,000 x 33,
about 335 MB), then runs each command REPEATS times in alternation and reports best and median
wall time, rows/s, and peak resident memory (ru_maxrss of each child, from wait4).

    python3 -m venv --system-site-packages /tmp/bench-venv && /tmp/bench-venv/bin/pip install pandas
    swift build -c release --product descent
    /tmp/bench-venv/bin/python Bench/ingest.py [--rows 1000000] [--columns 33] [--repeats 3]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np


def write_csv(path, rows, columns, seed):
    """'%.7g' numbers, a header x1..xN-1,y; in blocks, so memory stays small."""
    rng = np.random.default_rng(seed)
    with open(path, 'w') as out:
        out.write(','.join([f'x{i + 1}' for i in range(columns - 1)] + ['y']) + '\n')
        block = 50_000
        for start in range(0, rows, block):
            count = min(block, rows - start)
            values = rng.normal(0, 1, (count, columns)) * rng.choice([1e-3, 1, 1e3], (1, columns))
            np.savetxt(out, values, fmt='%.7g', delimiter=',')


def run(command):
    """Wall seconds and peak resident bytes of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    error = child.stderr.read().decode()
    child.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f'{command[0]} failed: {error}')
    return seconds, usage.ru_maxrss * 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--rows', type=int, default=1_000_000)
    parser.add_argument('--columns', type=int, default=33)
    parser.add_argument('--repeats', type=int, default=3)
    parser.add_argument('--seed', type=int, default=14)
    parser.add_argument('--descent', default='.build/release/descent')
    parser.add_argument('--directory', default=tempfile.gettempdir())
    args = parser.parse_args()

    csv = os.path.join(args.directory, f'descent-ingest-{args.rows}x{args.columns}.csv')
    cache = os.path.join(args.directory, f'descent-ingest-{args.rows}x{args.columns}.descent')
    start = time.perf_counter()
    write_csv(csv, args.rows, args.columns, args.seed)
    megabytes = os.path.getsize(csv) / 1e6
    print(f'wrote {csv}: {args.rows} x {args.columns}, {megabytes:.0f} MB in {time.perf_counter() - start:.0f} s')
    print(f'machine: {os.cpu_count()} cores, {open("/proc/cpuinfo").read().split("model name")[1].split(":")[1].splitlines()[0].strip()}, '
          f'{time.strftime("%Y-%m-%d", time.gmtime())}')

    commands = {
        'pandas read_csv (C engine)': [sys.executable, '-c', f'import pandas; pandas.read_csv({csv!r}, engine="c")'],
        'descent convert': [args.descent, 'convert', csv, '--output', cache],
    }
    results = {name: [] for name in commands}
    for _ in range(args.repeats):
        for name, command in commands.items():
            results[name].append(run(command))
    print()
    print('| reader, whole process | best s | median s | rows/s (best) | rows/s (median) | peak RSS MB |')
    print('|---|---|---|---|---|---|')
    for name, runs in results.items():
        seconds = [s for s, _ in runs]
        best, median = min(seconds), statistics.median(seconds)
        peak = max(r for _, r in runs) / 1e6
        print(f'| {name} | {best:.2f} | {median:.2f} | {args.rows / best:,.0f} | {args.rows / median:,.0f} | {peak:.0f} |')
    os.remove(csv)
    os.remove(cache)


if __name__ == '__main__':
    main()
