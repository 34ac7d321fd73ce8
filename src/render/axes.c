/*
 * axes.c: axes of the chart views (curve, history, loss panel): frame,
 * ticks with labels, optional grid, axis names; a log y axis labels its
 * decades.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ticks.h"
#include "axes.h"

/* Axis units (log10 when xlog) to pixels. */
static double
x_at(const ov__axes *a, double t)
{
    return a->px + (t - a->x0) / (a->x1 - a->x0) * a->pw;
}

double
ov__axes_px(const ov__axes *a, double x)
{
    if (a->xlog)
        x = x > 0.0 ? log10(x) : a->x0 - 1.0;
    return x_at(a, x);
}

double
ov__axes_py(const ov__axes *a, double y)
{
    if (a->ylog)
        y = y > 0.0 ? log10(y) : a->yzero ? a->yzero_at : a->y0 - 1.0;
    return a->py + a->ph - (y - a->y0) / (a->y1 - a->y0) * a->ph;
}

/* How many multiples of k lie in [d0, d1]. */
static long
multiples(long d0, long d1, long k)
{
    long a = (long)ceil((double)d0 / (double)k);
    long b = (long)floor((double)d1 / (double)k);
    return b >= a ? b - a + 1 : 0;
}

/* Ticks of a log axis over [lo, hi] (log10 units), at least three: every
 * k-th decade (about @p target of them, never fewer than three while
 * three decades are in range); on a shorter range 1, 2 and 5 times each
 * decade, then every digit; within a factor of two, round values spaced
 * evenly (1.1, 1.2, 1.3).  *step is k for decades, 0 for 1-2-5 or digits
 * and minus the linear spacing for round values.  @return the count. */
