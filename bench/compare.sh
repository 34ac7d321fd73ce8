#!/usr/bin/env bash
# compare.sh: two optviz binaries on the standard jobs in one run, runs
# interleaved (A, B, A, B, ...) so that a load on the machine falls on both
# alike: median wall time and CPU time of REPEATS runs, output size, and the
# ratio B/A; with CALLGRIND=1 also the instructions each executes (valgrind
# --tool=callgrind, the same count whatever else the machine does).
#
# usage: bench/compare.sh OLD NEW [REPEATS]
#   e.g. git worktree add /tmp/before HEAD~5 && build it, then
#        bench/compare.sh /tmp/before/build/optviz build/optviz 11
set -euo pipefail
a=$1
b=$2
reps=${3:-7}
for x in "$a" "$b"; do
    [ -x "$x" ] || { echo "compare.sh: no executable $x" >&2; exit 2; }
done
case $a in /*) ;; *) a=$PWD/$a ;; esac
case $b in /*) ;; *) b=$PWD/$b ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
median() { sort -g | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'; }

std="--algo gd,momentum:momentum=0.2,rmsprop,adam --lr 0.1 --loss ols
     --steps 200 --size 800x600"
jobs=(
    "gif: standard job|$std -o out.gif"
    "png: standard still|$std -o out.png"
    "svg: standard still|$std -o out.svg"
    "gif: history --trail 10|--view history --trail 10 -o out.gif"
    "gif: contour --trail 10|$std --trail 10 -o out.gif"
    "gif: surface view|$std --view surface -o out.gif"
    "gif: rotating surface|--loss himmelblau --view surface --rotate --size 400x300 -o out.gif"
)
printf '%-28s %9s %9s %9s %9s %7s %10s %10s' job A_wall B_wall A_cpu B_cpu \
    B/A A_bytes B_bytes
[ "${CALLGRIND:-0}" = 1 ] && printf ' %12s %12s %7s' A_Minstr B_Minstr B/A
echo
for j in "${jobs[@]}"; do
    name=${j%%|*}
    args=${j#*|}
    : >a.w; : >b.w; : >a.c; : >b.c
    for _ in $(seq "$reps"); do
        for side in a b; do
            bin=$a
            [ $side = b ] && bin=$b
            # shellcheck disable=SC2086
            /usr/bin/time -f '%e %U %S' -o t "$bin" -q $args
            read -r w u s <t
            echo "$w" >>$side.w
            awk -v u="$u" -v s="$s" 'BEGIN{print u + s}' >>$side.c
            stat -c %s out.* >$side.bytes
            rm -f out.*
        done
    done
    aw=$(median <a.w) bw=$(median <b.w) ac=$(median <a.c) bc=$(median <b.c)
    printf '%-28s %9.3f %9.3f %9.3f %9.3f %7.3f %10s %10s' "$name" "$aw" \
        "$bw" "$ac" "$bc" "$(awk -v x="$ac" -v y="$bc" \
        'BEGIN{print (x > 0 ? y / x : 0)}')" "$(cat a.bytes)" "$(cat b.bytes)"
    if [ "${CALLGRIND:-0}" = 1 ]; then
        for side in a b; do
            bin=$a
            [ $side = b ] && bin=$b
            # shellcheck disable=SC2086
            valgrind --tool=callgrind --callgrind-out-file=cg.$side \
                "$bin" -q $args 2>cg.log
            awk '/^summary:/ {print $2 / 1e6}' cg.$side >$side.i
            rm -f out.* cg.$side
        done
        printf ' %12.1f %12.1f %7.3f' "$(cat a.i)" "$(cat b.i)" \
            "$(awk -v x="$(cat a.i)" -v y="$(cat b.i)" 'BEGIN{print y / x}')"
    fi
    echo
done
