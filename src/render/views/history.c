/*
 * history.c: seed 002's history plot: the loss and each parameter
 * against the epoch (data losses) or the step, a cursor at the current
 * step in animations.  Stacked panels on one step axis, each quantity on
 * its own y axis: the parameters above, the loss at the bottom (log when
 * it spans two decades or more), so no quantity is drawn flat by
 * another's range.  One optimizer: loss red,
 * first parameter blue, second green (the seed's colours); several, or one
 * in a colour the user gave: the optimizer's colour, loss solid, parameters
 * dashed and dotted; the legend names the quantities for one run, the
 * runs for several.
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
    ov__axes pa[3];                  /* per quantity; pa[0], the loss, lowest */
    double per;
    int nq;                          /* quantities: loss, x[, y] */
    int cell;                        /* a grid's cell: the legend inside */
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
    const ov__axes *a = &h->pa[q];
    *xa = ov__axes_px(a, (k - 1) / h->per);
    *xb = ov__axes_px(a, k / h->per);
    *ya = ov__axes_py(a, qval(&r[k - 1], q));
    *yb = ov__axes_py(a, qval(&r[k], q));
    return fabs(*ya) < 1e6 && fabs(*yb) < 1e6;
}

static void
history_to_pixel(const ov__view *v, double x, double y, double *px,
                     double *py)
{
    const hist *h = (const hist *)v;
    *px = ov__axes_px(&h->pa[0], x);
    *py = ov__axes_py(&h->pa[0], y);
}

/* Where quantity q of series i at @p step is marked when it lies off its
 * panel (a diverging run, a value past --ylim): a triangle on the panel's
 * top or bottom edge at the step, pointing where the value went, as the
 * contour view marks a path leaving its plot.  A value gone non-finite
 * is marked where the last finite one went (a nan, up).
 * @return 1 when marked, 0 when the value is on the panel. */
static int
edge(const hist *h, size_t i, int q, long step, double *ex, double *ey,
     double *uy)
{
    const ov__view *v = &h->v;
    const ov__axes *a = &h->pa[q];
    const ov_trajectory *t = v->t[i];
    size_t r = ov__view_row(v, i, step);
    double val = qval(&t->rows[r], q), at = (double)r;
    if (t->diverged_at >= 0 && step >= t->diverged_at) {
        /* the step that left every sensible scale (not among the rows) */
        val = qval(&t->diverged_row, q);
        at = (double)t->diverged_at;
        if (isnan(val))
            val = qval(&t->rows[r], q);
    }
    while (isnan(val) && r > 0) {
        val = qval(&t->rows[--r], q);
        at = (double)r;
    }
    double y = isnan(val) ? -INFINITY
               : isinf(val) ? (val > 0.0) == (a->y1 > a->y0) ? -INFINITY
                                                             : INFINITY
               : ov__axes_py(a, val);
    if (isnan(y))
        y = -INFINITY;   /* a log axis below zero */
    double in = 7.0 * v->s;
    if (y >= a->py && y <= a->py + a->ph)
        return 0;
    double x = ov__axes_px(a, at / h->per);
    *ex = fmin(fmax(x, a->px + in), a->px + a->pw - in);
    *ey = y < a->py ? a->py + in : a->py + a->ph - in;
    *uy = y < a->py ? -1.0 : 1.0;
    return 1;
}

static ov_status
h_background(ov__view *v, ov__pen *pn, long step)
{
    (void)step;
    hist *h = (hist *)v;
    const char *qn[3] = { v->zname, v->xname, v->yname };
    char ln[160];
    snprintf(ln, sizeof ln, "%s%s", qn[0], h->pa[0].ylog ? " (log)" : "");
    ov__set_rgb(pn->cr, v->tc.bg, 1.0);
    cairo_paint(pn->cr);
    for (int q = h->nq - 1; q >= 1; q--)
        ov__axes_draw(&h->pa[q], v, pn, NULL, qn[q]);
    ov__axes_draw(&h->pa[0], v, pn,
                  h->per > 0.0 && v->data_loss ? "Epoch" : "Step", ln);
    char t[256];
    if (v->has_title)
        snprintf(t, sizeof t, "%s", v->title);
    else
        snprintf(t, sizeof t, "Variation of Parameters and loss function");
    ov__axes_title(&h->pa[h->nq - 1], v, pn, t);
    return OV_OK;
}

