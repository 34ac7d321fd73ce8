/*
 * history.c: seed 002's history plot: the loss and each parameter
 * against the epoch (data losses) or the step, one shared linear axis, a
 * cursor at the current step in animations.  One optimizer: loss red,
 * first parameter blue, second green (the seed's colours); several, or one
 * in a colour the user gave: the optimizer's colour, loss solid, parameters
 * dashed and dotted, the legend's samples dashed alike.
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

#define H_RED 0xD62728
#define H_BLUE 0x1F77B4
#define H_GREEN 0x2CA02C
#define CURSOR 0x808080
#define MAX_ENTRIES (3 * OV_MAX_SERIES)

typedef struct hist {
    ov__view v;
    ov__axes ax;
    double per;
    int nq;                          /* quantities: loss, x[, y] */
    uint32_t qc[OV_MAX_SERIES][3];
    ov__dash dash[3];                /* per quantity */
    /* Length on screen of each line up to row k, [k * nq + q]: the dash
     * pattern of a line drawn one row at a time runs on across rows, and
     * a frame draws it as the still does. */
    double *arc[OV_MAX_SERIES];
    ov__legend lg;
    const char *lt[MAX_ENTRIES];
    uint32_t lc[MAX_ENTRIES];
    int lk[MAX_ENTRIES];
    char ls[MAX_ENTRIES][128];
} hist;

static double
qval(const ov_traj_row *r, int q)
{
    return q == 0 ? r->loss : r->theta[q - 1];
}

static void
hist_free(ov__view *v)
{
    hist *h = (hist *)v;
    for (size_t i = 0; i < OV_MAX_SERIES; i++)
        ov__free(h->arc[i]);
    ov__free(h);
}

/* Row k-1 -> k of quantity q of series i in pixels; 0 when off any
 * sensible scale (a diverging run). */
static int
segment(const hist *h, size_t i, long k, int q, double *xa, double *ya,
        double *xb, double *yb)
{
    const ov_traj_row *r = h->v.t[i]->rows;
    *xa = ov__axes_px(&h->ax, (k - 1) / h->per);
    *xb = ov__axes_px(&h->ax, k / h->per);
    *ya = ov__axes_py(&h->ax, qval(&r[k - 1], q));
    *yb = ov__axes_py(&h->ax, qval(&r[k], q));
    return fabs(*ya) < 1e6 && fabs(*yb) < 1e6;
}

static void
history_to_pixel(const ov__view *v, double x, double y, double *px,
                     double *py)
{
    const hist *h = (const hist *)v;
    *px = ov__axes_px(&h->ax, x);
    *py = ov__axes_py(&h->ax, y);
}

static ov_status
h_background(ov__view *v, ov__pen *pn, long step)
{
    (void)step;
    hist *h = (hist *)v;
    ov__axes_clear(&h->ax, v, pn,
                   h->per > 0.0 && v->data_loss ? "Epoch" : "Step", NULL);
    char t[256];
    if (v->has_title)
        snprintf(t, sizeof t, "%s", v->title);
    else
        snprintf(t, sizeof t, "Variation of Parameters and loss function");
    ov__axes_title(&h->ax, v, pn, t);
    return OV_OK;
}

static void
h_rows(ov__view *v, cairo_t *cr, long from, long to, long win,
       const ov__box *only, ov__box *bb)
{
    (void)only;
    hist *h = (hist *)v;
    ov__axes_clip(&h->ax, cr);
    cairo_set_line_width(cr, 1.6 * v->s);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (long k = from + 1; k <= to; k++) {
        if (k < 1)
            continue;
        for (size_t i = 0; i < v->n; i++) {
            if ((size_t)k >= v->nrows[i] ||
                (size_t)k < ov__view_first_row(v, i, win))
                continue;
            for (int q = 0; q < h->nq; q++) {
                double xa, ya, xb, yb;
                if (!segment(h, i, k, q, &xa, &ya, &xb, &yb))
                    continue;
                ov__set_dash(cr, h->dash[q], v->s,
                             h->arc[i][(size_t)(k - 1) * h->nq + q]);
                cairo_new_path(cr);
                cairo_move_to(cr, xa, ya);
                cairo_line_to(cr, xb, yb);
                ov__set_rgb(cr, h->qc[i][q], 1.0);
                cairo_stroke(cr);
                if (bb) {
                    ov__box_add(bb, xa, ya, 2.0 * v->s + 1.0);
                    ov__box_add(bb, xb, yb, 2.0 * v->s + 1.0);
                }
            }
        }
    }
    cairo_set_dash(cr, NULL, 0, 0.0);
    cairo_restore(cr);
}

static double
cursor_x(const hist *h, long step)
{
    return round(ov__axes_px(&h->ax, step / h->per)) + 0.5;
}

static void
h_overlay(ov__view *v, ov__pen *pn, long step)
{
    hist *h = (hist *)v;
    cairo_t *cr = pn->cr;
    if (step < v->last_step) {
        double x = cursor_x(h, step);
        ov__axes_cursor(&h->ax, cr, x, CURSOR);
    }
    ov__legend_draw(v, pn, &h->lg, h->lt, h->lc, h->lk);
}

