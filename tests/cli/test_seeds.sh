#!/bin/bash
# examples/seeds/make_all.sh into a temporary directory: every output its
# job files name exists and is a PNG or GIF by its magic bytes (the
# trajectory a CSV with the right header), the figure count it prints is
# the number of outputs, and a few runs give the seed articles' numbers:
#   seed 003 GD ends at (1.7917198301022377, -2.2821180729166732), error
#     2.4e-11 (torch SGD on the summed loss; the job's own --trajectory);
#   seed 002 Momentum, NAG (Sutskever form), GD, MiniBatch and Adam jobs,
#     rerun with --trajectory, equal the article's numpy code (values
#     computed from it once and written below);
#   seed 001's AdadeltaBigStart on the rectangles signal equals the
#     article's numpy sketch (theta_t - theta_{t+1} at five steps).
# Usage: bash test_seeds.sh /path/to/optviz
. "$(dirname "$0")/lib.sh" "$@"
SEEDS=$ROOT/examples/seeds

# |a - b| <= tol * max(1, |b|)
near() {
    awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN {
        d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; if (m < 1) m = 1
        exit !(a != "" && d <= t * m) }'
}

# ---- the one command ----------------------------------------------------------
start=$(date +%s)
bash "$SEEDS/make_all.sh" "$OPTVIZ" "$TMP/out" >"$TMP/log" 2>"$TMP/err"
rc=$?
elapsed=$(($(date +%s) - start))
cat "$TMP/log"
check "make_all.sh exits 0 (rc $rc: $(head -c 400 "$TMP/err"))" '[ $rc -eq 0 ]'
check "make_all.sh says nothing on stderr" '[ ! -s "$TMP/err" ]'

# ---- every named output, by magic bytes ---------------------------------------
outputs=$(grep -h '^optviz ' "$SEEDS"/*.jobs |
          grep -o -e ' -o [^ ]*' -e ' --trajectory [^ ]*' | awk '{ print $2 }')
n=0
figs=0
for p in $outputs; do
    n=$((n + 1))
    f=$TMP/out/$p
    magic=$(head -c 8 "$f" 2>/dev/null | od -An -tx1 | tr -d ' \n')
    case $p in
    *.png) figs=$((figs + 1))
           check "$p is a PNG" '[ "$magic" = 89504e470d0a1a0a ]' ;;
    *.gif) figs=$((figs + 1))
           check "$p is a GIF" '[ "${magic:0:12}" = 474946383961 ]' ;;
    *.csv) check "$p is a trajectory CSV" \
                 '[ "$(head -1 "$f" 2>/dev/null)" = "algo,step,epoch,x,y,loss,grad_x,grad_y,lr" ]' ;;
    *) bad "unexpected output $p" ;;
    esac
done
check "at least 90 figures named (got $figs)" '[ $figs -ge 90 ]'
check "no output named twice" \
      '[ "$(echo "$outputs" | sort | uniq -d | wc -l)" -eq 0 ]'
check "make_all.sh reports $figs figures" \
      'grep -q "^$figs figures (" "$TMP/log"'
for d in seed000 seed001 seed002 seed003 seed004; do
    want=$(echo "$outputs" | grep -c -e "^$d/.*\.png$" -e "^$d/.*\.gif$")
    check "$d: $want figures" 'grep -q "^$d: $want figures$" "$TMP/log"'
done
# A GIF is animated (several image descriptors after the header) and a PNG
# records its job's command line.
frames=$(od -An -v -tx1 "$TMP/out/seed002/GD_2d.gif" | tr -d '\n' |
         grep -o ' 21 f9 04' | wc -l)
check "seed002/GD_2d.gif has the article's 20 frames (got $frames)" \
      '[ "$frames" -eq 20 ]'
check "seed003/gd_2d.png records its command" \
      'grep -a -q "seed003/gd_2d.png" "$TMP/out/seed003/gd_2d.png"'

# ---- numbers ------------------------------------------------------------------
# Seed 003: the job's own trajectory export.
last=$(tail -1 "$TMP/out/seed003/gd.csv")
x=$(echo "$last" | cut -d, -f4)
y=$(echo "$last" | cut -d, -f5)
loss=$(echo "$last" | cut -d, -f6)
check "seed 003 ends after 1000 steps" '[ "$(echo "$last" | cut -d, -f2)" = 1000 ]'
check "seed 003 final w = 1.79171983010224 (got $x)" 'near "$x" 1.7917198301022377 1e-12'
check "seed 003 final b = -2.28211807291667 (got $y)" 'near "$y" -2.2821180729166732 1e-12'
check "seed 003 final error 2.4e-11 (got $loss)" 'near "$loss" 2.4291865713546816e-11 1e-20'

# Rerun a job line with --trajectory instead of its figure: $1 file, $2 the
# output that names the line, $3 the CSV to write.
rerun() {
    local line args
    line=$(grep -e " -o $2\$" -e " -o $2 " "$SEEDS/$1")
    args=$(echo "$line" | sed -e 's/^optviz //' -e 's/ --view history//' \
                              -e 's/ -o [^ ]*//')
    (cd "$TMP/out" && eval "\"$OPTVIZ\" $args -q --trajectory \"$3\"")
}
# row_at CSV STEP: "x y" of that step (first algorithm).
row_at() { awk -F, -v s="$2" 'NR > 1 && $2 == s { print $4, $5; exit }' "$1"; }

