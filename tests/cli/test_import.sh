#!/bin/bash
# --import and --loss grid:FILE through the tool: optviz's own CSV and JSON
# exports read back draw the very figure of the direct run (every view,
# PNG and GIF, pixels compared after dropping the recorded command line);
# the minimal CSV; landscapes in every format against values computed
# here; errors that name file, line and column.
# Usage: bash test_import.sh /path/to/optviz   (OV_TEST_DATA = tests/data)
. "$(dirname "$0")/lib.sh" "$@"

# The file without its recorded command line (PNG tEXt/iTXt/zTXt chunks,
# GIF comment extensions), which is the only place a figure of imported
# runs may differ from the direct one.
cat >strip.py <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
out = bytearray()
if d[:8] == b'\x89PNG\r\n\x1a\n':
    out += d[:8]; i = 8
    while i < len(d):
        n, = struct.unpack('>I', d[i:i + 4]); t = d[i + 4:i + 8]
        if t not in (b'tEXt', b'iTXt', b'zTXt'):
            out += d[i:i + 12 + n]
        i += 12 + n
elif d[:3] == b'GIF':
    # header, logical screen, global colour table
    flags = d[10]; i = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    out += d[:i]
    while i < len(d):
        b = d[i]
        if b == 0x3B:
            out += d[i:i + 1]; break
        if b == 0x21:
            label = d[i + 1]; j = i + 2
            while d[j]: j += d[j] + 1
            if label != 0xFE: out += d[i:j + 1]
            i = j + 1
        elif b == 0x2C:
            f = d[i + 9]; j = i + 10
            if f & 0x80: j += 3 << ((f & 7) + 1)
            j += 1
            while d[j]: j += d[j] + 1
            out += d[i:j + 1]; i = j + 1
        else:
            sys.exit('bad GIF byte at %d' % i)
else:
    sys.exit('neither PNG nor GIF')
sys.stdout.buffer.write(bytes(out))
PY
same_pixels() { python3 strip.py "$1" >a.bin && python3 strip.py "$2" >b.bin && cmp -s a.bin b.bin; }

# roundtrip NAME "RUN ARGS" "LOOK ARGS": the run with LOOK exported as CSV
# and JSON, each imported and drawn with LOOK alone, as PNG and GIF.  Under
# valgrind, one case in seven (lib.sh's sampled_out).
vg_stride=7
roundtrip() {
    local name=$1 run=$2 look=$3 ext tf
    for ext in png gif; do
        for tf in csv json; do
            sampled_out && continue
            # shellcheck disable=SC2086
            "$OPTVIZ" $run $look -q -o "d.$ext" --trajectory "t.$tf"
            # shellcheck disable=SC2086
            "$OPTVIZ" --loss "$LOSS" --import "t.$tf" $look -q -o "i.$ext"
            check "round trip $name ($tf, $ext): same pixels" \
                '[ $? -eq 0 ] && same_pixels d.$ext i.$ext'
        done
    done
}
small="--size 320x240 --frames 6"
LOSS=rosenbrock roundtrip contour "-l rosenbrock -a gd,adam --steps 40" "$small"
LOSS=himmelblau roundtrip surface "-l himmelblau -a adam,rmsprop --steps 30" \
    "--view surface $small"
LOSS=cosine roundtrip curve "-l cosine -a gd:lr=0.5,momentum --steps 25" "$small"
LOSS=ols roundtrip history "-a gd,adam --steps 30" "--view history $small"
LOSS=ols roundtrip panel "-a prodigy,adam --steps 30 --schedule cosine" \
    "--panel loss $small"
LOSS=himmelblau roundtrip grid "-l himmelblau -a gd,nag --steps 30" \
    "--layout grid $small"
LOSS=rosenbrock roundtrip arrows "-l rosenbrock -a gd,adam --steps 15" \
    "--arrows step $small"
LOSS=parabola roundtrip arrows1d "-l parabola -a gd:lr=0.1,gd:lr=0.9 --steps 12" \
    "--arrows step $small"
LOSS=quadratic roundtrip diverged "-l quadratic -a gd:lr=1.5,adam --steps 30" \
    "--trail 5 $small"
LOSS=rosenbrock roundtrip labels "-l rosenbrock -a adam:label=fast,gd:label=slow,adam --steps 20" \
    "--theme dark $small"
LOSS=sigmoid roundtrip epochs "-l sigmoid -a sgd,minibatch:batch-size=2 --epochs 4" \
    "$small"
