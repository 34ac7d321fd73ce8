#!/bin/bash
# --view history: each quantity on its own axis (stacked panels), so none
# is drawn flat by another's range.  On rosenbrock with adam the loss runs
# 12.5 -> 4.5 while x moves only -1.5 -> -1.1: on one shared axis x was a
# flat line.  Measured on the pixels: the panels are found by their frames
# (dark rows across most of the width), each quantity's colour (the
# seed's red loss, blue x, green y) must lie in one panel, a different one
# per quantity, and span at least a third of that panel's height.
#
# Usage: bash test_history_axes.sh /path/to/optviz
. "$(dirname "$0")/lib.sh" "$@"

# Debian's python3-pil is /usr/bin/python3's; a python3 earlier on PATH
# (pyenv) may not have it.
py=
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import PIL' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
    echo "SKIP: a python3 with PIL is needed to read the pixels"
    exit 0
fi

"$OPTVIZ" -q --view history --loss rosenbrock --algo adam --no-legend \
    -o h.png
out=$("$py" - h.png <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
W, H = im.size
px = im.load()
# Panel frames: rows with a dark run over more than half the width.
rows = [y for y in range(H)
        if sum(1 for x in range(W) if sum(px[x, y]) < 150) > W // 2]
edges = []
for y in rows:
    if not edges or y - edges[-1][1] > 1:
        edges.append([y, y])
    else:
        edges[-1][1] = y
if len(edges) != 6:
    print("frames: %d dark row groups %s" % (len(edges), edges)); sys.exit()
panels = [(edges[i][1], edges[i + 1][0]) for i in range(0, 6, 2)]
cols = {"loss": (0xD6, 0x27, 0x28), "x": (0x1F, 0x77, 0xB4),
        "y": (0x2C, 0xA0, 0x2C)}
used = set()
for name, c in cols.items():
    ys = [y for y in range(H) for x in range(W)
          if all(abs(a - b) <= 8 for a, b in zip(px[x, y], c))]
    if len(ys) < 50:
        print("%s: %d pixels" % (name, len(ys))); sys.exit()
    inside = [i for i, (t, b) in enumerate(panels)
              if all(t < y < b for y in ys)]
    if len(inside) != 1 or inside[0] in used:
        print("%s: not in one panel of its own" % name); sys.exit()
    used.add(inside[0])
    t, b = panels[inside[0]]
    span = max(ys) - min(ys)
    if span * 3 < b - t:
        print("%s spans %d of %d px" % (name, span, b - t)); sys.exit()
    print("%s %d/%d" % (name, span, b - t), file=sys.stderr)
print("ok")
PY
)
[ "$out" = ok ] && ok || bad "history panels: $out"

# The loss panel turns log when the loss spans decades (gd on booth falls
# from 1e2 to 1e-30): its axis name says so.
"$OPTVIZ" -q --view history --loss booth -a gd -o b.svg
grep -q '(log)' b.svg && ok || bad "booth: loss axis not log"
finish
