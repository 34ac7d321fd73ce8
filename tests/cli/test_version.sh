#!/usr/bin/env bash
# --version (issue 13 item 17): the libraries optviz is built on, each with
# the version of its headers and of the loaded copy; pkg-config and the
# dynamic linker are the oracles.
#   test_version.sh OPTVIZ
set -u
. "$(dirname "$0")/lib.sh" "$@"

"$OPTVIZ" --version > v.txt; rc=$?
check "--version exits 0 ($rc)" '[ $rc -eq 0 ]'
check "first line: optviz and its version" 'head -1 v.txt | grep -qE "^optviz [0-9]+\.[0-9]+\.[0-9]+$"'
row() { awk -v n="$1" '$1 == n { print $2, $3 }' v.txt; }
for lib in cairo libpng zlib giflib; do
    check "--version lists $lib: $(row $lib)" '[ -n "$(row $lib)" ]'
done
if command -v pkg-config >/dev/null; then
    for m in cairo:cairo libpng:libpng zlib:zlib; do
        lib=${m%%:*} pc=${m#*:}
        want=$(pkg-config --modversion "$pc" 2>/dev/null) || continue
        check "$lib built with $want (pkg-config): $(row $lib)" \
            '[ "$(row $lib | cut -d" " -f1)" = "$want" ]'
    done
fi
if grep -q "^video: mp4" v.txt; then
    for lib in libavcodec libavformat libavutil libswscale; do
        want=$(pkg-config --modversion "$lib" 2>/dev/null)
        check "$lib listed, built $want: $(row $lib)" \
            '[ -n "$want" ] && [ "$(row $lib | cut -d" " -f1)" = "$want" ]'
    done
else
    check "no FFmpeg rows without video" '! grep -q "^libav" v.txt'
fi
# The running versions are those of the loaded copies: the file names the
# dynamic linker resolves carry them (libpng16.so.16.39.0 is 1.6.39).
if command -v ldd >/dev/null && ldd "$OPTVIZ" >ldd.txt 2>/dev/null; then
    so=$(awk '/libpng16\.so/ { print $3 }' ldd.txt)
    real=$(readlink -f "$so" 2>/dev/null)
    case $real in
        *libpng16.so.16.*)
            want=1.6.${real##*libpng16.so.16.}; want=${want%.0}
            check "libpng running $want ($real): $(row libpng)" \
                '[ "$(row libpng | cut -d" " -f2)" = "$want" ]' ;;
    esac
fi
finish
