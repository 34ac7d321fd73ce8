"""optviz from Python: a thin ctypes binding over liboptviz.

    import optviz
    runs = optviz.run("rosenbrock", ["gd:lr=0.001", "adam"], steps=200)
    runs["adam"]["x"], runs["adam"]["loss"]          # numpy arrays
    fig = optviz.figure("rosenbrock", ["adam"], format="png", size="640x480")
    fig.save("adam.png")                              # or show it in Jupyter
    optviz.record(lambda p: torch.optim.Adagrad(p, lr=0.5, lr_decay=0.1),
                  "rosenbrock", "adagrad.csv", steps=200)
    optviz.figure("rosenbrock", imports=["adagrad.csv"]).save("mine.gif")

The library is found through $OPTVIZ_LIB (a path to liboptviz.so, as in
a build tree: OPTVIZ_LIB=build/liboptviz.so), else the system's library
path (an installed optviz: cmake --install).  Items and figure options
are spelt as the optviz tool spells them (see optviz --help).
"""
import ctypes
import ctypes.util
import math
import os

import numpy as np

__all__ = ["run", "figure", "record", "import_runs", "Loss", "Figure",
           "Error", "ROW_DTYPE"]
__version__ = "0.1.0"


class Error(RuntimeError):
    """A failure the library reported: its status and message."""


class _Err(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int), ("line", ctypes.c_long),
                ("column", ctypes.c_long), ("what", ctypes.c_char * 160)]


# One row of a trajectory (optviz/run.h's ov_traj_row).
ROW_DTYPE = np.dtype([("step", "<i8"), ("epoch", "<i8"), ("x", "<f8"),
                      ("y", "<f8"), ("loss", "<f8"), ("grad_x", "<f8"),
                      ("grad_y", "<f8"), ("d", "<f8"), ("lr", "<f8")])


def _load():
    names = []
    if os.environ.get("OPTVIZ_LIB"):
        names.append(os.environ["OPTVIZ_LIB"])
    found = ctypes.util.find_library("optviz")
    if found:
        names.append(found)
    names += ["liboptviz.so.0", "liboptviz.so"]
    errors = []
    for n in names:
        try:
            return ctypes.CDLL(n)
        except OSError as e:
            errors.append(str(e))
    raise OSError("optviz: cannot load liboptviz (set OPTVIZ_LIB to the "
                  "path of liboptviz.so, or install optviz): "
                  + "; ".join(errors))


