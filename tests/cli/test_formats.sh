#!/bin/bash
# Output formats by file name: the extension decides, whatever its case,
# for -o, --trajectory and --batch alike (the library's format table is
# the only place that maps names to formats); the wrong kind of format for
# an option is a usage error that says so.
# Usage: bash test_formats.sh /path/to/optviz
. "$(dirname "$0")/lib.sh" "$@"

BASE=(-q -l quadratic -a adam --steps 6 --size 160x120 --frames 4)

# is_json FILE: parses as JSON (python3 when there is one, else its shape).
is_json() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$1" \
            2>/dev/null
    else
        [ "$(head -c1 "$1")" = "{" ] && grep -q '"optimizers": \[' "$1"
    fi
}
magic() { head -c "$2" "$1" | od -An -c | tr -d ' \n'; }

# ---- trajectories: any case of .json is JSON, of .csv is CSV ---------------
for name in t.json t.Json t.JSON T.jSoN; do
    rm -f "$name"
    "$OPTVIZ" "${BASE[@]}" --trajectory "$name"
    check "--trajectory $name exits 0" '[ $? -eq 0 ]'
    check "--trajectory $name is JSON" 'is_json "$name"'
done
for name in t.csv t.CSV t.Csv; do
    rm -f "$name"
    "$OPTVIZ" "${BASE[@]}" --trajectory "$name"
    check "--trajectory $name is CSV" \
        '[ "$(head -1 "$name")" = "algo,step,epoch,x,y,loss,grad_x,grad_y,lr" ]'
done
"$OPTVIZ" "${BASE[@]}" --trajectory - >stdout.csv
check "--trajectory - is CSV" 'head -1 stdout.csv | grep -q "^algo,step,"'

# ---- figures: any case of the extension, the last extension counts -------
"$OPTVIZ" "${BASE[@]}" -o F.PNG
check "-o F.PNG is a PNG" '[ "$(magic F.PNG 4)" = "211PNG" ]'
"$OPTVIZ" "${BASE[@]}" -o x.PnG
check "-o x.PnG is a PNG" '[ "$(magic x.PnG 4)" = "211PNG" ]'
"$OPTVIZ" "${BASE[@]}" -o T.GIF
check "-o T.GIF is a GIF" '[ "$(head -c6 T.GIF)" = GIF89a ]'
"$OPTVIZ" "${BASE[@]}" -o a.png.gif
check "-o a.png.gif is a GIF" '[ "$(head -c6 a.png.gif)" = GIF89a ]'
"$OPTVIZ" "${BASE[@]}" -o v.SVG
check "-o v.SVG is SVG" 'grep -q "<svg" v.SVG'
"$OPTVIZ" "${BASE[@]}" -o d.Pdf
check "-o d.Pdf is PDF" '[ "$(head -c5 d.Pdf)" = "%PDF-" ]'

# ---- what has no format, or the other kind -------------------------------
expect_fail 2 "--output: cannot tell the format of 'noext'" \
    "${BASE[@]}" -o noext
expect_fail 2 "--output: cannot tell the format of 'x.'" "${BASE[@]}" -o x.
expect_fail 2 "--output: cannot tell the format of '.png'" \
    "${BASE[@]}" -o .png
expect_fail 2 "'x.jpg' (use .gif, .png, .svg" "${BASE[@]}" -o x.jpg
expect_fail 2 \
    "--trajectory: cannot tell the format of 't.txt' (use .csv or .json" \
    "${BASE[@]}" --trajectory t.txt
expect_fail 2 "--output: 'f.Csv' is a trajectory format" "${BASE[@]}" -o f.Csv
expect_fail 2 "--trajectory: 'f.GIF' is a figure format" \
    "${BASE[@]}" --trajectory f.GIF
expect_fail 2 "--view response exports CSV only" -q --view response \
    --signal spikes -a gd --trajectory r.JSON

# ---- batch: up-to-date checks whatever the case ----------------------------
mkdir b && cd b || exit 1
printf '%s\n' "-a adam -l quadratic --steps 5 --size 160x120 -o U.PNG" \
    "-a adam -l quadratic --steps 5 --size 160x120 --frames 3 -o U.Gif" \
    "-a adam -l quadratic --steps 5 --size 160x120 --trajectory U.JSON" \
    >jobs.txt
"$OPTVIZ" --batch jobs.txt >o1.txt 2>&1
"$OPTVIZ" --batch jobs.txt >o2.txt 2>&1
check "batch: U.PNG up to date" \
    'grep -q "^jobs.txt:1: U.PNG is up to date$" o2.txt'
check "batch: U.Gif up to date" \
    'grep -q "^jobs.txt:2: U.Gif is up to date$" o2.txt'
check "batch: U.JSON is JSON" 'is_json U.JSON'
cd ..

finish test_formats
