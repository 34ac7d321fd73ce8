#!/usr/bin/env python3
"""check.py: the assertions of tests/web/test_web.sh on what drive.js
wrote: canvases against the GIF's frames and the PNG still (decoded by
Pillow, an independent decoder), trajectories against the tool's CSV.

  check.py errors OUT                     no console errors or exceptions
  check.py gif OUT NAME GIF K             canvas NAME is GIF frame K (within
                                          the palette's rounding)
  check.py png OUT NAME PNG               canvas NAME is the PNG, exactly
  check.py near OUT NAME PNG PIX          canvas NAME (trails drawn by the
                                          page) is the PNG within 12 px of
                                          the points PIX.json, up to
                                          anti-aliasing
  check.py csv OUT NAME CSV [ALGO...]     trajectories NAME.json are the
                                          CSV's rows, bit for bit
  check.py ulps OUT NAME CSV MAX          as csv, but up to MAX values may
                                          be 4 ulps off: a loss or gradient
                                          made from a sin or cos that glibc
                                          misrounds (the page's round
                                          correctly, web/libm_wasm.c)
  check.py value OUT NAME JSON            NAME.json holds the value JSON
  check.py region OUT NAME PNG LAYOUT KEY...
                                          the boxes KEY (title, legend) of
                                          LAYOUT.json (optviz.layout(): what
                                          the page drew itself) are drawn,
                                          have ink, and are the PNG's pixels
                                          up to anti-aliasing
  check.py start OUT NAME PNG PIX         in canvas NAME (PNG's size), no
                                          start marker at the first point
                                          of PIX.json, one at the second
                                          (PIX: [old, new, scale])
  check.py colour OUT NAME PNG RRGGBB N   canvas NAME (PNG's size) has at
                                          least N (N >= 1) or no (N = 0)
                                          pixels of the colour, within 8 a
                                          channel
"""
import csv
import json
import struct
import sys

import numpy as np
from PIL import Image


def fail(msg):
    print("check.py: FAIL: " + msg)
    sys.exit(1)


def canvas(out, name, w, h):
    raw = open("%s/%s.rgba" % (out, name), "rb").read()
    if len(raw) != w * h * 4:
        fail("%s: %d bytes, not %dx%d RGBA" % (name, len(raw), w, h))
    return np.frombuffer(raw, np.uint8).reshape(h, w, 4)[:, :, :3].astype(int)


def image(path, frame=None):
    im = Image.open(path)
    if frame is not None:
        im.seek(frame)
    return np.asarray(im.convert("RGB")).astype(int)


def trajectories(out, name, path, algos):
    """The page's trajectories NAME.json against the tool's CSV: the number
    of values compared and the (algo, step, column, page, CSV) of each
    that differs; fails outright when the rows do not line up."""
    page = json.load(open("%s/%s.json" % (out, name)))
    rows = list(csv.DictReader(open(path)))
    if not algos:
        algos = list(dict.fromkeys(r["algo"] for r in rows))
    cols = ("step", "epoch", "x", "y", "loss", "grad_x", "grad_y", "lr")
    n, diff = 0, []
    for i, a in enumerate(algos):
        want = [r for r in rows if r["algo"] == a]
        if len(want) != len(page[i]):
            fail("%s: %s has %d rows, the CSV %d" % (name, a,
                 len(page[i]), len(want)))
        for r, p in zip(want, page[i]):
            for k, c in enumerate(cols):
                if r[c] == "":
                    continue
                n += 1
                if float(r[c]) != p[k]:
                    diff.append((name, a, r["step"], c, p[k], float(r[c])))
    return n, diff


def ulps(a, b):
    """How many doubles apart a and b are (same sign assumed)."""
    ia, ib = (struct.unpack("<q", struct.pack("<d", v))[0] for v in (a, b))
    return abs(ia - ib)

def matched(a, b):
    """Each pixel of a has one within a pixel in b within 48 a channel:
    what anti-aliasing (glyphs rasterised by cairo and by Skia, edges
    placed a fraction of a pixel apart) leaves."""
    h, w = a.shape[:2]
    best = np.full((h, w), 999)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            s = np.roll(np.roll(b, dy, 0), dx, 1)
            best = np.minimum(best, np.abs(a - s).max(axis=2))
    return best <= 48