_lib = _load()
_P = ctypes.c_void_p
_sigs = {
    "ov_status_str": (ctypes.c_char_p, [ctypes.c_int]),
    "ov_loss_create": (ctypes.c_int, [ctypes.POINTER(_P), ctypes.c_char_p,
                                      _P, ctypes.c_int, ctypes.POINTER(_Err)]),
    "ov_loss_destroy": (None, [_P]),
    "ov_loss_dim": (ctypes.c_int, [_P]),
    "ov_loss_name": (ctypes.c_char_p, [_P]),
    "ov_loss_eval": (ctypes.c_double, [_P, ctypes.POINTER(ctypes.c_double),
                                       ctypes.POINTER(ctypes.c_double)]),
    "ov_loss_default_start": (None, [_P, ctypes.POINTER(ctypes.c_double)]),
    "ov_loss_domain": (None, [_P, ctypes.POINTER(ctypes.c_double),
                              ctypes.POINTER(ctypes.c_double)]),
    "ov_dataset_from_arrays": (ctypes.c_int, [
        ctypes.POINTER(_P), ctypes.POINTER(ctypes.c_double),
        ctypes.POINTER(ctypes.c_double), ctypes.c_size_t, ctypes.c_char_p]),
    "ov_dataset_destroy": (None, [_P]),
    "ov_grid_load": (ctypes.c_int, [ctypes.POINTER(_P), ctypes.c_char_p,
                                    ctypes.POINTER(_Err)]),
    "ov_import_load": (ctypes.c_int, [
        ctypes.POINTER(ctypes.POINTER(_P)), ctypes.POINTER(ctypes.c_size_t),
        ctypes.c_char_p, _P, ctypes.POINTER(_Err)]),
    "ov_import_free": (None, [ctypes.POINTER(_P), ctypes.c_size_t]),
    "ov_bind_run": (ctypes.c_int, [
        ctypes.POINTER(_P), _P, ctypes.c_char_p, ctypes.c_long, ctypes.c_long,
        ctypes.c_uint64, ctypes.c_double, ctypes.POINTER(ctypes.c_double),
        ctypes.POINTER(_Err)]),
    "ov_trajectory_destroy": (None, [_P]),
    "ov_trajectory_row_count": (ctypes.c_size_t, [_P]),
    "ov_trajectory_row_data": (_P, [_P]),
    "ov_traj_row_size": (ctypes.c_size_t, []),
    "ov_trajectory_label": (ctypes.c_char_p, [_P]),
    "ov_trajectory_set_label": (None, [_P, ctypes.c_char_p]),
    "ov_trajectory_algo_name": (ctypes.c_char_p, [_P]),
    "ov_trajectory_lr": (ctypes.c_double, [_P]),
    "ov_trajectory_diverged_at": (ctypes.c_long, [_P]),
    "ov_bind_spec_new": (_P, []),
    "ov_bind_spec_free": (None, [_P]),
    "ov_bind_spec_set": (ctypes.c_int, [_P, ctypes.c_char_p, ctypes.c_char_p,
                                        ctypes.POINTER(_Err)]),
    "ov_bind_render": (ctypes.c_int, [
        ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte)),
        ctypes.POINTER(ctypes.c_size_t), ctypes.c_char_p, _P,
        ctypes.POINTER(_P), ctypes.c_size_t, _P, ctypes.POINTER(_Err)]),
    "ov_bind_free": (None, [_P]),
    "ov_format_from_name": (ctypes.c_int, [ctypes.c_char_p,
                                           ctypes.POINTER(ctypes.c_int)]),
}
for _name, (_res, _args) in _sigs.items():
    _f = getattr(_lib, _name)
    _f.restype = _res
    _f.argtypes = _args

if _lib.ov_traj_row_size() != ROW_DTYPE.itemsize:
    raise OSError("optviz: liboptviz's rows are %d bytes, this binding's %d:"
                  " versions differ" % (_lib.ov_traj_row_size(),
                                        ROW_DTYPE.itemsize))


def _b(s):
    return s.encode("utf-8") if isinstance(s, str) else s


def _raise(st, err, what):
    msg = err.what.decode("utf-8", "replace")
    place = ""
    if err.line > 0:
        place = ":%d" % err.line
        if err.column > 0:
            place += ": column %d" % err.column
    raise Error("%s%s: %s" % (what, place, msg or
                              _lib.ov_status_str(st).decode()))


class Loss:
    """An optviz loss: a catalogue name ("rosenbrock"), an expression in x
    and y ("x^2 + 3*y^2"), or "grid:FILE", a precomputed landscape.
    data=(x, y) gives a data loss (ols, sigmoid) its points."""

    def __init__(self, spec, data=None, reduction="mean"):
        self._p = _P()
        self.spec = spec
        err = _Err()
        if isinstance(spec, Loss):
            raise TypeError("already a Loss")
        if spec.startswith("grid:"):
            st = _lib.ov_grid_load(ctypes.byref(self._p), _b(spec[5:]),
                                   ctypes.byref(err))
            if st:
                _raise(st, err, spec[5:])
            return
        ds = _P()
        if data is not None:
            x = np.ascontiguousarray(data[0], dtype=np.float64)
            y = np.ascontiguousarray(data[1], dtype=np.float64)
            if x.shape != y.shape or x.ndim != 1:
                raise ValueError("data: two 1-D arrays of one length")
            dp = ctypes.POINTER(ctypes.c_double)
            st = _lib.ov_dataset_from_arrays(
                ctypes.byref(ds), x.ctypes.data_as(dp), y.ctypes.data_as(dp),
                len(x), b"data")
            if st:
                raise Error("data: " + _lib.ov_status_str(st).decode())
        try:
            st = _lib.ov_loss_create(ctypes.byref(self._p), _b(spec), ds,
                                     1 if reduction == "sum" else 0,
                                     ctypes.byref(err))
        finally:
            _lib.ov_dataset_destroy(ds)
        if st:
            _raise(st, err, "loss '%s'" % spec)

    def __del__(self):
        if getattr(self, "_p", None):
            _lib.ov_loss_destroy(self._p)
            self._p = None

    @property
    def dim(self):
        return _lib.ov_loss_dim(self._p)

    @property
    def start(self):
        s = (ctypes.c_double * 2)()
        _lib.ov_loss_default_start(self._p, s)
        return (s[0], s[1]) if self.dim == 2 else (s[0],)

    def __call__(self, x, y=0.0):
        """The loss and its gradient at (x, y): (f, (gx, gy))."""
        t = (ctypes.c_double * 2)(float(x), float(y))
        g = (ctypes.c_double * 2)()
        f = _lib.ov_loss_eval(self._p, t, g)
        return f, (g[0], g[1])


