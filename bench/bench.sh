#!/usr/bin/env bash
# bench.sh: the standard jobs of design.md §7, each timed and measured:
# wall time (median of REPEATS runs), peak resident memory (GNU time) and
# output size.  Jobs the tool cannot do yet are probed and reported as
# "not yet available" with the tool's own message, never simulated.
#
# usage: bench/bench.sh [OPTVIZ] [REPEATS]
#   OPTVIZ    the optviz binary (default: build/optviz)
#   REPEATS   runs per job; the median wall time is reported (default 5)
# For the GIF against matplotlib and gifsicle see bench_gif.sh; for the
# PNG against matplotlib and cairo see bench_still.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
optviz=${1:-$repo/build/optviz}
reps=${2:-5}
case $optviz in /*) ;; *) optviz=$PWD/$optviz ;; esac
[ -x "$optviz" ] || { echo "bench.sh: no executable $optviz" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

median() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

printf '%-34s %10s %10s %12s\n' job wall_s peak_KB bytes

# job NAME OUTPUTS KIND ARGS...: OUTPUTS is a space-separated list of files
# whose sizes are added up; KIND "pending" marks a job of a feature not
# built yet, reported as not available when the tool refuses it (any
# other job failing stops the benchmark).
job() {
    local name=$1 outs=$2 kind=$3; shift 3
    if ! "$optviz" "$@" -q 2> "$tmp/err"; then
        if [ "$kind" = pending ]; then
            printf '%-34s not yet available (%s)\n' "$name" \
                "$(head -n 1 "$tmp/err" | sed 's/^optviz: //')"
            return 0
        fi
        echo "bench.sh: $name failed:" >&2
        cat "$tmp/err" >&2
        exit 1
    fi
    : > "$tmp/wall"; : > "$tmp/kb"
    for _ in $(seq "$reps"); do
        local t0 t1
        t0=$(date +%s.%N)
        /usr/bin/time -f '%M' -o "$tmp/one" "$optviz" "$@" -q
        t1=$(date +%s.%N)
        awk -v a="$t0" -v b="$t1" 'BEGIN{print b - a}' >> "$tmp/wall"
        cat "$tmp/one" >> "$tmp/kb"
    done
    local bytes=0 f
    for f in $outs; do
        bytes=$((bytes + $(stat -c %s "$f")))
    done
    printf '%-34s %10.4f %10d %12d\n' "$name" "$(median < "$tmp/wall")" \
        "$(sort -n "$tmp/kb" | tail -n 1)" "$bytes"
}

std=(--algo gd,momentum:momentum=0.2,rmsprop,adam --lr 0.1 --loss ols
     --steps 200 --size 800x600)

job "gif: standard job (201 frames)" out.gif ready "${std[@]}" -o out.gif
job "png: still of the standard job" out.png ready "${std[@]}" -o out.png
job "svg: still of the standard job" out.svg ready "${std[@]}" -o out.svg
job "3-d: surface view, standard job" surf.gif pending "${std[@]}" --view surface -o surf.gif
job "minibatch: 1000 steps, gif+csv" "mb.gif mb.csv" ready --algo minibatch \
    --batch-size 32 --loss ols --steps 1000 --size 800x600 -o mb.gif \
    --trajectory mb.csv

# 20 figures: the 4-optimizer race on 20 losses.
: > batch.txt
i=0
for loss in quadratic rosenbrock beale himmelblau booth matyas \
            three_hump_camel six_hump_camel rastrigin ackley saddle wobbly \
            basins_and_walls ripple giant_plateau hills_and_canyon \
            two_minimums ols sigmoid quadratic; do
    i=$((i + 1))
    echo "--loss $loss --steps 100 -o batch$i.gif" >> batch.txt
done
outs=$(seq -f 'batch%g.gif' 1 20 | tr '\n' ' ')
job "batch: 20 figures (-j 2)" "$outs" pending --batch batch.txt -j 2 --force
