#!/bin/bash
# --tune lr=LO:HI:N and --view sensitivity: the table on stderr, the
# winners drawn and recorded in the figure's command line (re-made by their
# -a items without --tune), the same bytes on every run, -q, and the usage
# errors of the options.
# Usage: bash test_tune.sh /path/to/optviz
. "$(dirname "$0")/lib.sh" "$@"

T=(--tune lr=1e-4:1:41 -a gd,adam -l rosenbrock --steps 200)

run "${T[@]}" -o s.png --view sensitivity
check "sensitivity exits 0: $(head -3 err.txt)" '[ "$rc" -eq 0 ]'
magic() { head -c4 "$1" | od -An -c | tr -d ' \n'; }
check "s.png is a PNG" '[ "$(magic s.png)" = "211PNG" ]'
head_re='^optimizer  *default lr  *final-loss  *best lr  *final-loss'
check "the table has a header" 'grep -q "$head_re" err.txt'
check "the table lists gd" 'grep -qE "^gd  +[0-9.e-]+ " err.txt'
check "the table lists adam" 'grep -qE "^adam  +[0-9.e-]+ " err.txt'
check "the table says 84 runs" \
    'grep -q "41 rates from 0.0001 to 1, 84 runs of 200 steps" err.txt'
# The PNG's recorded command line (its tEXt chunks).
png_text() {
    python3 - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
i = 8
while i < len(d):
    n, t = struct.unpack('>I4s', d[i:i + 8])
    if t == b'tEXt':
        print(d[i + 8:i + 8 + n].split(b'\0', 1)[1].decode())
    i += 12 + n
PY
}
rec=$(png_text s.png | grep '^optviz --tune' | head -1)
check "the recorded command keeps --tune: $rec" \
    '[[ $rec == "optviz --tune lr=1e-4:1:41 -a gd,adam "* ]]'
check "the recorded command has the winners: $rec" \
    '[[ $rec == *" # tuned: -a gd:lr="*",adam:lr="* ]]'

# The winners' items, without --tune, make the runs drawn.
items=${rec##* # tuned: -a }
items=${items//\'/}
grep -E "^(gd|adam) +lr=" err.txt >tuned.txt
run -a "$items" -l rosenbrock --steps 200 -o c.png
check "the winners re-run: $(head -2 err.txt)" '[ "$rc" -eq 0 ]'
check "the winners give the losses of the tuned run" \
    'diff <(grep -E "^(gd|adam) +lr=" err.txt | awk "{print \$1, \$5}") \
          <(awk "{print \$1, \$5}" tuned.txt) >/dev/null'

# The same bytes again, and -q prints nothing.
cp s.png s1.png
run "${T[@]}" -o s.png --view sensitivity
check "the same PNG twice" 'cmp -s s.png s1.png'
run "${T[@]}" -o s.png --view sensitivity -q
check "-q exits 0" '[ "$rc" -eq 0 ]'
check "-q prints no table" '[ ! -s err.txt ]'

# Other outputs and the distance objective.
run "${T[@]}" --tune-objective distance -o d.svg --view sensitivity
check "distance exits 0: $(head -2 err.txt)" '[ "$rc" -eq 0 ]'
check "distance heads the table" 'grep -q "objective distance" err.txt'
check "the SVG has the title" 'grep -q "best by distance" d.svg'
run "${T[@]}" -o t.gif --view sensitivity --size 320x240 -q
check "a sensitivity GIF: $(head -2 err.txt)" '[ "$rc" -eq 0 ] && [ -s t.gif ]'
run "${T[@]}" -o c.png -q
check "--tune with the contour view" '[ "$rc" -eq 0 ]'

# Usage errors.
expect_fail 2 "LO and HI must be greater than 0" --tune lr=0:1:5 -o x.png
expect_fail 2 "LO must be less than HI" --tune lr=1:1:5 -o x.png
expect_fail 2 "too small (at least 2)" --tune lr=1e-4:1:1 -o x.png
expect_fail 2 "too large (at most 1000)" --tune lr=1e-4:1:1001 -o x.png
expect_fail 2 "is not an integer" --tune lr=1e-4:1:2.5 -o x.png
expect_fail 2 "is not lr=LO:HI:N" --tune beta1=0.1:0.9:5 -o x.png
expect_fail 2 "is not lr=LO:HI:N" --tune lr=1e-4:1 -o x.png
expect_fail 2 "'x' is not a number" --tune lr=x:1:5 -o x.png
expect_fail 2 "--tune-objective" --tune lr=1e-4:1:5 --tune-objective loss \
    -o x.png
expect_fail 2 "--view sensitivity needs --tune" --view sensitivity -o x.png
expect_fail 2 "no known minimum" --tune lr=1e-4:1:5 --tune-objective distance \
    -l 'x*x+y' -o x.png
expect_fail 2 "--tune does not apply to --view response" --tune lr=1e-4:1:5 \
    --view response --signal spikes -o x.png
expect_fail 2 "no --panel loss" --tune lr=1e-4:1:5 --view sensitivity \
    --panel loss -o x.png
finish tune
