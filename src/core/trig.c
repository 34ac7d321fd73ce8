/*
 * trig.c: sin, cos and tan rounded correctly, in double-double arithmetic,
 * for the WebAssembly build of the core (libm_private.h says why).
 *
 * Each function reduces |x| to r = |x| - n pi/2 with |r| <= pi/4 and about
 * 2^-104 relative error, evaluates sin r or cos r as a double-double with
 * about 2^-102 relative error, and rounds that once to a double.  So the
 * result is the correctly rounded one unless the exact value lies within
 * about 2^-49 of an ulp from a rounding boundary: no input is known to do
 * that; none of 3.9 x 10^6 results checked against mpmath is misrounded, nor
 * any of the 157 000 (of 4 x 10^7 per function) where glibc's differ
 * (docs/architecture.md; tests/test_trig.c keeps checking).
 *
 * Only +, -, * and / of doubles and integer arithmetic are used (no fma,
 * no libm), with -ffp-contract=off, so the native and the WebAssembly
 * builds compute the same bits, which the native test can then vouch for.
 *
 * Reduction: one exact method for every |x| > pi/4 (Payne and Hanek's):
 * x = m 2^e with m a 53-bit integer; only the bits of 2/pi whose product
 * with x can fall below 8 matter (higher ones add multiples of 8 to
 * x 2/pi, which leave the quadrant alone), so x 2/pi mod 8 is m times a
 * 288-bit window of 2/pi, in 32-bit limbs.  The window keeps 2^-200 of
 * absolute accuracy on the fraction, which for a double is never below
 * 2^-62 (the closest any double comes to a multiple of pi/2), so the
 * reduced argument keeps at least 130 good bits before it is rounded to a
 * double-double.  The same code serves x = 1 and x = 1e300: one path to
 * test, and its cost (18 integer products) is small beside the
 * double-double polynomial.  The constants come from tools/trig_tables.py.
 */
#include <float.h>
#include <stdint.h>
#include <string.h>

#include "libm_private.h"

/* A double-double: hi + lo with |lo| <= ulp(hi) / 2. */
typedef struct dd {
    double hi, lo;
} dd;

/* a + b exactly, when |a| >= |b| (or a is 0). */
static dd
fast_two_sum(double a, double b)
{
    dd r;

    r.hi = a + b;
    r.lo = b - (r.hi - a);
    return r;
}

/* a + b exactly, for any a, b (Knuth). */
static dd
two_sum(double a, double b)
{
    dd r;
    double bb;

    r.hi = a + b;
    bb = r.hi - a;
    r.lo = (a - (r.hi - bb)) + (b - bb);
    return r;
}

/* a * b exactly (Dekker's product, Veltkamp's split: no fma, which
 * WebAssembly lacks).  |a|, |b| stay below 2 here, far from overflow. */
static dd
two_prod(double a, double b)
{
    const double c = 134217729.0; /* 2^27 + 1 */
    double t, ah, al, bh, bl;
    dd r;

    t = c * a;
    ah = t - (t - a);
    al = a - ah;
    t = c * b;
    bh = t - (t - b);
    bl = b - bh;
    r.hi = a * b;
    r.lo = ((ah * bh - r.hi) + ah * bl + al * bh) + al * bl;
    return r;
}

static dd
dd_add(dd a, dd b)
{
    dd s = two_sum(a.hi, b.hi), t = two_sum(a.lo, b.lo);

    s.lo += t.hi;
    s = fast_two_sum(s.hi, s.lo);
    s.lo += t.lo;
    return fast_two_sum(s.hi, s.lo);
}

static dd
dd_add_d(dd a, double b)
{
    dd s = two_sum(a.hi, b);

    s.lo += a.lo;
    return fast_two_sum(s.hi, s.lo);
}

static dd
dd_mul(dd a, dd b)
{
    dd p = two_prod(a.hi, b.hi);

    p.lo += a.hi * b.lo + a.lo * b.hi;
    return fast_two_sum(p.hi, p.lo);
}

