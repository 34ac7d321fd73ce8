#!/bin/bash
# Runs through the CLI: trajectory CSV/JSON contents, per-item overrides,
# an exact trajectory check against an independent computation, summaries,
# warnings, data-file errors, atomic outputs, figure formats.
# Usage: bash test_cli_run.sh /path/to/optviz   (OV_TEST_DATA = tests/data)
. "$(dirname "$0")/lib.sh" "$@"

# ---- trajectory CSV on stdout --------------------------------------------
"$OPTVIZ" --trajectory - >t.csv 2>err.txt
check "default run exits 0" '[ $? -eq 0 ]'
check "CSV header" '[ "$(head -1 t.csv)" = "algo,step,epoch,x,y,loss,grad_x,grad_y,lr" ]'
check "CSV has 1 + 4*101 lines" '[ "$(wc -l <t.csv)" -eq 405 ]'
for a in gd momentum rmsprop adam; do
    n=$(awk -F, -v a=$a '$1 == a' t.csv | wc -l)
    check "101 rows for $a (got $n)" '[ "$n" -eq 101 ]'
done
check "every CSV row has 9 fields" \
    'awk -F, "NF != 9 { exit 1 }" t.csv'
check "OLS starts at (2, 9)" 'grep -q "^gd,0,0,2,9," t.csv'
check "no figure written with --trajectory only" '[ -z "$(ls ./*.gif ./*.png 2>/dev/null)" ]'
# With no lr given, each optimizer runs at the loss's recommendation, as
# --list losses shows it.
rec=$("$OPTVIZ" --list losses | awk '/^ols /{f=1; next} f && /^[a-z]/{exit} f' |
      tr ', ' '\n\n' | sed -n 's/^adam=//p')
check "summary on stderr names each optimizer" \
    '[ "$(grep -c "final loss" err.txt)" -eq 4 ]'
check "adam ran at the recommended lr ($rec)" \
    '[ -n "$rec" ] && grep -q "^adam .*lr=$rec " err.txt'
check "nothing but CSV on stdout" '! grep -q "final loss" t.csv'

"$OPTVIZ" -q --trajectory - >t.csv 2>err.txt
check "-q: stderr empty" '[ ! -s err.txt ]'

"$OPTVIZ" -l parabola -a gd --steps 7 --trajectory - -q >p.csv
check "1-D loss: y and grad_y empty, 8 rows" \
    '[ "$(wc -l <p.csv)" -eq 9 ] && awk -F, "NR > 1 && (\$5 != \"\" || \$8 != \"\") { exit 1 }" p.csv'

# ---- exact trajectories ----------------------------------------------------
# gd on x^2 + y^2 with lr 0.25: x_k = x0 (1 - 2 lr)^k = 3 / 2^k exactly.
"$OPTVIZ" -l quadratic -a gd --lr 0.25 --start 3,-2 --steps 60 -q \
    --trajectory - >q.csv
check "gd quadratic lr=0.25 is x0*(1-2lr)^k exactly" \
    'awk -F, "NR > 1 { k = \$2; want = 3; for (i = 0; i < k; i++) want /= 2;
                       wy = -2; for (i = 0; i < k; i++) wy /= 2;
                       if (\$4 + 0 != want || \$5 + 0 != wy) exit 1; n++ }
              END { exit n != 61 }" q.csv'
# lr 0.1: the same recursion, x <- x - lr*(2x), evaluated independently.
"$OPTVIZ" -l quadratic -a gd --lr 0.1 --start 3,-2 --steps 50 -q \
    --trajectory - >q.csv
awk -F, 'BEGIN { x = 3; y = -2 }
         NR > 1 { printf "%.17g,%.17g\n", x, y; x = x - 0.1 * (2 * x);
                  y = y - 0.1 * (2 * y) }' q.csv >want.txt
awk -F, 'NR > 1 { print $4 "," $5 }' q.csv >got.txt
check "gd quadratic lr=0.1 equals x <- x - lr*2x bit for bit" 'cmp -s want.txt got.txt'

# expression losses: x^2 + 3y^2 from (1, 1), lr 0.125: (0.75, 0.25)
"$OPTVIZ" -l 'x^2 + 3*y^2' -a gd --lr 0.125 --start 1,1 --steps 1 -q \
    --trajectory - >x.csv
