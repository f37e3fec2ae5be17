#!/usr/bin/env python3
"""Wall time and peak resident memory of one command, as BENCHMARKS.md reports them (issue 14).

  python3 Bench/peak_memory.py descent train --backend cpu --epochs 1 --quiet --data m1.csv

Peak: `ru_maxrss` from `wait4`. Python starts the child with vfork/posix_spawn, and Linux keeps the
parent's size as the child's peak across exec, so the figure is at least this script's own
(about 10 MiB): negligible here, not for a large parent (see `descent bench`'s VmHWM).
"""
import os
import subprocess
import sys
import time

start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
errors = child.stderr.read()
_, status, usage = os.wait4(child.pid, 0)
print(f'status {os.waitstatus_to_exitcode(status)}  wall {time.perf_counter() - start:.1f} s  peak {usage.ru_maxrss / 1024:.0f} MiB')
sys.stderr.write(errors.decode()[-2000:])
