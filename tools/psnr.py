#!/usr/bin/python3
"""psnr.py: how far apart two renders of the same figure are.

usage: tools/psnr.py A B            (PNG, or GIF: every frame, composed)

Prints the size, the number of pixels that differ, the largest channel
difference and the PSNR in dB (inf when identical; the lowest frame's for
an animation).  A change is called invisible here when the PSNR is above
40 dB (mean squared error below 6.5 on 0-255) and no pixel moves more than
a few levels except along edges.  Needs python3-pil and python3-numpy.
"""
import math
import sys

import numpy as np
from PIL import Image, ImageSequence


def frames(path):
    im = Image.open(path)
    out = []
    for f in ImageSequence.Iterator(im):
        out.append(np.asarray(f.convert("RGB"), dtype=np.int16))
    return out


def compare(a, b):
    fa, fb = frames(a), frames(b)
    if len(fa) != len(fb) or fa[0].shape != fb[0].shape:
        print(f"{a} vs {b}: different frame count or size "
              f"({len(fa)} {fa[0].shape} vs {len(fb)} {fb[0].shape})")
        return 1
    worst, ndiff, maxd = math.inf, 0, 0
    for x, y in zip(fa, fb):
        d = np.abs(x - y)
        ndiff = max(ndiff, int(np.count_nonzero(d.max(axis=2))))
        maxd = max(maxd, int(d.max()))
        mse = float(np.mean(d.astype(np.float64) ** 2))
        psnr = math.inf if mse == 0 else 10 * math.log10(255.0 ** 2 / mse)
        worst = min(worst, psnr)
    h, w = fa[0].shape[:2]
    print(f"{b}: {w}x{h}, {len(fa)} frame(s), up to {ndiff} pixels differ "
          f"({100.0 * ndiff / (w * h):.3f} %), max channel diff {maxd}, "
          f"PSNR {worst:.1f} dB")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(compare(sys.argv[1], sys.argv[2]))
