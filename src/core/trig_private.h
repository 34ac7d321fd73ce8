/*
 * trig_private.h: sine, cosine and tangent rounded correctly (trig.c), for
 * the WebAssembly build of the core.
 *
 * The tool calls glibc's sin, cos and tan (test_parity holds it to torch,
 * which calls glibc too).  Since 2.28 those return the correctly rounded
 * result on all but a very few inputs; emscripten's libc (musl, fdlibm's
 * code) does not (about 3 % of random |x| < 100 differ in the last bit), so
 * a page computing with it drifted from `optviz --trajectory`.  The
 * WebAssembly build links web/libm_wasm.c, whose sin, cos and tan are
 * these, in place of musl's; the native build never calls them (only
 * tests/test_trig.c does, against glibc and a wider oracle).
 */
#ifndef OV_TRIG_PRIVATE_H
#define OV_TRIG_PRIVATE_H

double ov__sin_cr(double x);
double ov__cos_cr(double x);
double ov__tan_cr(double x);

#endif /* OV_TRIG_PRIVATE_H */