def _as_loss(loss, data=None):
    return loss if isinstance(loss, Loss) else Loss(loss, data)


class _Runs:
    """Trajectory handles that free themselves."""

    def __init__(self):
        self.handles = []     # (pointer, owner) pairs
        self.arrays = []      # ov_import_load arrays

    def add_run(self, loss, item, steps, epochs, seed, noise_std, start):
        t = _P()
        err = _Err()
        st_arr = None
        if start is not None:
            st_arr = (ctypes.c_double * 2)(*(list(map(float, start)) +
                                             [0.0])[:2])
        st = _lib.ov_bind_run(ctypes.byref(t), loss._p, _b(item),
                              -1 if steps is None else int(steps),
                              -1 if epochs is None else int(epochs),
                              int(seed), float(noise_std), st_arr,
                              ctypes.byref(err))
        if st:
            _raise(st, err, "%s on '%s'" % (item, loss.spec))
        self.handles.append(t)

    def add_import(self, loss, path):
        arr = ctypes.POINTER(_P)()
        n = ctypes.c_size_t()
        err = _Err()
        st = _lib.ov_import_load(ctypes.byref(arr), ctypes.byref(n),
                                 _b(os.fspath(path)), loss._p,
                                 ctypes.byref(err))
        if st:
            _raise(st, err, os.fspath(path))
        self.arrays.append(arr)
        for i in range(n.value):
            self.handles.append(_P(arr[i]))
            arr[i] = None     # the handles own them now

    def unique_labels(self):
        seen = set()
        for t in self.handles:
            base = lab = _lib.ov_trajectory_label(t).decode()
            k = 2
            while lab in seen:
                lab = "%s-%d" % (base, k)
                k += 1
            if lab != base:
                _lib.ov_trajectory_set_label(t, _b(lab))
            seen.add(lab)

    def __del__(self):
        for t in self.handles:
            _lib.ov_trajectory_destroy(t)
        for a in self.arrays:
            _lib.ov_import_free(a, 0)
        self.handles = self.arrays = []


def _rows(t):
    n = _lib.ov_trajectory_row_count(t)
    p = _lib.ov_trajectory_row_data(t)
    buf = (ctypes.c_char * (n * ROW_DTYPE.itemsize)).from_address(p)
    return np.frombuffer(bytes(buf), dtype=ROW_DTYPE)


def _collect(runs):
    out = {}
    for t in runs.handles:
        a = _rows(t)
        out[_lib.ov_trajectory_label(t).decode()] = a
    return out


def _make(loss, algos, imports, steps, epochs, seed, noise_std, start, data):
    loss = _as_loss(loss, data)
    if isinstance(algos, str):
        algos = [a for a in algos.split(",") if a]
    runs = _Runs()
    for item in algos or ():
        runs.add_run(loss, item, steps, epochs, seed, noise_std, start)
    for path in imports or ():
        runs.add_import(loss, path)
    runs.unique_labels()
    return loss, runs


