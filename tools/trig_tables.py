#!/usr/bin/env python3
"""Prints the constants of src/core/trig.c from mpmath (python3-mpmath), so
they can be checked: the bits of 2/pi in 32-bit words, pi/2 as a
double-double, and the Taylor coefficients of sin and cos, as hex floats.

    python3 tools/trig_tables.py

With --oracle, reads lines "FN X" (FN sin, cos or tan, X a hex float) and
prints "FN X Y", Y the correctly rounded FN(X) from 400-bit arithmetic:
tests/data/trig_oracle.txt, test_trig's independent oracle.

    python3 tools/trig_tables.py --oracle < args > tests/data/trig_oracle.txt
"""
import sys

import mpmath
from mpmath import mp, mpf

mp.prec = 1600


def hexd(v):
    return float(v).hex()


def dd(v):
    hi = float(v)
    lo = float(v - mpf(hi))
    return hi, lo


if sys.argv[1:] == ["--oracle"]:
    mp.prec = 400  # mpmath widens it further for large arguments
    fns = {"sin": mpmath.sin, "cos": mpmath.cos, "tan": mpmath.tan}
    print("# FN X correctly-rounded-FN(X), by tools/trig_tables.py --oracle")
    for line in sys.stdin:
        if not line.strip() or line.startswith("#"):
            continue
        fn, x = line.split()[:2]
        y = float(fns[fn](mpf(float.fromhex(x))))  # float() rounds to nearest
        print("%s %s %s" % (fn, x, y.hex()))
    sys.exit(0)

words = []
f = 2 / mp.pi
for _ in range(40):
    f *= 2**32
    w = int(mpmath.floor(f))
    words.append(w)
    f -= w
print("/* 2/pi: 40 words of 32 bits after the binary point */")
for i in range(0, 40, 5):
    print("    " + ", ".join("0x%08x" % w for w in words[i:i + 5]) + ",")
hi, lo = dd(mp.pi / 2)
print("pi/2: %s, %s" % (hexd(hi), lo.hex()))
for name, first in (("sin", 3), ("cos", 2)):
    print("/* %s: (-1)^k / (%s)! */" % (name, "2k+1" if first == 3 else "2k"))
    for k in range(1, 17):
        n = 2 * k + (1 if name == "sin" else 0)
        c = mpf((-1)**k) / mpmath.factorial(n)
        h, l = dd(c)
        print("    k=%2d { %s, %s }," % (k, h.hex(), l.hex()))
