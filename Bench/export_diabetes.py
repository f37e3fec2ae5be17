"""Exports scikit-learn's bundled diabetes data set (Efron et al. 2004: 442 patients, 10 baseline
variables, target `progression` = disease progression one year later) to CSV, the second real
regression data set of the quality benchmark (Bench/quality.py). Committed; rerun only to
regenerate it. The features are the raw, unscaled values (`scaled=False`); the rows are shuffled
with a fixed seed, as Bench/export_sklearn_datasets.py does (descent splits at the top of the file).

Usage: python3 Bench/export_diabetes.py [output directory]
"""
import csv
import sys

import numpy as np
from sklearn.datasets import load_diabetes

out = sys.argv[1] if len(sys.argv) > 1 else "Tests/DescentCLITests/Datasets"
data = load_diabetes(scaled=False)
order = np.random.RandomState(0).permutation(len(data.target))
with open(f"{out}/diabetes.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(list(data.feature_names) + ["progression"])
    for i in order:
        w.writerow([f"{v:.6g}" for v in data.data[i]] + [f"{data.target[i]:.6g}"])
