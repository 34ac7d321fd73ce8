#!/bin/bash
# The fair-comparison search, optviz against a torch loop, in one run:
# 4 optimizers x (41 rates + the default) x 200 steps on rastrigin.
#   bench/tune_bench.sh [OPTVIZ] [REPEATS]
# optviz: the whole command (search, the 4 winners' runs, the sensitivity
# PNG) with GNU time, median wall of REPEATS (default 5) and the CPU time
# of that run, on all cores and pinned to one (taskset); the search alone
# as the tool reports it.  torch: bench/tune_torch.py (python3-torch), the
# runs alone, once.  The machine may be shared: compare within one run and
# read the CPU times too.
set -u
OPTVIZ=${1:-build/optviz}
REPEATS=${2:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
ARGS=(--tune lr=1e-4:1:41 -a gd,momentum,rmsprop,adam -l rastrigin
      --steps 200 --view sensitivity -o "$TMP/s.png")

# time_it PREFIX...: "wall user sys search" of the median run.
time_it() {
    local i
    for ((i = 0; i < REPEATS; i++)); do
        /usr/bin/time -f '%e %U %S' -o "$TMP/t" "$@" "$OPTVIZ" "${ARGS[@]}" \
            2>"$TMP/err" >/dev/null
        search=$(sed -n 's/.* steps in \([0-9.]*\) s;.*/\1/p' "$TMP/err")
        echo "$(cat "$TMP/t") $search"
    done | sort -n | sed -n "$(( (REPEATS + 1) / 2 ))p"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-28s %8s %8s %8s %10s\n' what wall_s user_s sys_s search_s
read -r w u s q <<<"$(time_it)"
printf '%-28s %8s %8s %8s %10s\n' "optviz ($(nproc) cores)" "$w" "$u" "$s" "$q"
read -r w u s q <<<"$(time_it taskset -c 0)"
printf '%-28s %8s %8s %8s %10s\n' "optviz (taskset 1 core)" "$w" "$u" "$s" "$q"
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    /usr/bin/python3 "$HERE/tune_torch.py" >"$TMP/torch"
    times='s/.*wall \([0-9.]*\) s, cpu \([0-9.]*\) s.*/\1 \2/p'
    read -r w c <<<"$(sed -n "$times" "$TMP/torch")"
    printf '%-28s %8s %8s %8s %10s\n' "torch loop (runs only)" "$w" "$c" - "$w"
    echo
    echo "optviz's table:"
    grep -A4 '^optimizer' "$TMP/err"
    echo "torch's table:"
    sed -n '2,6p' "$TMP/torch"
else
    echo "torch: python3-torch not found, skipped"
fi
