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
  check.py value OUT NAME JSON            NAME.json holds the value JSON
"""
import csv
import json
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

        def matched(a, b):
            # Each pixel of a has one within a pixel in b within 48.
            best = np.full((h, w), 999)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    s = np.roll(np.roll(b, dy, 0), dx, 1)
                    best = np.minimum(best, np.abs(a - s).max(axis=2))
            return best <= 48
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
        page = json.load(open("%s/%s.json" % (out, name)))
        rows = list(csv.DictReader(open(path)))
        if not algos:
            algos = list(dict.fromkeys(r["algo"] for r in rows))
        cols = ("step", "epoch", "x", "y", "loss", "grad_x", "grad_y", "lr")
        n = 0
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
                        fail("%s: %s step %s %s: page %r, CSV %r" % (
                            name, a, r["step"], c, p[k], float(r[c])))
        print("%s = %s: %d values, bit for bit" % (name, path, n))
    elif what == "value":
        name, want = argv[3], json.loads(argv[4])
        got = json.load(open("%s/%s.json" % (out, name)))
        if got != want:
            fail("%s: %r, want %r" % (name, got, want))
    else:
        fail("unknown check " + what)


main(sys.argv)
