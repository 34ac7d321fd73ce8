#!/usr/bin/env bash
# The layers of docs/architecture.md, as the build enforces them:
#   1. each layer compiles with only its own folder, the layers below and
#      the public headers: a probe including a header of a layer above (or
#      cairo, outside render) must fail to compile with the layer's real
#      flags (from compile_commands.json), and a probe including an allowed
#      one must compile;
#   2. the library's objects print nothing, exit nowhere, leave signals to
#      the tool, and no two files of src/render call each other
#      (callgraph.py);
#   3. FFmpeg is opened at run time (av_loader.h): no object of the library
#      refers to an FFmpeg symbol but through the loader's table, and the
#      tool does not load FFmpeg's libraries when it starts; libhdf5
#      the same (import_grid.c).
# Usage: test_layers.sh BUILD_DIR
set -uo pipefail
build=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { echo "FAIL $*"; fail=$((fail + 1)); }

# The compile command of one source file of a layer, as CMake runs it,
# turned into a syntax check of standard input.
flags_of() {
    python3 - "$build/compile_commands.json" "$1" <<'PY'
import json, shlex, sys
for e in json.load(open(sys.argv[1])):
    if e["file"].endswith(sys.argv[2]):
        args = shlex.split(e["command"])
        # -isystem takes its folder as the next word
        out, it = [], iter(args[1:])
        for a in it:
            if a in ("-isystem",):
                out += [a, next(it)]
            elif a.startswith(("-I", "-D", "-std")):
                out.append(a)
        print(" ".join(shlex.quote(a) for a in out))
        break
PY
}

probe() { # layer-file include expect(0 compiles, 1 fails)
    local flags
    flags=$(flags_of "$1")
    [ -n "$flags" ] || { ko "$1: no compile command"; return; }
    if eval "cc $flags -fsyntax-only -x c -" <<<"#include $2" 2>/dev/null; then
        got=0
    else
        got=1
    fi
    if [ "$got" = "$3" ]; then ok; else
        ko "$1 with #include $2: $([ "$3" = 1 ] && echo compiled || echo failed)"
    fi
}

probe src/core/run.c '<cairo.h>' 1
probe src/core/run.c '"palette_private.h"' 1
probe src/core/run.c '"draw.h"' 1
probe src/core/run.c '"cli_private.h"' 1
probe src/core/run.c '"alloc_private.h"' 0
probe src/encode/gif.c '<cairo.h>' 1
probe src/encode/gif.c '"draw.h"' 1
probe src/encode/gif.c '"cli_private.h"' 1
probe src/encode/gif.c '"alloc_private.h"' 0
probe src/render/frame.c '"cli_private.h"' 1
probe src/render/frame.c '<cairo.h>' 0
probe src/render/frame.c '"sink_private.h"' 0
probe src/cli/job.c '"draw.h"' 1
probe src/cli/job.c '"alloc_private.h"' 1
probe src/cli/job.c '<cairo.h>' 1
probe src/cli/job.c '"optviz/optviz.h"' 0

objs=$(find "$build/CMakeFiles/ov_core.dir" "$build/CMakeFiles/ov_encode.dir" \
            "$build/CMakeFiles/ov_render.dir" -name '*.o')
if out=$(python3 "$here/callgraph.py" nm $objs); then ok; else
    echo "$out" | grep FAIL
    ko "callgraph.py"
fi
echo "$out" | tail -1 | sed 's/^/callgraph: /'

# shellcheck disable=SC2086
direct=$(nm -u $objs | grep -E ' (av|avcodec|avformat|avio|sws|swr)_' | sort -u)
if [ -z "$direct" ]; then ok; else
    ko "FFmpeg linked directly, not through av_loader: $(echo $direct)"
fi
if [ -x "$build/optviz" ]; then
    if readelf -d "$build/optviz" | grep -E 'NEEDED.*lib(av|sw)'; then
        ko "optviz loads FFmpeg at start"
    else ok; fi
fi
# libhdf5 likewise (import_grid.c): through its table, never at start.
# shellcheck disable=SC2086
direct=$(nm -u $objs | grep -E ' H5[A-Za-z]*_?[A-Za-z0-9_]*$' | sort -u)
if [ -z "$direct" ]; then ok; else
    ko "libhdf5 linked directly, not through its table: $(echo $direct)"
fi
for lib in "$build/optviz" "$build/liboptviz.so"; do
    [ -e "$lib" ] || continue
    if readelf -d "$lib" | grep -E 'NEEDED.*hdf5'; then
        ko "$(basename "$lib") loads libhdf5 at start"
    else ok; fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
