#!/usr/bin/env bash
# bench_gif.sh: the standard animated GIF (design.md §7) against matplotlib
# (tools/mpl_anchor.py, modes anim and savefig) in the same run, its size
# against gifsicle -O3 of the same file, and how time and size scale with
# the number of frames.
#
# usage: bench/bench_gif.sh [OPTVIZ] [REPEATS]
#   OPTVIZ    the optviz binary (default: build/optviz)
#   REPEATS   optviz runs per measurement; the median is reported (default 11)
# Environment: MPL_ANCHOR (path of mpl_anchor.py; default ../shared/tools/
# beside the repository, then /work/shared/tools), PYTHON (/usr/bin/python3),
# MPL_MODES (default "anim savefig"; empty skips matplotlib), MPL_FRAMES
# (default 200), SCALE_STEPS (default "50 100 200 500 1000").
# Peak memory is the maximum resident set size from GNU time (/usr/bin/time).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
optviz=${1:-$repo/build/optviz}
reps=${2:-11}
case $optviz in /*) ;; *) optviz=$PWD/$optviz ;; esac
[ -x "$optviz" ] || { echo "bench_gif.sh: no executable $optviz" >&2; exit 2; }
python=${PYTHON:-/usr/bin/python3}
modes=${MPL_MODES-anim savefig}
mpl_frames=${MPL_FRAMES:-200}
scale_steps=${SCALE_STEPS:-50 100 200 500 1000}
anchor=${MPL_ANCHOR:-}
if [ -z "$anchor" ]; then
    for c in "$repo/../shared/tools/mpl_anchor.py" /work/shared/tools/mpl_anchor.py; do
        [ -f "$c" ] && { anchor=$c; break; }
    done
fi
[ -x /usr/bin/time ] || { echo "bench_gif.sh: needs GNU time (/usr/bin/time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", a / b}'; }

# run_ov OUT ARGS...: REPEATS runs; sets ov_t (median s), ov_kb (max RSS).
run_ov() {
    local out=$1; shift
    "$optviz" "$@" -q -o "$out"                # warm caches
    : > "$tmp/runs"
    for _ in $(seq "$reps"); do
        /usr/bin/time -f '%e %M' -o "$tmp/one" "$optviz" "$@" -q -o "$out"
        cat "$tmp/one" >> "$tmp/runs"
    done
    # %e has only 10 ms resolution: time the median run again with date.
    ov_kb=$(awk '$2 > m {m = $2} END{print m}' "$tmp/runs")
    : > "$tmp/wall"
    for _ in $(seq "$reps"); do
        local t0 t1
        t0=$(date +%s.%N); "$optviz" "$@" -q -o "$out"; t1=$(date +%s.%N)
        awk -v a="$t0" -v b="$t1" 'BEGIN{print b - a}' >> "$tmp/wall"
    done
    ov_t=$(median < "$tmp/wall")
}

std=(--algo gd,momentum:momentum=0.2,rmsprop,adam --lr 0.1 --loss ols
     --steps 200 --size 800x600)
echo "standard job: optviz ${std[*]} -o out.gif"
run_ov "$tmp/out.gif" "${std[@]}"
size=$(stat -c %s "$tmp/out.gif")
std_t=$ov_t
printf 'optviz gif:        %.4f s wall (median of %d), peak RSS %d KB, %d bytes\n' \
    "$ov_t" "$reps" "$ov_kb" "$size"
if command -v gifsicle > /dev/null; then
    frames=$(gifsicle --info "$tmp/out.gif" | awk 'NR==1{print $3}')
    gifsicle -O3 "$tmp/out.gif" -o "$tmp/o3.gif"
    o3=$(stat -c %s "$tmp/o3.gif")
    printf 'gifsicle -O3 of it: %d bytes; optviz/-O3 = %.4f (target <= 1.05); %s frames\n' \
        "$o3" "$(awk -v a="$size" -v b="$o3" 'BEGIN{print a / b}')" "$frames"
fi
"$optviz" "${std[@]}" -q --frames 1 -o "$tmp/one.gif"
run_ov "$tmp/one.gif" "${std[@]}" --frames 1
printf 'same with --frames 1: %.4f s; time per frame beyond the first: %.3f ms\n' \
    "$ov_t" "$(awk -v a="$std_t" -v b="$ov_t" 'BEGIN{print (a - b) / 200 * 1000}')"

echo
echo "scaling (--steps N, one frame per step; per-frame = (t(N) - t(--frames 1)) / N):"
printf '%8s %10s %10s %12s %10s %10s\n' steps wall_s frames1_s per_frame_ms peak_KB bytes
for n in $scale_steps; do
    job=(--algo gd,momentum:momentum=0.2,rmsprop,adam --lr 0.1 --loss ols
         --steps "$n" --size 800x600)
    run_ov "$tmp/s.gif" "${job[@]}"
    t=$ov_t; kb=$ov_kb; sz=$(stat -c %s "$tmp/s.gif")
    run_ov "$tmp/s1.gif" "${job[@]}" --frames 1
    printf '%8d %10.4f %10.4f %12.3f %10d %10d\n' "$n" "$t" "$ov_t" \
        "$(awk -v a="$t" -v b="$ov_t" -v n="$n" 'BEGIN{print (a - b) / n * 1000}')" \
        "$kb" "$sz"
done

echo
if [ -z "$modes" ]; then
    echo "matplotlib: skipped (MPL_MODES empty)"
elif [ -z "$anchor" ] || ! "$python" -c 'import matplotlib, torch' 2>/dev/null; then
    echo "matplotlib: skipped (no mpl_anchor.py or matplotlib/torch)"
else
    for m in $modes; do
        if [ "$m" = savefig ] && ! "$python" -c 'import imageio' 2>/dev/null; then
            echo "matplotlib $m: skipped (needs python3-imageio)"
            continue
        fi
        t0=$(date +%s.%N)
        ATEN_CPU_CAPABILITY=default /usr/bin/time -f '%M' -o "$tmp/mkb" \
            "$python" "$anchor" "$tmp/mpl.gif" "$mpl_frames" 800 600 "$m" 2>/dev/null
        t1=$(date +%s.%N)
        mt=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b - a}')
        printf 'matplotlib %-8s %.2f s wall, peak RSS %d KB, %d bytes; optviz is %sx faster, %sx smaller\n' \
            "$m:" "$mt" "$(cat "$tmp/mkb")" "$(stat -c %s "$tmp/mpl.gif")" \
            "$(ratio "$mt" "$std_t")" "$(ratio "$(stat -c %s "$tmp/mpl.gif")" "$size")"
    done
    echo "(targets: >= 30x faster, stretch 100x; peak RSS < 64 MB; < 400 KB)"
fi
