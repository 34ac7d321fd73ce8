/*
 * loss_panel.c: loss against step (--panel loss), one line per optimizer
 * on a log scale, a cursor at the current step.  For data losses run in
 * minibatches the x axis counts epochs (step / batches per epoch).  When a
 * run's learning rate changes (a schedule, a warm-up) or it estimates its
 * own step size (Prodigy's d), a strip below shows lr(t) solid and d(t)
 * dotted on a log axis of their own.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "optviz/loss.h"
#include "alloc_private.h"
#include "view.h"
#include "frame.h"
#include "axes.h"
#include "legend.h"
#include "rects.h"

#define CURSOR 0x808080

typedef struct lpanel {
    ov__view v;
    ov__axes ax;
    double per;                  /* steps per x unit (1, or per epoch) */
    ov__legend lg;
    const char *lt[OV_MAX_SERIES];
    int strip;                   /* the lr strip is shown */
    ov__axes lr;                 /* its axes (log y) */
    int has_d[OV_MAX_SERIES];    /* series i has Prodigy's d */
} lpanel;

static double
lx(const lpanel *p, double step)
{
    return ov__axes_px(&p->ax, step / p->per);
}

static double
ly(const lpanel *p, double loss)
{
    /* Exact zeros on the log axis sit on its marked zero floor. */
    return ov__axes_py(&p->ax, loss);
}

/* The strip's y of a rate (log axis; what lies below it, 0 included, on
 * the floor). */
static double
ry(const lpanel *p, double rate)
{
    double bottom = p->lr.py + p->lr.ph;
    if (!(rate > 0.0))
        return bottom;
    return fmin(ov__axes_py(&p->lr, rate), bottom);
}

static void
lpanel_to_pixel(const ov__view *v, double step, double loss, double *px,
                    double *py)
{
    const lpanel *p = (const lpanel *)v;
    *px = ov__axes_px(&p->ax, step);
    *py = ly(p, loss);
}

static ov_status
lp_background(ov__view *v, ov__pen *pn, long step)
{
    (void)step;
    lpanel *p = (lpanel *)v;
    ov__axes_clear(&p->ax, v, pn, p->per > 1.0 ? "Epoch" : "Step",
                   p->ax.ylog ? "Loss (log scale)" : "Loss");
    char t[256];
    ov__view_user_title(v, v->last_step, t, sizeof t);
    ov__axes_title(&p->ax, v, pn, t[0] ? t : "Loss");
    if (p->strip)
        ov__axes_draw(&p->lr, v, pn, NULL, "lr (d dotted)");
    return OV_OK;
}

/* Rows (from, to] of the lr strip: lr solid, d dotted (its pattern runs
 * on from row to row, so frames draw it as the still does). */
static void
strip_rows(lpanel *p, cairo_t *cr, long from, long to, long win,
           ov__box *bb)
{
    const ov__view *v = &p->v;
    double dx = lx(p, 1.0) - lx(p, 0.0);
    ov__axes_clip(&p->lr, cr);
    cairo_set_line_width(cr, 1.4 * v->s);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (long k = from + 1 < 1 ? 1 : from + 1; k <= to; k++)
        for (size_t i = 0; i < v->n; i++) {
            if ((size_t)k >= v->nrows[i] ||
                (size_t)k < ov__view_first_row(v, i, win))
                continue;
            const ov_traj_row *r = v->t[i]->rows;
            double xa = lx(p, (double)(k - 1)), xb = lx(p, (double)k);
            for (int d = 0; d <= p->has_d[i]; d++) {
                double a = d ? r[k - 1].d_estimate : r[k - 1].lr;
                double b = d ? r[k].d_estimate : r[k].lr;
                double ya = ry(p, a), yb = ry(p, b);
                ov__set_dash(cr, d ? OV__DOTTED : OV__SOLID, v->s,
                             (double)(k - 1) * dx);
                cairo_new_path(cr);
                cairo_move_to(cr, xa, ya);
                cairo_line_to(cr, xb, yb);
                ov__set_rgb(cr, v->color[i], 1.0);
                cairo_stroke(cr);
                if (bb) {
                    ov__box_add(bb, xa, ya, 2.0 * v->s + 1.0);
                    ov__box_add(bb, xb, yb, 2.0 * v->s + 1.0);
                }
            }
        }
    cairo_set_dash(cr, NULL, 0, 0.0);
    cairo_restore(cr);
}

