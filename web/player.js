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
  /* The first row of series i kept at step s under --trail N (the last
   * N rows; ov__view_first_row). */
  function firstRow(i, s) {
    var r = rowAt(i, s);
    return D.trail > 0 && r + 1 > D.trail ? r + 1 - D.trail : 0;
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
    /* Frame 0 may be written as what differs from the static layer. */
    if (k === 0 && D.frameBase === "background") ctx.drawImage(bgImage, 0, 0);
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
  /* D.overlay (the contour view): the static layer holds only what never
   * changes, and the start markers, current points, title and legend are
   * drawn here as contour_overlay.c draws them, at the places and sizes
   * the tool gave.  Without it (the curve view) the static layer holds
   * its own start markers, title and legend. */
  var O = D.overlay;
  /* Where the page drew its title and legend (ov__text_box's box). */
  var layout = { title: null, legend: null };
  /* The tool's font (DejaVu Sans) when the reader has it, else the
   * nearest in shape and widths. */
  var FONT = '"DejaVu Sans", "Bitstream Vera Sans", Verdana, sans-serif';
  function setFont(size) {
    ctx.font = size + "px " + FONT;
    ctx.textAlign = "left";
    ctx.textBaseline = "alphabetic";
    /* Unhinted outlines at fractional positions, as the tool's cairo
     * draws them (ov__font: hinting and hinted metrics off). */
    if ("textRendering" in ctx) ctx.textRendering = "geometricPrecision";
    /* cairo's toy text API (cairo_show_text) does not kern. */
    if ("fontKerning" in ctx) ctx.fontKerning = "none";
  }
  /* As cairo 1.16's image backend shows text: each glyph at the whole
   * pixel nearest its unhinted pen position (Skia would place it to a
   * quarter pixel, and the stems would fall on other pixels). */
  function text(s, x, y, size, ha, color) {
    setFont(size);
    var chars = Array.from(s), adv = chars.map(function (c) {
      return ctx.measureText(c).width;
    });
    var w = adv.reduce(function (a, b) { return a + b; }, 0);
    var px = x - ha * w, py = Math.round(y + O.vcenter * size);
    ctx.fillStyle = color;
    chars.forEach(function (c, k) {
      ctx.fillText(c, Math.round(px), py);
      px += adv[k];
    });
  }
  /* printf's %.*g (no leading minus: the callers add theirs). */
  function fmtG(a, sig) {
    if (a === 0) return "0";
    if (a === Infinity) return "inf";
    var ex = a.toExponential(sig - 1).split("e"), x = Number(ex[1]);
    if (x < -4 || x >= sig)
      return ex[0].replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "") + "e" +
             (x < 0 ? "-" : "+") + (Math.abs(x) < 10 ? "0" : "") +
             Math.abs(x);
    var out = a.toFixed(Math.max(0, sig - 1 - x));
    return out.indexOf(".") < 0 ? out
           : out.replace(/0+$/, "").replace(/\.$/, "");
  }
  /* ov__format_sig (render/ticks.c): positional between 1e-4 and 1e6,
   * else %.*g; a leading minus is U+2212. */
  function fmtSig(v, sig) {
    var a = Math.abs(v), out;
    if (v !== v) return "nan";
    if (a >= 1e-4 && a < 1e6) {
      var dec = Math.max(0, sig - 1 - Math.floor(Math.log10(a)));
      var m = Math.pow(10, dec);
      out = (Math.round(a * m) / m).toFixed(dec);
      if (dec > 0) out = out.replace(/0+$/, "").replace(/\.$/, "");
    } else {
      out = fmtG(a, sig);
    }
    return (v < 0 && out !== "0" ? "\u2212" : "") + out;
  }
  /* The legend's label of series i (ov__series_label): its lr follows
   * the slider. */
  function lrOf(i) {
    return live ? series[i].cfg[live.slots.lr] : NaN;
  }
  function label(e) {
    if (e.lrBase === null || !live) return e.label;
    var lr = lrOf(e.series);
    return e.lrBase + " (lr=" + (lr < 0 ? "-" : "") + fmtG(Math.abs(lr), 6) +
           ")";
  }
  /* ov__format_fixed (render/ticks.c): one format per run, f = [sci,
   * decimals], so the legend's digits change and not its width. */
  function fmtFixed(v, f) {
    var a = Math.abs(v), out;
    if (v !== v) return "nan";
    if (f[0]) {
      var ex = a.toExponential(f[1]).split("e"), x = Number(ex[1]);
      out = ex[0] + "e" + (x < 0 ? "-" : "+") + (Math.abs(x) < 10 ? "0" : "") +
            Math.abs(x);
    } else {
      out = a.toFixed(f[1]);
    }
    return (v < 0 ? "\u2212" : "") + out;
  }
  /* ov__fixed_format (render/ticks.c) over a run's leading finite rows,
   * made again when a rerun replaces them. */
  function fixedFormat(rows) {
    var amin = Infinity, amax = 0;
    for (var k = 0; k < rows.length; k++) {
      var v = rows[k][4], a = Math.abs(v);
      if (!Number.isFinite(v) || !Number.isFinite(rows[k][2]) ||
          !Number.isFinite(rows[k][3]))
        break;
      if (a > 0 && a < amin) amin = a;
      amax = Math.max(amax, a);
    }
    if (!(amax > 0) || !isFinite(amax)) return [0, 0];
    if (!(amin > 0) || amin > amax) amin = amax;
    if (amin < 1e-3 || amax >= 1e5) return [1, 3];
    var lead = amax < 1 ? 1 : Math.floor(Math.log10(amax)) + 1;
    var dec = Math.min(2 - Math.floor(Math.log10(amin)), 8 - lead);
    return [0, Math.max(0, dec)];
  }
  /* ov__contour_legend_live: the loss at step s, or where it diverged. */
  function liveText(i, s) {
    var se = series[i], rows = se.rows, r = rowAt(i, s);
    if (se.diverged >= 0 && r + 1 >= rows.length && s >= se.diverged)
      return "diverged at step " + se.diverged;
    if (!se.vfmt || se.vfmt[0] !== rows)
      se.vfmt = [rows, fixedFormat(rows)];
    return fmtFixed(rows[r][4], se.vfmt[1]);
  }
  function titleText(s) {
    if (O.title === 1) return O.titlePrefix + s;
    if (O.title === 3)
      return O.titlePrefix + (live ? lrOf(0) : series[0].rows[0][7]).toFixed(3);
    var r = series[0].rows[rowAt(0, s)];
    return "Epoch: " + r[1] + ", Error: " + fmtSig(r[4], 4);
  }
  /* A live title that follows a rerun's losses is placed as
   * ov__view_reserve_title and title_fit (render/view.c) place it: the
   * left edge of a box as wide as its widest title, centred. */
  var titleCache = null;
  function titleLeft(g) {
    var rows = series[0].rows, m = g[5], room = D.width - 2 * m;
    if (titleCache && titleCache[0] === rows) return titleCache[1];
    setFont(g[3]);
    var seen = {}, bw = 0;
    rows.forEach(function (r) {
      var t = titleText(r[0]).replace(/[1-9]/g, "0");
      if (seen[t]) return;
      seen[t] = 1;
      bw = Math.max(bw, ctx.measureText(t).width);
    });
    bw = Math.min(bw, room);
    var x = Math.round(Math.min(Math.max(g[4], m + 0.5 * bw),
                                D.width - m - 0.5 * bw) - 0.5 * bw);
    titleCache = [rows, x];
    return x;
  }
  function roundedBox(x0, y0, x1, y1, rad, fill, alpha, edge, lw) {
    ctx.beginPath();
    ctx.arc(x0 + rad, y0 + rad, rad, Math.PI, 1.5 * Math.PI);
    ctx.arc(x1 - rad, y0 + rad, rad, 1.5 * Math.PI, 2 * Math.PI);
    ctx.arc(x1 - rad, y1 - rad, rad, 0, 0.5 * Math.PI);
    ctx.arc(x0 + rad, y1 - rad, rad, 0.5 * Math.PI, Math.PI);
    ctx.closePath();
    ctx.globalAlpha = alpha;
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.strokeStyle = edge;
    ctx.lineWidth = lw;
    ctx.stroke();
  }
  /* The legend of the shown series, its box shortened from the bottom.
   * A label changed (its lr) makes the box as wide as the tool would,
   * placed as ov__legend_spot placed the tool's: at the same fraction of
   * the way from the plot's right edge to its left. */
  function drawLegend(s) {
    var b = O.legend.slice(), g = O.legendAt, sc = D.scale;
    var fs = g[0], pad = g[1], rh = g[2], len = g[3], tx = g[4], lx = g[5];
    var on = [], labs = [], relabel = false;
    O.entries.forEach(function (e) {
      if (e.series >= 0 && !series[e.series].shown) { relabel = true; return; }
      on.push(e);
      labs.push(label(e));
      relabel = relabel || labs[labs.length - 1] !== e.label;
    });
    layout.legend = null;
    if (!(b[2] > b[0]) || !on.length) return;
    if (relabel) {
      var a = D.area, m = O.legendMargin, w0 = b[2] - b[0], wl = 0;
      setFont(fs);
      labs.forEach(function (t) { wl = Math.max(wl, ctx.measureText(t).width); });
      var w = pad + len + 0.6 * fs + wl +
              (O.legendLive ? 1.2 * fs + O.legendLiveW : 0) + pad;
      var span0 = a[2] - 2 * m - w0;
      var f = span0 > 0 ? (a[0] + a[2] - m - w0 - b[0]) / span0 : 0;
      b[0] = a[0] + a[2] - m - w - (a[2] - 2 * m - w) * f;
      b[2] = b[0] + w;
      tx = b[0] + pad + len + 0.6 * fs;
      lx = b[2] - pad;
    }
    /* Fewer rows: the box keeps the edge of the plot it is placed by. */
    var a = D.area, fewer = rh * (O.entries.length - on.length);
    if (Math.abs(b[3] - (a[1] + a[3] - O.legendMargin)) < 0.5 &&
        b[1] > a[1] + O.legendMargin + 0.5)
      b[1] += fewer;
    else
      b[3] -= fewer;
    roundedBox(b[0], b[1], b[2], b[3], 4 * sc, O.legendBg, O.legendAlpha,
               O.legendEdge, sc);
    layout.legend = b;
    on.forEach(function (e, j) {
      var y = b[1] + pad + rh * (j + 0.5), x = b[0] + pad;
      var pts = e.series >= 0 && series[e.series].points;
      /* ov__legend_draw's kinds: 1 a marker, 2 a line, 5 a cased line
       * (none for a points-only series) with a marker. */
      if (e.kind === 2 || (e.kind === 5 && !pts)) {
        ctx.beginPath();
        ctx.moveTo(x, y);
        ctx.lineTo(x + len, y);
        ctx.lineCap = "butt";
        if (e.kind === 5) {
          /* the series' casing (ov__view's) */
          ctx.strokeStyle = e.series >= 0 ? series[e.series].casing : "#000";
          ctx.lineWidth = 3 * sc;
          ctx.stroke();
        }
        ctx.strokeStyle = e.color;
        ctx.lineWidth = e.kind === 5 ? 1.6 * sc : 2 * sc;
        ctx.stroke();
      }
      if (e.kind !== 2)
        circle(x + 0.5 * len, y, 4 * sc, e.color, O.legendMarkerLw,
               e.kind === 5 && e.series >= 0 ? series[e.series].casing
                                             : "#000");
      text(labs[j], tx, y, fs, 0, O.text);
      if (O.legendLive && e.series >= 0)
        text(liveText(e.series, s), lx, y, fs, 1, O.text);
    });
  }
  /* The start markers (draw_static_markers; the curve view's discs):
   * one per place. */
  function drawStarts() {
    var sc = D.scale, h = O.startR, done = [];
    series.forEach(function (se) {
      if (!se.shown || !se.rows.length) return;
      var p = toPixel(se.rows[0]);
      if (done.some(function (q) {
        return Math.hypot(q[0] - p[0], q[1] - p[1]) < 1;
      })) return;
      done.push(p);
      if (O.startDisc) {
        circle(p[0], p[1], h, O.startColor, 0);
        return;
      }
      ctx.beginPath();
      ctx.rect(p[0] - h, p[1] - h, 2 * h, 2 * h);
      ctx.fillStyle = "#fff";
      ctx.fill();
      ctx.strokeStyle = "#000";
      ctx.lineWidth = 1.4 * sc;
      ctx.lineJoin = "miter";
      ctx.stroke();
    });
  }
  /* edge_mark (contour_overlay.c): a current point off the plot is
   * marked at the plot's edge, pointing where it went. */
  function edgeMark(x, y) {
    var a = D.area, r = O.markerR + 2 * D.scale;
    if (x > a[0] && x < a[0] + a[2] && y > a[1] && y < a[1] + a[3])
      return null;
    var cx = a[0] + 0.5 * a[2], cy = a[1] + 0.5 * a[3];
    var dx = x - cx, dy = y - cy;
    if (!isFinite(dx) || !isFinite(dy) || (dx === 0 && dy === 0))
      return null;
    var t = Math.min(dx !== 0 ? (0.5 * a[2] - r) / Math.abs(dx) : Infinity,
                     dy !== 0 ? (0.5 * a[3] - r) / Math.abs(dy) : Infinity);
    var d = Math.hypot(dx, dy);
    return [cx + dx * t, cy + dy * t, dx / d, dy / d];
  }
  function drawMarker(q, color, sc, casing) {
    var edge = casing || "#000";
    /* the contour and curve views mark a point off the plot alike */
    var e = O && D.mapKind ? edgeMark(q[0], q[1]) : null;
    var r = O ? O.markerR : 5.5 * sc;
    if (O && O.markerColor) color = O.markerColor;
    if (e) {
      var a = O.markerR * 1.4;
      ctx.beginPath();
      ctx.moveTo(e[0] + a * e[2], e[1] + a * e[3]);
      ctx.lineTo(e[0] - 0.6 * a * e[2] - 0.7 * a * e[3],
                 e[1] - 0.6 * a * e[3] + 0.7 * a * e[2]);
      ctx.lineTo(e[0] - 0.6 * a * e[2] + 0.7 * a * e[3],
                 e[1] - 0.6 * a * e[3] - 0.7 * a * e[2]);
      ctx.closePath();
      ctx.fillStyle = color;
      ctx.fill();
      ctx.strokeStyle = edge;
      ctx.lineWidth = 1.2 * sc;
      ctx.stroke();
      return;
    }
    /* A point on a minimum is a disc wider than its star
     * (marker_radius in contour_overlay.c). */
    D.minima.forEach(function (m) {
      if (Math.hypot(q[0] - m[0], q[1] - m[1]) < 2 * sc) r = 8 * sc + 1.5 * sc;
    });
    circle(q[0], q[1], r, color, O ? O.markerLw : 1.6 * sc, edge);
  }
  /* As the contour view draws a trail (contour_trails.c): each segment
   * with its casing (black, or white for a dark colour over dark bands:
   * ov__view's casing), then point markers where the trail has moved 3
   * scaled pixels since the last one, the current point on top. */
  function drawContour(s) {
    var sc = D.scale, lw = 1.6 * sc;
    if (O) drawStarts();
    series.forEach(function (se, i) {
      if (!se.shown) return;
      var last = rowAt(i, s), p = se.rows.map(toPixel), lastDot = null;
      var first = firstRow(i, s);
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
      /* style=points: the markers alone. */
      for (var k = Math.max(1, first + 1); !se.points && k <= last; k++) {
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
      for (k = first; k <= last; k++) {
        if (lastDot && Math.hypot(p[k][0] - lastDot[0],
                                  p[k][1] - lastDot[1]) < 3 * sc &&
            k + 1 !== se.rows.length)
          continue;
        lastDot = p[k];
        circle(p[k][0], p[k][1], 2.3 * sc, se.color, 0.7 * sc, se.casing);
      }
    });
    /* The current points, then the stars above them. */
    series.forEach(function (se, i) {
      if (se.shown)
        drawMarker(toPixel(se.rows[rowAt(i, s)]), se.color, sc, se.casing);
    });
    D.minima.forEach(function (m) { star(m[0], m[1], m[2], sc); });
  }
  /* As the curve view does: an arrow per step, the current point. */
  function drawCurve(s) {
    var sc = D.scale;
    if (O) drawStarts();
    series.forEach(function (se, i) {
      if (!se.shown) return;
      var last = rowAt(i, s), p = se.rows.map(toPixel);
      for (var k = Math.max(1, firstRow(i, s) + 1); k <= last; k++) {
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
      if (O) drawMarker(p[last], se.color, sc);
      else circle(p[last][0], p[last][1], 5 * sc, se.color, 0);
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
    layout = { title: null, legend: null };
    if (O && O.title) {
      var t = titleText(D.steps[k]), g = O.titleAt.slice();
      if (O.title === 2 && series[0].changed) g[0] = titleLeft(g);
      if (O.title === 3) {
        /* A static title, centred as it is (title_fit). */
        setFont(g[3]);
        var tw = ctx.measureText(t).width;
        g[0] = Math.min(Math.max(g[4], g[5] + 0.5 * tw),
                        D.width - g[5] - 0.5 * tw);
      }
      text(t, g[0], g[1], g[3], g[2], O.text);
      var w = ctx.measureText(t).width, x0 = g[0] - g[2] * w;
      layout.title = [x0, g[1] - 0.75 * g[3], x0 + w, g[1] + 0.6 * g[3]];
    }
    if (O) drawLegend(D.steps[k]);
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
  /* The module is stored deflated (zlib format, sink_html.c): the
   * browser's own DecompressionStream inflates it. */
  function inflate(bytes) {
    if (!live.wasmDeflated) return Promise.resolve(bytes);
    if (typeof DecompressionStream === "undefined")
      return Promise.reject(new Error("this browser has no " +
                                      "DecompressionStream"));
    var ds = new Blob([bytes]).stream()
      .pipeThrough(new DecompressionStream("deflate"));
    return new Response(ds).arrayBuffer();
  }
  function startWasm() {
    if (!live || !live.wasm) return Promise.resolve(null);
    /* Every import the module might name is a stub: the core does no
     * I/O, so none is called. */
    var stubs = new Proxy({}, { get: function () {
      return function () { return 0; };
    } });
    var imports = new Proxy({}, { get: function () { return stubs; } });
    return inflate(b64(live.wasm))
      .then(function (bytes) { return WebAssembly.instantiate(bytes, imports); })
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
    /* The figure's line-width scale (1 at 800x600). */
    scale: D.scale,
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
    /* The boxes of the title and legend the page drew itself (null
     * when it drew none: played frames, or a view it does not draw). */
    layout: function () {
      return mode === "drawn" ? JSON.parse(JSON.stringify(layout))
                              : { title: null, legend: null };
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
