#!/usr/bin/env python3
"""Whole-process time of the course run: `descent train --quiet` (each backend) against the course's
numpy script, alternating runs in one session, median of N. Usage: course_process.py DESCENT DATA [N]"""
import sys

from process_timing import time_processes

descent, data = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 15
commands = {
    'numpy course script': ['python3', 'Bench/course.py', data],
    'descent train --quiet (auto: OpenCL)': [descent, 'train', '--quiet', '--rng', 'numpy', '--model-out', '/tmp/descent-bench.model.json'],
    'descent train --quiet --backend cpu': [descent, 'train', '--quiet', '--rng', 'numpy', '--backend', 'cpu', '--model-out', '/tmp/descent-bench.model.json'],
}
time_processes(commands, runs, baseline='numpy course script', ratio_key='ratioToNumpy',
               json_path='bench-out/course-process.json')
