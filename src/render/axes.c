/*
 * axes.c: axes of the chart views (curve, history, loss panel): frame,
 * ticks with labels, optional grid, axis names; a log y axis labels its
 * decades.
 */
#include <math.h>
#include <stdio.h>

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
        y = y > 0.0 ? log10(y) : a->y0 - 1.0;
    return a->py + a->ph - (y - a->y0) / (a->y1 - a->y0) * a->ph;
}

/* Decades in [lo, hi], every k-th when there are many; on a range of
 * under two decades with fewer than three in it, 1, 2 and 5 times each
 * decade (then every digit), so such a log axis still has three labelled
 * ticks at round values.  @return the count (0 when less than
 * two). */
static size_t
decades(double lo, double hi, int target, double *t, double *step)
{
    long d0 = (long)ceil(lo - 1e-9), d1 = (long)floor(hi + 1e-9);
    long k = 1;
    size_t n = 0;
    while ((d1 - d0) / k + 1 > (long)(target > 2 ? target : 2))
        k++;
    for (long d = d0; d <= d1 && n < 64; d++)
        if (((d % k) + k) % k == 0)
            t[n++] = (double)d;
    *step = (double)k;
    static const double m125[] = { 1, 2, 5 };
    static const double m19[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    for (int pass = 0; n < 3 && hi - lo < 2.0 && pass < 2; pass++) {
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
    return n < 2 ? 0 : n;
}

/* Ticks of one axis: decades when @p log, else nice values. */
static size_t
axis_ticks(int log, double lo, double hi, int target, double *t,
           double *step)
{
    if (log)
        return decades(lo, hi, target, t, step);
    return ov__ticks(lo, hi, target, t, 64, step);
}

/* A tick's label: the value 10^t when @p log, else t. */
static void
axis_label(int log, double t, double step, char *buf, size_t size)
{
    if (log)
        ov__format_sig(buf, size, pow(10.0, t), 3);
    else
        ov__format_tick(buf, size, t, step);
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
        a->nyt = axis_ticks(a->ylog, a->y0, a->y1, ty < 2 ? 2 : ty, a->yt,
                            &a->ystep);
        double wy = 0.0;
        for (size_t i = 0; i < a->nyt; i++) {
            axis_label(a->ylog, a->yt[i], a->ystep, buf, sizeof buf);
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
            double y = a->py + a->ph
                       - (a->yt[i] - a->y0) / (a->y1 - a->y0) * a->ph;
            y = round(y) + 0.5;
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
        double y = a->py + a->ph - (a->yt[i] - a->y0) / (a->y1 - a->y0) * a->ph;
        cairo_move_to(cr, a->px, y);
        cairo_line_to(cr, a->px - tl, y);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
    for (size_t i = 0; i < a->nxt; i++) {
        axis_label(a->xlog, a->xt[i], a->xstep, buf, sizeof buf);
        ov__text(pn, buf, x_at(a, a->xt[i]),
                 a->py + a->ph + tl + 3.0 * s + 0.6 * v->fs_tick, v->fs_tick,
                 0.0, 0.5, v->tc.text, 1.0);
    }
    double wy = 0.0;
    for (size_t i = 0; i < a->nyt; i++) {
        axis_label(a->ylog, a->yt[i], a->ystep, buf, sizeof buf);
        double y = a->py + a->ph - (a->yt[i] - a->y0) / (a->y1 - a->y0) * a->ph;
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
    ov__text(pn, title, a->px + 0.5 * a->pw, 0.5 * a->py, v->fs_title, 0.0,
             0.5, v->tc.text, 1.0);
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
