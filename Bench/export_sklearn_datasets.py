"""Exports two of scikit-learn's bundled data sets to CSV, the classification fixtures of
Tests/DescentCLITests/Datasets (committed; rerun only to regenerate them):

- breast_cancer.csv: 569 rows, 30 features, target `diagnosis` = malignant / benign (text labels);
- digits.csv: 1,797 rows of 8x8 images (64 features, 0-16), target `digit` = 0-9.

Rows are shuffled with a fixed seed (descent splits at the top of the file, without shuffling).
Usage: python3 Bench/export_sklearn_datasets.py [output directory]
"""
import csv
import sys

import numpy as np
from sklearn.datasets import load_breast_cancer, load_digits

out = sys.argv[1] if len(sys.argv) > 1 else "Tests/DescentCLITests/Datasets"
rng = np.random.RandomState(0)

cancer = load_breast_cancer()
order = rng.permutation(len(cancer.target))
with open(f"{out}/breast_cancer.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow([n.replace(" ", "_") for n in cancer.feature_names] + ["diagnosis"])
    for i in order:
        w.writerow([f"{v:.6g}" for v in cancer.data[i]] + [cancer.target_names[cancer.target[i]]])

digits = load_digits()
order = rng.permutation(len(digits.target))
with open(f"{out}/digits.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow([f"p{k}" for k in range(64)] + ["digit"])
    for i in order:
        w.writerow([str(int(v)) for v in digits.data[i]] + [str(digits.target[i])])
