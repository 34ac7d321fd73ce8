#!/usr/bin/env python3
"""Oracle trajectories for the optimizers that are not torch.optim classes.

Each optimizer below is written from a reading of its authors' reference
implementation (not copied from it): the same rule, defaults, order of
floating-point operations and first-step cases, on a 2-element float64
parameter.  The references read, with the commit read:

  lion      google/automl lion/lion_pytorch.py
            @ ecbc7a3b5ab1944d5f39a80a21fd07b7606583f0
  adan      sail-sg/Adan adan.py, _single_tensor_adan, no_prox False,
            max_grad_norm 0  @ d00ff6258e33ecec3a3e283e15e1e69034ed46b3
  ademamix  apple/ml-ademamix pytorch/ademamix.py
            @ e7327151bbf2c812ae2c080de5491c685b6eb509
  prodigy   konstmish/prodigy prodigyopt/prodigy.py (decouple True, no
            bias correction, no safeguard warm-up, growth_rate inf,
            slice_p 1)  @ a1b4f0eff7ef988ac10d6f11f26b0da15d254588
  sf-adamw  facebookresearch/schedule_free
            schedulefree/adamw_schedulefree_reference.py (decay_at_z False)
            @ 76e631b86c6134519e0dac69245c82a85a6d4d56
  sf-sgd    facebookresearch/schedule_free
            schedulefree/sgd_schedulefree_reference.py
            @ b3be06f3df5670edfa9af00b8d52413b1f00b7ec
  adopt     iShohei220/adopt adopt.py, the two-beta form of its first
            release (decoupled False; the stored version
            44900fa289d58c2ca34c6fd273c2f3625e00f323 adds a third beta for
            an eps schedule, which the command line does not expose)

Output as tools/torch_ref.py (whose losses, data, batches and noise this
script reuses): CSV step,x,y,loss,lr, row 0 the start, one row per step, the
loss the full loss at the row's point, lr the group's lr the step used (row
0: initial_lr).  --schedule, --warmup, --clip-grad-norm and
--clip-grad-value are torch_ref.py's (its lr_scheduler and clipping).
The point is the one a figure shows: the parameter, except for sf-adamw
and sf-sgd, whose parameter is y (where gradients are taken) and which
show x unless --show says y or z.

  ATEN_CPU_CAPABILITY=default /usr/bin/python3 tools/oracle_ref.py \\
      --algo lion --loss rosenbrock --start -1.5 2 --steps 300 --lr 0.01
"""
import argparse
import math
import os
import sys

import torch
from torch.optim.optimizer import Optimizer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_ref  # noqa: E402  (losses, data, batches, noise)


class Rule(Optimizer):
    """An optimizer whose hyper-parameters are keyword arguments (build()
    passes them all, with the defaults of DEFAULTS)."""

    def __init__(self, params, **hyper):
        super().__init__(params, hyper)


class Lion(Rule):

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            b1, b2 = group["betas"]
            lr, wd = group["lr"], group["weight_decay"]
            for p in group["params"]:
                st = self.state[p]
                if not st:
                    st["m"] = torch.zeros_like(p)
                m = st["m"]
                p.mul_(1 - lr * wd)             # decoupled decay first
                mix = m * b1 + p.grad * (1 - b1)
                p.add_(torch.sign(mix), alpha=-lr)
                m.mul_(b2).add_(p.grad, alpha=1 - b2)


class Adan(Rule):

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            b1, b2, b3 = group["betas"]
            group["k"] = group.get("k", 0) + 1
            k = group["k"]
            bc1, bc2, bc3 = 1.0 - b1 ** k, 1.0 - b2 ** k, 1.0 - b3 ** k
            lr, wd, eps = group["lr"], group["weight_decay"], group["eps"]
            for p in group["params"]:
                st = self.state[p]
                g = p.grad.mul(1.0)             # no clipping: factor 1
                if not st:
                    for key in ("m", "n", "diff"):
                        st[key] = torch.zeros_like(p)
                if k == 1:                      # previous gradient := g
                    st["prev"] = g.clone().mul_(-1.0)
                work = st["prev"]               # holds -g_{k-1}
                work.add_(g)                    # g_k - g_{k-1}
                st["m"].mul_(b1).add_(g, alpha=1 - b1)
                st["diff"].mul_(b2).add_(work, alpha=1 - b2)
                work.mul_(b2).add_(g)           # g_k + b2 (g_k - g_{k-1})
                st["n"].mul_(b3).addcmul_(work, work, value=1 - b3)
                den = (st["n"].sqrt() / math.sqrt(bc3)).add_(eps)
                p.addcdiv_(st["m"], den, value=-(lr / bc1))
                p.addcdiv_(st["diff"], den, value=-(lr * b2 / bc2))
                p.div_(1 + lr * wd)             # proximal decay, last
                work.zero_().add_(g, alpha=-1.0)