def main(argv):
    what, out = argv[1], argv[2]
    if what == "errors":
        errs = json.load(open(out + "/errors.json"))
        if errs:
            fail("console errors: %s" % errs)
    elif what == "gif":
        name, gif, k = argv[3], argv[4], int(argv[5])
        ref = image(gif, k)
        got = canvas(out, name, ref.shape[1], ref.shape[0])
        d = np.abs(got - ref).max(axis=2)
        # The GIF maps each pixel to its palette: exact colours stay,
        # anti-aliased blends move to a near entry, never far (the next
        # or previous frame is hundreds of pixels away: a segment, the
        # marker, the title's digits).
        far = (d > 48).sum()
        if far > 10 or d.mean() > 2.0:
            fail("%s: %d pixels off GIF frame %d by more than 48, %d off "
                 "at all" % (name, far, k, (d > 0).sum()))
        print("%s = GIF frame %d: %d pixels differ (palette), %d by > 48"
              % (name, k, (d > 0).sum(), far))
    elif what == "png":
        name, png = argv[3], argv[4]
        ref = image(png)
        got = canvas(out, name, ref.shape[1], ref.shape[0])
        n = (np.abs(got - ref).max(axis=2) > 0).sum()
        if n:
            fail("%s: %d pixels differ from %s" % (name, n, png))
        print("%s = %s, every pixel" % (name, png))
    elif what == "near":
        name, png, pix = argv[3], argv[4], argv[5]
        ref = image(png)
        h, w = ref.shape[:2]
        got = canvas(out, name, w, h)
        yy, xx = np.mgrid[0:h, 0:w]
        near = np.zeros((h, w), bool)
        for px, py in json.load(open("%s/%s.json" % (out, pix))):
            near |= (xx - px) ** 2 + (yy - py) ** 2 <= 144

        bad = near & ~(matched(got, ref) & matched(ref, got))
        # 2 %: a white casing over dark bands (adam's dark red on ols)
        # turns a browser's and cairo's different anti-aliasing of its
        # 0.7 px edges into differences beyond 48 at scattered pixels
        # (1.3 % of them; a black casing kept them under 1 %).
        if near.sum() < 100 or bad.sum() > 0.02 * near.sum():
            fail("%s: %d of %d pixels near the trails differ from %s beyond "
                 "anti-aliasing" % (name, bad.sum(), near.sum(), png))
        print("%s ~ %s near the trails: %d of %d pixels beyond "
              "anti-aliasing" % (name, png, bad.sum(), near.sum()))
    elif what == "csv":
        name, path, algos = argv[3], argv[4], argv[5:]
        n, diff = trajectories(out, name, path, algos)
        if diff:
            fail("%s: %s step %s %s: page %r, CSV %r" % diff[0])
        print("%s = %s: %d values, bit for bit" % (name, path, n))
    elif what == "ulps":
        name, path, most = argv[3], argv[4], int(argv[5])
        n, diff = trajectories(out, name, path, [])
        far = [d for d in diff if ulps(d[4], d[5]) > 4]
        if far or len(diff) > most:
            fail("%s: %d of %d values differ (at most %d may, by 4 ulps), "
                 "%d by more; first: %s step %s %s: page %r, CSV %r" % (
                     name, len(diff), n, most, len(far), *diff[0][1:]))
        print("%s = %s: %d values, %d of them a few ulps off, the rest bit "
              "for bit" % (name, path, n, len(diff)))
    elif what == "value":
        name, want = argv[3], json.loads(argv[4])
        got = json.load(open("%s/%s.json" % (out, name)))
        if got != want:
            fail("%s: %r, want %r" % (name, got, want))
    elif what == "region":
        name, png, lay, keys = argv[3], argv[4], argv[5], argv[6:]
        ref = image(png)
        h, w = ref.shape[:2]
        got = canvas(out, name, w, h)
        boxes = json.load(open("%s/%s.json" % (out, lay)))
        for key in keys:
            b = boxes.get(key)
            if not b:
                fail("%s: the page drew no %s" % (name, key))
            # The box and 3 pixels round it (the legend's edge line).
            x0, y0 = max(int(b[0]) - 3, 1), max(int(b[1]) - 3, 1)
            x1, y1 = min(int(b[2]) + 4, w - 1), min(int(b[3]) + 4, h - 1)
            g, r = got[y0:y1, x0:x1], ref[y0:y1, x0:x1]
            # Ink: pixels far from the region's commonest colour.
            flat = g.reshape(-1, 3)
            vals, counts = np.unique(flat, axis=0, return_counts=True)
            ink = (np.abs(flat - vals[counts.argmax()]).max(axis=1)
                   > 96).sum()
            bad = ~(matched(g, r) & matched(r, g))
            # Anti-aliasing tolerance: 0.5 % of the box beyond a pixel's
            # shift and 48 levels (the page places glyphs on whole pixels
            # as cairo 1.16 does, so only the rasterisers' coverage
            # differs: 0-0.2 % measured; one digit changed is about 1 %
            # of a title box, a title missing 100 %).
            if ink < 20 or bad.sum() > 0.005 * bad.size:
                fail("%s: %s box %s: %d of %d pixels differ from %s "
                     "beyond anti-aliasing, %d pixels of ink"
                     % (name, key, [x0, y0, x1, y1], bad.sum(), bad.size,
                        png, ink))
            print("%s ~ %s, %s box %s: %d of %d pixels beyond "
                  "anti-aliasing, %d of ink" % (name, png, key,
                  [x0, y0, x1, y1], bad.sum(), bad.size, ink))
    elif what == "start":
        name, png, pix = argv[3], argv[4], argv[5]
        old, new, sc = json.load(open("%s/%s.json" % (out, pix)))

        def marker(a, x, y):
            # draw_static_markers: a white square 9 px-units wide in a
            # black 1.4 outline.  Its white inside (part of it under the
            # trail's first point) and how much of its outline is dark.
            hh = 4.5 * sc - 0.7 * sc - 0.5
            box = a[int(np.ceil(y - hh)):int(np.floor(y + hh)) + 1,
                    int(np.ceil(x - hh)):int(np.floor(x + hh)) + 1]
            white = (box.min(axis=2) >= 235).sum()
            ring = [a[int(round(py)), int(round(px))].max() < 80
                    for t in np.linspace(-4.5 * sc, 4.5 * sc, 19)
                    for px, py in ((x + t, y - 4.5 * sc), (x + t, y + 4.5 * sc),
                                   (x - 4.5 * sc, y + t), (x + 4.5 * sc, y + t))]
            return white, float(np.mean(ring))
        h, w = image(png).shape[:2]
        a = canvas(out, name, w, h)
        wo, ro = marker(a, *old)
        wn, rn = marker(a, *new)
        if wo > 1 or ro > 0.3:
            fail("%s: a start marker at the old start %s: %d white "
                 "pixels, %.0f %% of its outline dark" % (name, old, wo,
                                                         100 * ro))
        if wn < 4 or rn < 0.6:
            fail("%s: no start marker at the new start %s: %d white "
                 "pixels, %.0f %% of its outline dark" % (name, new, wn,
                                                         100 * rn))
        print("%s: start marker moved: old %d white / %.0f %% outline, "
              "new %d / %.0f %%" % (name, wo, 100 * ro, wn, 100 * rn))
    elif what == "colour":
        name, png, rgb, n = argv[3], argv[4], argv[5], int(argv[6])
        h, w = image(png).shape[:2]
        a = canvas(out, name, w, h)
        c = np.array([int(rgb[k:k + 2], 16) for k in (0, 2, 4)])
        got = (np.abs(a - c).max(axis=2) <= 8).sum()
        if (n == 0 and got) or got < n:
            fail("%s: %d pixels of #%s, want %s" % (name, got, rgb,
                 "none" if n == 0 else "%d or more" % n))
        print("%s: %d pixels of #%s" % (name, got, rgb))
    else:
        fail("unknown check " + what)


main(sys.argv)
