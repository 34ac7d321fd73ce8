#!/usr/bin/env python3
"""numpy references for optviz's planes (include/optviz/plane.h).

Reads a trajectory CSV of a loss of N parameters (optviz --trajectory,
columns p0..p(N-1)) and writes the plane's directions as plane.h defines
them, computed independently with numpy:

  --kind pca     the first two right singular vectors of the rows (every
                 row of every optimizer) centred on their mean
                 (np.linalg.svd), the explained variance ratios s_k^2 /
                 sum s^2
  --kind random  Gaussian directions from SplitMix64 (tools/torch_ref.py's)
                 seeded with --seed, Box-Muller pairs, d1's N values then
                 d2's; filter-normalised against the last point of the
                 first optimizer with the layout of --layers (weights
                 rows scaled to that row's norm / (norm + 1e-10), biases 0);
                 no --layers: unit length

Each direction's sign makes its largest component positive.  Output CSV:
which,k,value with which = origin, d1, d2, explained.
"""
import argparse
import csv
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_ref  # noqa: E402  (SplitMix64)


def read(path):
    rows, first = [], None
    with open(path) as f:
        r = csv.reader(f)
        head = next(r)
        p0 = head.index("p0")
        last_of_first = None
        for rec in r:
            if first is None:
                first = rec[0]
            v = [float(x) for x in rec[p0:]]
            rows.append(v)
            if rec[0] == first:
                last_of_first = v
    return np.array(rows), np.array(last_of_first)


def fix(v):
    i = int(np.argmax(np.abs(v)))
    return v if v[i] > 0 else -v


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--traj", required=True)
    ap.add_argument("--kind", choices=("pca", "random"), required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--layers", help="hidden widths of the mlp, e.g. 8x4")
    ap.add_argument("--out")
    a = ap.parse_args()
    M, o = read(a.traj)
    n = M.shape[1]
    expl = [float("nan"), float("nan")]
    if a.kind == "pca":
        C = M - M.mean(axis=0)
        _, s, vt = np.linalg.svd(C, full_matrices=False)
        d = [fix(vt[0]), fix(vt[1])]
        tot = (s ** 2).sum()
        expl = [s[0] ** 2 / tot, s[1] ** 2 / tot]
    else:
        rng = torch_ref.SplitMix64(a.seed)
        d = []
        for _ in range(2):
            v = []
            while len(v) < n:
                z0, z1 = rng.normal_pair()
                v.append(z0)
                if len(v) < n:
                    v.append(z1)
            v = np.array(v)
            if not a.layers:
                v = v / np.linalg.norm(v)
            else:
                w = [2] + [int(x) for x in a.layers.split("x")] + [1]
                off = 0
                for l in range(len(w) - 1):
                    rows, cols = w[l + 1], w[l]
                    for r in range(rows):
                        sl = slice(off + r * cols, off + (r + 1) * cols)
                        v[sl] = v[sl] * (np.linalg.norm(o[sl]) /
                                         (np.linalg.norm(v[sl]) + 1e-10))
                    off += rows * cols
                    v[off:off + rows] = 0.0
                    off += rows
            d.append(v)
    out = open(a.out, "w") if a.out else sys.stdout
    out.write("which,k,value\n")
    for name, vec in (("origin", o), ("d1", d[0]), ("d2", d[1])):
        for k, x in enumerate(vec):
            out.write("%s,%d,%s\n" % (name, k, format(float(x), ".17g")))
    for k in range(2):
        out.write("explained,%d,%s\n" % (k, format(float(expl[k]), ".17g")))


if __name__ == "__main__":
    main()