static void
lp_rows(ov__view *v, cairo_t *cr, long from, long to, long win,
        const ov__box *only, ov__box *bb)
{
    (void)only;
    lpanel *p = (lpanel *)v;
    ov__axes_clip(&p->ax, cr);
    cairo_set_line_width(cr, 1.6 * v->s);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (long k = from + 1; k <= to; k++) {
        if (k < 1)
            continue;
        for (size_t i = 0; i < v->n; i++) {
            if ((size_t)k >= v->nrows[i] ||
                (size_t)k < ov__view_first_row(v, i, win))
                continue;
            const ov_traj_row *r = v->t[i]->rows;
            double xa = lx(p, (double)(k - 1)), ya = ly(p, r[k - 1].loss);
            double xb = lx(p, (double)k), yb = ly(p, r[k].loss);
            cairo_new_path(cr);
            cairo_move_to(cr, xa, ya);
            cairo_line_to(cr, xb, yb);
            ov__set_rgb(cr, v->color[i], 1.0);
            cairo_stroke(cr);
            if (bb) {
                ov__box_add(bb, xa, ya, 2.0 * v->s + 1.0);
                ov__box_add(bb, xb, yb, 2.0 * v->s + 1.0);
            }
        }
    }
    cairo_restore(cr);
    if (p->strip)
        strip_rows(p, cr, from, to, win, bb);
}

static double
cursor_x(const lpanel *p, long step)
{
    return round(lx(p, (double)step)) + 0.5;
}

static void
lp_overlay(ov__view *v, ov__pen *pn, long step)
{
    lpanel *p = (lpanel *)v;
    cairo_t *cr = pn->cr;
    double x = cursor_x(p, step);
    ov__axes_clip(&p->ax, cr);
    ov__axes_cursor(&p->ax, cr, x, CURSOR);
    for (size_t i = 0; i < v->n; i++) {
        size_t r = ov__view_row(v, i, step);
        ov__circle(cr, lx(p, (double)r), ly(p, v->t[i]->rows[r].loss),
                   3.5 * v->s, v->color[i], OV__BLACK, 1.0 * v->s);
    }
    cairo_restore(cr);
    if (p->strip) {
        ov__axes_clip(&p->lr, cr);
        ov__axes_cursor(&p->lr, cr, x, CURSOR);
        cairo_restore(cr);
    }
    ov__legend_draw(v, pn, &p->lg, p->lt, v->color, NULL);
}

static size_t
lp_items(ov__view *v, long step, long prev, ov__box *out,
         int *changed, size_t cap)
{
    lpanel *p = (lpanel *)v;
    size_t n = 0;
    ov__box b = { cursor_x(p, step) - 2.0, p->ax.py, cursor_x(p, step) + 2.0,
                  p->ax.py + p->ax.ph };
    if (p->strip)
        b.y1 = p->lr.py + p->lr.ph;
    out[n++] = b;
    for (size_t i = 0; i < v->n && n < cap; i++) {
        size_t r = ov__view_row(v, i, step);
        ov__box d = ov__box_empty();
        ov__box_add(&d, lx(p, (double)r), ly(p, v->t[i]->rows[r].loss),
                    5.0 * v->s + 1.0);
        out[n++] = d;
    }
    if (!ov__box_is_empty(&p->lg.box) && n < cap)
        out[n++] = ov__legend_dirty(&p->lg, v->s);
    (void)prev;
    return ov__overlay_all_changed(changed, n);
}

static size_t
lp_colors(const ov__view *v, uint32_t *out, size_t cap)
{
    (void)v;
    if (cap == 0)
        return 0;
    out[0] = CURSOR;
    return 1;
}

/* Whether any run's lr changes or it has Prodigy's d; then the strip's
 * log y limits over every rate shown. */
