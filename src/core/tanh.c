/*
 * tanh.c: tanh through expm1, the way glibc's (fdlibm's) is built, for the
 * WebAssembly build (libm_private.h says why).
 *
 * With t = expm1(2|x|) or expm1(-2|x|), tanh|x| = t / (t + 2) = 1 - 2 /
 * (t + 2); glibc takes the second form from |x| = 1 up (t is then large
 * and 2 / (t + 2) small) and the first, with t = expm1(-2|x|), below (no
 * cancellation in t / (t + 2) there); from |x| = 22 on tanh|x| rounds to
 * 1, and below 2^-55 to x.  Each operation here is an IEEE one, so the
 * result is glibc's wherever expm1 is.
 */
#include <math.h>

#include "libm_private.h"

double
ov__tanh_expm1(double x)
{
    double ax = fabs(x), t, z;

    if (isnan(x))
        return x + x;
    if (ax < 0x1p-55)
        return x * (1.0 + x); /* x, with the sign of zero */
    if (ax >= 22.0)
        z = 1.0; /* and for infinities */
    else if (ax >= 1.0) {
        t = expm1(ax + ax);
        z = 1.0 - 2.0 / (t + 2.0);
    } else {
        t = expm1(-2.0 * ax);
        z = -t / (t + 2.0);
    }
    return x < 0 ? -z : z;
}
