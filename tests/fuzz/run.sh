#!/usr/bin/env bash
# Builds the fuzz targets with clang's libFuzzer and runs each for a while.
#   tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# TARGET is csv, cli, expr, gif or import (default: every tests/fuzz/fuzz_*.c).
# Needs: apt-get install -y clang libclang-rt-14-dev (Debian 12)
#
# The library (and, for fuzz_cli, the tool's sources but main.c) is
# compiled once with -fsanitize=fuzzer-no-link,address,undefined; each
# target links it with libFuzzer.  The run starts from the seed corpus
# tests/fuzz/corpus/<target>/ (copied, so new inputs do not dirty the
# tree) and prints executions per second, coverage and any crash.
# Crashes are written to build-fuzz/crashes/<target>/; once fixed, copy the
# input into tests/fuzz/corpus/<target>/ as a regression case: .ci/run
# replays every corpus file through every target under ASan and UBSan.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-60}
shift || true
build=${OV_FUZZ_BUILD:-$root/build-fuzz}
cc=${CC:-clang}
jobs=$(nproc)
mkdir -p "$build/obj"
common="-g -O1 -std=c11 -ffp-contract=off -D_POSIX_C_SOURCE=200809L -fno-sanitize-recover=all -I$root/include -I$root/src -I$root/src/core -I$root/src/encode -I$root/src/render -I$root/src/render/views -I$root/src/cli"
san="-fsanitize=address,undefined"
libs="$(pkg-config --libs cairo fontconfig libpng zlib) -lgif -lm -lpthread -ldl"
cflags_pkg=$(pkg-config --cflags cairo libpng)

# ---- the library, once ------------------------------------------------------
compile() {   # compile SRC -> $build/obj/<dir>_<name>.o when out of date
    local src=$1 obj
    obj=$build/obj/$(basename "$(dirname "$src")")_$(basename "$src" .c).o
    if [ ! -e "$obj" ] || [ "$src" -nt "$obj" ]; then
        # shellcheck disable=SC2086
        $cc $common $san -fsanitize=fuzzer-no-link $cflags_pkg -c "$src" -o "$obj"
    fi
    echo "$obj"
}
export -f compile
export cc common san cflags_pkg build
echo "== building the library with $cc"
ls "$root"/src/core/*.c "$root"/src/encode/*.c "$root"/src/render/*.c \
    | xargs -P"$jobs" -I{} bash -c 'compile "$1" >/dev/null' _ {}
ls "$root"/src/cli/*.c | grep -v '/main\.c$' \
    | xargs -P"$jobs" -I{} bash -c 'compile "$1" >/dev/null' _ {}
rm -f "$build/libov.a" "$build/libovtool.a"
ar rcs "$build/libov.a" "$build"/obj/core_*.o "$build"/obj/encode_*.o \
    "$build"/obj/render_*.o
ar rcs "$build/libovtool.a" "$build"/obj/cli_*.o

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for f in "$root"/tests/fuzz/fuzz_*.c; do
        t=$(basename "$f" .c); targets+=("${t#fuzz_}")
    done
fi
for t in "${targets[@]}"; do
    echo "== fuzz_$t: building"
    tool=""
    [ "$t" = cli ] && tool=$build/libovtool.a
    # shellcheck disable=SC2086
    $cc $common $san -fsanitize=fuzzer $cflags_pkg -o "$build/fuzz_$t" \
        "$root/tests/fuzz/fuzz_$t.c" $tool "$build/libov.a" $libs
    mkdir -p "$build/corpus/$t" "$build/crashes/$t"
    cp -n "$root"/tests/fuzz/corpus/"$t"/* "$build/corpus/$t/" 2>/dev/null || true
    dict=()
    [ -f "$root/tests/fuzz/$t.dict" ] && dict=(-dict="$root/tests/fuzz/$t.dict")
    echo "== fuzz_$t: running ${secs}s"
    (cd "$build" && "$build/fuzz_$t" -max_total_time="$secs" \
        -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        ${dict[@]+"${dict[@]}"} -artifact_prefix="$build/crashes/$t/" \
        "$build/corpus/$t" >"$build/fuzz_$t.log" 2>&1) || true
    grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss|==[0-9]+==ERROR|SUMMARY)|cov:" \
        "$build/fuzz_$t.log" | tail -6
    n=$(find "$build/crashes/$t" -type f | wc -l)
    echo "== fuzz_$t: $n crash file(s) in $build/crashes/$t (log: $build/fuzz_$t.log)"
done
