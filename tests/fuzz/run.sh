#!/usr/bin/env bash
# Builds the fuzz targets with clang's libFuzzer and runs each for a while.
#   tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# Needs: apt-get install -y clang libclang-rt-14-dev
# Crashes are written to build-fuzz/crashes/<target>/; add each one to
# tests/data as a regression case once fixed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-60}
shift || true
build=$root/build-fuzz
cc=${CC:-clang}
mkdir -p "$build"
flags="-g -O1 -std=c11 -ffp-contract=off -D_POSIX_C_SOURCE=200809L -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -I$root/include -I$root/src"
pkg=$(pkg-config --cflags --libs cairo libpng)
libs="$pkg -lgif -lm -lpthread"
libsrc=$(ls "$root"/src/core/*.c "$root"/src/encode/*.c "$root"/src/render/*.c)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=()
    for f in "$root"/tests/fuzz/fuzz_*.c; do
        t=$(basename "$f" .c); targets+=("${t#fuzz_}")
    done
fi
for t in "${targets[@]}"; do
    echo "== fuzz_$t: building"
    # shellcheck disable=SC2086
    $cc $flags -o "$build/fuzz_$t" "$root/tests/fuzz/fuzz_$t.c" $libsrc $libs
    mkdir -p "$build/corpus/$t" "$build/crashes/$t"
    cp -n "$root"/tests/fuzz/corpus/"$t"/* "$build/corpus/$t/" 2>/dev/null || true
    echo "== fuzz_$t: running ${secs}s"
    "$build/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 \
        -artifact_prefix="$build/crashes/$t/" "$build/corpus/$t" 2>&1 |
        grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss|==[0-9]+==ERROR|SUMMARY)|cov:" | tail -6
done