check "expression loss runs" 'grep -q "^gd,1,1,0.75,0.25," x.csv'
"$OPTVIZ" -l 'x' -a gd --steps 2 -q --trajectory - >x.csv
check "expression 'x' is a 1-D loss, not an unknown name" \
    '[ "$(wc -l <x.csv)" -eq 4 ] && grep -q "^gd,0,0,[^,]*,," x.csv'

# ---- per-item overrides, labels, JSON ------------------------------------
"$OPTVIZ" -l quadratic -a gd:lr=0.25,adam:beta1=0.8 --lr 0.05 --start 3,-2 \
    --steps 5 -q --trajectory t.json
check "JSON written" '[ -s t.json ]'
check "JSON opens and closes" '[ "$(head -c1 t.json)" = "{" ] && [ "$(tail -c2 t.json | head -c1)" = "}" ]'
check "JSON braces balance" \
    '[ "$(tr -cd "{" <t.json | wc -c)" -eq "$(tr -cd "}" <t.json | wc -c)" ] &&
     [ "$(tr -cd "[" <t.json | wc -c)" -eq "$(tr -cd "]" <t.json | wc -c)" ]'
if command -v python3 >/dev/null 2>&1; then
    check "JSON parses (python3 -m json.tool)" 'python3 -m json.tool t.json >/dev/null'
fi
check "JSON names the loss" 'grep -q "\"name\": \"quadratic\"" t.json'
check "per-item lr=0.25 overrides --lr for gd" \
    'grep -A1 "\"label\": \"gd\"" t.json | grep -q "\"lr\": 0.25,"'
check "global --lr 0.05 reaches adam" \
    'grep -A1 "\"label\": \"adam\"" t.json | grep -q "\"lr\": 0.050000000000000003,"'
check "per-item beta1=0.8 reaches adam" \
    'grep -A1 "\"label\": \"adam\"" t.json | grep -q "\"beta1\": 0.80000000000000004,"'
check "gd's first step used lr 0.25 (x1 = 1.5)" 'grep -q "^ *\[1, 1, 1.5, -1, " t.json'
check "JSON diverged_at null" '[ "$(grep -c "\"diverged_at\": null" t.json)" -eq 2 ]'

"$OPTVIZ" -l quadratic -a gd:lr=0.1,gd:lr=0.2,adam,adam:label=mine,adam \
    --steps 3 -q --trajectory - >l.csv
for l in "gd lr=0.1" "gd lr=0.2" "adam" "mine" "adam-2"; do
    check "label '$l'" 'grep -q "^$l,3," l.csv'
done
check "torch spelling weight_decay accepted" \
    '"$OPTVIZ" -a adam:weight_decay=0.1 --steps 1 -q --trajectory - >/dev/null'
check "boolean item key without value" \
    '"$OPTVIZ" -a adam:amsgrad,rmsprop:centered=yes --steps 1 -q --trajectory - >/dev/null'
check "--opt=value form" \
    '[ "$("$OPTVIZ" --steps=3 --loss=quadratic --algo=gd -q --trajectory=- | wc -l)" -eq 5 ]'
check "attached short value -agd" \
    '[ "$("$OPTVIZ" -agd -lquadratic --steps 2 -q --trajectory - | wc -l)" -eq 4 ]'

# --epochs on data: sgd on the 2 points of seed 003 = 2 steps per epoch
printf 'x,y\n0.5,0.2\n2.5,0.9\n' >two.csv
"$OPTVIZ" -l sigmoid --data two.csv -a sgd --epochs 3 -q --trajectory - >e.csv
check "--epochs 3 with sgd on 2 points: 6 steps" \
    '[ "$(wc -l <e.csv)" -eq 8 ] && grep -q "^sgd,6,3," e.csv'

# ---- summary, divergence, warnings ---------------------------------------
"$OPTVIZ" -l quadratic -a gd --lr 2 --trajectory - >/dev/null 2>err.txt
check "divergence is not an error" '[ $? -eq 0 ]'
check "summary says diverged at step N" 'grep -qE "^gd .*diverged at step [0-9]+" err.txt'
"$OPTVIZ" -l quadratic -a sgd,minibatch --trajectory - >/dev/null 2>err.txt
check "warning for sgd/minibatch on a synthetic loss without noise" \
    '[ "$(grep -c "^optviz: warning: .*without --noise-std" err.txt)" -eq 2 ]'