/* Quantity q's lines from row from + 1 to row to, clipped to its panel. */
static void
panel_rows(hist *h, cairo_t *cr, int q, long from, long to, long win,
           ov__box *bb)
{
    ov__view *v = &h->v;
    cairo_save(cr);
    cairo_rectangle(cr, h->pa[q].px, h->pa[q].py, h->pa[q].pw, h->pa[q].ph);
    cairo_clip(cr);
    cairo_set_line_width(cr, 1.6 * v->s);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (long k = from + 1; k <= to; k++) {
        if (k < 1)
            continue;
        for (size_t i = 0; i < v->n; i++) {
            double xa, ya, xb, yb;
            if ((size_t)k >= v->nrows[i] ||
                (size_t)k < ov__view_first_row(v, i, win) ||
                !segment(h, i, k, q, &xa, &ya, &xb, &yb))
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
    cairo_set_dash(cr, NULL, 0, 0.0);
    cairo_restore(cr);
}

static void
h_rows(ov__view *v, cairo_t *cr, long from, long to, long win,
       const ov__box *only, ov__box *bb)
{
    (void)only;
    /* Each quantity clipped to its own panel: a value past a panel's
     * limits must not draw into the panel below (the edge mark says
     * where it went). */
    for (int q = 0; q < ((hist *)v)->nq; q++)
        panel_rows((hist *)v, cr, q, from, to, win, bb);
}

static double
cursor_x(const hist *h, long step)
{
    return round(ov__axes_px(&h->pa[0], step / h->per)) + 0.5;
}

static void
h_overlay(ov__view *v, ov__pen *pn, long step)
{
    hist *h = (hist *)v;
    cairo_t *cr = pn->cr;
    if (step < v->last_step) {
        double x = cursor_x(h, step);
        for (int q = 0; q < h->nq; q++)
            ov__axes_cursor(&h->pa[q], cr, x, CURSOR);
    }
    for (size_t i = 0; i < v->n; i++)
        for (int q = 0; q < h->nq; q++) {
            double ex, ey, uy;
            if (edge(h, i, q, step, &ex, &ey, &uy))
                ov__edge_triangle(cr, ex, ey, 0.0, uy, 7.0 * v->s,
                                  h->qc[i][q], OV__BLACK, 1.2 * v->s);
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
    ov__box b = { x - 2.0, h->pa[h->nq - 1].py - 1.0, x + 2.0,
                  h->pa[0].py + h->pa[0].ph + 1.0 };
    out[n++] = b;
    if (!ov__box_is_empty(&h->lg.box) && n < cap)
        out[n++] = ov__legend_dirty(&h->lg, v->s);
    for (size_t i = 0; i < v->n; i++)
        for (int q = 0; q < h->nq && n < cap; q++) {
            double ex, ey, uy;
            ov__box e = ov__box_empty();
            if (edge(h, i, q, step, &ex, &ey, &uy))
                ov__box_add(&e, ex, ey, 9.0 * v->s + 1.0);
            out[n++] = e;
        }
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
    if (n < cap)
        out[n++] = OV__BLACK;   /* the edge marks' outline */
    for (size_t i = 0; i < v->n; i++)
        for (int q = 0; q < h->nq && n < cap; q++)
            out[n++] = h->qc[i][q];
    return n;
}

/* Lays the panels out in the figure's left @p width pixels (all of it, or
 * what a legend beside them leaves). */
static void
stack(hist *h, double width)
{
    ov__view *v = &h->v;
    double s = v->s;
    /* Equal panels from the top down: ov__axes_fit reserves a title band
     * above each and tick labels and an axis name below; only the top
     * panel keeps its band (the title), the others move up over the
     * panel above's unused axis-name room, and all share left and right
     * edges. */
    double band = 10.0 * s + 1.2 * v->fs_title + 8.0 * s;
    double name = 6.0 * s + 1.1 * v->fs_label + 8.0 * s;
    double gap = band + name - 2.0 * s;
    double each = (v->H + gap * (h->nq - 1)) / h->nq;
    for (int q = h->nq - 1, k = 0; q >= 0; q--, k++) {
        h->pa[q].x0 = 0.0;
        h->pa[q].x1 = v->last_step > 0 ? v->last_step / h->per : 1.0;
        h->pa[q].grid = 1;
        double top = k * (each - gap);
        ov__axes_fit(&h->pa[q], v, 0.0, top, width,
                     q == 0 ? v->H - top : each, 0.0);
    }
    double l = 0.0, r = width;
    for (int q = 0; q < h->nq; q++) {
        l = fmax(l, h->pa[q].px);
        r = fmin(r, h->pa[q].px + h->pa[q].pw);
    }
    for (int q = 0; q < h->nq; q++) {
        h->pa[q].px = l;
        h->pa[q].pw = r - l;
    }
    const ov__axes *top = &h->pa[h->nq - 1];
    v->area[0] = top->px;
    v->area[1] = top->py;
    v->area[2] = top->pw;
    v->area[3] = h->pa[0].py + h->pa[0].ph - top->py;
}

/* The dash lengths along each line (on screen, so after stack()).
 * @return OV_ERR_NOMEM, else OV_OK. */
static ov_status
arcs(hist *h)
{
    ov__view *v = &h->v;
    for (size_t i = 0; i < v->n; i++) {
        ov__free(h->arc[i]);
        h->arc[i] = ov__malloc3(v->nrows[i], (size_t)h->nq, sizeof(double));
        if (!h->arc[i])
            return OV_ERR_NOMEM;
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
    return OV_OK;
}

/* The legend inside a panel where it hides no line (each panel tried
 * whole, the top first, never straddling two: a box across a boundary
 * covers the axis between them); when every panel is full, beside the
 * stack, which narrows to make room.
 * @return OV_ERR_NOMEM, else OV_OK. */
static ov_status
place_legend(hist *h, size_t ne)
{
    ov__view *v = &h->v;
    ov__box reg[3];
    for (int q = h->nq - 1, k = 0; q >= 0; q--, k++) {
        ov__box b = { h->pa[q].px, h->pa[q].py, h->pa[q].px + h->pa[q].pw,
                      h->pa[q].py + h->pa[q].ph };
        reg[k] = b;
    }
    /* The edge marks of the last step are data too: short strokes across
     * them, broken apart by non-finite points. */
    double mk[OV_MAX_SERIES * 3 * 6];
    size_t nm = 0;
    for (size_t i = 0; i < v->n; i++)
        for (int q = 0; q < h->nq; q++) {
            double ex, ey, uy, a = 7.0 * v->s;
            if (!edge(h, i, q, v->last_step, &ex, &ey, &uy))
                continue;
            double p[6] = { ex - a, ey, ex + a, ey, NAN, NAN };
            memcpy(mk + 2 * nm, p, sizeof p);
            nm += 3;
        }
    int count = 0;
    ov_status st = ov__legend_auto_regions(v, &h->lg, h->lt, ne, reg,
                                           (size_t)h->nq, nm ? mk : NULL,
                                           nm, &count);
    if (st || count == 0 || h->cell)
        return st;
    double bw, bh, gap = 8.0 * v->s;
    ov__legend_beside(v, &h->lg, h->lt, ne, 0.4 * v->W, &bw, &bh);
    stack(h, v->W - bw - gap);
    const ov__axes *top = &h->pa[h->nq - 1];
    ov__legend_move(&h->lg, top->px + top->pw + gap, top->py);
    return arcs(h);
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
    h->cell = spec->layout_grid == OV__GRID_CELL;
    h->per = ov__epoch_steps(v);
    /* The seed's three colours only when nothing else claims a colour;
     * otherwise the quantities of a run share its colour and differ by
     * their line. */
    int seed = n == 1 && !spec->has_color[0];
    for (int q = 0; q < 3; q++)
        h->dash[q] = seed || q == 0 ? OV__SOLID
                     : q == 1 ? OV__DASHED : OV__DOTTED;
    double lo[3] = { INFINITY, INFINITY, INFINITY };
    double hi[3] = { -INFINITY, -INFINITY, -INFINITY };
    double llo = INFINITY, lhi = -INFINITY, lpos = INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (v->color[i] == OV__WHITE && v->tc.bg == OV__WHITE)
            v->color[i] = OV__BLACK;
        for (int q = 0; q < h->nq; q++)
            h->qc[i][q] = seed ? (q == 0 ? H_RED : q == 1 ? H_BLUE : H_GREEN)
                               : v->color[i];
        for (size_t k = 0; k < v->nrows[i]; k++) {
            double l = trajs[i]->rows[k].loss;
            if (isfinite(l)) {
                llo = fmin(llo, l);
                lhi = fmax(lhi, l);
                if (l > 0.0)
                    lpos = fmin(lpos, l);
            }
            for (int q = 1; q < h->nq; q++) {
                double y = qval(&trajs[i]->rows[k], q);
                lo[q] = fmin(lo[q], y);
                hi[q] = fmax(hi[q], y);
            }
        }
    }
    if (!(lhi >= llo)) {
        llo = 0.1;
        lhi = 1.0;
        lpos = 0.1;
    }
    ov__axes_loss_y(&h->pa[0], llo, lhi, lpos, 2.0);
    for (int q = 1; q < h->nq; q++) {
        if (!(hi[q] >= lo[q])) {
            lo[q] = 0.0;
            hi[q] = 1.0;
        }
        double m = hi[q] > lo[q] ? 0.05 * (hi[q] - lo[q]) : 1.0;
        h->pa[q].y0 = spec->has_ylim ? spec->ylim[0] : lo[q] - m;
        h->pa[q].y1 = spec->has_ylim ? spec->ylim[1] : hi[q] + m;
        if (!(h->pa[q].y1 > h->pa[q].y0)) {
            ov__set_err(err, OV_ERR_INVALID_ARG, "ylim");
            ov__view_destroy(v);
            return OV_ERR_INVALID_ARG;
        }
    }
    stack(h, v->W);
    if ((st = arcs(h))) {
        ov__view_destroy(v);
        return st;
    }
    const char *qn[3] = { v->zname, v->xname, v->yname };
    /* One run: an entry per quantity (the seed's legend).  Several: the
     * panels' axis names say which quantity is which, so an entry per run
     * (its colour, the loss's solid line) is enough, and small enough to
     * find a free place in the stack. */
    size_t ne = 0;
    for (size_t i = 0; spec->legend && i < n; i++)
        for (int q = 0; q < (n == 1 ? h->nq : 1) && ne < MAX_ENTRIES; q++) {
            snprintf(h->ls[ne], sizeof h->ls[ne], "%s",
                     n == 1 ? qn[q] : v->t[i]->label);
            h->lt[ne] = h->ls[ne];
            h->lc[ne] = h->qc[i][q];
            h->lk[ne] = h->dash[q] == OV__DASHED ? 3
                        : h->dash[q] == OV__DOTTED ? 4 : 2;
            ne++;
        }
    if (ne && (st = place_legend(h, ne))) {
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
