"""Whole-process timing for the Bench scripts: the commands run in alternation (so a noisy spell on
the shared machine hits all of them), one round more than asked (the first warms caches and is
dropped), median of the rest, each against one baseline command, printed and written as JSON."""
import json
import statistics
import subprocess
import time


def time_processes(commands, runs, baseline, ratio_key, json_path):
    """commands: {name: argv}; baseline: the name the ratios are taken against."""
    times = {name: [] for name in commands}
    for _ in range(runs + 1):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times[baseline][1:])
    records = []
    for name, values in times.items():
        median = statistics.median(values[1:])
        records.append({'command': name, 'medianSeconds': median, ratio_key: median / base})
        print(f'{name:48s} {median * 1000:9.1f} ms  ({median / base:.2f}x {baseline})')
    json.dump(records, open(json_path, 'w'), indent=1)
