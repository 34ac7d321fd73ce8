#!/usr/bin/env bash
# Installs the build into a temporary prefix, then builds examples/simple.c
# against the installed library with pkg-config (static and shared), runs
# both, and checks the PNG they write.
#   test_install.sh SOURCE_DIR BUILD_DIR
set -u
src=$1
build=$2
prefix=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$prefix" "$work"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

if cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1; then ok; else bad "cmake --install"; cat "$work/install.log"; fi
for f in include/optviz/optviz.h include/optviz/loss.h lib/liboptviz.a lib/pkgconfig/optviz.pc; do
    if [ -e "$prefix/$f" ] || [ -e "$prefix/${f/lib\//lib/x86_64-linux-gnu/}" ]; then ok; else bad "missing $f"; fi
done
pcdir=$(dirname "$(find "$prefix" -name optviz.pc | head -1)")
export PKG_CONFIG_PATH=$pcdir
libdir=$(pkg-config --variable=libdir optviz)

if cc -std=c11 "$src/examples/simple.c" $(pkg-config --cflags --libs optviz) \
      -Wl,-rpath,"$libdir" -o "$work/simple_shared" 2>"$work/cc.log"; then ok; else bad "shared build"; cat "$work/cc.log"; fi
if cc -std=c11 "$src/examples/simple.c" $(pkg-config --cflags optviz) \
      "$libdir/liboptviz.a" $(pkg-config --libs --static optviz | sed 's/-loptviz//') \
      -o "$work/simple_static" 2>"$work/cc2.log"; then ok; else bad "static build"; cat "$work/cc2.log"; fi
if ldd "$work/simple_shared" | grep -q "liboptviz.so"; then ok; else bad "shared example does not use liboptviz.so"; fi
for v in shared static; do
    if (cd "$work" && "./simple_$v" "out_$v.png" >"run_$v.log"); then ok; else bad "simple_$v failed"; fi
    if grep -q "^gd .*-> (3.000000, 2.000000)" "$work/run_$v.log" && grep -q "^adam .*-> (2.99991" "$work/run_$v.log"; then ok; else bad "simple_$v: unexpected end points"; cat "$work/run_$v.log"; fi
    sig=$(head -c 8 "$work/out_$v.png" | od -An -tx1 | tr -d ' \n')
    if [ "$sig" = "89504e470d0a1a0a" ]; then ok; else bad "out_$v.png is not a PNG"; fi
done
if cmp -s "$work/out_shared.png" "$work/out_static.png"; then ok; else bad "static and shared outputs differ"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
