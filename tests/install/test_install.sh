#!/usr/bin/env bash
# Installs the build into a temporary prefix, then builds examples/simple.c
# against the installed library with pkg-config (static and shared), runs
# both, and checks the PNG they write; checks the tool, the man page (man -l
# renders it without warnings, man finds it under the prefix) and the bash
# completion (it completes names from the installed tool).
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

# The tool, its man page and its bash completion.
if [ -x "$prefix/bin/optviz" ] && "$prefix/bin/optviz" --version | grep -q '^optviz [0-9]'; then ok; else bad "bin/optviz missing or broken"; fi
page="$prefix/share/man/man1/optviz.1"
if [ -f "$page" ] && cmp -s "$page" "$src/docs/optviz.1"; then ok; else bad "man page not installed at share/man/man1/optviz.1"; fi
if command -v man >/dev/null 2>&1; then
    if MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$page" >"$work/man.txt" 2>"$work/man.err" &&
       [ ! -s "$work/man.err" ] && grep -q -- '--batch FILE' "$work/man.txt"; then ok
    else bad "man -l of the installed page"; cat "$work/man.err"; fi
    if MANPATH="$prefix/share/man" man -w optviz 2>/dev/null | grep -q "^$prefix/"; then ok; else bad "man does not find optviz under the prefix"; fi
else
    echo "SKIP: man is not installed"
fi
comp="$prefix/share/bash-completion/completions/optviz"
if [ -f "$comp" ]; then ok; else bad "bash completion not installed"; fi
# Completing "--loss ros" and "--colormap ma" with the installed tool
# (magma and its reversed magma_r).
got=$(PATH="$prefix/bin:$PATH" bash -c '
    source "$1"
    COMP_WORDS=(optviz --loss ros); COMP_CWORD=2; _optviz; echo "${COMPREPLY[*]}"
    COMP_WORDS=(optviz --colormap ma); COMP_CWORD=2; _optviz; echo "${COMPREPLY[*]}"
    COMP_WORDS=(optviz --ba); COMP_CWORD=1; _optviz; echo "${COMPREPLY[*]}"' _ "$comp" 2>&1)
if [ "$got" = "rosenbrock
magma magma_r
--batch-size --batch" ]; then ok; else bad "completion: got '$got'"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
