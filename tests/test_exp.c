/*
 * test_exp.c: ov__exp_kernel (core/exp.c) returns exp()'s bits: the
 * sigmoid row sums call it, and their trajectories must stay those of
 * torch.  Over the whole range a sum meets, both ends, and the special
 * values, against libm's exp() (the oracle: a different entry point).
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "exp_private.h"
#include "check.h"

static int
same(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

int
main(void)
{
    ov__exp_fn ex = ov__exp_kernel();
    uint64_t s = 0x9E3779B97F4A7C15u;
    long bad = 0;

    CHECK(ex != NULL);
#if defined(__GLIBC__) && defined(__x86_64__)
    /* There the kernel is found, or the sums lose their speed. */
    CHECK_MSG(ex != exp, "glibc's exp kernel not found");
#endif
    /* A dense sweep of [-760, 760] and a random one of every exponent. */
    for (long i = -760000; i <= 760000; i++) {
        double x = (double)i / 1000.0 + 1e-7 * (double)(i % 7);
        bad += !same(ex(x), exp(x));
    }
    for (int i = 0; i < 2000000; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        double x;
        uint64_t bits = s & UINT64_C(0xBFFFFFFFFFFFFFFF);  /* |x| < 2 */
        memcpy(&x, &bits, sizeof x);
        x = (i & 1 ? -1.0 : 1.0) * x * (double)(i % 400);
        bad += !same(ex(x), exp(x));
    }
    CHECK_MSG(bad == 0, "exp kernel differs from exp()");
    CHECK(same(ex(0.0), 1.0));
    CHECK(same(ex(-0.0), 1.0));
    CHECK(ex(710.0) == INFINITY);
    CHECK(same(ex(-746.0), 0.0));
    CHECK(ex(INFINITY) == INFINITY);
    CHECK(same(ex(-INFINITY), 0.0));
    CHECK(isnan(ex(NAN)));
    CHECK(same(ex(-745.1), exp(-745.1)));     /* subnormal */
    return check_report("test_exp");
}
