#!/usr/bin/env bash
# floor.sh: the standard GIF against its floor (floor_gif.c: the least
# drawing for the same content, through optviz's own GIF writer), in one
# run, runs interleaved so a load on the machine falls on both alike:
# median CPU time (user + sys) of REPEATS runs each and the ratio; with
# CALLGRIND=1 also the instructions each executes.  Target (issue 16):
# optviz within 1.2x of the floor.
#
# usage: bench/floor.sh [OPTVIZ] [REPEATS]      (from the repository; the
#        floor is compiled against OPTVIZ's build folder's liboptviz.a)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
optviz=$(cd "$(dirname "${1:-build/optviz}")" && pwd)/$(basename "${1:-build/optviz}")
reps=${2:-7}
lib=$(dirname "$optviz")/liboptviz.a
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -std=c11 -D_DEFAULT_SOURCE -ffp-contract=off -I"$here/../include" \
   "$here/floor_gif.c" -o "$tmp/floor_gif" "$lib" \
   $(pkg-config --cflags --libs cairo libpng) -lgif -lm -lpthread
cd "$tmp"
median() { sort -g | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'; }
std="--algo gd,momentum:momentum=0.2,rmsprop,adam --lr 0.1 --loss ols
     --steps 200 --size 800x600"
: >a; : >b
for _ in $(seq "$reps"); do
    /usr/bin/time -f '%U %S' -o t ./floor_gif floor.gif 200 >/dev/null
    awk '{print $1 + $2}' t >>a
    # shellcheck disable=SC2086
    /usr/bin/time -f '%U %S' -o t "$optviz" -q $std -o std.gif
    awk '{print $1 + $2}' t >>b
done
fa=$(median <a); fb=$(median <b)
printf 'load: %s\n' "$(uptime | sed 's/.*load/load/')"
printf '%-22s %8s %10s\n' job cpu_s bytes
printf '%-22s %8s %10s\n' "floor (floor_gif.c)" "$fa" "$(stat -c %s floor.gif)"
printf '%-22s %8s %10s\n' "optviz standard GIF" "$fb" "$(stat -c %s std.gif)"
awk -v a="$fa" -v b="$fb" 'BEGIN{printf "ratio optviz/floor (CPU): %.2f (target <= 1.2)\n", b / a}'
if [ "${CALLGRIND:-0}" = 1 ]; then
    ia=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null ./floor_gif floor.gif 200 2>&1 | awk '/refs/{gsub(",","",$4); print $4}')
    # shellcheck disable=SC2086
    ib=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$optviz" -q $std -o std.gif 2>&1 | awk '/refs/{gsub(",","",$4); print $4}')
    awk -v a="$ia" -v b="$ib" 'BEGIN{printf "instructions: floor %.0f M, optviz %.0f M, ratio %.2f\n", a / 1e6, b / 1e6, b / a}'
fi