# Runs of N parameters: the file's full vectors (CSV p0..p(N-1), JSON
# "params") make the plane again; 16x16 is 337 parameters, 346 CSV columns.
LOSS=mlp:layers=4 roundtrip plane "-l mlp:layers=4 -a gd,adam --steps 20" \
    "--plane pca $small"
LOSS=mlp:layers=16x16 roundtrip wide "-l mlp:layers=16x16 -a momentum,adam --steps 15" \
    "--plane hessian --panel loss $small"
LOSS=mlp:layers=4 roundtrip random "-l mlp:layers=4 -a gd,rmsprop --steps 10" \
    "--plane random --view surface $small"

# The optional CSV columns appear only where a run needs them.
"$OPTVIZ" -q -l rosenbrock -a gd,adam --trajectory plain.csv
check "plain CSV keeps its nine columns" \
    '[ "$(head -1 plain.csv)" = "algo,step,epoch,x,y,loss,grad_x,grad_y,lr" ]'
"$OPTVIZ" -q -l ols -a prodigy,adam:label=fast --trajectory extra.csv
check "CSV adds optimizer and d where needed" \
    '[ "$(head -1 extra.csv)" = "algo,step,epoch,x,y,loss,grad_x,grad_y,lr,optimizer,d" ]'

# ---- landscapes --------------------------------------------------------------
# Every file of tests/data/import holds z = 2x + 3y + xy on one uneven grid
# (tests/data/import/make.py): bilinear, so the read-outs at imported points
# (and the gradients, 2 + y and 3 + x) are the formula's inside the grid.
printf 'step,x,y\n0,-1.5,3\n1,-0.5,1\n2,1,0.5\n3,2.5,-0.5\n4,3,4\n5,0.123,2.75\n' >pts.csv
files="grid_long.csv grid_matrix.csv grid_stack.npy grid.npz grid_deflated.npz grid_losslandscape.json"
if "$OPTVIZ" --version | grep -q '^hdf5: not built in$'; then
    "$OPTVIZ" -q --loss "grid:$DATA/import/grid_surface.h5" --import pts.csv \
        --trajectory - >/dev/null 2>err.txt
    check "HDF5 without HDF5: exit 2, says so" \
        '[ $? -eq 2 ] && grep -qx "optviz: this optviz was built without HDF5 support" err.txt'
else
    files="$files grid_surface.h5"
fi
for f in $files; do
    "$OPTVIZ" -q --loss "grid:$DATA/import/$f" --import pts.csv --trajectory o.csv
    check "grid $f: read-outs are the bilinear formula's" \
        '[ $? -eq 0 ] && awk -F, "NR > 1 { x = \$4; y = \$5; n++
              d = \$6 - (2*x + 3*y + x*y); if (d < 0) d = -d; if (d > 1e-12) exit 1
              d = \$7 - (2 + y); if (d < 0) d = -d; if (d > 1e-12) exit 1
              d = \$8 - (3 + x); if (d < 0) d = -d; if (d > 1e-12) exit 1 }
              END { exit n != 6 }" o.csv'
done
"$OPTVIZ" -q --loss "grid:$DATA/import/grid_losslandscape.json" \
    --import "$DATA/import/grid_losslandscape.json" -o ll.png --size 320x240
check "LossLandscape JSON: its own landscape and trajectory drawn" \
    '[ $? -eq 0 ] && [ -s ll.png ]'
"$OPTVIZ" -q --loss "grid:$DATA/import/grid.npz" --import pts.csv \
    --view surface -o s.gif --size 320x240 --frames 4
check "a grid in the surface view, GIF" '[ $? -eq 0 ] && [ -s s.gif ]'
"$OPTVIZ" --loss "grid:$DATA/import/grid.npz" -a adam -o x.png 2>err.txt
check "optimizers on a grid: exit 2, clear message" \
    '[ $? -eq 2 ] && grep -q "optimizers cannot run on a precomputed grid; draw your runs on it with --import FILE" err.txt && [ ! -e x.png ]'

# ---- the minimal CSV and errors -------------------------------------------
printf 'step,x,y,label\n0,-1,2,mine\n5,0,1,mine\n0,1,1,adam\n1,0.5,0.5,adam\n' >m.csv
"$OPTVIZ" -l rosenbrock --import m.csv -a gd --steps 5 -o m.png \
    --trajectory mo.json 2>err.txt
