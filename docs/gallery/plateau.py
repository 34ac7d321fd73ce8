#!/usr/bin/env python3
"""Records torch's SGD(momentum=0.9) under ReduceLROnPlateau, a schedule
that reacts to the loss (optviz has none such), for the guide's
docs/gallery/plateau.png.  From the top of the source tree, after a build:

    OPTVIZ_LIB=build/liboptviz.so PYTHONPATH=python \\
        python3 docs/gallery/plateau.py
    optviz --batch docs/gallery/jobs.txt
"""
import os
import torch
import optviz

os.environ.setdefault("ATEN_CPU_CAPABILITY", "default")
optviz.record(
    lambda params: torch.optim.SGD(params, lr=0.0015, momentum=0.9),
    "rosenbrock", "docs/gallery/plateau.csv", steps=200,
    make_scheduler=lambda opt: torch.optim.lr_scheduler.ReduceLROnPlateau(
        opt, factor=0.5, patience=5),
    label="momentum + ReduceLROnPlateau (torch)")
