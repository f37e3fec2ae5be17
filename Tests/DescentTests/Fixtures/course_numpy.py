#!/usr/bin/env python3
"""The course's numpy pipeline (the code is Bench/course.py), run with np.random.seed(0).

Regenerates the fixtures the Swift tests compare against:
  python3 course_numpy.py ../../../Sources/Descent/Resources/housing.data
writes course_seed0.log (the 250 log lines) and course_seed0.json (statistics,
split, final parameters, the course's inference example, the least-squares optimum).
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../Bench'))
from course import Network, load_data  # noqa: E402  (the course's own code)


def main():
    raw, train, test, maximums, minimums, avgs = load_data(sys.argv[1], with_statistics=True)
    test_x, test_y = test[:, :-1].copy(), test[:, -1:].copy()
    net = Network(13)  # np.random.seed(0) inside, as the course's line would do uncommented
    initial_w = net.w[:, 0].tolist()
    lines = []
    losses = net.train(train, num_epoches=50, batch_size=100, eta=0.1, log=lines.append)
    with open('course_seed0.log', 'w') as f:
        f.write('\n'.join(lines) + '\n')

    # The course's inference example: the 10th row from the end, in dollars.
    row = raw[-10]
    x = (row[:-1] - avgs[:-1]) / (maximums[:-1] - minimums[:-1])
    z = float(net.forward(x[np.newaxis, :])[0, 0])
    dollars = (z * (maximums[-1] - minimums[-1]) + avgs[-1]) * 1000

    # Unshuffled normalised training rows for the least-squares optimum.
    _, train_fresh, _, _, _, _ = load_data(sys.argv[1], with_statistics=True)
    a = np.hstack([train_fresh[:, :-1], np.ones((len(train_fresh), 1))])
    sol, *_ = np.linalg.lstsq(a, train_fresh[:, -1], rcond=None)
    test_a = np.hstack([test_x, np.ones((len(test_x), 1))])
    optimum_test_mse = float(np.mean((test_a @ sol - test_y[:, 0]) ** 2))
    test_mse = float(net.loss(net.forward(test_x), test_y))

    json.dump({
        'trainRows': len(train), 'testRows': len(test),
        'maximums': maximums.tolist(), 'minimums': minimums.tolist(), 'averages': avgs.tolist(),
        'firstTestRowNormalised': test[0].tolist(),
        'initialWeights': initial_w,
        'finalWeights': net.w[:, 0].tolist(), 'finalBias': float(net.b),
        'losses': [float(v) for v in losses],
        'testMSE': test_mse,
        'optimumWeights': sol[:-1].tolist(), 'optimumBias': float(sol[-1]),
        'optimumTestMSE': optimum_test_mse,
        'exampleRowFromEnd': 10, 'examplePredictionDollars': dollars, 'exampleLabelDollars': row[-1] * 1000,
    }, open('course_seed0.json', 'w'), indent=1)
    print(f'test MSE {test_mse:.6f}, optimum {optimum_test_mse:.6f}, ratio {test_mse / optimum_test_mse:.1f}; '
          f'example ${dollars:.2f} (label ${row[-1] * 1000:.0f})')


if __name__ == '__main__':
    main()
