#!/usr/bin/env bash
# scale.sh: how optviz's cost grows, in one run: rows of a data set (1e3 to
# 1e6, ols and sigmoid), frames (50 to 5000), figure sizes (400x300 to
# 3840x2160), optimizers (1 to 16), the 3-D surface and its rotation.
# Each job runs once (REPEATS=n for the median of n): wall time, CPU time
# (user + sys), peak RSS (GNU time) and output size; beside the standard
# job's frames and sizes, matplotlib's GIF of the same scene
# (mpl_anchor.py, "anim" mode) where python3-matplotlib and python3-torch
# are installed (MPL=0 skips it; not above MPL_MAX_FRAMES, 500, frames).  A job over TIMEOUT seconds (default 900)
# is reported as such.
#
# usage: bench/scale.sh [OPTVIZ]       e.g. bench/scale.sh build/optviz
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
optviz=$(cd "$(dirname "${1:-build/optviz}")" && pwd)/$(basename "${1:-build/optviz}")
reps=${REPEATS:-1}
limit=${TIMEOUT:-900}
anchor=${MPL_ANCHOR:-$here/../../shared/tools/mpl_anchor.py}
mpl=${MPL:-1}
if [ "$mpl" = 1 ] && ! { [ -f "$anchor" ] && /usr/bin/python3 -c \
        'import matplotlib, torch' 2>/dev/null; }; then
    mpl=0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
median() { sort -g | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'; }

# Data sets: ols y = 2 + 3x + N(0,1), x ~ U(-3, 3); sigmoid y ~ Bernoulli
# of 1/(1+exp(-(1.5x - 0.5))), x ~ N(0, 2); fixed seed.
/usr/bin/python3 - <<'EOF'
import math, random
random.seed(16)
for n in (1000, 10000, 100000, 1000000):
    with open(f"ols{n}.csv", "w") as f, open(f"sig{n}.csv", "w") as g:
        f.write("x,y\n"); g.write("x,y\n")
        for _ in range(n):
            x = random.uniform(-3, 3)
            f.write("%.6g,%.6g\n" % (x, 2 + 3 * x + random.gauss(0, 1)))
            x = random.gauss(0, 2)
            p = 1 / (1 + math.exp(-(1.5 * x - 0.5)))
            g.write("%.6g,%d\n" % (x, 1 if random.random() < p else 0))
EOF

printf '# %s, %s\n' "$("$optviz" --version 2>/dev/null | head -1)" \
    "$(uptime | sed 's/.*load/load/')"
printf '%-34s %9s %9s %9s %10s %9s %9s\n' job wall_s cpu_s rss_MB bytes \
    mpl_wall mpl_cpu

# run NAME MPLARGS OPTVIZ-ARGS...: MPLARGS is "frames w h" or "-".
run() {
    local name=$1 margs=$2
    shift 2
    : >w; : >c; : >m
    local status=ok
    for _ in $(seq "$reps"); do
        rm -f out.*
        if ! /usr/bin/time -f '%e %U %S %M' -o t timeout "$limit" \
                "$optviz" -q "$@" >/dev/null 2>err; then
            status=$(grep -q 'Command exited with non-zero status 124' t \
                     && echo "timeout>${limit}s" || echo "failed")
            break
        fi
        tail -1 t | awk '{print $1}' >>w
        tail -1 t | awk '{print $2 + $3}' >>c
        tail -1 t | awk '{print $4 / 1024}' >>m
    done
    local mw=- mc=-
    # shellcheck disable=SC2086
    [ "$margs" != - ] && set -- $margs
    # matplotlib takes 0.1-0.35 s a frame: 5000 frames would be half an
    # hour, so frames above MPL_MAX_FRAMES (500) have no matplotlib run.
    if [ "$mpl" = 1 ] && [ "$margs" != - ] \
       && [ "$1" -le "${MPL_MAX_FRAMES:-500}" ]; then
        if /usr/bin/time -f '%e %U %S' -o mt /usr/bin/python3 "$anchor" \
                mpl.gif "$1" "$2" "$3" anim >/dev/null 2>&1; then
            mw=$(tail -1 mt | awk '{print $1}')
            mc=$(tail -1 mt | awk '{print $2 + $3}')
        fi
    fi
    if [ "$status" != ok ]; then
        printf '%-34s %9s %9s %9s %10s %9s %9s\n' "$name" "$status" - - - \
            "$mw" "$mc"
        return
    fi
    printf '%-34s %9s %9s %9.1f %10s %9s %9s\n' "$name" "$(median <w)" \
        "$(median <c)" "$(median <m)" "$(stat -c %s out.* | head -1)" \
        "$mw" "$mc"
}

std="--algo gd,momentum:momentum=0.2,rmsprop,adam --lr 0.1 --loss ols"
for n in 1000 10000 100000 1000000; do
    run "rows: ols $n, GIF" - --loss ols --data "ols$n.csv" -o out.gif
done
for n in 1000 10000 100000 1000000; do
    run "rows: sigmoid $n, GIF" - --loss sigmoid --data "sig$n.csv" \
        -o out.gif
done
for n in 1000 1000000; do
    run "rows: sigmoid $n, --trajectory" - --loss sigmoid \
        --data "sig$n.csv" --trajectory out.csv
done
for f in 50 500 5000; do
    # shellcheck disable=SC2086
    run "frames: $f (standard job)" "$f 800 600" $std --steps "$f" \
        --frames "$f" -o out.gif
done
for s in 400x300 800x600 1920x1080 3840x2160; do
    # shellcheck disable=SC2086
    run "size: $s (standard GIF)" "200 ${s%x*} ${s#*x}" $std --steps 200 \
        --size "$s" -o out.gif
done
run "size: 800x600 PNG still" - $std --steps 200 -o out.png
algos=gd
for a in momentum rmsprop adam; do algos="$algos,$a"; done
run "optimizers: 1" - --loss ols --algo gd -o out.gif
run "optimizers: 4" - --loss ols --algo "$algos" -o out.gif
sixteen=
for lr in 0.01 0.02 0.05 0.2; do
    for a in gd momentum rmsprop adam; do
        sixteen="$sixteen,$a:lr=$lr"
    done
done
run "optimizers: 16" - --loss ols --algo "${sixteen#,}" -o out.gif
run "3-D: surface GIF" - --view surface -o out.gif
run "3-D: rotating surface GIF" - -l himmelblau --view surface --rotate \
    --size 400x300 -o out.gif