def run(loss, algos=("gd", "momentum", "rmsprop", "adam"), steps=None,
        epochs=None, seed=0, noise_std=0.0, start=None, data=None):
    """Runs each optimizer item ("adam", "gd:lr=0.1", as the tool's --algo)
    on the loss; returns {label: rows}, rows a numpy structured array with
    fields step, epoch, x, y, loss, grad_x, grad_y, d, lr."""
    _, runs = _make(loss, algos, (), steps, epochs, seed, noise_std, start,
                    data)
    return _collect(runs)


def import_runs(path, loss):
    """The runs of a file (optviz's CSV or JSON, a minimal step,x,y CSV,
    LossLandscape's JSON) on a loss: {label: rows} as run() returns."""
    loss, runs = _make(loss, (), (path,), None, None, 0, 0.0, None, None)
    return _collect(runs)


def _mime(fmt):
    return {"png": "image/png", "gif": "image/gif", "svg": "image/svg+xml",
            "pdf": "application/pdf", "mp4": "video/mp4",
            "webm": "video/webm", "csv": "text/csv",
            "json": "application/json",
            "html": "text/html"}.get(fmt, "application/octet-stream")


def _render(loss, runs, fmt, look):
    spec = _lib.ov_bind_spec_new()
    if not spec:
        raise MemoryError()
    try:
        for k, v in look.items():
            if v is None:
                continue
            if isinstance(v, bool):
                v = int(v)
            if isinstance(v, (tuple, list)):
                v = ("%sx%s" if k == "size" else "%r:%r") % tuple(v)
            err = _Err()
            st = _lib.ov_bind_spec_set(spec, _b(k.replace("_", "-")),
                                       _b(str(v)), ctypes.byref(err))
            if st:
                _raise(st, err, k)
        n = len(runs.handles)
        arr = (_P * max(n, 1))(*runs.handles)
        out = ctypes.POINTER(ctypes.c_ubyte)()
        size = ctypes.c_size_t()
        err = _Err()
        st = _lib.ov_bind_render(ctypes.byref(out), ctypes.byref(size),
                                 _b(fmt), loss._p, arr, n, spec,
                                 ctypes.byref(err))
        if st:
            _raise(st, err, "figure (%s)" % fmt)
        try:
            return ctypes.string_at(out, size.value)
        finally:
            _lib.ov_bind_free(out)
    finally:
        _lib.ov_bind_spec_free(spec)


def has_format(name):
    """Whether liboptviz knows the format (e.g. "html", "mp4")."""
    f = ctypes.c_int()
    return _lib.ov_format_from_name(_b(name), ctypes.byref(f)) == 0


class Figure:
    """A rendered figure: .data (bytes), .format, .mime; save(path).
    Jupyter shows it through _repr_png_ (a PNG still of the same figure
    when the format is another), and _repr_html_ gives the interactive
    page where this liboptviz has the html format (else None)."""

    def __init__(self, data, fmt, rerender):
        self.data = data
        self.format = fmt
        self.mime = _mime(fmt)
        self._rerender = rerender

    def save(self, path):
        with open(path, "wb") as f:
            f.write(self.data)

    def __bytes__(self):
        return self.data

    def __len__(self):
        return len(self.data)

    def _repr_png_(self):
        if self.format == "png":
            return self.data
        return self._rerender("png")

    def _repr_html_(self):
        # The interactive page, where the library has the "html" format.
        if self.format == "html":
            return self.data.decode("utf-8")
        if has_format("html"):
            try:
                return self._rerender("html").decode("utf-8")
            except Error:
                return None
        return None