static int
strip_limits(lpanel *p, const ov_trajectory *const *trajs, size_t n)
{
    double lo = INFINITY, hi = -INFINITY;
    int show = 0;
    for (size_t i = 0; i < n; i++) {
        const ov_traj_row *r = trajs[i]->rows;
        for (size_t k = 0; k < p->v.nrows[i]; k++) {
            if (r[k].lr != r[0].lr)
                show = 1;
            if (r[k].d_estimate == r[k].d_estimate)
                p->has_d[i] = 1;
            double q[2] = { r[k].lr, r[k].d_estimate };
            for (int j = 0; j < 2; j++)
                if (q[j] > 0.0 && isfinite(q[j])) {
                    lo = fmin(lo, q[j]);
                    hi = fmax(hi, q[j]);
                }
        }
        show |= p->has_d[i];
    }
    if (!show || !(hi >= lo))
        return 0;
    /* A schedule that anneals to 0 would stretch the axis over its last
     * few steps: six decades below the largest rate (Prodigy's d from its
     * d0 = 1e-6), the rest on the floor. */
    lo = fmax(lo, hi * 1e-6);
    double l0 = log10(lo), l1 = log10(hi);
    if (!(l1 - l0 > 0.5)) {
        l0 -= 0.25;
        l1 += 0.25;
    }
    double m = 0.06 * (l1 - l0);
    p->lr.ylog = 1;
    p->lr.y0 = l0 - m;
    p->lr.y1 = l1 + m;
    return 1;
}

static ov_status
lpanel_create(ov__view **out, const ov_loss *loss,
                  const ov_trajectory *const *trajs, size_t n,
                  const ov_figure_spec *spec, int raster, ov_error *err)
{
    *out = NULL;
    ov__view *v;
    ov_status st = ov__view_new(&v, sizeof(lpanel), &ov__loss_panel_class, loss,
                                trajs, n, spec, 0, err);
    if (st)
        return st;
    lpanel *p = (lpanel *)v;
    /* Epochs on the x axis when every run has several batches per epoch. */
    p->per = ov__epoch_steps(v);
    double lo = INFINITY, hi = -INFINITY, pos = INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (v->color[i] == OV__WHITE && v->tc.bg == OV__WHITE)
            v->color[i] = OV__BLACK;
        for (size_t k = 0; k < v->nrows[i]; k++) {
            double f = trajs[i]->rows[k].loss;
            lo = fmin(lo, f);
            hi = fmax(hi, f);
            if (f > 0.0)
                pos = fmin(pos, f);
        }
        p->lt[i] = v->label[i];
    }
    if (!(hi >= lo)) {
        lo = 0.1;
        hi = 1.0;
        pos = 0.1;
    }
    ov__axes_loss_y(&p->ax, lo, hi, pos, 0.0);
    /* A margin each side, so the current-step markers at the first and
     * the last step show whole. */
    double x1 = v->last_step > 0 ? (double)v->last_step / p->per : 1.0;
    p->ax.x0 = -0.03 * x1;
    p->ax.x1 = 1.03 * x1;
    p->ax.grid = 1;
    p->strip = strip_limits(p, trajs, n);
    if (p->strip) {
        /* The loss above, the rates below on the same x. */
        double split = round(0.68 * v->H);
        p->lr.x0 = p->ax.x0;
        p->lr.x1 = p->ax.x1;
        p->lr.grid = 1;
        ov__axes_fit(&p->ax, v, 0.0, 0.0, v->W, split, 0.0);
        ov__axes_fit(&p->lr, v, 0.0, split - 10.0 * v->s - 1.2 * v->fs_title,
                     v->W, v->H - split + 10.0 * v->s + 1.2 * v->fs_title,
                     0.0);
        double x0 = fmax(p->ax.px, p->lr.px);
        double x1 = fmin(p->ax.px + p->ax.pw, p->lr.px + p->lr.pw);
        p->ax.px = p->lr.px = x0;
        p->ax.pw = p->lr.pw = x1 - x0;
    } else {
        ov__axes_fit(&p->ax, v, 0.0, 0.0, v->W, v->H, 0.0);
    }
    v->area[0] = p->ax.px;
    v->area[1] = p->ax.py;
    v->area[2] = p->ax.pw;
    v->area[3] = p->ax.ph;
    if (spec->legend && n > 0 &&
        (st = ov__legend_auto(v, &p->lg, p->lt, n, p->ax.px, p->ax.py,
                              p->ax.pw, p->ax.ph, NULL, 0))) {
        ov__view_destroy(v);
        return st;
    }
    if ((st = ov__view_finish(v, raster))) {
        ov__view_destroy(v);
        return st;
    }
    *out = v;
    return OV_OK;
}

const ov__view_class ov__loss_panel_class = {
    .name = "loss panel",
    .create = lpanel_create,
    .background = lp_background,
    .rows = lp_rows,
    .overlay_items = lp_items,
    .overlay = lp_overlay,
    .colors = ov__chart_colors,
    .extra_colors = lp_colors,
    .to_pixel = lpanel_to_pixel,
};
