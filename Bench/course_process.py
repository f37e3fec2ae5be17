#!/usr/bin/env python3
"""Whole-process time of the course run: `descent train --quiet` (each backend) against the course's
numpy script, alternating runs in one session, median of N. Usage: course_process.py DESCENT DATA [N]"""
import json
import statistics
import subprocess
import sys
import time

descent, data = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 15
commands = {
    'numpy course script': ['python3', 'Bench/course.py', data],
    'descent train --quiet (auto: OpenCL)': [descent, 'train', '--quiet', '--rng', 'numpy', '--model-out', '/tmp/descent-bench.model.json'],
    'descent train --quiet --backend cpu': [descent, 'train', '--quiet', '--rng', 'numpy', '--backend', 'cpu', '--model-out', '/tmp/descent-bench.model.json'],
}
times = {name: [] for name in commands}
for _ in range(runs + 1):
    for name, command in commands.items():
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times[name].append(time.perf_counter() - start)
numpy = statistics.median(times['numpy course script'][1:])
records = []
for name, values in times.items():
    median = statistics.median(values[1:])  # the first round warms caches and is dropped
    records.append({'command': name, 'medianSeconds': median, 'ratioToNumpy': median / numpy})
    print(f'{name:40s} {median * 1000:8.1f} ms  ({median / numpy:.2f}x the numpy script)')
json.dump(records, open('bench-out/course-process.json', 'w'), indent=1)
