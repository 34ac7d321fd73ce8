#!/bin/sh
# make_all.sh: regenerate every figure of the five seed articles.
#
#   examples/seeds/make_all.sh [OPTVIZ] [OUTDIR]
#
# OPTVIZ is the tool (default: $OPTVIZ, else optviz on the PATH), OUTDIR
# where the figures go (default ./seed-figures), one folder per article
# (seed000/ ... seed004/).  The job files next to this script are plain
# optviz --batch files; this script makes the folders, copies data/ into
# OUTDIR (the jobs name their data as data/...), runs each file, and prints
# how many figures there are and how long it took.  Run it again and the
# figures that are up to date are skipped; FORCE=1 redoes them all.  JOBS=N
# sets the worker threads (default: one per core).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
tool=${1:-${OPTVIZ:-optviz}}
out=${2:-seed-figures}

# Resolve the tool before changing directory.
case $tool in
*/*) tool=$(cd "$(dirname "$tool")" && pwd)/$(basename "$tool") ;;
*) tool=$(command -v "$tool") || {
       echo "make_all.sh: '$tool' not found (give the path to optviz)" >&2
       exit 2
   } ;;
esac

files="seed000 seed001 seed001_response seed002 seed003 seed004"
for f in $files; do
    [ -f "$here/$f.jobs" ] || { echo "make_all.sh: missing $here/$f.jobs" >&2; exit 2; }
done

mkdir -p "$out"
out=$(cd "$out" && pwd)
for d in seed000 seed001 seed002 seed003 seed004 data; do
    mkdir -p "$out/$d"
done
if [ "$here/data" != "$out/data" ]; then
    cp "$here"/data/*.csv "$out/data/"
fi

opts=-q
[ "${FORCE:-0}" = 1 ] && opts="$opts --force"
[ -n "${JOBS:-}" ] && opts="$opts -j $JOBS"

now() { date +%s.%N; }
t0=$(now)
status=0
cd "$out"
for f in $files; do
    # shellcheck disable=SC2086
    "$tool" --batch "$here/$f.jobs" $opts || status=1
done
t1=$(now)

# Every output a job names (-o and --trajectory), counted once.
expected=$(for f in $files; do
        grep '^optviz ' "$here/$f.jobs" |
            grep -o -e ' -o [^ ]*' -e ' --trajectory [^ ]*' |
            awk '{ print $2 }'
    done)
total=0
missing=0
figs=0
for p in $expected; do
    total=$((total + 1))
    if [ -s "$p" ]; then
        case $p in *.png|*.gif) figs=$((figs + 1)) ;; esac
    else
        missing=$((missing + 1))
        echo "make_all.sh: missing $out/$p" >&2
    fi
done
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
for d in seed000 seed001 seed002 seed003 seed004; do
    n=$(ls "$d" | grep -c -e '\.png$' -e '\.gif$' || true)
    echo "$d: $n figures"
done
echo "$figs figures ($((total - figs)) trajectory files) in $out, $secs s"
[ "$missing" -eq 0 ] || status=1
exit $status