static dd
dd_neg(dd a)
{
    a.hi = -a.hi;
    a.lo = -a.lo;
    return a;
}

/* a / b: a first quotient and two corrections by the remainders. */
static dd
dd_div(dd a, dd b)
{
    double q1 = a.hi / b.hi, q2, q3;
    dd p, rem;

    p = two_prod(b.hi, q1);
    p.lo += b.lo * q1;
    rem = dd_add(a, dd_neg(p));
    q2 = rem.hi / b.hi;
    p = two_prod(b.hi, q2);
    p.lo += b.lo * q2;
    rem = dd_add(rem, dd_neg(p));
    q3 = rem.hi / b.hi;
    return dd_add_d(fast_two_sum(q1, q2), q3);
}

/* 2/pi: 40 words of 32 bits after the binary point (1280 bits, enough for
 * the largest double's window). */
static const uint32_t two_over_pi[40] = {
    0xa2f9836e, 0x4e441529, 0xfc2757d1, 0xf534ddc0, 0xdb629599,
    0x3c439041, 0xfe5163ab, 0xdebbc561, 0xb7246e3a, 0x424dd2e0,
    0x06492eea, 0x09d1921c, 0xfe1deb1c, 0xb129a73e, 0xe88235f5,
    0x2ebb4484, 0xe99c7026, 0xb45f7e41, 0x3991d639, 0x835339f4,
    0x9c845f8b, 0xbdf9283b, 0x1ff897ff, 0xde05980f, 0xef2f118b,
    0x5a0a6d1f, 0x6d367ecf, 0x27cb09b7, 0x4f463f66, 0x9e5fea2d,
    0x7527bac7, 0xebe5f17b, 0x3d0739f7, 0x8a5292ea, 0x6bfb5fb1,
    0x1f8d5d08, 0x56033046, 0xfc7b6bab, 0xf0cfbc20, 0x9af4361d,
};

static const dd pio2 = { 0x1.921fb54442d18p+0, 0x1.1a62633145c07p-54 };

/* 2^k for -1022 <= k <= 1023. */
static double
pow2(int k)
{
    uint64_t b = (uint64_t)(k + 1023) << 52;
    double d;

    memcpy(&d, &b, sizeof d);
    return d;
}

enum { WORDS = 9, LIMBS = WORDS + 2 };

/* 64 bits of the 32-bit limbs @p p starting at bit @p pos (bit 0 is the
 * lowest of p[0]); bits outside the limbs read as 0. */
static uint64_t
bits_at(const uint64_t *p, int pos)
{
    int idx = pos >= 0 ? pos / 32 : -((31 - pos) / 32), sh = pos - 32 * idx;
    uint64_t w[3];
    uint64_t v;

    for (int i = 0; i < 3; i++)
        w[i] = idx + i >= 0 && idx + i < LIMBS ? p[idx + i] : 0;
    v = (w[0] | w[1] << 32) >> sh;
    if (sh)
        v |= w[2] << (64 - sh);
    return v;
}

