#!/bin/sh
# batch_compare.sh: every optimizer on several losses in one optviz --batch
# run: a figure per loss and per optimizer family, and a table of the final
# losses read back from the trajectories.
#
#   examples/batch_compare.sh [-j N] [OUTDIR] [LOSS...]
#
# OUTDIR defaults to ./compare, the losses to rosenbrock beale himmelblau
# booth.  Run it again and the figures that are up to date are skipped (the
# trajectory jobs, which record nothing, always rerun; they are fast).
# Set OPTVIZ to the tool if it is not on the PATH.
set -eu
OPTVIZ=${OPTVIZ:-optviz}
jobs=
if [ "${1:-}" = -j ]; then
    jobs="-j $2"
    shift 2
fi
out=${1:-compare}
[ $# -gt 0 ] && shift
losses=${*:-rosenbrock beale himmelblau booth}
steps=200
sgd_family=gd,momentum,nag
adaptive=adagrad,rmsprop,adadelta,adam,adamax

mkdir -p "$out"
# One job per line; the words need no quoting here, so the file reads as a
# list of shell commands too.
{
    echo "# written by batch_compare.sh"
    for loss in $losses; do
        echo "optviz -a $sgd_family -l $loss --steps $steps -o $out/$loss-sgd.png"
        echo "optviz -a $adaptive -l $loss --steps $steps -o $out/$loss-adaptive.png"
        echo "optviz -a $sgd_family,$adaptive -l $loss --steps $steps --trajectory $out/$loss.csv"
    done
} >"$out/jobs.txt"

status=0
"$OPTVIZ" --batch "$out/jobs.txt" $jobs || status=$?

# Final loss of each optimizer on each loss: the last row per algorithm.
echo
printf '%-12s' loss
for a in $(echo "$sgd_family,$adaptive" | tr , ' '); do printf ' %10s' "$a"; done
echo
for loss in $losses; do
    [ -f "$out/$loss.csv" ] || continue
    printf '%-12s' "$loss"
    awk -F, 'NR > 1 { last[$1] = $6; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
             END { for (i = 1; i <= n; i++) printf " %10.3g", last[order[i]]; print "" }' \
        "$out/$loss.csv"
done
exit $status