def _alpha_at(step, alpha, t):
    if t is None or step >= t:
        return alpha
    frac = step / float(t)
    return (1.0 - frac) * 0 + frac * alpha


def _beta3_at(step, beta1, beta3, t):
    if t is None or step >= t:
        return beta3
    def half(beta):
        return math.log(0.5) / math.log(beta + 1e-8) - 1
    frac = step / float(t)
    return math.pow(0.5, 1 / ((1.0 - frac) * half(beta1)
                              + frac * half(beta3) + 1))


class AdEMAMix(Rule):

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            b1, b2, b3_end = group["betas"]
            lr, wd, eps, t = (group["lr"], group["weight_decay"],
                              group["eps"], group["t"])
            for p in group["params"]:
                st = self.state[p]
                if not st:
                    st["k"] = 0
                    st["fast"] = torch.zeros_like(p) if b1 != 0.0 else None
                    st["slow"] = torch.zeros_like(p)
                    st["sq"] = torch.zeros_like(p)
                st["k"] += 1
                k = st["k"]
                bc1, bc2 = 1 - b1 ** k, 1 - b2 ** k
                alpha = _alpha_at(k, group["alpha"], t)
                b3 = _beta3_at(k, b1, b3_end, t)
                g = p.grad
                if b1 != 0.0:
                    fast = st["fast"].mul_(b1).add_(g, alpha=1 - b1)
                else:
                    fast = g
                st["slow"].mul_(b3).add_(g, alpha=1 - b3)
                st["sq"].mul_(b2).addcmul_(g, g, value=1 - b2)
                den = (st["sq"].sqrt() / math.sqrt(bc2)).add_(eps)
                upd = (fast.div(bc1) + alpha * st["slow"]) / den
                upd.add_(p, alpha=wd)
                p.add_(-lr * upd)


class Prodigy(Optimizer):
    def __init__(self, params, lr=1.0, betas=(0.9, 0.999), beta3=None,
                 eps=1e-8, weight_decay=0.0, d0=1e-6, d_coef=1.0):
        super().__init__(params, dict(lr=lr, betas=betas, beta3=beta3,
                                      eps=eps, weight_decay=weight_decay,
                                      d0=d0, d_coef=d_coef))
        self.d = self.d_max = d0
        self.numerator = 0.0
        self.d_trace = []

    @torch.no_grad()
    def step(self):
        group = self.param_groups[0]
        b1, b2 = group["betas"]
        b3 = group["beta3"] if group["beta3"] is not None else math.sqrt(b2)
        lr, d0, wd, eps = (group["lr"], group["d0"], group["weight_decay"],
                           group["eps"])
        d, d_max = self.d, self.d_max
        dlr = d * lr * 1                        # no bias correction
        numerator = self.numerator * b3
        delta = 0.0
        denom_sum = 0.0
        for p in group["params"]:
            st = self.state[p]
            g = p.grad
            if not st:
                st["s"] = torch.zeros_like(p)
                st["p0"] = p.detach().clone()
                if b1 > 0:
                    st["m"] = torch.zeros_like(p)
                st["v"] = torch.zeros_like(p)
            delta += (d / d0) * dlr * torch.dot(g, st["p0"] - p).item()
            if b1 > 0:
                st["m"].mul_(b1).add_(g, alpha=d * (1 - b1))
            st["v"].mul_(b2).addcmul_(g, g, value=d * d * (1 - b2))
            st["s"].mul_(b3).add_(g, alpha=(d / d0) * dlr)
            denom_sum += st["s"].abs().sum().item()
        if denom_sum == 0:                      # no progress: no step
            self.d_trace.append(self.d)
            return
        numerator = numerator + delta
        d_hat = group["d_coef"] * numerator / denom_sum
        if d == d0:
            d = max(d, d_hat)
        d_max = max(d_max, d_hat)
        d = min(d_max, d * float("inf"))
        self.numerator, self.d, self.d_max = numerator, d, d_max
        self.d_trace.append(d)
        for p in group["params"]:
            st = self.state[p]
            den = st["v"].sqrt().add_(d * eps)
            if wd != 0:
                p.add_(p, alpha=-wd * dlr)
            if b1 > 0:
                p.addcdiv_(st["m"], den, value=-dlr)
            else:
                p.addcdiv_(p.grad, den, value=-dlr * d)