static size_t
decades(double lo, double hi, int target, double *t, double *step)
{
    if (target < 3)
        target = 3;
    long d0 = (long)ceil(lo - 1e-9), d1 = (long)floor(hi + 1e-9);
    long k = 1;
    size_t n = 0;
    while (multiples(d0, d1, k) > target)
        k++;
    while (k > 1 && multiples(d0, d1, k) < 3)
        k--;
    for (long d = d0; d <= d1 && n < 64; d++)
        if (((d % k) + k) % k == 0)
            t[n++] = (double)d;
    *step = (double)k;
    static const double m125[] = { 1, 2, 5 };
    static const double m19[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    for (int pass = 0; n < 3 && pass < 2; pass++) {
        const double *m = pass ? m19 : m125;
        size_t nm = pass ? 9 : 3;
        n = 0;
        for (long d = (long)floor(lo) - 1; d <= (long)ceil(hi) && n < 64;
             d++)
            for (size_t j = 0; j < nm && n < 64; j++) {
                double v = d + log10(m[j]);
                if (v >= lo - 1e-9 && v <= hi + 1e-9)
                    t[n++] = v;
            }
        *step = 0.0;
    }
    if (n < 3) {
        double v[64], ls;
        double a = pow(10.0, lo), b = pow(10.0, hi);
        /* Few, so that they stay short (4.9, 5, 5.1, not 4.925). */
        int tg = 4;
        size_t m = ov__ticks(a, b, tg, v, 64, &ls);
        while (m < 3 && tg < 16)
            m = ov__ticks(a, b, ++tg, v, 64, &ls);
        n = 0;
        for (size_t i = 0; i < m; i++)
            if (v[i] > 0.0)
                t[n++] = log10(v[i]);
        *step = -ls;
    }
    return n < 2 ? 0 : n;
}

/* Ticks of one axis: decades when @p log, else nice values. */
static size_t
axis_ticks(int log, double lo, double hi, int target, double *t,
           double *step)
{
    if (log)
        return decades(lo, hi, target, t, step);
    return ov__axis_ticks(lo, hi, target, t, 64, step);
}

/* Whether decade labels are written 10^n: when one of them would not read
 * well positionally (below 1e-4 or from 1e5 up), all of them are, so the
 * axis is uniform. */
static int
axis_sup(int log, const double *t, size_t n, double step)
{
    if (!log || step < 1.0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (t[i] < -4.0 - 1e-9 || t[i] > 4.0 + 1e-9)
            return 1;
    return 0;
}

/* "10" and the exponent @p e in superscript digits. */
static void
power_label(char *buf, size_t size, long e)
{
    static const char *const sup[10] = {
        "\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
        "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"
    };
    char digits[24];
    snprintf(digits, sizeof digits, "%ld", e < 0 ? -e : e);
    size_t o = (size_t)snprintf(buf, size, "10%s", e < 0 ? "\u207b" : "");
    for (const char *p = digits; *p && o + 4 < size; p++) {
        size_t l = strlen(sup[*p - '0']);
        memcpy(buf + o, sup[*p - '0'], l);
        o += l;
    }
    buf[o < size ? o : size - 1] = '\0';
}

/* A tick's label: the value 10^t when @p log (10^n when @p sup), else t. */
static void
axis_label(int log, int sup, double t, double step, char *buf, size_t size)
{
    if (log && sup)
        power_label(buf, size, lround(t));
    else if (log && step < 0.0)
        ov__format_tick(buf, size, pow(10.0, t), -step);
    else if (log)
        ov__format_sig(buf, size, pow(10.0, t), 3);
    else
        ov__format_tick(buf, size, t, step);
}

/* The y of the tick at axis units @p t. */
static double
y_at(const ov__axes *a, double t)
{
    return a->py + a->ph - (t - a->y0) / (a->y1 - a->y0) * a->ph;
}

void
ov__axes_loss_y(ov__axes *a, double lo, double hi, double pos,
                double min_decades)
{
    /* Log scale while the losses are not negative, over every value (no
     * floor: a run that reaches 1e-31 is drawn there); exact zeros go on
     * a marked floor below the smallest positive loss.  Linear
     * otherwise. */
    a->ylog = 0;
    a->yzero = 0;
    if ((lo > 0.0 || (pos < INFINITY && lo == 0.0)) &&
        (min_decades <= 0.0 || log10(hi) - log10(pos) >= min_decades)) {
        a->ylog = 1;
        double l0 = log10(pos), l1 = log10(hi);
        if (!(l1 > l0)) {
            l0 -= 0.5;
            l1 += 0.5;
        }
        double m = 0.04 * (l1 - l0);
        a->y0 = l0 - m;
        a->y1 = l1 + m;
        if (lo == 0.0) {
            a->yzero = 1;
            a->ytick_lo = a->y0;
            a->yzero_at = a->y0 - fmax(0.1 * (l1 - l0), 0.2);
            a->y0 = a->yzero_at - m;
        }
    } else {
        double m = hi > lo ? 0.05 * (hi - lo) : 1.0;
        a->y0 = lo - m;
        a->y1 = hi + m;
    }
}

void
ov__axes_fit(ov__axes *a, const ov__view *v, double cx, double cy,
             double cw, double ch, double right)
{
    double s = v->s, tl = 5.0 * s;
    double top = 10.0 * s + 1.2 * v->fs_title + 8.0 * s;
    double bottom = tl + 3.0 * s + 1.2 * v->fs_tick + 6.0 * s +
                    1.1 * v->fs_label + 8.0 * s;
    double left = 70.0 * s;
    char buf[48];
    for (int pass = 0; pass < 2; pass++) {
        a->px = ceil(cx + left);
        a->py = ceil(cy + top);
        a->pw = floor(cx + cw - right - 14.0 * s) - a->px;
        a->ph = floor(cy + ch - bottom) - a->py;
        if (a->pw < 10.0)
            a->pw = 10.0;
        if (a->ph < 10.0)
            a->ph = 10.0;
        int tx = (int)(a->pw / (80.0 * s)), ty = (int)(a->ph / (50.0 * s));
        a->nxt = axis_ticks(a->xlog, a->x0, a->x1, tx < 2 ? 2 : tx, a->xt,
                            &a->xstep);
        double ylo = a->ylog && a->yzero ? a->ytick_lo : a->y0;
        a->nyt = axis_ticks(a->ylog, ylo, a->y1, ty < 2 ? 2 : ty, a->yt,
                            &a->ystep);
        a->xsup = axis_sup(a->xlog, a->xt, a->nxt, a->xstep);
        a->ysup = axis_sup(a->ylog, a->yt, a->nyt, a->ystep);
        double wy = 0.0;
        for (size_t i = 0; i < a->nyt; i++) {
            axis_label(a->ylog, a->ysup, a->yt[i], a->ystep, buf, sizeof buf);
            double w = ov__text_width(v->meas, buf, v->fs_tick);
            if (w > wy)
                wy = w;
        }
        left = 8.0 * s + 1.1 * v->fs_label + 6.0 * s + wy + 3.0 * s + tl;
    }
}

void
ov__axes_draw(const ov__axes *a, const ov__view *v, ov__pen *pn,
              const char *xname, const char *yname)
{
    cairo_t *cr = pn->cr;
    double s = v->s, tl = 5.0 * s;
    char buf[48];
    cairo_save(cr);
    cairo_set_dash(cr, NULL, 0, 0.0);
    if (a->grid) {
        ov__set_rgb(cr, v->tc.grid, 1.0);
        cairo_set_line_width(cr, 1.0 * s);
        for (size_t i = 0; i < a->nxt; i++) {
            double x = round(x_at(a, a->xt[i])) + 0.5;
            cairo_move_to(cr, x, a->py);
            cairo_line_to(cr, x, a->py + a->ph);
        }
        for (size_t i = 0; i < a->nyt; i++) {
            double y = round(y_at(a, a->yt[i])) + 0.5;
            cairo_move_to(cr, a->px, y);
            cairo_line_to(cr, a->px + a->pw, y);
        }
        cairo_stroke(cr);
    }
    ov__set_rgb(cr, v->tc.axis, 1.0);
    double fw = s < 1.5 ? 1.0 : round(s), h = 0.5 * fw;
    cairo_set_line_width(cr, fw);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_rectangle(cr, a->px - h, a->py - h, a->pw + fw, a->ph + fw);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1.0 * s);
    for (size_t i = 0; i < a->nxt; i++) {
        double x = x_at(a, a->xt[i]);
        cairo_move_to(cr, x, a->py + a->ph);
        cairo_line_to(cr, x, a->py + a->ph + tl);
    }
    for (size_t i = 0; i < a->nyt; i++) {
        double y = y_at(a, a->yt[i]);
        cairo_move_to(cr, a->px, y);
        cairo_line_to(cr, a->px - tl, y);
    }
    if (a->ylog && a->yzero) {
        double y = y_at(a, a->yzero_at);
        cairo_move_to(cr, a->px, y);
        cairo_line_to(cr, a->px - tl, y);
    }
    cairo_stroke(cr);
    if (a->ylog && a->yzero) {
        /* The zero floor: a dashed line across the plot, and a break in
         * the axis between it and the smallest value (the scale does not
         * run on down to 0). */
        double y = round(y_at(a, a->yzero_at)) + 0.5;
        double yb = 0.5 * (y_at(a, a->yzero_at) + y_at(a, a->ytick_lo));
        ov__set_dash(cr, OV__DASHED, s, 0.0);
        cairo_move_to(cr, a->px, y);
        cairo_line_to(cr, a->px + a->pw, y);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0.0);
        double g = 3.0 * s;
        ov__set_rgb(cr, v->tc.bg, 1.0);
        cairo_rectangle(cr, a->px - 4.0 * s, yb - g, 8.0 * s, 2.0 * g);
        cairo_fill(cr);
        ov__set_rgb(cr, v->tc.axis, 1.0);
        for (int k = -1; k <= 1; k += 2) {
            cairo_move_to(cr, a->px - 4.0 * s, yb + k * g + 2.0 * s);
            cairo_line_to(cr, a->px + 4.0 * s, yb + k * g - 2.0 * s);
        }
        cairo_stroke(cr);
    }
    cairo_restore(cr);
    if (a->ylog && a->yzero)
        ov__text(pn, "0", a->px - tl - 3.0 * s, y_at(a, a->yzero_at),
                 v->fs_tick, 0.0, 1.0, v->tc.text, 1.0);
    for (size_t i = 0; i < a->nxt; i++) {
        axis_label(a->xlog, a->xsup, a->xt[i], a->xstep, buf, sizeof buf);
        ov__text(pn, buf, x_at(a, a->xt[i]),
                 a->py + a->ph + tl + 3.0 * s + 0.6 * v->fs_tick, v->fs_tick,
                 0.0, 0.5, v->tc.text, 1.0);
    }
    double wy = 0.0;
    for (size_t i = 0; i < a->nyt; i++) {
        axis_label(a->ylog, a->ysup, a->yt[i], a->ystep, buf, sizeof buf);
        double y = y_at(a, a->yt[i]);
        ov__text(pn, buf, a->px - tl - 3.0 * s, y, v->fs_tick, 0.0, 1.0,
                 v->tc.text, 1.0);
        double w = ov__text_width(v->meas, buf, v->fs_tick);
        if (w > wy)
            wy = w;
    }
    if (xname && *xname)
        ov__text(pn, xname, a->px + 0.5 * a->pw,
                 a->py + a->ph + tl + 3.0 * s + 1.2 * v->fs_tick + 6.0 * s +
                 0.5 * v->fs_label, v->fs_label, 0.0, 0.5, v->tc.text, 1.0);
    if (yname && *yname)
        ov__text(pn, yname, a->px - tl - 3.0 * s - wy - 6.0 * s -
                 0.55 * v->fs_label, a->py + 0.5 * a->ph, v->fs_label,
                 -M_PI / 2.0, 0.5, v->tc.text, 1.0);
}

void
ov__axes_clear(const ov__axes *a, const ov__view *v, ov__pen *pn,
               const char *xname, const char *yname)
{
    ov__set_rgb(pn->cr, v->tc.bg, 1.0);
    cairo_paint(pn->cr);
    ov__axes_draw(a, v, pn, xname, yname);
}

void
ov__axes_title(const ov__axes *a, const ov__view *v, ov__pen *pn,
               const char *title)
{
    ov__view_title(v, pn, title, a->px + 0.5 * a->pw, 0.5 * a->py);
}

void
ov__axes_clip(const ov__axes *a, cairo_t *cr)
{
    cairo_save(cr);
    cairo_rectangle(cr, a->px, a->py, a->pw, a->ph);
    cairo_clip(cr);
}

void
ov__axes_cursor(const ov__axes *a, cairo_t *cr, double x, uint32_t rgb)
{
    cairo_new_path(cr);
    cairo_move_to(cr, x, a->py);
    cairo_line_to(cr, x, a->py + a->ph);
    ov__set_rgb(cr, rgb, 1.0);
    cairo_set_line_width(cr, 1.0);
    cairo_stroke(cr);
}
