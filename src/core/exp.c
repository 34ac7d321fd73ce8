/*
 * exp.c: glibc's exp() without its errno wrapper, for the row sums of the
 * data losses (sum_sigmoid: one exp per row per step).
 *
 * On x86-64 glibc exp() is a wrapper: it calls the kernel chosen for the
 * CPU (__ieee754_exp) and then tests the result to set errno.  In a loop
 * of independent calls that costs as much as the kernel: 5.2 ns a call
 * against 3.0 ns for the kernel alone (1e6 calls on the 2-core VM), and a
 * sigmoid fit on 1,000,000 rows makes 4e8 of them.  glibc still exports
 * the kernel as __exp_finite (version GLIBC_2.15, the name
 * -ffinite-math-only used to call), and the wrapper returns the kernel's
 * result unchanged, so it gives exp()'s bits and the trajectories stay
 * bit-identical (test_parity, test_exp).  Elsewhere, or if the symbol is
 * missing or disagrees with exp() on a few probes, exp() itself.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* dlvsym */
#endif
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "exp_private.h"

#if defined(__GLIBC__) && defined(__x86_64__)
#include <dlfcn.h>
#define OV_TRY_KERNEL 1
#endif

static double (*kernel)(double) = exp;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
resolve(void)
{
#ifdef OV_TRY_KERNEL
    double (*k)(double);
    void *sym = dlvsym(RTLD_DEFAULT, "__exp_finite", "GLIBC_2.15");
    /* Probes: both ends of the range, underflow to subnormal and zero,
     * overflow, and ordinary arguments. */
    static const double probe[] = { 0.0, -0.0, 1.0, -1.0, 0.5, -2.75,
                                    1e-300, 37.5, -37.5, 709.78, 710.0,
                                    -708.5, -740.0, -746.0 };
    if (!sym)
        return;
    memcpy(&k, &sym, sizeof k);
    for (size_t i = 0; i < sizeof probe / sizeof probe[0]; i++) {
        double a = exp(probe[i]), b = k(probe[i]);
        if (memcmp(&a, &b, sizeof a) != 0)
            return;
    }
    kernel = k;
#endif
}

ov__exp_fn
ov__exp_kernel(void)
{
    pthread_once(&once, resolve);
    return kernel;
}
