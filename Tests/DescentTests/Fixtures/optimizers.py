#!/usr/bin/env python3
"""Each optimiser's first 10 steps on a small fixed problem, in numpy float64, written to
PyTorch's definitions (torch.optim.SGD with momentum/nesterov and weight_decay, Adam with bias
correction and eps added after sqrt(v_hat), AdamW's decoupled decay), plus Descent's L1
proximal step. Weights and bias are two parameter groups: the penalties touch the weights only.

The model is Descent's linear model under the course's gradient: g_w = (1/n) X^T r,
g_b = (1/n) sum r, r = X w + b - y; full batch (all 8 rows) per step.

Regenerate (from this folder): python3 optimizers.py  -> optimizers.json
Check against PyTorch where it is installed: python3 optimizers.py --torch
(torch 2.13.0+cpu, float64, every case but the L1 ones: worst relative difference 5.6e-15.)
"""
import json
import sys

import numpy as np

X = np.array([[0.5, -1.0, 0.25], [1.5, 0.5, -0.75], [-0.5, 2.0, 1.0], [0.0, -0.5, 0.5],
              [1.0, 1.0, -1.0], [-1.5, 0.25, 0.75], [0.75, -1.25, 0.0], [2.0, 0.0, -0.5]])
Y = np.array([1.0, -0.5, 2.0, 0.25, -1.0, 0.75, 1.5, -0.25])
W0 = np.array([0.3, -0.2, 0.1])
B0 = 0.05
STEPS = 10

CASES = [
    dict(name="sgd", kind="sgd", lr=0.1),
    dict(name="sgd-l2", kind="sgd", lr=0.1, l2=0.5),
    dict(name="sgd-l1", kind="sgd", lr=0.1, l1=0.3),
    dict(name="momentum", kind="momentum", lr=0.05, momentum=0.9),
    dict(name="nesterov", kind="nesterov", lr=0.05, momentum=0.9),
    dict(name="momentum-l2", kind="momentum", lr=0.05, momentum=0.8, l2=0.2),
    dict(name="adam", kind="adam", lr=0.05),
    dict(name="adam-betas", kind="adam", lr=0.02, beta1=0.8, beta2=0.99, epsilon=1e-6),
    dict(name="adam-l2", kind="adam", lr=0.05, l2=0.3),
    dict(name="adamw", kind="adamw", lr=0.05, weightDecay=0.1),
    dict(name="adam-l1", kind="adam", lr=0.05, l1=0.2),
]


def gradient(p):
    w, b = p[:-1], p[-1]
    r = X @ w + b - Y
    return np.append(X.T @ r / len(Y), r.mean())


def run(case):
    kind, lr = case["kind"], case["lr"]
    mu = case.get("momentum", 0.9)
    b1, b2, eps = case.get("beta1", 0.9), case.get("beta2", 0.999), case.get("epsilon", 1e-8)
    l2, l1, wd = case.get("l2", 0.0), case.get("l1", 0.0), case.get("weightDecay", 0.0)
    mask = np.append(np.ones_like(W0), 0.0)
    p = np.append(W0, B0)
    first, second = np.zeros_like(p), np.zeros_like(p)
    trajectory = []
    for t in range(1, STEPS + 1):
        g = gradient(p) + l2 * mask * p                      # SGD/Adam weight_decay: L2 in the gradient
        if kind == "sgd":
            p = p - lr * g
        elif kind in ("momentum", "nesterov"):
            first = mu * first + g                          # buf = mu * buf + (1 - dampening) g, dampening 0
            p = p - lr * (g + mu * first if kind == "nesterov" else first)
        else:
            if kind == "adamw":
                p = p * (1 - lr * wd * mask)                # decoupled: param.mul_(1 - lr * weight_decay)
            first = b1 * first + (1 - b1) * g
            second = b2 * second + (1 - b2) * g * g
            step_size = lr / (1 - b1 ** t)
            correction2 = np.sqrt(1 - b2 ** t)
            p = p - step_size * (first / (np.sqrt(second) / correction2 + eps))
        if l1 > 0:                                          # Descent's proximal L1 (soft threshold)
            shrunk = np.maximum(np.abs(p) - lr * l1, 0.0) * np.sign(p)
            p = np.where(mask > 0, shrunk, p)
        trajectory.append(p.tolist())
    return trajectory


def torch_check():
    import torch
    worst = 0.0
    for case in CASES:
        if case.get("l1"):
            continue  # PyTorch has no L1 option
        kind, lr = case["kind"], case["lr"]
        w = torch.tensor(W0, dtype=torch.float64, requires_grad=True)
        b = torch.tensor([B0], dtype=torch.float64, requires_grad=True)
        decay = case.get("weightDecay", 0.0) if kind == "adamw" else case.get("l2", 0.0)
        groups = [dict(params=[w], weight_decay=decay), dict(params=[b], weight_decay=0.0)]
        if kind in ("sgd", "momentum", "nesterov"):
            opt = torch.optim.SGD(groups, lr=lr, momentum=0.0 if kind == "sgd" else case.get("momentum", 0.9),
                                  nesterov=kind == "nesterov")
        else:
            cls = torch.optim.AdamW if kind == "adamw" else torch.optim.Adam
            opt = cls(groups, lr=lr, betas=(case.get("beta1", 0.9), case.get("beta2", 0.999)), eps=case.get("epsilon", 1e-8))
        x, y = torch.tensor(X), torch.tensor(Y)
        mine = run(case)
        for t in range(STEPS):
            opt.zero_grad()
            r = x @ w + b - y
            (0.5 * (r * r).mean()).backward()  # the course's gradient: (1/n) X^T r
            opt.step()
            theirs = np.append(w.detach().numpy(), b.detach().numpy())
            worst = max(worst, float(np.max(np.abs(theirs - mine[t]) / np.maximum(np.abs(theirs), 1e-3))))
    print(f"numpy vs torch {torch.__version__}: worst relative difference {worst:.3e}")


def main():
    if "--torch" in sys.argv:
        return torch_check()
    fixture = dict(features=X.tolist(), targets=Y.tolist(), initial=np.append(W0, B0).tolist(), steps=STEPS,
                   cases=[dict(case, trajectory=run(case)) for case in CASES])
    with open("optimizers.json", "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
