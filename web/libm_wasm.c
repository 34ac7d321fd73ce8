/*
 * libm_wasm.c: the core's sin, cos, tan and tanh in the WebAssembly build.
 *
 * Linked by emcc only (tools/emscripten.cmake): defining them here keeps
 * the linker from taking musl's, whose results differ from glibc's in the
 * last bit on about 3 % of arguments, so a page's trajectories on cosine,
 * rastrigin or a sin() expression drifted from `optviz --trajectory`.
 * These round correctly (src/core/trig.c), as glibc does on all but about
 * 0.14 % of arguments (0.25 % for tan), where the page and the tool still
 * differ in the last bit.  The core keeps calling plain sin/cos/tan, so no
 * call can be missed, and the native build keeps glibc (torch parity).
 *
 * tanh is glibc's formula over musl's expm1 (src/core/tanh.c): musl's own
 * tanh differs from glibc's on 3.9 % of arguments, this on 0.007 % (where
 * the two expm1 differ).
 *
 * The other functions the core calls were measured too (docs/architecture.md,
 * the live page): exp, log and pow are the same code in musl and glibc
 * but differ on FMA CPUs, where glibc picks FMA variants; log1p, log10 and
 * hypot differ everywhere.  They are musl's still.
 */
#include "libm_private.h"

double
sin(double x)
{
    return ov__sin_cr(x);
}

double
cos(double x)
{
    return ov__cos_cr(x);
}

double
tan(double x)
{
    return ov__tan_cr(x);
}

double
tanh(double x)
{
    return ov__tanh_expm1(x);
}
