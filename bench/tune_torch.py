#!/usr/bin/python3
"""The runs of `optviz --tune lr=LO:HI:N -a gd,momentum,rmsprop,adam
-l rastrigin --steps STEPS` as a plain torch loop: each optimizer at its
default rate (the loss's recommendation, as optviz takes it) and at the N
rates LO * (HI/LO)**(k/(N-1)), from optviz's start (-3.5, 2.5), float64,
one optimizer.step() per step on the full (noise-free) loss.  Prints the
same table as optviz (winner: smallest final loss, diverged last, ties to
the smaller rate) and the wall and CPU time of the runs.

    /usr/bin/python3 bench/tune_torch.py [LO HI N STEPS]
"""
import math
import sys
import time

import torch

LO, HI, N, STEPS = 1e-4, 1.0, 41, 200
if len(sys.argv) == 5:
    LO, HI, N, STEPS = (float(sys.argv[1]), float(sys.argv[2]),
                        int(sys.argv[3]), int(sys.argv[4]))

START = (-3.5, 2.5)
BOUND = 1e6 * 10.24  # optviz: 1e6 times the width of the domain


def rastrigin(p):
    return (20 + p[0] ** 2 - 10 * torch.cos(2 * math.pi * p[0])
            + p[1] ** 2 - 10 * torch.cos(2 * math.pi * p[1]))


# name, constructor, the loss's recommended rate (docs/losses.md)
OPTS = [
    ("gd", lambda ps, lr: torch.optim.SGD(ps, lr=lr), 0.002),
    ("momentum", lambda ps, lr: torch.optim.SGD(ps, lr=lr, momentum=0.9),
     0.001),
    ("rmsprop", lambda ps, lr: torch.optim.RMSprop(ps, lr=lr), 0.15),
    ("adam", lambda ps, lr: torch.optim.Adam(ps, lr=lr), 0.3),
]


def run(make, lr):
    p = torch.tensor(START, dtype=torch.float64, requires_grad=True)
    opt = make([p], lr)
    for step in range(1, STEPS + 1):
        opt.zero_grad()
        f = rastrigin(p)
        f.backward()
        opt.step()
        with torch.no_grad():
            f = rastrigin(p).item()
            if (not math.isfinite(f) or not torch.isfinite(p).all()
                    or p.abs().max().item() > BOUND):
                return math.inf, step
    return f, -1


def main():
    grid = [LO * (HI / LO) ** (k / (N - 1)) for k in range(N)]
    wall, cpu = time.perf_counter(), time.process_time()
    rows = []
    for name, make, default in OPTS:
        d = run(make, default)
        g = [run(make, lr) for lr in grid]
        best = min(range(N), key=lambda k: (g[k][1] >= 0, g[k][0], k))
        rows.append((name, default, d, grid[best], g[best]))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    runs = len(OPTS) * (N + 1)
    print("torch %s: %d runs of %d steps: wall %.2f s, cpu %.2f s "
          "(%d threads)" % (torch.__version__, runs, STEPS, wall, cpu,
                            torch.get_num_threads()))
    print("%-9s  %-11s %-14s %-11s %s" % ("optimizer", "default lr",
                                          "final-loss", "best lr",
                                          "final-loss"))

    def val(r):
        return "diverged@%d" % r[1] if r[1] >= 0 else "%.6g" % r[0]
    for name, default, d, lr, b in rows:
        print("%-9s  %-11.4g %-14s %-11.4g %s" % (name, default, val(d), lr,
                                                  val(b)))


if __name__ == "__main__":
    main()
