/*
 * player.js: the player of an optviz page (written into every page by
 * src/encode/sink_html.c after window.OPTVIZ_DATA).
 *
 * Two ways to show a step.  "frames": the figure as the tool drew it
 * (frame 0 whole, then each frame's changed rectangles as PNGs), so the
 * canvas at frame k has the pixels of the GIF's frame k and, at the last,
 * of the PNG still.  "drawn": the static layer (no trails) with the
 * trails drawn here from the trajectories, as the figure draws them; used
 * once a reader hides an optimizer or moves a slider (the tool made no
 * frames for that), and only for views with a plain data -> pixel map
 * (contour, curve).  A live page reruns an optimizer with the library's
 * core compiled to WebAssembly (web/live.c) when a slider moves.
 *
 * window.optviz is the page's API (guide.md, "For the web"): frames,
 * frame, seek(k), play(), pause(), set(name, value[, i]), get(name[, i]),
 * trajectory(i), series, mode, ready (a promise).
 */
(function () {
  "use strict";
  var D = window.OPTVIZ_DATA;
  var root = document.getElementById("optviz");
  var nf = D.steps.length;
  var series = D.series.map(function (s) {
    return { label: s.label, algo: s.algo, color: s.color,
             casing: s.casing || "#000000", rows: s.rows,
             cfg: s.cfg.slice(), shown: true, changed: false,
             diverged: s.diverged, dim: s.dim, takes: s.takes,
             points: !!s.points };
  });
  var drawable = D.mapKind !== 0 && D.background !== null;
  var cur = 0, shown = -1, playing = false, timer = null, mode = "frames";
  var patches = [], bgImage = null, wasm = null, live = D.live;
  var runPack = live ? live.run.slice() : null;

  function el(tag, cls, parent, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  /* ---- the page ------------------------------------------------------ */
  var stage = el("div", "ov-stage", root);
  var canvas = el("canvas", "", stage);
  canvas.width = D.width;
  canvas.height = D.height;
  canvas.setAttribute("aria-label", D.title);
  canvas.tabIndex = 0;
  var ctx = canvas.getContext("2d");
  var bar = el("div", "ov-controls", root);
  var bBack = el("button", "", bar, "\u25c1");
  var bPlay = el("button", "ov-play", bar, "\u25b6");
  var bFwd = el("button", "", bar, "\u25b7");
  bBack.title = "step back (\u2190)";
  bFwd.title = "step forward (\u2192)";
  bPlay.title = "play / pause (space)";
  var scrub = el("input", "ov-scrub", bar);
  scrub.type = "range";
  scrub.min = 0;
  scrub.max = nf - 1;
  scrub.value = 0;
  scrub.setAttribute("aria-label", "frame");
  var stepText = el("span", "ov-step", bar);
  var legend = el("div", "ov-legend", root);
  var readout = el("div", "ov-readout", root, "\u00a0");

  /* ---- numbers ------------------------------------------------------- */
  function fmt(v) {
    if (!isFinite(v)) return String(v);
    var a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(4)
                                             : String(+v.toPrecision(6));
  }
  /* The row of series i shown at step s: its last row at or before s. */
  function rowAt(i, s) {
    var rows = series[i].rows, lo = 0, hi = rows.length - 1;
    if (hi < 0) return -1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (rows[mid][0] <= s) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function toPixel(r) {
    var a = r[2], b = D.mapKind === 1 ? r[3] : r[4], m = D.map;
    return [m[0] + m[1] * a + m[2] * b, m[3] + m[4] * a + m[5] * b];
  }
  function fromPixel(px, py) {
    var m = D.map, det = m[1] * m[5] - m[2] * m[4];
    var x = px - m[0], y = py - m[3];
    return [(x * m[5] - y * m[2]) / det, (m[1] * y - m[4] * x) / det];
  }

  /* ---- frames -------------------------------------------------------- */
  function loadImage(src) {
    var im = new Image();
    im.src = src;
    return im.decode().then(function () { return im; });
  }
  var loading = [];
  D.frames.forEach(function (f, k) {
    patches[k] = [];
    f.forEach(function (p, j) {
      loading.push(loadImage(p[2]).then(function (im) {
        patches[k][j] = [p[0], p[1], im];
      }));
    });
  });
  if (drawable)
    loading.push(loadImage(D.background).then(function (im) {
      bgImage = im;
    }));

  function applyFrame(k) {
    patches[k].forEach(function (p) {
      if (p) ctx.drawImage(p[2], p[0], p[1]);
    });
  }
  function showFrames(k) {
    if (shown < 0 || k < shown) {
      shown = -1;
      for (var j = 0; j <= k; j++) applyFrame(j);
    } else {
      for (var i = shown + 1; i <= k; i++) applyFrame(i);
    }
    shown = k;
  }

  /* ---- drawn --------------------------------------------------------- */
  /* As the contour view draws a trail (contour_trails.c): each segment
   * with its casing (black, or white for a dark colour over dark bands:
   * ov__view's casing), then point markers where the trail has moved 3
   * scaled pixels since the last one, the current point on top. */
  function drawContour(s) {
    var sc = D.scale, lw = 1.6 * sc;
    series.forEach(function (se, i) {
      if (!se.shown) return;
      var last = rowAt(i, s), p = se.rows.map(toPixel), lastDot = null;
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
      /* style=points: the markers alone. */
      for (var k = 1; !se.points && k <= last; k++) {
        ctx.beginPath();
        ctx.moveTo(p[k - 1][0], p[k - 1][1]);
        ctx.lineTo(p[k][0], p[k][1]);
        ctx.strokeStyle = se.casing;
        ctx.lineWidth = lw + 1.4 * sc;
        ctx.stroke();
        ctx.strokeStyle = se.color;
        ctx.lineWidth = lw;
        ctx.stroke();
      }
      for (k = 0; k <= last; k++) {
        if (lastDot && Math.hypot(p[k][0] - lastDot[0],
                                  p[k][1] - lastDot[1]) < 3 * sc &&
            k + 1 !== se.rows.length)
          continue;
        lastDot = p[k];
        circle(p[k][0], p[k][1], 2.3 * sc, se.color, 0.7 * sc, se.casing);
      }
    });
    /* A start moved by the reader: its square, as the background has
     * the tool's. */
    if (live && runPack[live.startSlot] !== live.run[live.startSlot] ||
        live && runPack[live.startSlot + 1] !== live.run[live.startSlot + 1]) {
      var st = toPixel(series[0].rows[0]), h = 4.5 * sc;
      ctx.beginPath();
      ctx.rect(st[0] - h, st[1] - h, 2 * h, 2 * h);
      ctx.fillStyle = "#fff";
      ctx.fill();
      ctx.strokeStyle = "#000";
      ctx.lineWidth = 1.4 * sc;
      ctx.lineJoin = "miter";
      ctx.stroke();
    }
    /* The current points, then the stars above them; a point on a
     * minimum is a disc wider than its star (marker_radius in
     * contour_overlay.c). */
    series.forEach(function (se, i) {
      if (!se.shown) return;
      var q = toPixel(se.rows[rowAt(i, s)]), r = 5.5 * sc;
      D.minima.forEach(function (m) {
        if (Math.hypot(q[0] - m[0], q[1] - m[1]) < 2 * sc) r = 9.5 * sc;
      });
      circle(q[0], q[1], r, se.color, 1.6 * sc, se.casing);
    });
    D.minima.forEach(function (m) { star(m[0], m[1], 8 * sc, sc); });
  }
  /* As the curve view does: an arrow per step, the current point. */
  function drawCurve(s) {
    var sc = D.scale;
    series.forEach(function (se, i) {
      if (!se.shown) return;
      var last = rowAt(i, s), p = se.rows.map(toPixel);
      for (var k = 1; k <= last; k++) {
        var dx = p[k][0] - p[k - 1][0], dy = p[k][1] - p[k - 1][1];
        var len = Math.hypot(dx, dy), hs = Math.min(9 * sc, 0.6 * len);
        if (!(len > 0.5) || len > 1e6) continue;
        var ux = dx / len, uy = dy / len;
        ctx.beginPath();
        ctx.moveTo(p[k - 1][0], p[k - 1][1]);
        ctx.lineTo(p[k][0] - ux * hs * 0.8, p[k][1] - uy * hs * 0.8);
        ctx.strokeStyle = se.color;
        ctx.lineWidth = 1.3 * sc;
        ctx.lineCap = "butt";
        ctx.stroke();
        ctx.beginPath();
        ctx.moveTo(p[k][0], p[k][1]);
        ctx.lineTo(p[k][0] - ux * hs - uy * hs * 0.35,
                   p[k][1] - uy * hs + ux * hs * 0.35);
        ctx.lineTo(p[k][0] - ux * hs + uy * hs * 0.35,
                   p[k][1] - uy * hs - ux * hs * 0.35);
        ctx.closePath();
        ctx.fillStyle = se.color;
        ctx.fill();
      }
      var q = p[last];
      circle(q[0], q[1], 5 * sc, se.color, 0);
    });
  }
  /* ov__star (render/draw.c). */
  function star(x, y, r, sc) {
    ctx.beginPath();
    for (var k = 0; k < 10; k++) {
      var rr = k & 1 ? r * 0.45 : r, a = -Math.PI / 2 + k * Math.PI / 5;
      ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
    }
    ctx.closePath();
    ctx.fillStyle = "#fff";
    ctx.fill();
    ctx.strokeStyle = "#000";
    ctx.lineWidth = 1.2 * sc;
    ctx.lineJoin = "miter";
    ctx.stroke();
  }
  function circle(x, y, r, fill, lw, edge) {
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fillStyle = fill;
    ctx.fill();
    if (lw > 0) {
      ctx.strokeStyle = edge || "#000";
      ctx.lineWidth = lw;
      ctx.stroke();
    }
  }
  function showDrawn(k) {
    var a = D.area;
    ctx.drawImage(bgImage, 0, 0);
    ctx.save();
    ctx.beginPath();
    ctx.rect(a[0], a[1], a[2], a[3]);
    ctx.clip();
    if (D.mapKind === 1) drawContour(D.steps[k]); else drawCurve(D.steps[k]);
    ctx.restore();
    shown = -1;
  }

  /* ---- showing a frame ----------------------------------------------- */
  function needDrawn() {
    return series.some(function (s) { return !s.shown || s.changed; });
  }
  function render() {
    mode = drawable && (forced === "drawn" || needDrawn()) ? "drawn"
                                                            : "frames";
    if (mode === "drawn") showDrawn(cur); else showFrames(cur);
    scrub.value = cur;
    stepText.textContent = "step " + D.steps[cur] + " (" + (cur + 1) +
                           "/" + nf + ")";
    legendValues();
  }
  var forced = null;
  function seek(k) {
    k = Math.max(0, Math.min(nf - 1, Math.round(Number(k)) || 0));
    cur = k;
    render();
    return cur;
  }
  function tick() {
    if (!playing) return;
    if (cur >= nf - 1) { pause(); return; }
    seek(cur + 1);
    timer = setTimeout(tick, Math.max(20, D.delays[cur] * 10));
  }
  function play() {
    if (playing) return;
    if (cur >= nf - 1) seek(0);
    playing = true;
    bPlay.textContent = "\u275a\u275a";
    timer = setTimeout(tick, Math.max(20, D.delays[cur] * 10));
  }
  function pause() {
    playing = false;
    bPlay.textContent = "\u25b6";
    if (timer) clearTimeout(timer);
    timer = null;
  }

  /* ---- legend, toggles and sliders ----------------------------------- */
  var valueSpans = [];
  var sliders = [];
  function legendValues() {
    series.forEach(function (se, i) {
      var r = se.rows[rowAt(i, D.steps[cur])];
      valueSpans[i].textContent = r ? fmt(r[4]) : "";
    });
  }
  series.forEach(function (se, i) {
    var item = el("div", "ov-item", legend);
    var lab = el("label", "", item);
    var box = el("input", "", lab);
    box.type = "checkbox";
    box.checked = true;
    box.disabled = !drawable;
    box.title = drawable ? "show or hide " + se.label
                         : "this view is played as frames only";
    var sw = el("span", "ov-swatch", lab);
    sw.style.background = se.color;
    el("span", "ov-name", lab, se.label);
    valueSpans[i] = el("span", "ov-value", item);
    box.addEventListener("change", function () {
      se.shown = box.checked;
      render();
    });
    if (live && drawable) addSliders(item, i);
  });

  function logSlider(parent, name, i, value, lo, hi, step) {
    var wrap = el("label", "ov-slider", parent);
    el("span", "", wrap, name + " ");
    var inp = el("input", "", wrap);
    inp.type = "range";
    inp.min = lo;
    inp.max = hi;
    inp.step = step;
    var out = el("output", "", wrap);
    sliders.push({ name: name, i: i, input: inp, out: out });
    inp.addEventListener("input", function () {
      var v = name === "lr" ? Math.pow(10, Number(inp.value))
                            : Number(inp.value);
      set(name, v, i);
    });
    syncSlider(name, i, inp, out, value);
  }
  function syncSlider(name, i, inp, out, v) {
    inp.value = name === "lr" ? Math.log10(v) : v;
    out.textContent = fmt(v);
  }
  /* The adam family's momentum is beta1. */
  function momentumKey(i) {
    var t = series[i].takes;
    return t.beta1 ? "beta1" : t.momentum ? "momentum" : null;
  }
  function addSliders(item, i) {
    var box = el("div", "ov-sliders", item), c = series[i].cfg;
    var lr = c[live.slots.lr];
    if (live.sliders.indexOf("lr") >= 0 && lr > 0)
      logSlider(box, "lr", i, lr, Math.log10(lr) - 3, Math.log10(lr) + 1,
                0.01);
    var mk = momentumKey(i);
    if (live.sliders.indexOf("momentum") >= 0 && mk)
      logSlider(box, mk, i, c[live.slots[mk]], 0, 0.999, 0.001);
  }

  /* ---- live: the core as WebAssembly --------------------------------- */
  function b64(s) {
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function startWasm() {
    if (!live || !live.wasm) return Promise.resolve(null);
    /* Every import the module might name is a stub: the core does no
     * I/O, so none is called. */
    var stubs = new Proxy({}, { get: function () {
      return function () { return 0; };
    } });
    var imports = new Proxy({}, { get: function () { return stubs; } });
    return WebAssembly.instantiate(b64(live.wasm), imports)
      .then(function (r) {
        var e = r.instance.exports;
        if (e._initialize) e._initialize();
        wasm = e;
        var name = new TextEncoder().encode(live.loss + "\0");
        var p = e.ovw_alloc(name.length);
        new Uint8Array(e.memory.buffer, p, name.length).set(name);
        var n = live.data ? live.data[0].length : 0;
        var x = putDoubles(n ? live.data[0] : [0]);
        var y = putDoubles(n ? live.data[1] : [0]);
        var st = e.ovw_loss(p, live.reduction, x, y, n);
        e.ovw_free(p); e.ovw_free(x); e.ovw_free(y);
        if (st !== 0) throw new Error("optviz: the loss failed: " + st);
        return e;
      });
  }
  function putDoubles(a) {
    var p = wasm.ovw_alloc(8 * a.length);
    new Float64Array(wasm.memory.buffer, p, a.length).set(a);
    return p;
  }
  /* Reruns series i with its configuration and the run's. */
  function rerun(i) {
    var se = series[i];
    var c = putDoubles(se.cfg), r = putDoubles(runPack);
    var st = wasm.ovw_run(c, r);
    wasm.ovw_free(c);
    wasm.ovw_free(r);
    if (st !== 0) {
      readout.textContent = se.label + ": these settings are refused (" +
                            st + ")";
      return false;
    }
    var n = wasm.ovw_nrows(), p = wasm.ovw_rows();
    var f = new Float64Array(wasm.memory.buffer, p, 8 * n), rows = [];
    for (var k = 0; k < n; k++)
      rows.push(Array.prototype.slice.call(f, 8 * k, 8 * k + 8));
    se.rows = rows;
    se.diverged = wasm.ovw_diverged_at();
    se.changed = true;
    return true;
  }

  /* set("lr", v, i), set("momentum" | "beta1", v, i) (i: a series; all
   * when left out), set("start", [x, y]). */
  function set(name, value, i) {
    if (!live || !wasm)
      throw new Error("optviz: this page is a player only (--no-live)");
    var which = i === undefined ? series.map(function (_, k) { return k; })
                                : [i];
    if (name === "start") {
      runPack[live.startSlot] = 1;
      runPack[live.startSlot + 1] = value[0];
      runPack[live.startSlot + 2] = live.dim === 2 ? value[1] : 0;
      which = series.map(function (_, k) { return k; });
    } else {
      var slot = live.slots[name];
      if (slot === undefined || slot < 0)
        throw new Error("optviz: no slider called " + name);
      which.forEach(function (k) { series[k].cfg[slot] = Number(value); });
    }
    which.forEach(rerun);
    sliders.forEach(function (s) {
      if (s.name === name && which.indexOf(s.i) >= 0)
        syncSlider(name, s.i, s.input, s.out, value);
    });
    render();
  }
  function get(name, i) {
    if (name === "start") {
      var r = series[0].rows[0];
      return [r[2], r[3]];
    }
    return series[i || 0].cfg[live.slots[name]];
  }

  /* ---- input --------------------------------------------------------- */
  bPlay.addEventListener("click", function () {
    if (playing) pause(); else play();
  });
  bBack.addEventListener("click", function () { pause(); seek(cur - 1); });
  bFwd.addEventListener("click", function () { pause(); seek(cur + 1); });
  scrub.addEventListener("input", function () {
    pause();
    seek(Number(scrub.value));
  });
  root.addEventListener("keydown", function (ev) {
    if (ev.target.tagName === "INPUT" && ev.target.type === "range" &&
        ev.target !== scrub)
      return;
    if (ev.key === " ") { if (playing) pause(); else play(); }
    else if (ev.key === "ArrowLeft") { pause(); seek(cur - 1); }
    else if (ev.key === "ArrowRight") { pause(); seek(cur + 1); }
    else if (ev.key === "Home") { pause(); seek(0); }
    else if (ev.key === "End") { pause(); seek(nf - 1); }
    else return;
    ev.preventDefault();
  });
  function canvasPoint(ev) {
    var b = canvas.getBoundingClientRect();
    return [(ev.clientX - b.left) * canvas.width / b.width,
            (ev.clientY - b.top) * canvas.height / b.height];
  }
  /* The read-out: the nearest shown point of the trails (or, without a
   * map, every optimizer at the current step). */
  canvas.addEventListener("mousemove", function (ev) {
    var s = D.steps[cur], best = null, bd = 400;
    if (drawable) {
      var q = canvasPoint(ev);
      series.forEach(function (se, i) {
        if (!se.shown) return;
        for (var k = 0, last = rowAt(i, s); k <= last; k++) {
          var p = toPixel(se.rows[k]);
          var d = (p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]);
          if (d < bd) { bd = d; best = [i, k]; }
        }
      });
    }
    var lines = [];
    (best ? [best] : series.map(function (_, i) {
      return [i, rowAt(i, s)];
    })).forEach(function (b) {
      var se = series[b[0]], r = se.rows[b[1]];
      lines.push(se.label + ": step " + r[0] + ", (" + fmt(r[2]) +
                 (se.dim === 1 ? "" :
                  ", " + fmt(r[3])) + "), loss " + fmt(r[4]) + ", lr " +
                 fmt(r[7]));
    });
    readout.textContent = lines.join("\n");
  });
  /* Dragging the start point (a live page with the start slider). */
  var dragging = false;
  function startMoves() {
    return live && wasm && drawable && live.sliders.indexOf("start") >= 0;
  }
  canvas.addEventListener("mousedown", function (ev) {
    if (!startMoves()) return;
    var q = canvasPoint(ev), p = toPixel(series[0].rows[0]);
    if (Math.hypot(p[0] - q[0], p[1] - q[1]) < 12 * D.scale) {
      dragging = true;
      pause();
      ev.preventDefault();
    }
  });
  window.addEventListener("mousemove", function (ev) {
    if (!dragging) return;
    var q = canvasPoint(ev), a = fromPixel(q[0], q[1]);
    set("start", D.mapKind === 1 ? a : [a[0], 0]);
  });
  window.addEventListener("mouseup", function () { dragging = false; });

  /* ---- the API ------------------------------------------------------- */
  var api = {
    frames: nf,
    get frame() { return cur; },
    get mode() { return mode; },
    get series() {
      return series.map(function (s) {
        return { label: s.label, algo: s.algo, color: s.color,
                 shown: s.shown };
      });
    },
    live: !!live,
    steps: D.steps.slice(),
    /* The pixel of a point (x, y), or (x, loss) on a 1-D figure; null
     * when the view has no plain map (frames only). */
    toPixel: function (a, b) {
      return drawable ? toPixel([0, 0, a, b, b]) : null;
    },
    seek: seek,
    play: play,
    pause: pause,
    set: set,
    get: get,
    /* Shows or hides series i. */
    show: function (i, on) {
      series[i].shown = !!on;
      legend.querySelectorAll("input[type=checkbox]")[i].checked = !!on;
      render();
    },
    /* "drawn" draws the trails here even when the frames would do;
     * null goes back to the default. */
    force: function (m) { forced = m; render(); },
    /* Rows of series i: [step, epoch, x, y, loss, grad x, grad y, lr],
     * the columns of the tool's CSV. */
    trajectory: function (i) {
      return series[i].rows.map(function (r) { return r.slice(); });
    }
  };
  window.optviz = api;
  /* A module that cannot start leaves a player (and says so). */
  function startLive() {
    return startWasm().catch(function (e) {
      wasm = null;
      readout.textContent = "the sliders are off: " + e.message;
    });
  }
  api.ready = Promise.all(loading).then(startLive).then(function () {
    seek(0);
    if (!(live && drawable)) root.classList.add("ov-player-only");
    root.classList.add("ov-ready");
    return api;
  });
})();
