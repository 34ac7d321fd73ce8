#!/usr/bin/env python3
"""Torch references for optviz's network losses (--loss mlp:...).

Rebuilds, from the text of docs/guide.md ("Networks") alone, the data set,
the initial parameters and the network of a spec such as

    mlp:layers=16x16:act=tanh:out=bce:data=moons:n=200:noise=0.1

as torch's nn.Sequential(Linear(2,16), Tanh(), Linear(16,16), Tanh(),
Linear(16,1)) in float64, and writes CSV references for tests/test_mlp.c:

  --mode grad   K random points theta = init + 0.5 z (z ~ numpy
                RandomState(seed).standard_normal), each with the loss and
                the gradient of torch autograd:  point,k,theta,loss,grad
                (one row per parameter k); first rows: the data set
                (point = -1: x1,x2,label) and the init (point = -2: k, value)
  --mode run    one optimizer on the network, step by step: step,loss,p0..
                (the full-data mean loss and the parameters after each step;
                minibatches as torch_ref.py's portable shuffle)
  --mode hessian  the Hessian at the init by torch.autograd.functional,
                its eigenvalues (numpy eigh) and the two of largest magnitude
                with their eigenvectors:  which,k,value

The network is evaluated on views of one flat parameter tensor (what the
optimizers step, as torch's LBFGS flattens parameters too); --mode grad
checks that nn.Sequential with vector_to_parameters() gives the same loss
and gradient, which is the layout claim (weights row-major, then bias).
"""
import argparse
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_ref  # noqa: E402  (SplitMix64, batch_stream)
import oracle_ref  # noqa: E402  (the optimizers that are not torch classes)


def parse_spec(spec):
    cfg = {"layers": [16, 16], "act": "tanh", "out": "bce", "data": "moons",
           "n": 200, "noise": 0.1}
    parts = spec.split(":")
    assert parts[0] == "mlp"
    for kv in parts[1:]:
        k, v = kv.split("=", 1)
        if k == "layers":
            cfg[k] = [int(w) for w in v.split("x")]
        elif k == "n":
            cfg[k] = int(v)
        elif k == "noise":
            cfg[k] = float(v)
        else:
            cfg[k] = v
    return cfg


def linspace(lo, hi, m, i):
    return lo + (hi - lo) * i / (m - 1) if m > 1 else lo


def make_data(cfg, seed):
    """docs/guide.md: the built-in sets, one SplitMix64 stream."""
    n, name, noise = cfg["n"], cfg["data"], cfg["noise"]
    rng = torch_ref.SplitMix64(seed)
    m0 = n // 2
    m1 = n - m0
    y = [0.0 if i < m0 else 1.0 for i in range(n)]
    x = []
    pi = 3.141592653589793
    if name == "moons":
        for i in range(m0):
            t = linspace(0.0, pi, m0, i)
            x.append([math.cos(t), math.sin(t)])
        for i in range(m1):
            t = linspace(0.0, pi, m1, i)
            x.append([1.0 - math.cos(t), 0.5 - math.sin(t)])
    elif name == "circles":
        for i in range(m0):
            t = 2.0 * pi * i / m0
            x.append([math.cos(t), math.sin(t)])
        for i in range(m1):
            t = 2.0 * pi * i / m1
            x.append([0.5 * math.cos(t), 0.5 * math.sin(t)])
    elif name == "xor":
        for i in range(n):
            while True:
                a = 2.0 * rng.uniform01() - 1.0
                b = 2.0 * rng.uniform01() - 1.0
                if (a * b > 0) == (y[i] == 1.0):
                    break
            x.append([a, b])
    elif name == "spirals":
        for i in range(n):
            c = 0 if i < m0 else 1
            k = i - m0 if c else i
            s = k / (m1 if c else m0)
            t = 3.0 * pi * s + c * pi
            x.append([s * math.cos(t), s * math.sin(t)])
    elif name == "blobs":
        for i in range(n):
            z0, z1 = rng.normal_pair()
            x.append([(-1.0 if i < m0 else 1.0) + 0.6 * z0, 0.6 * z1])
    else:
        raise SystemExit("unknown data set " + name)
    for i in range(n):
        z0, z1 = rng.normal_pair()
        x[i][0] = x[i][0] + noise * z0
        x[i][1] = x[i][1] + noise * z1
    return x, y


