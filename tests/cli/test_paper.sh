#!/bin/bash
# Figures for a paper (issue 14): --aspect equal, --dpi / --size in inches,
# and one small type scale.
#
# * --aspect equal: on quadratic (x^2 + y^2) a level line is a circle, so
#   the innermost line's pixel extent must be the same in x and y (within
#   1 px), in a wide, a small and a tall figure, beside a loss panel and
#   in the GIF's last frame; with auto in a wide figure it is an ellipse.
#   The line is found by its colour (viridis' dark purple, the lowest
#   level of --contour lines) on the PNG's pixels.
# * --dpi: the PDF's MediaBox, the SVG root's width and height in points,
#   the PNG's pHYs chunk (read from the bytes), and the text's size in
#   points (the SVG's font sizes times points per pixel; the PDF's word
#   boxes through poppler's pdftotext -bbox when it is installed: DejaVu
#   Sans' box is 1.164 em high).
# * The type scale: the distinct font sizes of each view's SVG at three
#   sizes are at most 4 (3 sizes and a small legend), and at 3840x2160 the
#   loss panel's smallest text is not smaller than the main axes' ticks.
#
# Usage: bash test_paper.sh /path/to/optviz
. "$(dirname "$0")/lib.sh" "$@"

py=
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import PIL' 2>/dev/null; then py=$p; break; fi
done

# extent PNG [FRAME]: "W H" of the innermost level line's pixels.
extent() {
    "$py" - "$@" <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1])
if len(sys.argv) > 2:
    im.seek(int(sys.argv[2]) if sys.argv[2] != "last" else im.n_frames - 1)
im = im.convert("RGB")
px = im.load()
xs, ys = [], []
for y in range(im.height):
    for x in range(im.width):
        r, g, b = px[x, y]
        # viridis' first colour (68, 1, 84) and its blends with white.
        if b - g > 25 and r - g > 12 and b > r:
            xs.append(x)
            ys.append(y)
print(max(xs) - min(xs) + 1 if xs else 0, max(ys) - min(ys) + 1 if ys else 0)
PY
}

look="-l quadratic --contour lines --levels 4 --no-legend --no-colorbar -a gd
      --steps 1 --start 4.5,4.5"
if [ -z "$py" ]; then
    echo "SKIP: a python3 with PIL is needed for the pixel checks"
else
    for size in 640x360 400x300 300x500; do
        "$OPTVIZ" -q $look --aspect equal --size $size -o eq.png
        read -r w h <<<"$(extent eq.png)"
        check "equal $size: circle $w x $h px" \
            '[ "$w" -gt 40 ] && [ $((w - h)) -le 1 ] && [ $((h - w)) -le 1 ]'
    done
    "$OPTVIZ" -q $look --aspect equal --panel loss --size 900x400 -o eqp.png
    read -r w h <<<"$(extent eqp.png)"
    check "equal beside a loss panel: circle $w x $h px" \
        '[ "$w" -gt 40 ] && [ $((w - h)) -le 1 ] && [ $((h - w)) -le 1 ]'
    "$OPTVIZ" -q $look --aspect equal --size 640x360 --frames 3 -o eq.gif
    read -r w h <<<"$(extent eq.gif last)"
    check "equal GIF: circle $w x $h px" \
        '[ "$w" -gt 40 ] && [ $((w - h)) -le 1 ] && [ $((h - w)) -le 1 ]'
    "$OPTVIZ" -q $look --size 640x360 -o auto.png
    read -r w h <<<"$(extent auto.png)"
    check "auto 640x360: an ellipse $w x $h px" '[ $((w - h)) -gt 20 ]'
fi

# Refused where x and y are not one unit, naming the option.
for v in surface history; do
    "$OPTVIZ" -q -l quadratic --aspect equal --view $v -o x.png 2>err.txt
    rc=$?
    check "--aspect equal --view $v refused (rc $rc)" \
        '[ $rc -eq 2 ] && grep -q "aspect equal applies to the contour view" err.txt && [ ! -e x.png ]'
done
"$OPTVIZ" -q -l parabola --aspect equal -o x.png 2>err.txt
rc=$?
check "--aspect equal on a 1-D loss refused (rc $rc)" \
    '[ $rc -eq 2 ] && grep -q "contour view only" err.txt && [ ! -e x.png ]'

# --dpi and a size in inches: 3.5 x 2.6 in at 200 dpi = 700 x 520 px, a
# page of 252 x 187.2 pt.
paper="-a gd,adam --size 3.5x2.6in --dpi 200"
"$OPTVIZ" -q $paper -o p.pdf && "$OPTVIZ" -q $paper -o p.svg &&
    "$OPTVIZ" -q $paper -o p.png
check "paper figures written" '[ -s p.pdf ] && [ -s p.svg ] && [ -s p.png ]'
check "PDF MediaBox 252 x 187.2 pt" \
    'grep -aq "/MediaBox \[ *0 0 252 187.2 *\]" p.pdf'
check "SVG page 252 x 187.2 pt over a 700 x 520 viewBox" \
    'grep -q "width=\"252pt\" height=\"187.2pt\" viewBox=\"0 0 700 520\"" p.svg'