"$OPTVIZ" -l quadratic -a sgd --noise-std 0.5 --trajectory - >/dev/null 2>err.txt
check "no warning with --noise-std" '! grep -q warning err.txt'
"$OPTVIZ" -l quadratic -a sgd -q --trajectory - >/dev/null 2>err.txt
check "-q silences warnings" '[ ! -s err.txt ]'
"$OPTVIZ" -a gd --beta1 0.5 --trajectory - >/dev/null 2>err.txt
check "warning for a flag no optimizer takes" 'grep -q "warning: --beta1 applies to none" err.txt'

# ---- data files ----------------------------------------------------------
# expect_fail CODE TEXT ARGS... (lib.sh): one "optviz: " line containing
# TEXT, nothing on stdout, nothing written.
printf 'x,y\n1,2\n3,abc\n' >junk.csv
: >empty.csv
printf 'x,y\n' >header.csv
printf 'x,y\n1,2\n2,nan\n' >nan.csv
printf 'x,y\n1,2\n2,inf\n' >inf.csv
printf 'x,y\n1,2\n2\n' >short.csv
printf 'x,y\n1,2\n4,9\n7,13\n' >good.csv
expect_fail 1 "cannot read 'missing.csv'" --data missing.csv --trajectory -
expect_fail 1 "junk.csv:3:" --data junk.csv --trajectory -
expect_fail 1 "empty.csv" --data empty.csv --trajectory -
expect_fail 1 "header.csv" --data header.csv --trajectory -
expect_fail 1 "nan.csv:3:" --data nan.csv --trajectory -
expect_fail 1 "inf.csv:3:" --data inf.csv --trajectory -
expect_fail 1 "short.csv:3:" --data short.csv --trajectory -
"$OPTVIZ" --data good.csv -a gd --steps 4 -q --trajectory - >g.csv
check "good CSV runs" '[ $? -eq 0 ] && [ "$(wc -l <g.csv)" -eq 6 ]'
if [ -f "$DATA/seed003_sigmoid.csv" ]; then
    "$OPTVIZ" -l sigmoid --data "$DATA/seed003_sigmoid.csv" -a gd \
        --steps 3 -q --trajectory - >s.csv
    check "seed 003 data set loads" '[ $? -eq 0 ] && [ "$(wc -l <s.csv)" -eq 5 ]'
fi

# ---- outputs are atomic ----------------------------------------------------
expect_fail 1 "cannot write 'nodir/t.csv'" --trajectory nodir/t.csv
check "nothing created for a missing directory" '[ ! -e nodir ]'
mkdir adir.csv
expect_fail 1 "cannot write 'adir.csv'" --trajectory adir.csv
rmdir adir.csv
echo precious >keep.csv
echo precious >keep.png
# The run fails after the outputs were opened (the loss is infinite at the
# start): both existing files stay as they were, no temporary file remains.
expect_fail 2 "not finite" -l rosenbrock --start 1e300,1e300 --trajectory keep.csv -o keep.png
check "existing files untouched" \
    '[ "$(cat keep.csv)" = precious ] && [ "$(cat keep.png)" = precious ]'
check "no temporary files left" '[ -z "$(ls -A | grep "^\.")" ]'
rm -f keep.csv keep.png

# Killed mid-run: the temporary file goes, the target never appears.
"$OPTVIZ" -q -a sgd,sgd,sgd --steps 1e6 --trajectory sig.csv 2>/dev/null &
pid=$!
sleep 0.3
kill -TERM $pid 2>/dev/null
wait $pid
rc=$?
check "SIGTERM ends the run (exit $rc)" '[ $rc -eq 143 ]'
check "SIGTERM leaves no file" '[ -z "$(ls -A | grep sig.csv)" ]'

if [ -w /dev/full ]; then
    "$OPTVIZ" -q --trajectory - >/dev/full 2>err.txt
    check "full stdout is a runtime error" \
        '[ $? -eq 1 ] && grep -qx "optviz: cannot write to standard output" err.txt'
