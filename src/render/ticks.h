/*
 * ticks.h: "nice" tick placement and number formatting (ticks.c).
 */
#ifndef OV_TICKS_H
#define OV_TICKS_H

#include <stddef.h>

/*
 * Nice tick values covering [lo, hi]: multiples of 1, 2, 2.5 or 5 times a
 * power of ten, about @p target of them.  Writes at most @p cap values into
 * @p out (those inside [lo, hi] up to a tolerance) and their step into
 * *step; @return the count.
 */
size_t ov__ticks(double lo, double hi, int target, double *out, size_t cap,
                 double *step);

/*
 * ov__ticks for an axis: about @p target values, but at least two (one
 * label gives no scale), asking for more when a small plot's target
 * leaves fewer.
 */
size_t ov__axis_ticks(double lo, double hi, int target, double *out,
                      size_t cap, double *step);

/*
 * Formats @p v for a tick of spacing @p step: just enough decimals for the
 * step, no "-0", and U+2212 for the minus sign.  @return @p buf.
 */
char *ov__format_tick(char *buf, size_t size, double v, double step);

/* Formats @p v with @p sig significant digits (%g style, U+2212 minus). */
char *ov__format_sig(char *buf, size_t size, double v, int sig);

/*
 * One format for a number that changes every frame (a legend's current
 * loss), so that only its digits change, never its length: positional
 * with a fixed count of decimals (3 significant digits at the smallest
 * magnitude, at most 9 characters) when every magnitude lies in
 * [1e-3, 1e5), else scientific with 4 significant digits ("1.052e-06").
 * @p amin, @p amax: the smallest non-zero and the largest magnitude shown
 * (0 when all are zero).
 */
typedef struct ov__fixed_fmt {
    int sci, dec;
} ov__fixed_fmt;
ov__fixed_fmt ov__fixed_format(double amin, double amax);
char *ov__format_fixed(char *buf, size_t size, double v, ov__fixed_fmt f);

#endif /* OV_TICKS_H */