/* |x| = n pi/2 + r for finite x > pi/4: sets *r, returns n mod 8. */
static int
reduce(double x, dd *r)
{
    uint64_t bits, m, mlo, mhi, p[LIMBS] = { 0 }, f[4];
    int e, j0, s, bp, n, lz, neg;
    double top, mid, low;

    memcpy(&bits, &x, sizeof bits);
    e = (int)(bits >> 52 & 0x7ff) - 1075;
    m = (bits & ((UINT64_C(1) << 52) - 1)) | UINT64_C(1) << 52;
    /* Word j weighs 2^(e - 32 (j + 1)) times m: it adds a multiple of 8
     * when that is 2^3 or more. */
    j0 = e >= 35 ? (e - 3) / 32 : 0;
    s = e - 32 * j0;
    mlo = m & 0xffffffff;
    mhi = m >> 32;
    /* p = m * window, the window's last word in limb 0; each limb sums at
     * most four 32-bit halves before the carries, so no overflow. */
    for (int t = 0; t < WORDS; t++) {
        uint64_t w = two_over_pi[j0 + WORDS - 1 - t];
        uint64_t a = w * mlo, b = w * mhi;

        p[t] += a & 0xffffffff;
        p[t + 1] += (a >> 32) + (b & 0xffffffff);
        p[t + 2] += b >> 32;
    }
    for (int t = 0; t + 1 < LIMBS; t++) {
        p[t + 1] += p[t] >> 32;
        p[t] &= 0xffffffff;
    }
    /* x 2/pi mod 8 = p 2^(s - 32 WORDS): its binary point is at bit bp. */
    bp = 32 * WORDS - s;
    n = (int)(bits_at(p, bp) & 7);
    for (int i = 0; i < 4; i++)
        f[i] = bits_at(p, bp - 64 * (i + 1));
    /* Round n to nearest: a fraction of 1/2 or more becomes f - 1. */
    neg = (int)(f[0] >> 63);
    if (neg) {
        uint64_t carry = 1;

        n++;
        for (int i = 3; i >= 0; i--) {
            f[i] = ~f[i] + carry;
            carry = carry && f[i] == 0;
        }
    }
    /* Normalize the 256-bit fraction so its top bit is set. */
    lz = 0;
    while (lz < 256 && f[0] == 0) {
        f[0] = f[1];
        f[1] = f[2];
        f[2] = f[3];
        f[3] = 0;
        lz += 64;
    }
    if (lz == 256) { /* cannot happen for a double; stay defined */
        r->hi = r->lo = 0.0;
        return n & 7;
    }
    while (!(f[0] >> 63)) {
        f[0] = f[0] << 1 | f[1] >> 63;
        f[1] = f[1] << 1 | f[2] >> 63;
        f[2] = f[2] << 1 | f[3] >> 63;
        f[3] <<= 1;
        lz++;
    }
    /* Three 53-bit slices, each exact as a double. */
    top = (double)(f[0] >> 11);
    mid = (double)((f[0] & 0x7ff) << 42 | f[1] >> 22);
    low = (double)((f[1] & 0x3fffff) << 31 | f[2] >> 33);
    *r = dd_add_d(fast_two_sum(top * pow2(-53 - lz), mid * pow2(-106 - lz)),
                  low * pow2(-159 - lz));
    *r = dd_mul(*r, pio2);
    if (neg)
        *r = dd_neg(*r);
    return n & 7;
}

/* Taylor coefficients (-1)^k / (2k+1)! and (-1)^k / (2k)!: the first ones
 * as double-doubles, the rest, whose terms stay below 2^-60 of the result
 * for |r| <= pi/4, as doubles. */
static const dd sin_dd[8] = {
    { -0x1.5555555555555p-3, -0x1.5555555555555p-57 },
    { 0x1.1111111111111p-7, 0x1.1111111111111p-63 },
    { -0x1.a01a01a01a01ap-13, -0x1.a01a01a01a01ap-73 },
    { 0x1.71de3a556c734p-19, -0x1.c154f8ddc6c00p-73 },
    { -0x1.ae64567f544e4p-26, 0x1.c062e06d1f209p-80 },
    { 0x1.6124613a86d09p-33, 0x1.f28e0cc748ebep-87 },
    { -0x1.ae7f3e733b81fp-41, -0x1.1d8656b0ee8cbp-97 },
    { 0x1.952c77030ad4ap-49, 0x1.ac981465ddc6cp-103 },
};
static const double sin_d[7] = {
    -0x1.2f49b46814157p-57, 0x1.71b8ef6dcf572p-66, -0x1.761b41316381ap-75,
    0x1.3f3ccdd165fa9p-84, -0x1.d1ab1c2dccea3p-94, 0x1.259f98b4358adp-103,
    -0x1.434d2e783f5bcp-113,
};
static const dd cos_dd[9] = {
    { -0x1.0000000000000p-1, 0.0 },
    { 0x1.5555555555555p-5, 0x1.5555555555555p-59 },
    { -0x1.6c16c16c16c17p-10, 0x1.f49f49f49f49fp-65 },
    { 0x1.a01a01a01a01ap-16, 0x1.a01a01a01a01ap-76 },
    { -0x1.27e4fb7789f5cp-22, -0x1.cbbc05b4fa99ap-76 },
    { 0x1.1eed8eff8d898p-29, -0x1.2aec959e14c06p-83 },
    { -0x1.93974a8c07c9dp-37, -0x1.05d6f8a2efd1fp-92 },
    { 0x1.ae7f3e733b81fp-45, 0x1.1d8656b0ee8cbp-101 },
    { -0x1.6827863b97d97p-53, -0x1.eec01221a8b0bp-107 },
};
static const double cos_d[7] = {
    0x1.e542ba4020225p-62, -0x1.0ce396db7f853p-70, 0x1.f2cf01972f578p-80,
    -0x1.88e85fc6a4e5ap-89, 0x1.0a18a2635085dp-98, -0x1.3932c5047d60ep-108,
    0x1.434d2e783f5bcp-118,
};