static size_t
h_items(ov__view *v, long step, long prev, ov__box *out,
        int *changed, size_t cap)
{
    hist *h = (hist *)v;
    size_t n = 0;
    double x = cursor_x(h, step);
    ov__box b = { x - 2.0, h->ax.py - 1.0, x + 2.0, h->ax.py + h->ax.ph + 1.0 };
    out[n++] = b;
    if (!ov__box_is_empty(&h->lg.box) && n < cap)
        out[n++] = ov__legend_dirty(&h->lg, v->s);
    (void)prev;
    return ov__overlay_all_changed(changed, n);
}

static size_t
h_colors(const ov__view *v, uint32_t *out, size_t cap)
{
    const hist *h = (const hist *)v;
    size_t n = 0;
    if (n < cap)
        out[n++] = CURSOR;
    for (size_t i = 0; i < v->n; i++)
        for (int q = 0; q < h->nq && n < cap; q++)
            out[n++] = h->qc[i][q];
    return n;
}

static ov_status
history_create(ov__view **out, const ov_loss *loss,
                   const ov_trajectory *const *trajs, size_t n,
                   const ov_figure_spec *spec, int raster, ov_error *err)
{
    *out = NULL;
    ov__view *v;
    ov_status st = ov__view_new(&v, sizeof(hist), &ov__history_class, loss,
                                trajs, n, spec, 0, err);
    if (st)
        return st;
    hist *h = (hist *)v;
    h->nq = ov_loss_dim(loss) == 2 ? 3 : 2;
    h->per = ov__epoch_steps(v);
    /* The seed's three colours only when nothing else claims a colour;
     * otherwise the quantities of a run share its colour and differ by
     * their line. */
    int seed = n == 1 && !spec->has_color[0];
    for (int q = 0; q < 3; q++)
        h->dash[q] = seed || q == 0 ? OV__SOLID
                     : q == 1 ? OV__DASHED : OV__DOTTED;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (v->color[i] == OV__WHITE && v->tc.bg == OV__WHITE)
            v->color[i] = OV__BLACK;
        for (int q = 0; q < h->nq; q++)
            h->qc[i][q] = seed ? (q == 0 ? H_RED : q == 1 ? H_BLUE : H_GREEN)
                               : v->color[i];
        for (size_t k = 0; k < v->nrows[i]; k++)
            for (int q = 0; q < h->nq; q++) {
                double y = qval(&trajs[i]->rows[k], q);
                lo = fmin(lo, y);
                hi = fmax(hi, y);
            }
    }
    if (!(hi >= lo)) {
        lo = 0.0;
        hi = 1.0;
    }
    double m = hi > lo ? 0.05 * (hi - lo) : 1.0;
    h->ax.x0 = 0.0;
    h->ax.x1 = v->last_step > 0 ? v->last_step / h->per : 1.0;
    h->ax.y0 = spec->has_ylim ? spec->ylim[0] : lo - m;
    h->ax.y1 = spec->has_ylim ? spec->ylim[1] : hi + m;
    if (!(h->ax.y1 > h->ax.y0)) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "ylim");
        ov__view_destroy(v);
        return OV_ERR_INVALID_ARG;
    }
    h->ax.grid = 1;
    ov__axes_fit(&h->ax, v, 0.0, 0.0, v->W, v->H, 0.0);
    v->area[0] = h->ax.px;
    v->area[1] = h->ax.py;
    v->area[2] = h->ax.pw;
    v->area[3] = h->ax.ph;
    for (size_t i = 0; i < n; i++) {
        h->arc[i] = ov__malloc3(v->nrows[i], (size_t)h->nq, sizeof(double));
        if (!h->arc[i]) {
            ov__view_destroy(v);
            return OV_ERR_NOMEM;
        }
        for (int q = 0; q < h->nq; q++)
            h->arc[i][q] = 0.0;
        for (size_t k = 1; k < v->nrows[i]; k++)
            for (int q = 0; q < h->nq; q++) {
                double xa, ya, xb, yb, d = 0.0;
                if (segment(h, i, (long)k, q, &xa, &ya, &xb, &yb))
                    d = hypot(xb - xa, yb - ya);
                h->arc[i][k * h->nq + q] = h->arc[i][(k - 1) * h->nq + q] + d;
            }
    }
    const char *qn[3] = { v->zname, v->xname, v->yname };
    size_t ne = 0;
    for (size_t i = 0; spec->legend && i < n; i++)
        for (int q = 0; q < h->nq && ne < MAX_ENTRIES; q++) {
            if (n == 1)
                snprintf(h->ls[ne], sizeof h->ls[ne], "%s", qn[q]);
            else
                snprintf(h->ls[ne], sizeof h->ls[ne], "%s: %s", v->t[i]->label,
                         qn[q]);
            h->lt[ne] = h->ls[ne];
            h->lc[ne] = h->qc[i][q];
            h->lk[ne] = h->dash[q] == OV__DASHED ? 3
                        : h->dash[q] == OV__DOTTED ? 4 : 2;
            ne++;
        }
    if (ne && (st = ov__legend_auto(v, &h->lg, h->lt, ne, h->ax.px, h->ax.py,
                                    h->ax.pw, h->ax.ph, NULL, 0))) {
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

const ov__view_class ov__history_class = {
    .name = "history",
    .create = history_create,
    .background = h_background,
    .rows = h_rows,
    .overlay_items = h_items,
    .overlay = h_overlay,
    .colors = ov__chart_colors,
    .extra_colors = h_colors,
    .to_pixel = history_to_pixel,
    .free = hist_free,
};
