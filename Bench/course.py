#!/usr/bin/env python3
"""The course's program as the lesson runs it (the project's shared docs, TUTORIAL.md): load and normalise housing.data, train
the linear model for 50 epochs of batch 100 at eta 0.1 with np.random.seed(0), print a line per
batch. Bench/course_process.py times it as a whole process against `descent train`; the numpy
baseline (Bench/numpy_baseline.py) and the test fixtures (Tests/DescentTests/Fixtures) reuse its
`load_data` and `Network`."""
import sys

import numpy as np


def load_data(datafile, with_statistics=False):
    data = np.fromfile(datafile, sep=' ')
    feature_num = 14
    data = data.reshape([data.shape[0] // feature_num, feature_num])
    offset = int(data.shape[0] * 0.8)
    training_data = data[:offset]
    maximums, minimums = training_data.max(axis=0), training_data.min(axis=0)
    avgs = training_data.sum(axis=0) / training_data.shape[0]
    raw = data.copy()
    for i in range(feature_num):
        data[:, i] = (data[:, i] - avgs[i]) / (maximums[i] - minimums[i])
    if with_statistics:
        return raw, data[:offset], data[offset:], maximums, minimums, avgs
    return data[:offset], data[offset:]


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

    def train(self, training_data, num_epoches, batch_size=10, eta=0.01, log=print, shuffle=np.random.shuffle):
        n = len(training_data)
        losses = []
        for epoch_id in range(num_epoches):
            shuffle(training_data)
            mini_batches = [training_data[k:k + batch_size] for k in range(0, n, batch_size)]
            for iter_id, mini_batch in enumerate(mini_batches):
                x = mini_batch[:, :-1]
                y = mini_batch[:, -1:]
                loss = self.loss(self.forward(x), y)
                gradient_w, gradient_b = self.gradient(x, y)
                self.update(gradient_w, gradient_b, eta)
                losses.append(loss)
                if log:
                    log('Epoch {:3d} / iter {:3d}, loss = {:.4f}'.format(epoch_id, iter_id, loss))
        return losses


if __name__ == '__main__':
    train_data, test_data = load_data(sys.argv[1])
    net = Network(13)
    losses = net.train(train_data, num_epoches=50, batch_size=100, eta=0.1)