/* sum_k c_k z^k over the double tail then the double-double head, from the
 * highest power down (Horner); the tail needs only double precision. */
static dd
series(dd z, const dd *head, int nhead, const double *tail, int ntail)
{
    double t = tail[ntail - 1];
    dd acc;

    for (int i = ntail - 2; i >= 0; i--)
        t = tail[i] + z.hi * t;
    acc = dd_add_d(head[nhead - 1], z.hi * t);
    for (int i = nhead - 2; i >= 0; i--)
        acc = dd_add(head[i], dd_mul(z, acc));
    return acc;
}

/* sin r = r + r z (c1 + c2 z + ...), z = r^2. */
static dd
sin_kernel(dd r)
{
    dd z = dd_mul(r, r);

    return dd_add(r, dd_mul(dd_mul(r, z), series(z, sin_dd, 8, sin_d, 7)));
}

/* cos r = 1 + z (c1 + c2 z + ...), z = r^2. */
static dd
cos_kernel(dd r)
{
    dd z = dd_mul(r, r), one = { 1.0, 0.0 };

    return dd_add(one, dd_mul(z, series(z, cos_dd, 9, cos_d, 7)));
}

/* The reduced argument of finite x >= 0; returns its quadrant. */
static int
quadrant(double x, dd *r)
{
    if (x <= 0x1.921fb54442d18p-1) { /* pi/4 rounded down */
        r->hi = x;
        r->lo = 0.0;
        return 0;
    }
    return reduce(x, r) & 3;
}

double
ov__sin_cr(double x)
{
    double ax = x < 0 ? -x : x, v;
    dd r;
    int q;

    if (!(ax <= DBL_MAX))
        return x - x; /* NaN for NaN and infinities */
    if (x == 0.0)
        return x; /* keeps the sign of zero */
    q = quadrant(ax, &r);
    v = (q & 1 ? cos_kernel(r) : sin_kernel(r)).hi;
    if (q & 2)
        v = -v;
    return x < 0 ? -v : v;
}

double
ov__cos_cr(double x)
{
    double ax = x < 0 ? -x : x, v;
    dd r;
    int q;

    if (!(ax <= DBL_MAX))
        return x - x;
    q = quadrant(ax, &r);
    v = (q & 1 ? sin_kernel(r) : cos_kernel(r)).hi;
    return q == 1 || q == 2 ? -v : v;
}

double
ov__tan_cr(double x)
{
    double ax = x < 0 ? -x : x, v;
    dd r, s, c;
    int q;

    if (!(ax <= DBL_MAX))
        return x - x;
    if (x == 0.0)
        return x;
    q = quadrant(ax, &r);
    s = sin_kernel(r);
    c = cos_kernel(r);
    v = q & 1 ? -dd_div(c, s).hi : dd_div(s, c).hi;
    return x < 0 ? -v : v;
}