# Seed 002: values from the article's numpy SN.fit (float64).
seed002() { # name step w b tol
    local r
    r=$(row_at "$TMP/$1.csv" "$2")
    check "seed 002 $1 step $2 w (got ${r% *})" "near '${r% *}' '$3' '$5'"
    check "seed 002 $1 step $2 b (got ${r#* })" "near '${r#* }' '$4' '$5'"
}
for name in GD Momentum NAG MiniBatch Adam; do
    rerun seed002.jobs "seed002/${name}_history.png" "$TMP/$name.csv"
    check "seed 002 $name rerun" '[ -s "$TMP/$name.csv" ]'
done
seed002 GD 10 -1.9717722728513796 -1.9607388104410104 1e-14
seed002 GD 1000 1.78460843762914 -2.2720512289757773 1e-12
seed002 Momentum 10 -1.7442068520770284 -1.6568028511091835 1e-14
seed002 Momentum 1000 1.7917594692280556 -2.282174095733919 1e-12
seed002 NAG 10 -1.7342959979433499 -1.649236757622674 1e-14
seed002 NAG 1000 1.7917594692280552 -2.282174095733918 1e-12
seed002 MiniBatch 10 2.005326931467046 3.8091829024935286 1e-14
seed002 MiniBatch 600 -0.3078219794050251 -0.5378232437825679 1e-12
# Adam: the article's (eta/sqrt(v) + eps) m differs from torch's eps 0 by
# eps * m only.
seed002 Adam 1 -5.499999999999999 4.5 1e-12
seed002 Adam 10 -7.592298200807681 2.3111180285780875 1e-8
seed002 Adam 1200 -0.016052004733236896 -0.43586792569411126 1e-8

# Seed 001: AdadeltaBigStart(rectangles, gamma 0.9) from the article's
# sketch; the response is theta_t - theta_{t+1} of the rho=0.9 run.
rerun seed001_response.jobs seed001/GRAD_AdadeltaBigStart_rectangles.png "$TMP/resp.csv"
awk -F, '$1 == "rho=0.9" { if (n++) printf "%d %.17g\n", n - 2, p - $4; p = $4 }' \
    "$TMP/resp.csv" >"$TMP/resp.txt"
for want in "0 22.249930470466513" "1 22.244116887270486" \
            "19 22.210174295636225" "20 -22.208931235841185" \
            "299 21.90105120881702"; do
    t=${want% *}
    got=$(awk -v t="$t" '$1 == t { printf "%.17g", $2 }' "$TMP/resp.txt")
    check "seed 001 BigStart response at t=$t (got $got)" \
          "near '$got' '${want#* }' 1e-12"
done

# ---- a second run skips everything ---------------------------------------------
bash "$SEEDS/make_all.sh" "$OPTVIZ" "$TMP/out" >"$TMP/log2" 2>&1
check "a second run succeeds and reports the same count" \
      'grep -q "^$figs figures (" "$TMP/log2"'

echo "make_all.sh took ${elapsed} s"
finish test_seeds