def widths(cfg):
    return [2] + cfg["layers"] + [1]


def init_params(cfg, seed):
    """docs/guide.md: Linear's default bounds 1/sqrt(fan_in), SplitMix64
    seeded with seed + 1, each layer's weight (row-major) then bias."""
    rng = torch_ref.SplitMix64(seed + 1)
    w = widths(cfg)
    out = []
    for l in range(len(w) - 1):
        bound = 1.0 / math.sqrt(w[l])
        for _ in range(w[l] * w[l + 1] + w[l + 1]):
            out.append(-bound + (2.0 * bound) * rng.uniform01())
    return out


ACTS = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU,
        "sigmoid": torch.nn.Sigmoid}


def sequential(cfg):
    w = widths(cfg)
    mods = []
    for l in range(len(w) - 1):
        mods.append(torch.nn.Linear(w[l], w[l + 1]).double())
        if l + 2 < len(w):
            mods.append(ACTS[cfg["act"]]())
    return torch.nn.Sequential(*mods)


def forward_flat(cfg, p, X):
    """The same network on views of the flat vector p."""
    w = widths(cfg)
    off = 0
    a = X
    act = {"tanh": torch.tanh, "relu": torch.relu,
           "sigmoid": torch.sigmoid}[cfg["act"]]
    for l in range(len(w) - 1):
        W = p[off:off + w[l] * w[l + 1]].view(w[l + 1], w[l])
        off += w[l] * w[l + 1]
        b = p[off:off + w[l + 1]]
        off += w[l + 1]
        a = torch.nn.functional.linear(a, W, b)
        if l + 2 < len(w):
            a = act(a)
    return a.squeeze(1)


def loss_of(cfg, out, Y):
    if cfg["out"] == "bce":
        return torch.nn.BCEWithLogitsLoss()(out, Y)
    return torch.nn.MSELoss()(out, Y)


def fmt(v):
    return format(float(v), ".17g")


def mode_grad(a, cfg, X, Y, init, out):
    n_par = len(init)
    rs = np.random.RandomState(a.seed)
    model = sequential(cfg)
    for pt in range(a.points):
        theta = np.array(init) + 0.5 * rs.standard_normal(n_par)
        p = torch.tensor(theta, requires_grad=True)
        f = loss_of(cfg, forward_flat(cfg, p, X), Y)
        f.backward()
        # nn.Sequential with the same vector: the layout claim.
        torch.nn.utils.vector_to_parameters(torch.tensor(theta),
                                             model.parameters())
        model.zero_grad()
        f2 = loss_of(cfg, model(X).squeeze(1), Y)
        f2.backward()
        g2 = torch.cat([q.grad.reshape(-1) for q in model.parameters()])
        assert abs(f2.item() - f.item()) <= 1e-14 * abs(f.item())
        assert torch.allclose(g2, p.grad, rtol=1e-13, atol=1e-15)
        for k in range(n_par):
            out.write("%d,%d,%s,%s,%s\n" % (pt, k, fmt(theta[k]), fmt(f.item()),
                                           fmt(p.grad[k].item())))


def build_opt(a, p):
    algo, lr = a.algo, a.lr
    if algo == "gd":
        return torch.optim.SGD([p], lr=lr)
    if algo == "momentum":
        return torch.optim.SGD([p], lr=lr, momentum=0.9)
    if algo == "nag":
        return torch.optim.SGD([p], lr=lr, momentum=0.9, nesterov=True)
    if algo == "minibatch":
        return torch.optim.SGD([p], lr=lr)
    if algo == "adagrad":
        return torch.optim.Adagrad([p], lr=lr)
    if algo == "rmsprop":
        return torch.optim.RMSprop([p], lr=lr)
    if algo == "adadelta":
        return torch.optim.Adadelta([p], lr=lr)
    if algo == "adam":
        return torch.optim.Adam([p], lr=lr)
    if algo == "adamw":
        return torch.optim.AdamW([p], lr=lr)
    if algo == "radam":
        return torch.optim.RAdam([p], lr=lr)
    if algo == "nadam":
        return torch.optim.NAdam([p], lr=lr)
    if algo == "rprop":
        return torch.optim.Rprop([p], lr=lr)
    if algo == "lbfgs":
        return torch.optim.LBFGS([p], lr=lr, max_iter=a.max_iter,
                                 line_search_fn=a.line_search)
    ns = argparse.Namespace(algo=algo, lr=lr, t_alpha_beta3=0, show="x")
    return oracle_ref.build(ns, p)