class ScheduleFree(Optimizer):
    """Both reference methods: adam=True is sf-adamw, False sf-sgd (whose
    beta is the momentum and whose decay is L2 at y)."""

    def __init__(self, params, adam, lr, beta, beta2=0.999, eps=1e-8,
                 weight_decay=0.0, warmup_steps=0, r=0.0,
                 weight_lr_power=2.0):
        super().__init__(params, dict(lr=lr, beta=beta, beta2=beta2, eps=eps,
                                      weight_decay=weight_decay,
                                      warmup_steps=warmup_steps, r=r,
                                      weight_lr_power=weight_lr_power))
        self.adam = adam
        self.k, self.lr_max, self.weight_sum = 0, -1.0, 0.0

    @torch.no_grad()
    def step(self):
        group = self.param_groups[0]
        k, warm = self.k, group["warmup_steps"]
        sched = (k + 1) / warm if k < warm else 1.0
        lr = group["lr"] * sched
        if self.adam:
            lr = lr * math.sqrt(1 - group["beta2"] ** (k + 1))
        self.lr_max = max(lr, self.lr_max)
        weight = ((k + 1) ** group["r"]) * (self.lr_max
                                            ** group["weight_lr_power"])
        self.weight_sum = self.weight_sum + weight
        ckp1 = weight / self.weight_sum if self.weight_sum != 0 else 0
        wd, beta = group["weight_decay"], group["beta"]
        for p in group["params"]:
            st = self.state[p]
            if not st:
                for key in ("z", "x", "y"):
                    st[key] = p.detach().clone()
                st["v"] = torch.zeros_like(p)
            z, x, y, g = st["z"], st["x"], st["y"], p.grad
            if self.adam:
                if wd != 0:
                    z.sub_(y, alpha=lr * wd)
                st["v"].mul_(group["beta2"]).addcmul_(
                    g, g, value=1 - group["beta2"])
                z.addcdiv_(g, st["v"].sqrt().add_(group["eps"]), value=-lr)
            else:
                if wd != 0:
                    g = g.add(y, alpha=wd)
                z.sub_(g, alpha=lr)
            x.mul_(1 - ckp1).add_(z, alpha=ckp1)
            y.copy_(x.mul(beta).add_(z, alpha=1 - beta))
            p.copy_(y)
        self.k = k + 1


class Adopt(Rule):

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            b1, b2 = group["betas"]
            lr, wd, eps = group["lr"], group["weight_decay"], group["eps"]
            for p in group["params"]:
                st = self.state[p]
                if not st:
                    st["k"] = 0
                    st["m"] = torch.zeros_like(p)
                    st["v"] = torch.zeros_like(p)
                st["k"] += 1
                g = p.grad
                if wd != 0:
                    g = g.add(p, alpha=wd)
                if st["k"] == 1:                # only v on the first step
                    st["v"].addcmul_(g, g)
                    continue
                den = torch.clamp(st["v"].sqrt(), eps)
                if st["k"] == 2:
                    st["m"].addcdiv_(g, den)
                else:
                    st["m"].mul_(b1).addcdiv_(g, den, value=1 - b1)
                p.add_(st["m"], alpha=-lr)
                st["v"].mul_(b2).addcmul_(g, g, value=1 - b2)


DEFAULTS = {
    "lion": dict(lr=1e-4, beta1=0.9, beta2=0.99, weight_decay=0.0),
    "adan": dict(lr=1e-3, beta1=0.98, beta2=0.92, beta3=0.99, eps=1e-8,
                 weight_decay=0.0),
    "ademamix": dict(lr=1e-3, beta1=0.9, beta2=0.999, beta3=0.9999,
                     alpha=2.0, eps=1e-8, weight_decay=0.0),
    "prodigy": dict(lr=1.0, beta1=0.9, beta2=0.999, beta3=None, eps=1e-8,
                    weight_decay=0.0, d0=1e-6, d_coef=1.0),
    "sf-adamw": dict(lr=0.0025, beta1=0.9, beta2=0.999, eps=1e-8,
                     weight_decay=0.0, warmup_steps=0, r=0.0,
                     weight_lr_power=2.0),
    "sf-sgd": dict(lr=1.0, momentum=0.9, weight_decay=0.0, warmup_steps=0,
                   r=0.0, weight_lr_power=2.0),
    "adopt": dict(lr=1e-3, beta1=0.9, beta2=0.9999, eps=1e-6,
                  weight_decay=0.0),
}


def build(a, p):
    h = dict(DEFAULTS[a.algo])
    for key in h:
        v = getattr(a, key, None)
        if v is not None:
            h[key] = v
    betas = (h.get("beta1"), h.get("beta2"))
    if a.algo == "lion":
        return Lion([p], lr=h["lr"], betas=betas,
                    weight_decay=h["weight_decay"])
    if a.algo == "adopt":
        return Adopt([p], lr=h["lr"], betas=betas, eps=h["eps"],
                     weight_decay=h["weight_decay"])
    if a.algo == "adan":
        return Adan([p], lr=h["lr"], betas=betas + (h["beta3"],),
                    eps=h["eps"], weight_decay=h["weight_decay"])
    if a.algo == "ademamix":
        return AdEMAMix([p], lr=h["lr"], betas=betas + (h["beta3"],),
                        alpha=h["alpha"], t=a.t_alpha_beta3, eps=h["eps"],
                        weight_decay=h["weight_decay"])
    if a.algo == "prodigy":
        return Prodigy([p], h["lr"], betas, h["beta3"], h["eps"],
                       h["weight_decay"], h["d0"], h["d_coef"])
    adam = a.algo == "sf-adamw"
    return ScheduleFree([p], adam, h["lr"],
                        h["beta1"] if adam else h["momentum"],
                        h.get("beta2", 0.999), h.get("eps", 1e-8),
                        h["weight_decay"], h["warmup_steps"], h["r"],
                        h["weight_lr_power"])


