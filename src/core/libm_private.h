/*
 * libm_private.h: the WebAssembly build's own libm functions, linked by
 * web/libm_wasm.c in place of emscripten's (musl's), so that a live page
 * computes what the tool computes with glibc.
 *
 * The tool calls glibc (test_parity holds it to torch, which calls glibc
 * too); the native build never calls these, only tests/test_trig.c does,
 * against glibc and wider oracles.  docs/architecture.md (the live page)
 * has the measurements.
 */
#ifndef OV_LIBM_PRIVATE_H
#define OV_LIBM_PRIVATE_H

/* sin, cos and tan rounded correctly (trig.c).  Since 2.28 glibc's are
 * correctly rounded on all but about 0.14 % of arguments (tan 0.25 %);
 * musl's (fdlibm's code) differ from them on about 3 %. */
double ov__sin_cr(double x);
double ov__cos_cr(double x);
double ov__tan_cr(double x);

/* tanh as glibc computes it, from expm1 (tanh.c): with glibc's expm1 it is
 * glibc's tanh bit for bit; with musl's expm1, which differs from glibc's
 * on about 0.05 % of arguments, it differs on about 0.007 % (musl's own
 * tanh, a different formula: 3.9 %). */
double ov__tanh_expm1(double x);

#endif /* OV_LIBM_PRIVATE_H */
