#!/usr/bin/env python3
"""The Python binding (python/optviz) against independent oracles.

Usage: test_binding.py SOURCE_DIR BUILD_DIR OPTVIZ_TOOL
Installs the package with pip into a throw-away venv (offline, from a
copy of python/), then checks run() against closed forms, figure()
against the tool's own figure, record() against torch (an optimizer
optviz has, recorded through torch, must equal optviz's run bit for bit,
since optviz follows torch.optim exactly) and the import round trip.
The torch parts are skipped where torch is not installed.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

src, build, tool = (os.path.abspath(p) for p in sys.argv[1:4])
passed = failed = skipped = 0


def check(name, cond):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", name)


tmp = tempfile.mkdtemp()
try:
    # ---- pip install ./python, offline, into a venv ----------------------
    shutil.copytree(os.path.join(src, "python"), os.path.join(tmp, "pkg"))
    venv = os.path.join(tmp, "venv")
    r = subprocess.run([sys.executable, "-m", "venv",
                        "--system-site-packages", venv],
                       capture_output=True, text=True)
    py = os.path.join(venv, "bin", "python")
    installed = False
    if r.returncode == 0:
        r = subprocess.run([py, "-m", "pip", "install", "-q", "--no-index",
                            os.path.join(tmp, "pkg")],
                           capture_output=True, text=True)
        check("pip install ./python offline: " + r.stderr[-300:],
              r.returncode == 0)
        installed = r.returncode == 0
    else:
        skipped += 1
        print("skip: no venv module:", r.stderr[-200:])
    os.environ["OPTVIZ_LIB"] = os.path.join(build, "liboptviz.so")
    if installed:
        r = subprocess.run([py, "-c", "import optviz, sys; "
                            "sys.stdout.write(optviz.__file__)"],
                           capture_output=True, text=True, cwd=tmp)
        check("the installed package imports from the venv: " + r.stdout + r.stderr[-300:],
              r.returncode == 0 and r.stdout.startswith(venv))
    sys.path.insert(0, os.path.join(src, "python"))
    import numpy as np
    import optviz

    # ---- run(): gd on x^2 + y^2, lr 0.25: x_k = 3 / 2^k exactly ----------
    runs = optviz.run("quadratic", ["gd:lr=0.25"], steps=40, start=(3, -2))
    a = runs["gd"]
    k = np.arange(41)
    check("run: 41 rows", a.shape == (41,))
    check("run: x_k = 3/2^k exactly", np.array_equal(a["x"], 3.0 / 2.0 ** k))
    check("run: y_k = -2/2^k exactly", np.array_equal(a["y"], -2.0 / 2.0 ** k))
    check("run: loss = x^2 + y^2",
          np.array_equal(a["loss"], a["x"] ** 2 + a["y"] ** 2))
    check("run: steps 0..40", np.array_equal(a["step"], k))
    check("run: lr column", np.all(a["lr"] == 0.25))
    two = optviz.run("rosenbrock", "adam,adam:lr=0.01", steps=5)
    check("run: repeated optimizer gets a unique label",
          sorted(two) == ["adam", "adam-2"])
    try:
        optviz.run("rosenbrock", ["adamm"])
        check("unknown optimizer raises", False)
    except optviz.Error as e:
        check("unknown optimizer raises optviz.Error naming it",
              "adamm" in str(e))
    L = optviz.Loss("x^2 + 3*y^2")
    f, g = L(1.0, 2.0)
    check("Loss(): value and gradient", f == 13.0 and g == (2.0, 12.0))

    # ---- figure(): the tool's figure, pixel for pixel --------------------
    fig = optviz.figure("himmelblau", ["gd", "adam"], steps=30,
                        size=(320, 240), levels=12)
    w, h = struct.unpack(">II", fig.data[16:24])
    check("figure: a 320x240 PNG", fig.data[:8] == b"\x89PNG\r\n\x1a\n"
          and (w, h) == (320, 240))
    out = os.path.join(tmp, "tool.png")
    subprocess.run([tool, "-q", "-l", "himmelblau", "-a", "gd,adam",
                    "--steps", "30", "--size", "320x240", "--levels", "12",
                    "-o", out], check=True)

    def idat(data):
        i, chunks = 8, []
        while i < len(data):
            n, = struct.unpack(">I", data[i:i + 4])
            if data[i + 4:i + 8] in (b"IHDR", b"IDAT", b"PLTE"):
                chunks.append(data[i:i + 12 + n])
            i += 12 + n
        return b"".join(chunks)

    check("figure: same pixels as the tool's",
          idat(fig.data) == idat(open(out, "rb").read()))
    check("figure: _repr_png_ is the PNG", fig._repr_png_() == fig.data)
    gif = optviz.figure("himmelblau", ["adam"], steps=10, format="gif",
                        size="200x150", frames=4)
    check("figure: GIF bytes", gif.data[:6] == b"GIF89a" and
          gif.mime == "image/gif")
    check("figure: a GIF's _repr_png_ is a PNG still",
          gif._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n")
    html = gif._repr_html_()
    check("figure: _repr_html_ is the page where the library has one",
          (html is None) != optviz.has_format("html"))
    if html is not None:
        check("figure: _repr_html_ is an HTML page",
              html.lstrip().lower().startswith("<!doctype html"))
    csv = optviz.figure("rosenbrock", ["gd"], steps=3, format="csv")
    check("figure: csv is the trajectory export",
          csv.data.startswith(b"algo,step,epoch,x,y,loss"))
    try:
        optviz.figure("rosenbrock", ["gd"], steps=3, view="sideways")
        check("bad look option raises", False)
    except optviz.Error as e:
        check("bad look option raises naming it", "view" in str(e))

    # ---- imports and grids -------------------------------------------------
    data = os.path.join(src, "tests", "data", "import")
    pts = os.path.join(tmp, "pts.csv")
    with open(pts, "w") as f:
        f.write("step,x,y\n0,-1.5,3\n1,1,0.5\n")
    imp = optviz.import_runs(pts, "grid:" + os.path.join(data, "grid.npz"))
    r = imp["pts"]
    check("import on a grid: bilinear read-outs",
          np.allclose(r["loss"], 2 * r["x"] + 3 * r["y"] + r["x"] * r["y"],
                      rtol=0, atol=1e-12))

    # ---- record(): torch's own optimizers ---------------------------------
    # torch's vectorised kernels round differently from its plain ones;
    # optviz follows the plain ones (the parity tests run torch so).
    os.environ["ATEN_CPU_CAPABILITY"] = "default"
    try:
        import torch
    except ImportError:
        torch = None
    if torch is None:
        skipped += 1
        print("skip: torch is not installed")
    else:
        rec = os.path.join(tmp, "rec.csv")
        rows = optviz.record(lambda p: torch.optim.Adagrad(p, lr=0.5),
                             "rosenbrock", rec, steps=60, label="adagrad")
        mine = optviz.run("rosenbrock", ["adagrad:lr=0.5"], steps=60)
        m = mine["adagrad"]
        check("record: torch Adagrad equals optviz's adagrad bit for bit",
              all(np.array_equal(rows[c], m[c])
                  for c in ("step", "x", "y", "loss", "grad_x", "grad_y",
                            "lr")))
        mom = optviz.record(
            lambda p: torch.optim.SGD(p, lr=0.0008, momentum=0.9),
            "rosenbrock", None, steps=100)
        m2 = optviz.run("rosenbrock", ["momentum:lr=0.0008"], steps=100)
        check("record: torch SGD(momentum=0.9) equals optviz's momentum",
              np.array_equal(mom["x"], m2["momentum"]["x"]) and
              np.array_equal(mom["y"], m2["momentum"]["y"]))
        back = optviz.import_runs(rec, "rosenbrock")["adagrad"]
        check("record: its CSV imports back exactly",
              all(np.array_equal(back[c], rows[c])
                  for c in ("step", "x", "y", "loss", "lr")))
        # A figure of the recording is the figure of optviz's own run.
        f1 = optviz.figure("rosenbrock", imports=[rec], size=(320, 240))
        f2 = optviz.figure("rosenbrock", ["adagrad:lr=0.5"], steps=60,
                           size=(320, 240))
        check("record: its figure equals optviz's run's",
              idat(f1.data) == idat(f2.data))
        # Closure optimizers: several evaluations per step.
        lbfgs = optviz.record(
            lambda p: torch.optim.LBFGS(p, lr=1, line_search_fn="strong_wolfe"),
            "rosenbrock", None, steps=5)
        check("record: LBFGS (closure, several evaluations) reaches (1, 1)",
              abs(lbfgs["x"][-1] - 1) < 1e-4 and abs(lbfgs["y"][-1] - 1) < 1e-4)
        sched = optviz.record(
            lambda p: torch.optim.SGD(p, lr=0.001, momentum=0.9),
            "rosenbrock", None, steps=10,
            make_scheduler=lambda o: torch.optim.lr_scheduler.StepLR(o, 5, 0.5))
        check("record: the scheduler's lr per step",
              list(sched["lr"][1:]) == [0.001] * 5 + [0.0005] * 5)
        # ReduceLROnPlateau is stepped with the loss (optviz has no such
        # schedule): the momentum run's oscillation cuts its lr.
        pl = optviz.record(
            lambda p: torch.optim.SGD(p, lr=0.0015, momentum=0.9),
            "rosenbrock", None, steps=40,
            make_scheduler=lambda o:
                torch.optim.lr_scheduler.ReduceLROnPlateau(o, factor=0.5,
                                                           patience=5))
        check("record: ReduceLROnPlateau halves the lr",
              pl["lr"][0] == 0.0015 and pl["lr"][-1] < 0.0015 and
              set(pl["lr"]) <= {0.0015 / 2 ** k for k in range(10)})
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print("test_binding: %d passed, %d failed%s" % (
    passed, failed, ", %d skipped" % skipped if skipped else ""))
sys.exit(1 if failed else 0)
