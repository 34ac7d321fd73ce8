/*
 * test_trig.c: the WebAssembly build's sin, cos and tan (src/core/trig.c)
 * against two oracles on a fixed seeded set of arguments, and its tanh
 * (src/core/tanh.c) against glibc's.
 *
 * Two independent oracles: tests/data/trig_oracle.txt, 1134 arguments
 * with their correctly rounded values from 400-bit mpmath
 * (tools/trig_tables.py --oracle: arguments where glibc and trig.c
 * disagreed in a scan of 3 x 10^7, random ones, hard ones), and long
 * double on the seeded set (x87's 64-bit significand: glibc's sinl, cosl,
 * tanl): where its value is clearly away from the midpoint of two doubles,
 * rounding it gives the correctly rounded double.  trig.c must return
 * that.  The second comparison is with glibc's sin, cos and
 * tan, the tool's: the page equals the tool bit for bit wherever they agree,
 * so every disagreement must be one where glibc itself misrounds, and they
 * must stay rare (measured: 0.14 % of |x| < 100 for sin and cos, 0.25 % for
 * tan; musl's, which the page used before, differ on 3 %).
 */
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "check.h"
#include "libm_private.h"

typedef struct fn {
    const char *name;
    double (*ours)(double);
    double (*glibc)(double);
    long double (*wide)(long double);
} fn;

/* xorshift64: the arguments are the same on every run and platform. */
static uint64_t
next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* The correctly rounded double of the long double @p w, or 0 with
 * *sure = 0 when w is too near a midpoint of two doubles for its own
 * error (a few ulps of 64 bits) to leave the rounding certain. */
static double
rounded(long double w, int *sure)
{
    double d = (double)w, other;
    long double off, half;

    other = nextafter(d, w > d ? INFINITY : -INFINITY);
    off = fabsl(w - (long double)d);
    half = fabsl((long double)other - (long double)d) / 2;
    *sure = fabsl(off - half) > ldexpl(fabsl(w), -62);
    return d;
}

typedef struct tally {
    long n, unsure, wrong, differ, glibc_wrong;
} tally;

static void
one(const fn *f, double x, tally *t)
{
    double ours = f->ours(x), theirs = f->glibc(x), want;
    int sure;

    t->n++;
    if (memcmp(&ours, &theirs, sizeof ours) != 0)
        t->differ++;
    if (LDBL_MANT_DIG < 64)
        return; /* no wider type to check with */
    want = rounded(f->wide((long double)x), &sure);
    if (!sure) {
        t->unsure++;
        return;
    }
    if (ours != want) {
        t->wrong++;
        fprintf(stderr, "%s(%a) = %a, correctly rounded %a\n", f->name, x,
                ours, want);
    }
    if (ours != theirs && theirs == want)
        fprintf(stderr, "%s(%a): glibc %a is right, ours %a\n", f->name, x,
                theirs, ours);
    t->glibc_wrong += theirs != want;
}

/* Every line of the mpmath table; returns how many glibc gets right too. */
static void
table(const fn *fns, size_t nfns)
{
    FILE *f = fopen(OV_TEST_DATA "/trig_oracle.txt", "r");
    char line[256], name[8];
    double x, want;
    long n = 0, glibc_right = 0, wrong = 0;

    CHECK_MSG(f != NULL, "cannot open %s", OV_TEST_DATA "/trig_oracle.txt");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || sscanf(line, "%7s %la %la", name, &x, &want) != 3)
            continue;
        for (size_t k = 0; k < nfns; k++) {
            if (strcmp(name, fns[k].name) != 0)
                continue;
            n++;
            glibc_right += memcmp(&(double){ fns[k].glibc(x) }, &want,
                                  sizeof want) == 0;
            if (memcmp(&(double){ fns[k].ours(x) }, &want, sizeof want)) {
                wrong++;
                fprintf(stderr, "%s(%a) = %a, mpmath says %a\n", name, x,
                        fns[k].ours(x), want);
            }
        }
    }
    fclose(f);
    printf("mpmath table: %ld values, %ld not correctly rounded here, glibc "
           "rounds %ld of them correctly\n", n, wrong, glibc_right);
    CHECK(n > 1000);
    CHECK_EQ_INT(wrong, 0);
}

