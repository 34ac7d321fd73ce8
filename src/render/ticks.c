/*
 * ticks.c: "nice" tick values and their labels.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ticks.h"

size_t
ov__ticks(double lo, double hi, int target, double *out, size_t cap,
          double *step)
{
    if (!(hi > lo) || !isfinite(lo) || !isfinite(hi) || target < 1) {
        *step = 1.0;
        if (cap > 0 && isfinite(lo)) {
            out[0] = lo;
            return 1;
        }
        return 0;
    }
    double raw = (hi - lo) / target;
    double mag = pow(10.0, floor(log10(raw)));
    static const double mult[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };
    double s = mag * 10.0;
    for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++)
        if (mag * mult[i] >= raw * 0.999) {
            s = mag * mult[i];
            break;
        }
    *step = s;
    double tol = s * 1e-9;
    double first = ceil((lo - tol) / s);
    size_t n = 0;
    for (double k = first; n < cap; k += 1.0) {
        double v = k * s;
        if (v > hi + tol)
            break;
        if (fabs(v) < tol)
            v = 0.0;      /* no -0 and no 1e-17 */
        out[n++] = v;
    }
    return n;
}

size_t
ov__axis_ticks(double lo, double hi, int target, double *out, size_t cap,
               double *step)
{
    size_t n = ov__ticks(lo, hi, target, out, cap, step);

    for (int t = target + 1; n < 2 && t <= target + 8 && hi > lo; t++)
        n = ov__ticks(lo, hi, t, out, cap, step);
    return n;
}

/* Replaces a leading '-' (and one after 'e') by U+2212 in place. */
static char *
fix_minus(char *buf, size_t size)
{
    char tmp[64];
    size_t o = 0;
    for (const char *p = buf; *p && o + 4 < sizeof tmp; p++) {
        if (*p == '-' && (p == buf || p[-1] == 'e')) {
            if (p == buf) {
                tmp[o++] = (char)0xE2;
                tmp[o++] = (char)0x88;
                tmp[o++] = (char)0x92;
                continue;
            }
        }
        tmp[o++] = *p;
    }
    tmp[o] = '\0';
    if (o < size)
        memcpy(buf, tmp, o + 1);
    return buf;
}

char *
ov__format_tick(char *buf, size_t size, double v, double step)
{
    int dec = 0;
    if (step > 0 && isfinite(step)) {
        /* Decimals needed so that v is printed exactly at this spacing. */
        for (dec = 0; dec < 12; dec++) {
            double scaled = step * pow(10.0, dec);
            if (fabs(scaled - round(scaled)) < 1e-6 * scaled)
                break;
        }
    }
    double a = fabs(v);
    if (a != 0.0 && (a >= 1e6 || a < 1e-4 || dec > 6))
        return ov__format_sig(buf, size, v, 3);
    if (fabs(v) < 0.5 * pow(10.0, -dec))
        v = 0.0;
    snprintf(buf, size, "%.*f", dec, v);
    return fix_minus(buf, size);
}

ov__fixed_fmt
ov__fixed_format(double amin, double amax)
{
    ov__fixed_fmt f = { 0, 0 };
    if (!(amax > 0.0) || !isfinite(amax))
        return f;
    if (!(amin > 0.0) || amin > amax)
        amin = amax;
    if (amin < 1e-3 || amax >= 1e5) {
        f.sci = 1;
        f.dec = 3;
        return f;
    }
    int lead = amax < 1.0 ? 1 : (int)floor(log10(amax)) + 1;
    int dec = 2 - (int)floor(log10(amin));
    if (dec > 8 - lead)
        dec = 8 - lead;
    f.dec = dec < 0 ? 0 : dec;
    return f;
}

char *
ov__format_fixed(char *buf, size_t size, double v, ov__fixed_fmt f)
{
    if (v == 0.0)
        v = 0.0;  /* -0 -> 0 */
    if (f.sci)
        snprintf(buf, size, "%.*e", f.dec, v);
    else
        snprintf(buf, size, "%.*f", f.dec, v);
    return fix_minus(buf, size);
}

char *
ov__format_sig(char *buf, size_t size, double v, int sig)
{
    if (v == 0.0)
        v = 0.0;  /* -0 -> 0 */
    double a = fabs(v);
    if (a >= 1e-4 && a < 1e6) {
        /* Positional notation ("1000", not "1e+03"), trailing zeros cut. */
        int e = (int)floor(log10(a));
        int dec = sig - 1 - e;
        if (dec < 0)
            dec = 0;
        double m = pow(10.0, dec);
        snprintf(buf, size, "%.*f", dec, round(v * m) / m);
        if (dec > 0 && strchr(buf, '.')) {
            size_t n = strlen(buf);
            while (n > 0 && buf[n - 1] == '0')
                buf[--n] = '\0';
            if (n > 0 && buf[n - 1] == '.')
                buf[--n] = '\0';
        }
    } else {
        snprintf(buf, size, "%.*g", sig, v);
    }
    return fix_minus(buf, size);
}
