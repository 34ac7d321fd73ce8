#!/bin/bash
# Titles and labels (issue 14): --title templates and their errors, the
# counter kept after a plain title on an animation, display names, a true
# counter for runs of different lengths, one label rule in every view and
# the legend's fixed number format.  Texts are read from SVG stills (text
# stays <text>); animations are compared by their pixels (python3 PIL).
. "$(dirname "$0")/lib.sh" "$@"

PY=/usr/bin/python3
# texts FILE: the texts an SVG draws, one a line.
texts() { grep -o '<text[^>]*>[^<]*</text>' "$1" | sed 's/<text[^>]*>//;s/<\/text>//'; }

# An unknown field, a lone brace: usage errors naming them, no file.
"$OPTVIZ" -q -l quadratic -a gd --steps 5 --title 'a {foo} b' -o bad.png \
    2>err.txt
check "unknown field: exit 2" "[ $? -eq 2 ]"
check "unknown field named" "grep -q \"optviz: --title.*unknown field '{foo}'\" err.txt"
check "unknown field: no file" "[ ! -e bad.png ]"
"$OPTVIZ" -q -l quadratic -a gd --steps 5 --title 'a {step' -o bad.png \
    2>err.txt
check "open brace: exit 2" "[ $? -eq 2 ]"

# A template on a still: the last step, the run's loss (from its CSV).
"$OPTVIZ" -q -l quadratic -a gd --steps 7 \
    --title 'S={step} L={loss} lr={lr} {{x}}' -o t.svg --trajectory t.csv
loss=$(tail -1 t.csv | cut -d, -f6)
want=$($PY -c "import sys; v=float('$loss'); print('S=7 L=%s lr=0.1 {x}' % ('%.4g' % v))")
check "template expanded ($want)" "texts t.svg | grep -qxF '$want'"

# Display names in the default title.
"$OPTVIZ" -q -l six_hump_camel -a gd --steps 5 -o d.svg
check "display name" "texts d.svg | grep -qx 'Six-hump camel: Iteration 5'"
"$OPTVIZ" -q -l ols -a gd,adam --steps 5 --view surface -o d2.svg
check "display name (surface)" "texts d2.svg | grep -qx 'OLS: Iteration 5'"

# Runs of different lengths: the counter says which stopped.
"$OPTVIZ" -q -l ols -a gd,sgd --epochs 3 -o mix.svg --trajectory mix.csv
ng=$(grep -c '^gd,' mix.csv); ns=$(grep -c '^sgd,' mix.csv)
check "mixed counter" "texts mix.svg | grep -qx 'OLS: Iteration $((ns - 1)); gd stopped at $((ng - 1))'"
# The legend's value: one scientific format for sgd (spans decades).
sl=$(tail -1 mix.csv | cut -d, -f6)
want=$($PY -c "print('%.3e' % float('$sl'))")
check "legend value format ($want)" "texts mix.svg | grep -qxF '$want'"

# A plain title: as typed on a still, with the counter on an animation.
"$OPTVIZ" -q -l quadratic -a gd --steps 6 --title 'Plain' -o p.svg
check "plain title on a still" "texts p.svg | grep -qx 'Plain'"
"$OPTVIZ" -q -l quadratic -a gd --steps 6 --title 'Plain' -o p.gif
"$OPTVIZ" -q -l quadratic -a gd --steps 6 -o q.gif
# Title bands of frames 1 and 5 differ (the counter), and the counter
# stays in one place: the default title's digits move nothing else.
diffband() {
    $PY - "$1" <<'PYEOF'
import sys
from PIL import Image, ImageChops
im = Image.open(sys.argv[1])
def band(k):
    im.seek(k)
    return im.convert("RGB").crop((0, 0, im.size[0], 34))
print(1 if ImageChops.difference(band(1), band(5)).getbbox() else 0)
PYEOF
}
check "plain title keeps the counter on a GIF" "[ \"\$(diffband p.gif)\" = 1 ]"
check "default counter on a GIF" "[ \"\$(diffband q.gif)\" = 1 ]"

# One label rule: a user's label as given in every view, the tool's
# with its lr.
for view in contour history surface; do
    "$OPTVIZ" -q -l quadratic -a gd:label=mine,adam --steps 5 --view $view \
        -o l_$view.svg
    check "label as given ($view)" "texts l_$view.svg | grep -qx 'mine'"
    check "no lr after a user label ($view)" "! texts l_$view.svg | grep -q 'mine (lr='"
done
check "tool label with lr" "texts l_contour.svg | grep -qx 'adam (lr=0.2)'"
"$OPTVIZ" -q -l parabola -a gd,adam --steps 5 -o c.svg
check "curve: current point" "texts c.svg | grep -qx 'current' && ! texts c.svg | grep -qx 'end'"

# A grid's legends: one place in every cell (ols: each cell alone would
# put gd's upper left, the others' lower right).  The legend repeats the
# cell's title and ends with the run's loss, right-aligned at its right
# edge; each cell is drawn in its own coordinates, so that text's anchor
# is the same in every cell.
"$OPTVIZ" -q -l ols -a gd,adam,rmsprop,momentum --layout grid -o grid.svg
legend_anchors() {
    $PY - "$1" <<'PYEOF'
import re, sys
t = re.findall(r'<text[^>]*translate\(([-\d.]+) ([-\d.]+)\)[^>]*'
               r'text-anchor="(\w+)"[^>]*>([^<]*)</text>', open(sys.argv[1]).read())
titles = {s for x, y, a, s in t if a == "middle"}
out = [(round(float(t[k + 1][0])), round(float(t[k + 1][1])))
       for k, (x, y, a, s) in enumerate(t)
       if a == "start" and s in titles and k + 1 < len(t) and t[k + 1][2] == "end"]
print(len(set(out)), len(out))
PYEOF
}
check "grid legends in one place ($(legend_anchors grid.svg))" \
    "[ \"\$(legend_anchors grid.svg)\" = '1 4' ]"

finish test_titles
