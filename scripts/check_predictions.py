#!/usr/bin/env python3
"""Checks `descent predict --output` against the model file's parameters applied in numpy.

    python3 scripts/check_predictions.py MODEL.json DATA.csv PREDICTIONS.csv

For a linear regression model with an "input" section (issue 12): fills empty fields, one-hot
encodes categorical columns over the stored levels, normalises with the stored statistics
(course: (x - mean) / (max - min); standard: (x - mean) / deviation; none), applies w.x + b and
denormalises. Prints the largest relative difference and exits 1 if it exceeds 1e-9.
"""
import csv
import json
import sys

import numpy as np


def center_scale(s):
    method = s.get("method", "course")
    if method == "none":
        return 0.0, 1.0
    if method == "standard":
        d = s.get("deviation", 0.0)
        return s["mean"], d if d > 0 else 1.0
    r = s["maximum"] - s["minimum"]
    return s["mean"], r if r > 0 else 1.0


def main(model_path, data_path, predictions_path):
    model = json.load(open(model_path))
    assert model["spec"]["kind"] == "linear", "linear models only"
    columns = model["input"]["columns"]
    rows = list(csv.reader(open(data_path)))
    header, body = rows[0], [r for r in rows[1:] if any(f.strip() for f in r)]
    x = []
    for fields in body:
        features = []
        for column in columns:
            field = fields[header.index(column["name"])].strip()
            if "levels" in column:
                level = field or column["fillLevel"]
                features += [1.0 if level == name else 0.0 for name in column["levels"]]
            else:
                features.append(float(field) if field else column["fill"])
        x.append(features)
    x = np.array(x)
    stats = model["normalization"]["features"]
    centers, scales = np.array([center_scale(s) for s in stats]).T
    p = np.array(model["parameters"])
    z = ((x - centers) / scales) @ p[:-1] + p[-1]
    c, s = center_scale(model["normalization"]["target"])
    expected = z * s + c
    predictions = list(csv.reader(open(predictions_path)))
    got = np.array([float(r[1]) for r in predictions[1:]])
    worst = np.max(np.abs(got - expected) / np.maximum(np.abs(expected), 1e-300))
    ids = model["input"].get("id")
    if ids:
        assert [r[0] for r in predictions[1:]] == [f[header.index(ids)] for f in body], "ids differ"
    print(f"{len(got)} predictions; largest relative difference {worst:.3g}")
    return 0 if worst <= 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
