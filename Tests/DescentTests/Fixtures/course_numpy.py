#!/usr/bin/env python3
"""The course's numpy pipeline (TUTORIAL.md), run with np.random.seed(0).

Regenerates the fixtures the Swift tests compare against:
  python3 course_numpy.py ../../../Sources/Descent/Resources/housing.data
writes course_seed0.log (the 250 log lines) and course_seed0.json (statistics,
split, final parameters, the course's inference example, the least-squares optimum).
"""
import json
import sys

import numpy as np


def load_data(datafile):
    data = np.fromfile(datafile, sep=' ')
    feature_num = 14
    data = data.reshape([data.shape[0] // feature_num, feature_num])
    offset = int(data.shape[0] * 0.8)
    training_data = data[:offset]
    maximums = training_data.max(axis=0)
    minimums = training_data.min(axis=0)
    avgs = training_data.sum(axis=0) / training_data.shape[0]
    raw = data.copy()
    for i in range(feature_num):
        data[:, i] = (data[:, i] - avgs[i]) / (maximums[i] - minimums[i])
    return raw, data[:offset], data[offset:], maximums, minimums, avgs


class Network(object):
    def __init__(self, num_of_weights):
        np.random.seed(0)
        self.w = np.random.randn(num_of_weights, 1)
        self.b = 0.

    def forward(self, x):
        return np.dot(x, self.w) + self.b

    def loss(self, z, y):
        error = z - y
        return np.sum(error * error) / error.shape[0]

    def gradient(self, x, y):
        z = self.forward(x)
        n = x.shape[0]
        gradient_w = (1. / n * np.sum((z - y) * x, axis=0))[:, np.newaxis]
        gradient_b = 1. / n * np.sum(z - y)
        return gradient_w, gradient_b

    def update(self, gradient_w, gradient_b, eta=0.01):
        self.w = self.w - eta * gradient_w
        self.b = self.b - eta * gradient_b

    def train(self, training_data, num_epoches, batch_size=10, eta=0.01, out=None):
        n = len(training_data)
        losses = []
        for epoch_id in range(num_epoches):
            np.random.shuffle(training_data)
            mini_batches = [training_data[k:k + batch_size] for k in range(0, n, batch_size)]
            for iter_id, mini_batch in enumerate(mini_batches):
                x = mini_batch[:, :-1]
                y = mini_batch[:, -1:]
                loss = self.loss(self.forward(x), y)
                gradient_w, gradient_b = self.gradient(x, y)
                self.update(gradient_w, gradient_b, eta)
                losses.append(loss)
                out.append('Epoch {:3d} / iter {:3d}, loss = {:.4f}'.format(epoch_id, iter_id, loss))
        return losses


def main():
    raw, train, test, maximums, minimums, avgs = load_data(sys.argv[1])
    test_x, test_y = test[:, :-1].copy(), test[:, -1:].copy()
    net = Network(13)
    initial_w = net.w[:, 0].tolist()
    lines = []
    losses = net.train(train, num_epoches=50, batch_size=100, eta=0.1, out=lines)
    with open('course_seed0.log', 'w') as f:
        f.write('\n'.join(lines) + '\n')

    # The course's inference example: the 10th row from the end, in dollars.
    row = raw[-10]
    x = (row[:-1] - avgs[:-1]) / (maximums[:-1] - minimums[:-1])
    z = float(net.forward(x[np.newaxis, :])[0, 0])
    dollars = (z * (maximums[-1] - minimums[-1]) + avgs[-1]) * 1000

    # Unshuffled normalised training rows for the least-squares optimum.
    _, train_fresh, _, _, _, _ = load_data(sys.argv[1])
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
