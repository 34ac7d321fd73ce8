#!/usr/bin/env bash
# bench_still.sh: the PNG still of the standard job, optviz against
# matplotlib (tools/mpl_anchor.py mode=still) in the same run, and optviz's
# PNG size against cairo_surface_write_to_png of the same pixels.
#
# usage: bench/bench_still.sh [OPTVIZ] [REPEATS]
#   OPTVIZ    the optviz binary (default: build/optviz)
#   REPEATS   optviz runs; the median is reported (default 11)
# Environment: MPL_ANCHOR (path of mpl_anchor.py; default ../shared/tools/
# beside the repository, then /work/shared/tools), PYTHON (/usr/bin/python3).
# Skips matplotlib (says so) when the anchor or matplotlib is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
optviz=${1:-$repo/build/optviz}
reps=${2:-11}
python=${PYTHON:-/usr/bin/python3}
anchor=${MPL_ANCHOR:-}
if [ -z "$anchor" ]; then
    for c in "$repo/../shared/tools/mpl_anchor.py" /work/shared/tools/mpl_anchor.py; do
        [ -f "$c" ] && { anchor=$c; break; }
    done
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

job=(--loss ols --lr 0.1 --steps 200 --size 800x600 -q -o "$tmp/out.png")
"$optviz" "${job[@]}"          # warm the page cache and fontconfig's
for i in $(seq "$reps"); do
    t0=$(now); "$optviz" "${job[@]}"; t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN{print b - a}' 
done | median > "$tmp/ov_time"
ov_time=$(cat "$tmp/ov_time")
ov_size=$(stat -c %s "$tmp/out.png")
printf 'optviz still:      %.4f s wall (median of %d), %d bytes\n' "$ov_time" "$reps" "$ov_size"

cc -O2 -o "$tmp/cairo_png_size" "$here/cairo_png_size.c" \
    $(pkg-config --cflags --libs cairo libpng)
"$tmp/cairo_png_size" "$tmp/out.png" "$tmp/cairo.png" > "$tmp/sizes"
cairo_size=$(awk '/cairo_png_bytes/{print $2}' "$tmp/sizes")
printf 'cairo write_to_png of the same pixels: %d bytes (optviz/cairo = %.3f)\n' \
    "$cairo_size" "$(awk -v a="$ov_size" -v b="$cairo_size" 'BEGIN{print a / b}')"

if [ -n "$anchor" ] && "$python" -c 'import matplotlib, torch' 2>/dev/null; then
    mt=()
    for i in 1 2 3; do
        t0=$(now)
        ATEN_CPU_CAPABILITY=default "$python" "$anchor" "$tmp/mpl.png" 200 800 600 still 2>/dev/null
        t1=$(now)
        mt+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b - a}')")
    done
    mpl_time=$(printf '%s\n' "${mt[@]}" | median)
    mpl_size=$(stat -c %s "$tmp/mpl.png")
    printf 'matplotlib still:  %.4f s wall (median of 3), %d bytes\n' "$mpl_time" "$mpl_size"
    printf 'speed-up: %.1fx (target >= 20x)\n' "$(awk -v a="$mpl_time" -v b="$ov_time" 'BEGIN{print a / b}')"
else
    echo "matplotlib still:  skipped (no mpl_anchor.py or matplotlib/torch)"
fi
