#!/usr/bin/env bash
# Pipes and separators (issue 13 item 14): -o - writes the figure to
# standard output in the --format given (the same bytes as a file, but for
# the recorded command line), --data - reads standard input, a data file
# may be tab-, semicolon- or blank-separated (detected, or --delimiter),
# and a file without a header says so.
#   test_streams.sh OPTVIZ
set -u
. "$(dirname "$0")/lib.sh" "$@"

RUN=(-a gd,adam -l booth --steps 15 --size 240x180)

# ---- -o - ----------------------------------------------------------------
for f in png svg pdf gif csv json; do
    "$OPTVIZ" -q "${RUN[@]}" -o - --format "$f" > "pipe.$f" 2> "pipe.$f.err"
    rc=$?
    check "-o - --format $f: exit $rc, $(head -c 200 "pipe.$f.err")" \
        '[ $rc -eq 0 ] && [ -s "pipe.$f" ]'
done
check "-o - png is a PNG" '[ "$(head -c 8 pipe.png | od -An -tx1 | tr -d " ")" = 89504e470d0a1a0a ]'
check "-o - gif is a GIF" '[ "$(head -c 6 pipe.gif)" = GIF89a ]'
check "-o - pdf is a PDF" '[ "$(head -c 5 pipe.pdf)" = %PDF- ]'
"$OPTVIZ" -q "${RUN[@]}" -o file.svg
check "-o - svg is the file's bytes" 'cmp -s pipe.svg file.svg'
"$OPTVIZ" -q "${RUN[@]}" --trajectory file.csv
check "-o - --format csv is the trajectory" 'cmp -s pipe.csv file.csv'
"$OPTVIZ" -q "${RUN[@]}" --trajectory file.json
check "-o - --format json is the JSON trajectory" 'cmp -s pipe.json file.json'
# PNG and GIF record the command line, which differs; the pixels do not.
"$OPTVIZ" -q "${RUN[@]}" -o file.png
if command -v /usr/bin/python3 >/dev/null && /usr/bin/python3 -c 'import PIL' 2>/dev/null; then
    check "-o - png has the file's pixels" \
        '/usr/bin/python3 -c "
import sys
from PIL import Image
a, b = Image.open(\"pipe.png\"), Image.open(\"file.png\")
sys.exit(not (a.size == b.size and a.tobytes() == b.tobytes()))"'
fi
check "-o - png records the command" 'grep -aq -- "-o - --format png" pipe.png'
"$OPTVIZ" -q "${RUN[@]}" -o figure --format svg; rc=$?
check "--format names a file without an extension ($rc)" \
    '[ $rc -eq 0 ] && cmp -s figure file.svg'
"$OPTVIZ" -q "${RUN[@]}" -o - 2> e1.txt > /dev/null; rc=$?
check "-o - without --format: exit 2, says so: $(cat e1.txt)" \
    '[ $rc -eq 2 ] && grep -q "give --format" e1.txt'
"$OPTVIZ" -q "${RUN[@]}" -o a.png --format svg 2> e2.txt; rc=$?
check "--format against the extension: exit 2: $(cat e2.txt)" \
    '[ $rc -eq 2 ] && [ ! -e a.png ]'
"$OPTVIZ" -q "${RUN[@]}" -o x --format tiff 2> e3.txt; rc=$?
check "--format tiff: exit 2 naming the formats: $(cat e3.txt)" \
    '[ $rc -eq 2 ] && grep -q "one of gif, png" e3.txt'
"$OPTVIZ" -q "${RUN[@]}" -o - --format png --trajectory - 2> e4.txt \
    > /dev/null; rc=$?
check "figure and trajectory both on stdout: exit 2 ($rc)" '[ $rc -eq 2 ]'
"$OPTVIZ" -q "${RUN[@]}" -o - --format Png > /dev/null; rc=$?
check "--format in any case ($rc)" '[ $rc -eq 0 ]'
# A terminal does not get binary bytes (script(1) gives one, if present).
if command -v script >/dev/null; then
    script -qec "'$OPTVIZ' -q ${RUN[*]} -o - --format png" /dev/null \
        > tty.txt 2>&1
    check "-o - png on a terminal is refused: $(head -c 200 tty.txt)" \
        'grep -q "standard output is a terminal" tty.txt'
fi

# ---- --data - and separators ----------------------------------------------
printf 'x,y\n' > comma.csv
awk 'BEGIN { for (i = 0; i < 40; i++)
        printf "%.17g,%.17g\n", i / 10, 1 + 2 * i / 10 + 0.1 * sin(i) }' \
    >> comma.csv
DATA=(-l ols -a gd,sgd --steps 30)
"$OPTVIZ" -q "${DATA[@]}" --data comma.csv --trajectory ref.csv
"$OPTVIZ" -q "${DATA[@]}" --data - --trajectory in.csv < comma.csv; rc=$?
check "--data - reads stdin ($rc)" '[ $rc -eq 0 ] && cmp -s ref.csv in.csv'
tr , '\t' < comma.csv > tab.tsv
tr , ';' < comma.csv > semi.csv
awk -F, '{ printf "  %s   %s \n", $1, $2 }' comma.csv > blank.txt
for f in tab.tsv semi.csv blank.txt; do
    "$OPTVIZ" -q "${DATA[@]}" --data "$f" --trajectory "t_$f.csv" 2> "e_$f"
    rc=$?
    check "$f detected ($rc): $(cat "e_$f")" \
        '[ $rc -eq 0 ] && cmp -s ref.csv "t_$f.csv"'
done
"$OPTVIZ" -q "${DATA[@]}" --data tab.tsv --delimiter tab --trajectory d.csv
check "--delimiter tab" 'cmp -s ref.csv d.csv'
"$OPTVIZ" -q "${DATA[@]}" --data blank.txt --delimiter space \
    --trajectory d2.csv
check "--delimiter space" 'cmp -s ref.csv d2.csv'
"$OPTVIZ" -q "${DATA[@]}" --data tab.tsv --delimiter comma \
    --trajectory d3.csv 2> e5.txt; rc=$?
check "--delimiter comma on a tab file fails naming the line: $(cat e5.txt)" \
    '[ $rc -ne 0 ] && grep -q "tab.tsv:" e5.txt'
# a quoted field may hold the separator
printf 'x\ty\n"1,5"\t2\n' > q.tsv
"$OPTVIZ" -q -l ols --data q.tsv --steps 1 --trajectory q.csv 2> e6.txt
check "a quoted tab field is one field (1,5 is not a number): $(cat e6.txt)" \
    'grep -q "q.tsv:2" e6.txt'

# ---- headerless -------------------------------------------------------------
tail -n +2 comma.csv > nohead.csv
"$OPTVIZ" "${DATA[@]}" --data nohead.csv --trajectory nh.csv 2> nh.err
rc=$?
check "headerless file runs ($rc)" '[ $rc -eq 0 ] && cmp -s ref.csv nh.csv'
check "headerless file says so: $(cat nh.err)" \
    'grep -q "nohead.csv. has no header line: columns 1 and 2 are x and y" nh.err'
"$OPTVIZ" "${DATA[@]}" --data comma.csv --trajectory h.csv 2> h.err
check "a file with a header says nothing of it" '! grep -q "header" h.err'
"$OPTVIZ" -q "${DATA[@]}" --data nohead.csv --trajectory nh2.csv 2> nhq.err
check "-q silences the note" '[ ! -s nhq.err ]'
finish