check "minimal CSV beside a run: summary of all three" \
    '[ $? -eq 0 ] && grep -q "^mine .*lr=- .*final loss .* 5 steps" err.txt && grep -q "^adam " err.txt && grep -q "^gd " err.txt'
check "minimal CSV: its runs in the JSON, after the optimizer's" \
    'grep -o "\"label\": \"[a-z]*\"" mo.json | tr "\n" " " | grep -q "gd.*mine.*adam"'
printf 'step,x,y\n0,1,2\n1,oops,2\n' >bad.csv
"$OPTVIZ" -l rosenbrock --import bad.csv -o b.png 2>err.txt
check "bad file: exit 1, file, line, column and what was expected" \
    '[ $? -eq 1 ] && grep -qx "optviz: bad.csv:3: column 2: x: expected a finite number, got '"'oops'"'" err.txt && [ ! -e b.png ]'
"$OPTVIZ" -l rosenbrock --import nothere.csv -o b.png 2>err.txt
check "missing file: cannot read, exit 1" \
    '[ $? -eq 1 ] && grep -q "cannot read '"'nothere.csv'"'" err.txt'
printf 'step,x\n0,1\n' >one.csv
"$OPTVIZ" -l rosenbrock --import one.csv -o b.png 2>err.txt
check "1-D run on a 2-D loss: exit 2" \
    '[ $? -eq 2 ] && grep -q "1-D run but loss '"'rosenbrock'"' has 2 parameters" err.txt'
"$OPTVIZ" -q -l mlp:layers=4 -a gd --steps 3 --trajectory n17.csv --size 320x240 -o n17.png
check "N-parameter CSV: p0..p16 after lr" \
    'head -1 n17.csv | grep -q "^algo,step,epoch,x,y,loss,grad_x,grad_y,lr,p0,p1,.*,p16$"'
"$OPTVIZ" -l mlp:layers=8 --import n17.csv -o b.png 2>err.txt
check "N-parameter run on a loss of another N: exit 2, file and what was expected" \
    '[ $? -eq 2 ] && grep -qx "optviz: n17.csv: '"'gd'"': expected 33 parameters (columns p0..p32 or \"params\" arrays), as loss '"'mlp:layers=8'"' has, got 17" err.txt && [ ! -e b.png ]'
"$OPTVIZ" -l mlp:layers=4 --import m.csv -o b.png 2>err.txt
check "2-D run on an N-parameter loss: exit 2" \
    '[ $? -eq 2 ] && grep -q "expected 17 parameters (columns p0..p16 .*got 2 (a run without its full vector)" err.txt'
sed 's/,p1,/,px,/' n17.csv >gap.csv
"$OPTVIZ" -l mlp:layers=4 --import gap.csv -o b.png 2>err.txt
check "a missing p column: exit 1, names it" \
    '[ $? -eq 1 ] && grep -q "gap.csv:1: expected columns p0..p16 .*got no '"'p1'"' column" err.txt'
"$OPTVIZ" --import m.csv -o b.png 2>err.txt
check "--import without --loss: exit 2" '[ $? -eq 2 ] && grep -q "give --loss" err.txt'
"$OPTVIZ" -l rosenbrock --import m.csv --trajectory m.csv 2>err.txt
check "output onto the imported file: refused, file kept" \
    '[ $? -eq 2 ] && grep -q "refusing to overwrite the input" err.txt && grep -q mine m.csv'
"$OPTVIZ" -l rosenbrock --import m.csv --tune lr=0.01:1:3 -o b.png 2>err.txt
check "--import with --tune: exit 2" '[ $? -eq 2 ]'

# ---- batches: an imported file newer than the figure makes it stale ------
printf 'step,x,y\n0,-1,2\n1,0,1\n' >b1.csv
printf -- '-l rosenbrock --import b1.csv -o b1.png --size 320x240\n' >jobs.txt
"$OPTVIZ" --batch jobs.txt -j 1 >o1.txt 2>&1
"$OPTVIZ" --batch jobs.txt -j 1 >o2.txt 2>&1
check "batch: an import job is up to date on the second run" \
    'grep -q "b1.png is up to date$" o2.txt'
touch -d '+2 seconds' b1.csv
"$OPTVIZ" --batch jobs.txt -j 1 >o3.txt 2>&1
check "batch: a newer imported file makes it run again" \
    'grep -q "wrote b1.png" o3.txt'

finish test_import