def mode_run(a, cfg, X, Y, init, out):
    p = torch.tensor(init, dtype=torch.float64, requires_grad=True)
    opt = build_opt(a, p)
    n = X.shape[0]
    rng = torch_ref.SplitMix64(a.seed)
    batches = None
    if 0 < a.batch_size < n:
        batches = torch_ref.batch_stream(n, a.batch_size, "portable", False,
                                         a.seed, rng)
    n_par = len(init)
    out.write("step,loss," + ",".join("p%d" % k for k in range(n_par)) + "\n")

    def row(step):
        q = oracle_ref.shown(argparse.Namespace(algo=a.algo, show="x"), opt,
                             p) if a.algo in ("sf-adamw", "sf-sgd") else p
        with torch.no_grad():
            f = loss_of(cfg, forward_flat(cfg, q.detach(), X), Y).item()
        out.write("%d,%s,%s\n" % (step, fmt(f), ",".join(
            fmt(v) for v in q.detach().tolist())))

    row(0)
    for step in range(1, a.steps + 1):
        idx = next(batches) if batches else None

        def closure():
            opt.zero_grad()
            Xb, Yb = (X, Y) if idx is None else (X[idx], Y[idx])
            f = loss_of(cfg, forward_flat(cfg, p, Xb), Yb)
            f.backward()
            return f
        if a.algo == "lbfgs":
            opt.step(closure)
        else:
            closure()
            opt.step()
        row(step)


def mode_hessian(a, cfg, X, Y, init, out):
    p = torch.tensor(init, dtype=torch.float64)
    H = torch.autograd.functional.hessian(
        lambda q: loss_of(cfg, forward_flat(cfg, q, X), Y), p).numpy()
    H = 0.5 * (H + H.T)
    vals, vecs = np.linalg.eigh(H)
    order = np.argsort(-np.abs(vals))[:2]
    out.write("which,k,value\n")
    for j, i in enumerate(order):
        v = vecs[:, i]
        v = v * (1.0 if v[np.argmax(np.abs(v))] > 0 else -1.0)
        out.write("eigenvalue,%d,%s\n" % (j, fmt(vals[i])))
        for k in range(len(v)):
            out.write("vector%d,%d,%s\n" % (j, k, fmt(v[k])))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=("grad", "run", "hessian"),
                    required=True)
    ap.add_argument("--loss", required=True, help="mlp:KEY=VALUE:...")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--points", type=int, default=3)
    ap.add_argument("--algo")
    ap.add_argument("--lr", type=float)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--batch-size", dest="batch_size", type=int, default=0)
    ap.add_argument("--max-iter", dest="max_iter", type=int, default=20)
    ap.add_argument("--line-search", dest="line_search",
                    choices=("strong_wolfe",))
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    torch.set_default_dtype(torch.float64)
    cfg = parse_spec(a.loss)
    xs, ys = make_data(cfg, a.seed)
    X = torch.tensor(xs, dtype=torch.float64)
    Y = torch.tensor(ys, dtype=torch.float64)
    init = init_params(cfg, a.seed)
    out = open(a.out, "w") if a.out else sys.stdout
    if a.mode == "grad":
        out.write("point,k,theta,loss,grad\n")
        for i in range(len(xs)):
            out.write("-1,%d,%s,%s,%s\n" % (i, fmt(xs[i][0]), fmt(xs[i][1]),
                                            fmt(ys[i])))
        for k, v in enumerate(init):
            out.write("-2,%d,%s,0,0\n" % (k, fmt(v)))
        mode_grad(a, cfg, X, Y, init, out)
    elif a.mode == "run":
        mode_run(a, cfg, X, Y, init, out)
    else:
        mode_hessian(a, cfg, X, Y, init, out)
    if a.out:
        out.close()


if __name__ == "__main__":
    main()