int
main(void)
{
    static const fn fns[] = {
        { "sin", ov__sin_cr, sin, sinl },
        { "cos", ov__cos_cr, cos, cosl },
        { "tan", ov__tan_cr, tan, tanl },
    };
    /* Arguments that need care: zeros, the edge of the unreduced range,
     * near multiples of pi/2 (6381956970095103 2^797 is the double closest
     * to one), the largest and smallest doubles. */
    static const double hard[] = {
        0x1.921fb54442d18p-1, 0x1.921fb54442d19p-1, 0x1.921fb54442d18p+0,
        0x1.921fb54442d18p+1, 0x1.2d97c7f3321d2p+2, 0x1.921fb54442d18p+2,
        0x1.6ac5b262ca1ffp+52 /* 6381956970095103 */, 0x1.6ac5b262ca1ffp+849,
        1e22, 0x1p1023, DBL_MAX, 0x1p-1022, 0x1p-1074, 0x1p-26, 0x1.5p-27,
        355.0, 710.0, 103993.0, 1.0, 2.0, 3.0, 100.0,
    };
    /* The argument ranges: the losses' |x| < 100, a wide one, and all
     * binades from 2^-30 to the largest. */
    static const struct {
        double lo, hi;
        int binades;
        long n;
    } ranges[] = {
        { -100.0, 100.0, 0, 200000 },
        { -1e6, 1e6, 0, 50000 },
        { -30.0, 1023.0, 1, 50000 },
    };
    uint64_t seed = UINT64_C(0x9E3779B97F4A7C15);

    table(fns, sizeof fns / sizeof fns[0]);

    for (size_t k = 0; k < sizeof fns / sizeof fns[0]; k++) {
        const fn *f = &fns[k];
        tally t = { 0 };

        for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
            tally r = { 0 };

            for (long j = 0; j < ranges[i].n; j++) {
                double u = (double)(next(&seed) >> 11) * 0x1p-53, x;

                if (ranges[i].binades) {
                    int e = (int)(ranges[i].lo
                                  + (ranges[i].hi - ranges[i].lo) * u);
                    x = ldexp(1.0 + (double)(next(&seed) >> 12) * 0x1p-52, e);
                    x = next(&seed) & 1 ? -x : x;
                } else {
                    x = ranges[i].lo + (ranges[i].hi - ranges[i].lo) * u;
                }
                one(f, x, &r);
            }
            printf("%s on [%g, %g]%s: %ld arguments, %ld differ from glibc "
                   "(glibc misrounds %ld), %ld not correctly rounded, %ld "
                   "too close to call\n", f->name, ranges[i].lo,
                   ranges[i].hi, ranges[i].binades ? " (binades)" : "",
                   r.n, r.differ, r.glibc_wrong, r.wrong, r.unsure);
            /* The page and the tool part only where glibc misrounds. */
            CHECK_MSG(r.differ <= r.n / 200, "%s: %ld of %ld differ",
                      f->name, r.differ, r.n);
            t.n += r.n;
            t.wrong += r.wrong;
            t.differ += r.differ;
            t.glibc_wrong += r.glibc_wrong;
            t.unsure += r.unsure;
        }
        for (size_t i = 0; i < sizeof hard / sizeof hard[0]; i++) {
            one(f, hard[i], &t);
            one(f, -hard[i], &t);
        }
        CHECK_MSG(t.wrong == 0, "%s: %ld results not correctly rounded",
                  f->name, t.wrong);
        if (LDBL_MANT_DIG >= 64) {
            /* Every difference from glibc is glibc's misrounding. */
            CHECK_MSG(t.differ <= t.glibc_wrong + t.unsure,
                      "%s: %ld differ from glibc, glibc misrounds %ld",
                      f->name, t.differ, t.glibc_wrong);
            CHECK(t.unsure < t.n / 200);
        }
    }

    /* tanh.c over glibc's expm1 is glibc's tanh, bit for bit (over musl's
     * expm1, in the WebAssembly build, it is as close as the two expm1). */
    {
        static const double edge[] = {
            0.0, 0x1p-55, 0x1.fffffffffffffp-56, 0x1p-30, 0.5, 1.0,
            0x1.fffffffffffffp-1, 22.0, 0x1.5ffffffffffffp+4, 700.0,
            INFINITY,
        };
        long differ = 0, n = 0;

        for (long j = 0; j < 300000; j++) {
            double u = (double)(next(&seed) >> 11) * 0x1p-53, x;

            x = j % 3 ? 50.0 * (u - 0.5)
                      : ldexp(1.0 + u, (int)(next(&seed) % 64) - 60);
            n++;
            differ += memcmp(&(double){ ov__tanh_expm1(x) },
                             &(double){ tanh(x) }, sizeof x) != 0;
        }
        for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++)
            for (int sg = -1; sg <= 1; sg += 2) {
                double x = sg * edge[i];

                n++;
                differ += memcmp(&(double){ ov__tanh_expm1(x) },
                                 &(double){ tanh(x) }, sizeof x) != 0;
            }
        printf("tanh: %ld arguments, %ld differ from glibc\n", n, differ);
        CHECK_EQ_INT(differ, 0);
        CHECK(isnan(ov__tanh_expm1(NAN)));
    }

    /* Exact cases: signed zeros, NaN for infinities and NaN. */
    CHECK_EQ_BITS(ov__sin_cr(-0.0), -0.0);
    CHECK_EQ_BITS(ov__tan_cr(-0.0), -0.0);
    CHECK_EQ_BITS(ov__cos_cr(-0.0), 1.0);
    CHECK(isnan(ov__sin_cr(INFINITY)) && isnan(ov__cos_cr(-INFINITY)));
    CHECK(isnan(ov__tan_cr(NAN)));
    /* Odd and even on every argument: sin(-x) = -sin x. */
    CHECK_EQ_BITS(ov__sin_cr(-2.5), -ov__sin_cr(2.5));
    CHECK_EQ_BITS(ov__cos_cr(-2.5), ov__cos_cr(2.5));
    return check_report("test_trig");
}