fi

# ---- figures -------------------------------------------------------------
"$OPTVIZ" -q -l quadratic -a gd,adam --steps 20 -o fig.png
check "PNG written" '[ $? -eq 0 ] && [ "$(head -c 8 fig.png | od -An -tx1 | tr -d " \n")" = 89504e470d0a1a0a ]'
check "PNG records the command line" 'grep -a -q "optviz -q -l quadratic -a gd,adam --steps 20 -o fig.png" fig.png'
"$OPTVIZ" -q -l quadratic -a gd --steps 5 -o fig.svg
check "SVG written" '[ $? -eq 0 ] && grep -q "<svg" fig.svg'
"$OPTVIZ" -q -l quadratic -a gd --steps 5 -o fig.pdf
check "PDF written" '[ $? -eq 0 ] && [ "$(head -c 4 fig.pdf)" = "%PDF" ]'
"$OPTVIZ" -q -l quadratic -a gd --steps 5 -o FIG.PNG
check "extension case-insensitive" '[ $? -eq 0 ] && [ -s FIG.PNG ]'

# Default name: <loss>_<algo>-<algo>.gif in the current directory.  Until
# the GIF encoder is wired into ov_render the run must fail cleanly, naming
# that file and leaving nothing behind.
mkdir dflt && cd dflt || exit 1
"$OPTVIZ" -q -l quadratic -a gd,adam --steps 5 2>err.txt
rc=$?
if [ $rc -eq 0 ]; then
    check "default figure name" '[ "$(ls)" = "$(printf "err.txt\nquadratic_gd-adam.gif")" ]'
    check "default figure is a GIF" '[ "$(head -c 6 quadratic_gd-adam.gif)" = GIF89a ]'
else
    check "default figure name in the error" 'grep -q "quadratic_gd-adam.gif" err.txt'
    check "failed default figure leaves nothing" '[ "$(ls -A)" = err.txt ]'
fi
cd .. || exit 1

# ---- closed standard descriptors ---------------------------------------
# A closed stdout or stderr is reopened on /dev/null at start: the
# trajectory or the progress never lands in the figure.
"$OPTVIZ" -q -l ols -a gd --steps 5 -o cl.png --trajectory - >&-
check "stdout closed: the figure is a PNG" \
    '[ "$(head -c 4 cl.png | tail -c 3)" = PNG ] && ! grep -q algo,step cl.png'
# (valgrind itself does not start with its stderr closed)
if [ -z "${OV_UNDER_VALGRIND:-}" ]; then
    "$OPTVIZ" -l rosenbrock -a gd --steps 20 --frames 5 -o cl.gif --progress \
        2>&-
    check "stderr closed: the GIF is a GIF" \
        '[ "$(head -c 6 cl.gif)" = GIF89a ] && ! grep -q "optviz: frame" cl.gif'
fi
"$OPTVIZ" -q -l ols -a gd --steps 5 --trajectory - -o cl2.png <&- >cl.csv
check "stdin closed: runs" '[ "$(head -c 9 cl.csv)" = algo,step ]'
rm -f cl.png cl.gif cl2.png cl.csv

# ---- the default frame count is capped at --frames' maximum --------------
# 150001 steps: 100000 frames, steps sampled evenly, with a note (the run
# is stopped once the progress shows the plan).
"$OPTVIZ" -l rosenbrock -a gd:lr=1e-6 --steps 150000 --size 160x120 \
    -o cap.gif --progress 2>cap.txt &
pid=$!
wait_until "$pid" "grep -q 'frame [0-9]*/' cap.txt 2>/dev/null"
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check "frame cap: 100000 frames" 'grep -q "frame [0-9]*/100000 " cap.txt'
check "frame cap: a note" \
    'grep -q "^optviz: note: 150001 steps: 100000 frames, steps sam" cap.txt'
"$OPTVIZ" -q -l rosenbrock -a gd --steps 200 --size 160x120 --frames 5 \
    -o cap.gif 2>cap.txt
check "frame cap: -q, no note" '[ ! -s cap.txt ]'
rm -f cap.gif cap.txt

finish