phys=$(od -An -tx1 -v p.png | tr -d ' \n' | grep -o '70485973.\{18\}')
# 200 dpi = 7874.0157 px/m -> 7874 = 0x1ec2, both axes, unit 1 (metre).
check "PNG pHYs 7874 px/m ($phys)" \
    '[ "$phys" = "704859730000 1ec200001ec201" ] || [ "$phys" = "7048597300001ec200001ec201" ]'
read -r pw ph <<<"$(od -An -tu1 -j16 -N8 p.png | awk '{ print $3 * 256 + $4, $7 * 256 + $8 }')"
check "PNG 700 x 520 px ($pw x $ph)" '[ "$pw" = 700 ] && [ "$ph" = 520 ]'
# SVG text: font-size in pixels of the 700-px viewBox, 252 pt wide.
pts=$(grep -o 'font-size="[0-9.]*"' p.svg | tr -dc '0-9.\n' | sort -un |
      awk '{ printf "%.2f ", $1 * 252 / 700 }')
check "SVG text 8, 9 and 10 pt ($pts)" '[ "$pts" = "8.00 9.00 10.00 " ]'
if command -v pdftotext >/dev/null; then
    pdftotext -bbox p.pdf p.html
    # pt of a word's box (first occurrence; horizontal words only).
    word_pt() {
        grep -m1 "yMax=\"[0-9.]*\">$1</word>" p.html |
            sed 's/.*yMin="\([0-9.]*\)".*yMax="\([0-9.]*\)".*/\1 \2/' |
            awk '{ printf "%.1f", ($2 - $1) / 1.164 }'
    }
    # "0": a tick label (no contour label of ols reads 0).
    t=$(word_pt Iteration) a=$(word_pt Intercept) k=$(word_pt 0)
    check "PDF text: title $t pt, axis name $a pt, tick $k pt" \
        '[ "$t" = 10.0 ] && [ "$a" = 9.0 ] && [ "$k" = 8.0 ]'
else
    echo "SKIP: pdftotext (poppler-utils) for the PDF's text size"
fi
# Without --dpi a pixel is a point, and a PNG records no resolution.
"$OPTVIZ" -q -a gd --size 400x300 -o plain.pdf && "$OPTVIZ" -q -a gd \
    --size 400x300 -o plain.png
check "no --dpi: 400 x 300 pt page, no pHYs" \
    'grep -aq "/MediaBox \[ *0 0 400 300 *\]" plain.pdf && ! grep -aq pHYs plain.png'
"$OPTVIZ" -q -a gd --size 3.5x2.6in -o d100.png
read -r pw ph <<<"$(od -An -tu1 -j16 -N8 d100.png | awk '{ print $3 * 256 + $4, $7 * 256 + $8 }')"
check "--size in inches defaults to 100 dpi ($pw x $ph)" \
    '[ "$pw" = 350 ] && [ "$ph" = 260 ]'
"$OPTVIZ" -q --dpi 5 -o x.png 2>err.txt
rc=$?
check "--dpi 5 refused (rc $rc)" '[ $rc -eq 2 ] && grep -q "dpi" err.txt'
"$OPTVIZ" -q --size 0.1x2in -o x.png 2>err.txt
rc=$?
check "--size 0.1x2in refused (rc $rc)" '[ $rc -eq 2 ] && grep -q "size" err.txt'

# The type scale: few sizes per figure, in every view and composition.
views=(
    "contour:-a gd,adam,momentum"
    "surface:--view surface -a gd,adam"
    "curve:-l cosine -a gd:lr=0.5,momentum"
    "history:--view history"
    "response:-l parabola --view response --signal spikes -a momentum,adam"
    "panel:--panel loss -a gd,adam"
    "grid:-l himmelblau --layout grid -a gd,adam,momentum,rmsprop"
    "gridpanel:-l himmelblau --layout grid --panel loss -a gd,adam"
)
for size in 320x240 800x600 3840x2160; do
    for v in "${views[@]}"; do
        name=${v%%:*}
        # shellcheck disable=SC2086
        "$OPTVIZ" -q ${v#*:} --size $size -o "$name.svg"
        n=$(grep -o 'font-size="[0-9.]*"' "$name.svg" | sort -u | wc -l)
        check "$name $size: $n font sizes" '[ "$n" -ge 2 ] && [ "$n" -le 4 ]'
    done
done
# panel.svg is the 3840x2160 one: the cells are groups translated to their
# place, the panel's at x > 0.
cmp=$(awk '
    /<g transform="translate\(/ { split($0, a, /[( ]/); cell = a[3] + 0 }
    { while (match($0, /font-size="[0-9.]*"/)) {
          s = substr($0, RSTART + 11, RLENGTH - 12) + 0
          if (cell > 0) { if (!pn || s < pmin) { pmin = s; pn = 1 } }
          else if (!mn || s < mmin) { mmin = s; mn = 1 }
          $0 = substr($0, RSTART + RLENGTH) } }
    END { print mmin, pmin }' panel.svg)
read -r mmin pmin <<<"$cmp"
check "3840x2160 loss panel text ($pmin) >= main ticks ($mmin)" \
    'awk -v m="$mmin" -v p="$pmin" "BEGIN { exit !(m > 0 && p >= m) }"'

finish test_paper
