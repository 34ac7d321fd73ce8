# Regenerate: ATEN_CPU_CAPABILITY=default python3 response_seed001.py > response_seed001.csv
# Reference responses for tests/test_signal.c: seed 001's numpy sketches
# (re-written here) for the cases torch's API expresses exactly, torch 1.13
# itself for RMSprop and Adam.  Output: case,t,value (value = theta_t - theta_{t+1}).
import math, sys
import numpy as np
import torch

X = np.arange(0, 300)
sig = {
    "spikes": np.asarray([float(x % 60 == 0) for x in X]),
    "rectangles": np.asarray([2.0 * int(x % 40 < 20) - 1 for x in X]),
    "sawtooth": np.asarray([x % 20 / (15 * int(x > 80) + 5) for x in X]),
    "saturation": np.asarray([float(x % 80 < 40) for x in X]),
}

def edm(g, gamma, lr=0.25):
    v, out = 0.0, []
    for x in g:
        v = gamma * v + lr * x
        out.append(v)
    return out

def adagrad(g, eps, lr=2.5):
    G, out = 0.0, []
    for x in g:
        G += x * x
        out.append(lr / np.sqrt(G + eps) * x)
    return out

def adadelta(g, gamma, u0, eps=0.001):
    EG, ED, out = 0.0, u0, []
    for x in g:
        EG = gamma * EG + (1 - gamma) * x * x
        v = np.sqrt(ED + eps) / np.sqrt(EG + eps) * x
        out.append(v)
        ED = gamma * ED + (1 - gamma) * v * v
    return out

def torch_resp(g, make):
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = make([p])
    out = []
    for x in g:
        prev = p.detach().clone()
        p.grad = torch.tensor([float(x)], dtype=torch.float64)
        opt.step()
        out.append(float(prev[0] - p.detach()[0]))
    return out

cases = [
    ("momentum_0.9_spikes", edm(sig["spikes"], 0.9)),
    ("momentum_0.975_rectangles", edm(sig["rectangles"], 0.975)),
    ("adagrad_0.1_sawtooth", adagrad(sig["sawtooth"], 0.1)),
    ("adadeltabig_0.9_rectangles", adadelta(sig["rectangles"], 0.9, 50.0)),
    ("adadeltazero_0.25_saturation", adadelta(sig["saturation"], 0.25, 0.0)),
    ("rmsprop_0.9_rectangles", torch_resp(sig["rectangles"],
        lambda ps: torch.optim.RMSprop(ps, lr=0.25, alpha=0.9))),
    ("adam_0.9_spikes", torch_resp(sig["spikes"],
        lambda ps: torch.optim.Adam(ps, lr=0.25, betas=(0.9, 0.999)))),
]
print("case,t,value")
for name, vals in cases:
    for t, v in enumerate(vals):
        print("%s,%d,%.17g" % (name, t, float(v)))