def figure(loss, algos=(), imports=(), format="png", steps=None, epochs=None,
           seed=0, noise_std=0.0, start=None, data=None, **look):
    """Draws optimizer items and/or imported files on the loss in the given
    format (png, svg, pdf, gif, mp4, webm, csv, json).  look: the tool's
    look and animation options by name, e.g. view="surface",
    size="640x480" (or (640, 480)), xlim=(-2, 2), levels=30, zscale="log",
    colormap="magma", arrows="step", title="...", legend=False,
    theme="dark", elev=30, azim=-60, frames=60, fps=12, trail=20,
    panel="loss", layout="grid".  Without algos and imports it runs the
    tool's default four optimizers."""
    if not algos and not imports:
        algos = ("gd", "momentum", "rmsprop", "adam")
    lossobj, runs = _make(loss, algos, imports, steps, epochs, seed,
                          noise_std, start, data)

    def rerender(fmt):
        return _render(lossobj, runs, fmt, look)

    return Figure(rerender(format), format, rerender)


def record(make_optimizer, loss, path=None, steps=100, start=None,
           label=None, make_scheduler=None, data=None):
    """Runs a PyTorch optimizer on an optviz loss and records it in
    optviz's trajectory CSV (the format --import reads).

    make_optimizer(params) -> torch.optim.Optimizer, e.g.
        lambda p: torch.optim.Adagrad(p, lr=0.5, lr_decay=0.1)
    make_scheduler(optimizer) -> an lr scheduler stepped after each step.
    Each step evaluates the loss and its exact gradient through liboptviz
    (in float64) inside the optimizer's closure, so optimizers that
    evaluate several times per step (LBFGS) work too.  The run stops early
    where the loss or a coordinate stops being finite.
    Returns the rows (ROW_DTYPE); writes them to path when given."""
    import torch

    L = _as_loss(loss, data)
    if start is None:
        start = L.start
    p = torch.tensor([float(v) for v in start], dtype=torch.float64,
                     requires_grad=True)
    opt = make_optimizer([p])
    sched = make_scheduler(opt) if make_scheduler else None
    dim = L.dim

    def at(theta):
        t = list(theta) + [0.0]
        f, g = L(t[0], t[1] if dim == 2 else 0.0)
        return f, g

    def closure():
        opt.zero_grad()
        f, g = at(p.detach().tolist())
        p.grad = torch.tensor(g[:dim], dtype=torch.float64)
        return torch.tensor(f, dtype=torch.float64)

    def row(step, lr):
        th = p.detach().tolist() + [0.0]
        f, g = at(th)
        return (step, step, th[0], th[1] if dim == 2 else float("nan"), f,
                g[0], g[1] if dim == 2 else float("nan"), float("nan"), lr)

    rows = [row(0, opt.param_groups[0]["lr"])]
    for step in range(1, int(steps) + 1):
        lr = opt.param_groups[0]["lr"]
        f = opt.step(closure)
        if sched is not None:
            # ReduceLROnPlateau reacts to the loss: it is handed it.
            if type(sched).__name__ == "ReduceLROnPlateau":
                sched.step(float(f) if f is not None else at(
                    p.detach().tolist())[0])
            else:
                sched.step()
        r = row(step, lr)
        if not all(math.isfinite(v) for v in (r[2], r[4]) +
                   ((r[3],) if dim == 2 else ())):
            break
        rows.append(r)
    out = np.array(rows, dtype=ROW_DTYPE)
    if label is None:
        label = type(opt).__name__ + " (torch)"
    if path is not None:
        _write_csv(path, label, out, dim)
    return out


def _write_csv(path, label, rows, dim):
    def g(v):
        return "" if v != v else repr(float(v))

    lab = label
    if any(c in lab for c in ',"\r\n'):
        lab = '"' + lab.replace('"', '""') + '"'
    with open(path, "w") as f:
        f.write("algo,step,epoch,x,y,loss,grad_x,grad_y,lr\n")
        for r in rows:
            f.write("%s,%d,%d,%s,%s,%s,%s,%s,%s\n" % (
                lab, r["step"], r["epoch"], g(r["x"]),
                g(r["y"]) if dim == 2 else "", g(r["loss"]),
                g(r["grad_x"]), g(r["grad_y"]) if dim == 2 else "",
                g(r["lr"])))