def shown(a, opt, p):
    if a.algo in ("sf-adamw", "sf-sgd") and a.show != "y":
        st = opt.state[p]
        if st:
            return st[a.show]
    return p


def none_or_float(text):
    return None if text == "none" else float(text)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--algo", required=True, choices=sorted(DEFAULTS))
    ap.add_argument("--loss", required=True,
                    choices=torch_ref.SYNTHETIC + torch_ref.DATA_LOSSES)
    ap.add_argument("--data")
    ap.add_argument("--start", nargs=2, type=float, required=True)
    ap.add_argument("--steps", type=int, default=100)
    for key in ("lr", "beta1", "beta2", "eps", "weight-decay", "alpha",
                "d0", "d-coef", "r", "weight-lr-power", "momentum"):
        ap.add_argument("--" + key, dest=key.replace("-", "_"), type=float)
    ap.add_argument("--beta3", type=none_or_float)
    ap.add_argument("--t-alpha-beta3", dest="t_alpha_beta3", type=int)
    ap.add_argument("--warmup-steps", dest="warmup_steps", type=int)
    ap.add_argument("--show", choices=("x", "y", "z"), default="x")
    ap.add_argument("--batch-size", dest="batch_size", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--noise-std", dest="noise_std", type=float, default=0.0)
    ap.add_argument("--reduction", choices=("mean", "sum"), default="mean")
    ap.add_argument("--schedule", help="NAME[:key=value:...] (lr_scheduler)")
    ap.add_argument("--warmup", type=int, default=0)
    ap.add_argument("--clip-grad-norm", dest="clip_grad_norm", type=float)
    ap.add_argument("--clip-grad-value", dest="clip_grad_value", type=float)
    ap.add_argument("--out")
    a = ap.parse_args(argv)

    torch.set_default_dtype(torch.float64)
    is_data = a.loss in torch_ref.DATA_LOSSES
    rng = torch_ref.SplitMix64(a.seed)
    xs = ys = batches = None
    if is_data:
        xs, ys = torch_ref.read_xy_csv(a.data)
        n = len(xs)
        if 0 < a.batch_size < n:
            batches = torch_ref.batch_stream(n, a.batch_size, "portable",
                                             False, a.seed, rng)
        full = list(range(n))
    noise = (a.noise_std / math.sqrt(max(a.batch_size, 1))
             if a.noise_std else 0.0)

    def value_grad(x0, y0, idx):
        if is_data:
            return torch_ref.data_value_grad(a.loss, x0, y0, xs, ys, idx,
                                             a.reduction)
        return torch_ref.synthetic_value_grad(a.loss, x0, y0)

    p = torch.tensor(a.start, dtype=torch.float64)
    opt = build(a, p)
    sched = torch_ref.build_scheduler(a.schedule, a.warmup, opt, a.steps)
    group = opt.param_groups[0]
    out = open(a.out, "w") if a.out else sys.stdout
    out.write("step,x,y,loss,lr\n")

    def row(step, lr):
        q = shown(a, opt, p)
        x0, y0 = q[0].item(), q[1].item()
        f = value_grad(x0, y0, full if is_data else None)[0]
        out.write("%d,%s,%s,%s,%s\n" % (step, format(x0, ".17g"),
                                        format(y0, ".17g"), format(f, ".17g"),
                                        format(lr, ".17g")))

    row(0, group.get("initial_lr", group["lr"]))
    for step in range(1, a.steps + 1):
        lr = group["lr"]
        idx = next(batches) if batches is not None else (
            full if is_data else None)
        _, g = value_grad(p[0].item(), p[1].item(), idx)
        p.grad = torch.tensor(g, dtype=torch.float64)
        if noise and not is_data:
            z0, z1 = rng.normal_pair()
            p.grad += torch.tensor([noise * z0, noise * z1])
        if a.clip_grad_norm is not None:
            torch.nn.utils.clip_grad_norm_([p], a.clip_grad_norm)
        if a.clip_grad_value is not None:
            torch.nn.utils.clip_grad_value_([p], a.clip_grad_value)
        opt.step()
        if sched is not None:
            sched.step()
        row(step, lr)
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
