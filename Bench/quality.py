"""The quality benchmark of issue 11: test MSE of Descent beside scikit-learn's SGDRegressor and
Ridge and the least-squares optimum, on the same split and the same normalisation.

Split and normalisation are the course's, as `descent train` uses them: the first
int(0.8 * rows) rows train, the rest test (no shuffle); every column is normalised with the training
rows' statistics, (x - mean) / (max - min), the target too. All test MSEs are in those normalised
units, so the columns compare directly with Descent's `test MSE` and its least-squares optimum.

Data sets: the bundled Boston housing data (target MEDV) and scikit-learn's diabetes data
(Tests/DescentCLITests/Datasets/diabetes.csv, written by Bench/export_diabetes.py; target progression).

Descent runs (CPU backend, each from a cold start, `--json` read back): the course's settings; the
verdict's advice (`--learning-rate` set to the stable limit's half, from the JSON); `--epochs auto`
with that learning rate; and `--optimizer adam --epochs auto` when this build has optimisers
(else reported as not available).

Usage: python3 Bench/quality.py [path/to/descent]   (default .build/release/descent, else .build/debug/descent)
Needs numpy and scikit-learn (`pip install scikit-learn`).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
from sklearn.linear_model import Ridge, SGDRegressor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATASETS = [
    ("housing", os.path.join(ROOT, "Sources/Descent/Resources/housing.data"), None, None),
    ("diabetes", os.path.join(ROOT, "Tests/DescentCLITests/Datasets/diabetes.csv"), "progression", ","),
]


def load(path, separator):
    if separator is None:
        return np.loadtxt(path)
    return np.loadtxt(path, delimiter=separator, skiprows=1)


def prepare(table):
    """The course's split and normalisation (target = last column)."""
    n_train = int(0.8 * len(table))
    train, test = table[:n_train], table[n_train:]
    mean = train.mean(axis=0)
    scale = train.max(axis=0) - train.min(axis=0)
    scale[scale == 0] = 1
    train, test = (train - mean) / scale, (test - mean) / scale
    return train[:, :-1], train[:, -1], test[:, :-1], test[:, -1]


def mse(model_predict, x, y):
    return float(np.mean((model_predict(x) - y) ** 2))


def timed(fit):
    start = time.perf_counter()
    model = fit()
    return model, time.perf_counter() - start


def descent(binary, path, target, flags):
    with tempfile.TemporaryDirectory() as directory:
        summary = os.path.join(directory, "s.json")
        command = [binary, "train", "--backend", "cpu", "--quiet", "--json", summary, "--model-out", os.path.join(directory, "m.json")]
        if target is not None:
            command += ["--data", path, "--target", target]
        run = subprocess.run(command + flags, capture_output=True, text=True)
        if run.returncode != 0:
            lines = run.stderr.strip().splitlines()
            return None, next((line for line in lines if line.startswith("Error")), lines[-1] if lines else f"exit {run.returncode}")
        with open(summary) as f:
            return json.load(f), None


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else next(
        (p for p in (os.path.join(ROOT, ".build/release/descent"), os.path.join(ROOT, ".build/debug/descent")) if os.path.exists(p)), None)
    for name, path, target, separator in DATASETS:
        x_train, y_train, x_test, y_test = prepare(load(path, separator))
        design = np.hstack([x_train, np.ones((len(x_train), 1))])
        theta, *_ = np.linalg.lstsq(design, y_train, rcond=None)
        optimum = mse(lambda x: np.hstack([x, np.ones((len(x), 1))]) @ theta, x_test, y_test)
        rows = [("least-squares optimum (numpy lstsq)", optimum, None, "")]
        for label, make in [("scikit-learn Ridge (alpha=1.0, default)", lambda: Ridge()),
                            ("scikit-learn Ridge (alpha=1e-3)", lambda: Ridge(alpha=1e-3)),
                            ("scikit-learn SGDRegressor (defaults, random_state=0)", lambda: SGDRegressor(random_state=0))]:
            model, seconds = timed(lambda: make().fit(x_train, y_train))
            rows.append((label, mse(model.predict, x_test, y_test), seconds, ""))
        if binary:
            course, error = descent(binary, path, target, [])
            runs = [("descent, the course's settings", course, error)]
            advice = course and course.get("stableLearningRate")
            rate = f"{advice / 2:.2g}" if advice else "1"
            for label, flags in [(f"descent --learning-rate {rate} (the verdict's advice)", ["--learning-rate", rate]),
                                 (f"descent --learning-rate {rate} --epochs auto", ["--learning-rate", rate, "--epochs", "auto"]),
                                 ("descent --optimizer adam --epochs auto", ["--optimizer", "adam", "--epochs", "auto"])]:
                summary, error = descent(binary, path, target, flags)
                runs.append((label, summary, error))
            for label, summary, error in runs:
                if summary is None:
                    rows.append((label, float("nan"), None, f"not available: {error[:80]}"))
                    continue
                stop = summary["stop"]
                note = f"{stop['completedEpochs']} epochs" + (f", best {stop['bestEpoch']}" if "bestEpoch" in stop else "")
                check = summary["regression"]["optimumTestMSE"]
                if abs(check - optimum) > 1e-9 * max(optimum, 1):
                    note += f"; descent's optimum {check:.6g} differs"
                rows.append((label, summary["regression"]["testMSE"], summary["timings"]["trainingSeconds"], note))
        print(f"\n{name}: {len(x_train)} train rows, {len(x_test)} test rows, {x_train.shape[1]} features (test MSE, normalised)")
        print(f"  {'model':58} {'test MSE':>10} {'× optimum':>10} {'train s':>8}  notes")
        for label, value, seconds, note in rows:
            ratio = value / optimum if optimum > 0 else float("nan")
            print(f"  {label:58} {value:10.5f} {ratio:10.3f} {'' if seconds is None else f'{seconds:8.3f}':>8}  {note}")


if __name__ == "__main__":
    main()
