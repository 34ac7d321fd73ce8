/*
 * curve.c: a 1-D loss as a curve with the iterates on it (seed 004):
 * each iterate (x_k, f(x_k)) with an arrow to the next, the start marked
 * red and the current (at the end, the last) iterate green, a grid, the
 * learning rate in the title, the x range symmetric about 0 out to the
 * farthest iterate.  The curve is the seed's blue under one run's red
 * arrows; under runs in their own colours (momentum is blue too) it is a
 * grey no run uses.
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
#include "sink_private.h"

#define CURVE_BLUE 0x1F77B4
#define START_RED 0xD62728
#define END_GREEN 0x2CA02C
#define NCURVE 801

typedef struct curve {
    ov__view v;                  /* first: the pipeline's base */
    ov__axes ax;
    double cx[NCURVE], cy[NCURVE];   /* the curve in pixels */
    double *p[OV_MAX_SERIES];        /* iterates in pixels */
    uint32_t arrow[OV_MAX_SERIES];
    uint32_t curve_c;
    ov__legend lg;
    const char *lt[OV_MAX_SERIES + 2];
    uint32_t lc[OV_MAX_SERIES + 2];
    int lk[OV_MAX_SERIES + 2];
    char lstore[2][16];
} curve;

static void
curve_free(ov__view *v)
{
    curve *c = (curve *)v;
    for (size_t i = 0; i < OV_MAX_SERIES; i++)
        ov__free(c->p[i]);
    ov__free(c);
}

static void
curve_limits(const ov_loss *loss, const ov_trajectory *const *trajs,
                 size_t n, double lim[2])
{
    double b = 0.0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < trajs[i]->n_rows; k++) {
            double x = trajs[i]->rows[k].theta[0];
            if (!isfinite(x) || !isfinite(trajs[i]->rows[k].loss))
                break;
            if (fabs(x) > b)
                b = fabs(x);
        }
    if (!(b > 0.0)) {
        double xl[2], yl[2];
        ov_loss_domain(loss, xl, yl);
        b = fmax(fabs(xl[0]), fabs(xl[1]));
        if (!(b > 0.0))
            b = 1.0;
    }
    lim[0] = -1.05 * b;
    lim[1] = 1.05 * b;
}

static void
curve_to_pixel(const ov__view *v, double x, double y, double *px,
                   double *py)
{
    const curve *c = (const curve *)v;
    *px = ov__axes_px(&c->ax, x);
    *py = ov__axes_py(&c->ax, y);
}

/* The background; @p page: a page's static layer, without the start
 * markers, and without the lr title when @p page is 2 (the page draws
 * them). */
static ov_status
draw_background(ov__view *v, ov__pen *pn, int page)
{
    curve *c = (curve *)v;
    cairo_t *cr = pn->cr;
    double s = v->s;
    ov__axes_clear(&c->ax, v, pn, v->xname, v->zname);
    ov__axes_clip(&c->ax, cr);
    cairo_new_path(cr);
    for (size_t k = 0; k < NCURVE; k++) {
        if (!isfinite(c->cy[k]))
            continue;
        double y = fmax(fmin(c->cy[k], c->ax.py + c->ax.ph + 1e4),
                        c->ax.py - 1e4);
        if (k == 0)
            cairo_move_to(cr, c->cx[k], y);
        else
            cairo_line_to(cr, c->cx[k], y);
    }
    ov__set_rgb(cr, c->curve_c, 1.0);
    cairo_set_line_width(cr, 1.6 * s);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    for (size_t i = 0; !page && i < v->n; i++)
        ov__circle(cr, c->p[i][0], c->p[i][1], 5.0 * s, START_RED, START_RED,
                   0.0);
    cairo_restore(cr);
    if ((v->has_title || v->n == 1) && page != 2) {
        char t[256];
        if (v->has_title)
            snprintf(t, sizeof t, "%s", v->title);
        else if (isfinite(v->t[0]->config.lr))
            snprintf(t, sizeof t, "\xCE\xB7 = %.3f", v->t[0]->config.lr);
        else    /* an imported run that gave no lr */
            snprintf(t, sizeof t, "%s", v->label[0]);
        ov__axes_title(&c->ax, v, pn, t);
    }
    return OV_OK;
}

static ov_status
curve_background(ov__view *v, ov__pen *pn, long step)
{
    (void)step;
    return draw_background(v, pn, 0);
}

/* The arrow from iterate k-1 to k of series i: a line to the head's base
 * and a head whose tip is the iterate. */
static void
draw_arrow(curve *c, cairo_t *cr, size_t i, size_t k, ov__box *bb)
{
    double s = c->v.s;
    double xa = c->p[i][2 * k - 2], ya = c->p[i][2 * k - 1];
    double xb = c->p[i][2 * k], yb = c->p[i][2 * k + 1];
    double len = hypot(xb - xa, yb - ya), hs = 9.0 * s;
    if (!(len > 0.5) || !isfinite(len) || len > 1e6)
        return;
    if (hs > 0.6 * len)
        hs = 0.6 * len;
    double ux = (xb - xa) / len, uy = (yb - ya) / len;
    ov__set_rgb(cr, c->arrow[i], 1.0);
    cairo_new_path(cr);
    cairo_move_to(cr, xa, ya);
    cairo_line_to(cr, xb - ux * hs * 0.8, yb - uy * hs * 0.8);
    cairo_set_line_width(cr, 1.3 * s);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_stroke(cr);
    ov__arrow_head(cr, xa, ya, xb, yb, hs);
    if (bb) {
        ov__box_add(bb, xa, ya, hs + 2.0);
        ov__box_add(bb, xb, yb, hs + 2.0);
    }
}

static void
curve_rows(ov__view *v, cairo_t *cr, long from, long to, long win,
           const ov__box *only, ov__box *bb)
{
    (void)only;
    curve *c = (curve *)v;
    ov__axes_clip(&c->ax, cr);
    for (long k = from + 1; k <= to; k++)
        for (size_t i = 0; i < v->n; i++)
            if (k >= 1 && (size_t)k < v->nrows[i] &&
                (size_t)k >= ov__view_first_row(v, i, win))
                draw_arrow(c, cr, i, (size_t)k, bb);
    cairo_restore(cr);
    if (bb && !ov__box_is_empty(bb)) {
        bb->x0 = fmax(bb->x0, c->ax.px - 1.0);
        bb->y0 = fmax(bb->y0, c->ax.py - 1.0);
        bb->x1 = fmin(bb->x1, c->ax.px + c->ax.pw + 1.0);
        bb->y1 = fmin(bb->y1, c->ax.py + c->ax.ph + 1.0);
    }
}

static void
live_title(const ov__view *v, long step, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!v->has_title && v->n != 1)
        snprintf(buf, size, "%s: Iteration %ld", v->name, step);
}

/* The axes' plot rectangle. */
static ov__box
plot_box(const curve *c)
{
    ov__box b = { c->ax.px, c->ax.py, c->ax.px + c->ax.pw,
                  c->ax.py + c->ax.ph };
    return b;
}

static void
curve_overlay(ov__view *v, ov__pen *pn, long step)
{
    curve *c = (curve *)v;
    cairo_t *cr = pn->cr;
    ov__axes_clip(&c->ax, cr);
    for (size_t i = 0; i < v->n; i++) {
        size_t r = ov__view_row(v, i, step);
        double x = c->p[i][2 * r], y = c->p[i][2 * r + 1], ex, ey, ux, uy;
        /* Off the plot (a path climbing out of the axes): a triangle at
         * the edge pointing where it went, as the contour view marks it. */
        if (ov__edge_mark(plot_box(c), 7.0 * v->s, x, y, &ex, &ey, &ux, &uy))
            ov__edge_triangle(cr, ex, ey, ux, uy, 7.0 * v->s, END_GREEN,
                              OV__BLACK, 1.2 * v->s);
        else
            ov__circle(cr, x, y, 5.0 * v->s, END_GREEN, END_GREEN, 0.0);
    }
    cairo_restore(cr);
    char t[256];
    live_title(v, step, t, sizeof t);
    if (t[0])
        ov__axes_title(&c->ax, v, pn, t);
    ov__legend_draw(v, pn, &c->lg, c->lt, c->lc, c->lk);
}

/* What curve_overlay and the start markers draw, for a page that draws
 * them itself (ov__scene_overlay), and its static layer. */
static ov_status
curve_page(ov__view *v, ov__pen *pn, ov__scene_overlay *ov)
{
    curve *c = (curve *)v;
    double s = v->s;
    char t[256];
    int page = 1;

    ov->vcenter = OV__VCENTER;
    ov->text = v->tc.text;
    ov->title_fs = v->fs_title;
    ov->title_y = 0.5 * c->ax.py;
    ov->title_cx = c->ax.px + 0.5 * c->ax.pw;
    ov->title_margin = ov__view_title_margin(v);
    live_title(v, v->last_step, t, sizeof t);
    if (t[0] && ov__view_title_at(v, t, ov->title_cx, &ov->title_x,
                                  &ov->title_ha)) {
        ov->title = 1;
        snprintf(ov->title_prefix, sizeof ov->title_prefix,
                 "%s: Iteration ", v->name);
    } else if (!v->has_title && v->n == 1 && isfinite(v->t[0]->config.lr)) {
        /* The lr title is static in the figure; a page's lr moves. */
        snprintf(t, sizeof t, "\xCE\xB7 = %.3f", v->t[0]->config.lr);
        if (ov__view_title_at(v, t, ov->title_cx, &ov->title_x,
                              &ov->title_ha)) {
            ov->title = 3;
            snprintf(ov->title_prefix, sizeof ov->title_prefix,
                     "\xCE\xB7 = ");
            page = 2;
        }
    }
    if (!ov__box_is_empty(&c->lg.box)) {
        ov->legend[0] = c->lg.box.x0;
        ov->legend[1] = c->lg.box.y0;
        ov->legend[2] = c->lg.box.x1;
        ov->legend[3] = c->lg.box.y1;
    }
    ov->legend_fs = c->lg.fs;
    ov->legend_pad = c->lg.pad;
    ov->legend_row_h = c->lg.row_h;
    ov->legend_sample = c->lg.sample;
    ov->legend_text_x = c->lg.text_x;
    ov->legend_live_x = c->lg.box.x1 - c->lg.pad;
    ov->legend_bg = v->tc.legend_bg;
    ov->legend_alpha = v->tc.legend_alpha;
    ov->legend_edge = v->tc.legend_edge;
    ov->legend_margin = 8.0 * s;
    ov->legend_marker_lw = 1.0 * s;
    for (size_t k = 0; k < c->lg.n && k < OV__SCENE_ENTRIES; k++) {
        ov__scene_entry *e = &ov->entry[ov->nentries++];
        const char *shown = c->lg.cut[k] ? c->lg.txt[k] : c->lt[k];
        if (c->lk[k] == 2 && k >= 2) {
            ov__view_scene_entry(v, k - 2, shown, 2, e);
        } else {
            e->label = shown;
            e->kind = c->lk[k];
            e->series = -1;
        }
        e->color = c->lc[k];
    }
    for (size_t i = 0; i < v->n; i++)
        ov->trail_color[i] = c->arrow[i];
    ov->marker_r = 5.0 * s;
    ov->marker_color = END_GREEN;
    ov->start_disc = 1;
    ov->start_r = 5.0 * s;
    ov->start_color = START_RED;
    return draw_background(v, pn, page);
}

static size_t
curve_items(ov__view *v, long step, long prev, ov__box *out,
            int *changed, size_t cap)
{
    curve *c = (curve *)v;
    size_t n = 0;
    for (size_t i = 0; i < v->n && n < cap; i++) {
        size_t r = ov__view_row(v, i, step);
        ov__box b = ov__box_empty();
        double x = c->p[i][2 * r], y = c->p[i][2 * r + 1], ex, ey, ux, uy;
        if (ov__edge_mark(plot_box(c), 7.0 * v->s, x, y, &ex, &ey, &ux, &uy))
            ov__box_add(&b, ex, ey, 9.0 * v->s + 1.0);
        else
            ov__box_add(&b, x, y, 7.0 * v->s + 1.0);
        out[n++] = b;
    }
    char t[256];
    live_title(v, step, t, sizeof t);
    if (t[0] && n < cap)
        out[n++] = ov__view_title_box(v, t, c->ax.px + 0.5 * c->ax.pw,
                                      0.5 * c->ax.py);
    if (!ov__box_is_empty(&c->lg.box) && n < cap)
        out[n++] = ov__legend_dirty(&c->lg, v->s);
    (void)prev;
    return ov__overlay_all_changed(changed, n);
}

static size_t
curve_colors(const ov__view *v, uint32_t *out, size_t cap)
{
    const curve *c = (const curve *)v;
    size_t n = 0;
    uint32_t list[3] = { c->curve_c, START_RED, END_GREEN };
    for (size_t k = 0; k < 3 && n < cap; k++)
        out[n++] = list[k];
    for (size_t i = 0; i < v->n && n < cap; i++)
        out[n++] = c->arrow[i];
    return n;
}

/* Colours this far apart (RGB distance) are told apart at a glance;
 * momentum's blue and the seed's curve blue are 81 apart. */
static int
far_from(uint32_t c, const uint32_t *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double d2 = 0.0;
        for (int sh = 0; sh < 24; sh += 8) {
            double d = (double)((c >> sh) & 0xFF) -
                       (double)((list[i] >> sh) & 0xFF);
            d2 += d * d;
        }
        if (d2 < 100.0 * 100.0)
            return 0;
    }
    return 1;
}

/* The curve's colour: for one run the seed's blue unless its arrows are
 * near it, else the first grey of the theme's list far from every arrow
 * and from the background and the grid. */
static uint32_t
curve_color(const ov__view *v, const uint32_t *arrow, size_t n)
{
    static const uint32_t light[] = { 0x5A5A5A, 0x9A9A9A, 0x2E2E2E };
    static const uint32_t dark[] = { 0xA8A8A8, 0x6E6E6E, 0xD6D6D6 };
    int is_dark = ov__luminance(v->tc.bg) < 128.0;
    const uint32_t *list = is_dark ? dark : light;
    uint32_t cand[4] = { CURVE_BLUE, list[0], list[1], list[2] };
    /* One run of the seed's red keeps the seed's look. */
    size_t from = n == 1 && far_from(CURVE_BLUE, arrow, n) ? 0 : 1;
    for (size_t k = from; k < 4; k++)
        if (far_from(cand[k], arrow, n) && far_from(cand[k], &v->tc.bg, 1) &&
            far_from(cand[k], &v->tc.grid, 1))
            return cand[k];
    return list[0];
}

/* Lays the axes out in the figure's left @p width pixels (all of it, or
 * what a legend beside them leaves) and maps the curve (@p f over @p xl)
 * and the runs to pixels. */
static void
fit(curve *c, double width, const double *xl, const double *f)
{
    ov__view *v = &c->v;
    ov__axes_fit(&c->ax, v, 0.0, 0.0, width, v->H, 0.0);
    v->area[0] = c->ax.px;
    v->area[1] = c->ax.py;
    v->area[2] = c->ax.pw;
    v->area[3] = c->ax.ph;
    for (size_t k = 0; k < NCURVE; k++) {
        double x = xl[0] + (xl[1] - xl[0]) * (double)k / (NCURVE - 1);
        c->cx[k] = ov__axes_px(&c->ax, x);
        c->cy[k] = isfinite(f[k]) ? ov__axes_py(&c->ax, f[k]) : NAN;
    }
    for (size_t i = 0; i < v->n; i++)
        for (size_t k = 0; k < v->nrows[i]; k++) {
            const ov_traj_row *r = &v->t[i]->rows[k];
            c->p[i][2 * k] = ov__axes_px(&c->ax, r->theta[0]);
            c->p[i][2 * k + 1] = ov__axes_py(&c->ax, r->loss);
        }
}

static ov_status
curve_create(ov__view **out, const ov_loss *loss,
                 const ov_trajectory *const *trajs, size_t n,
                 const ov_figure_spec *spec, int raster, ov_error *err)
{
    *out = NULL;
    ov__view *v;
    ov_status st = ov__view_new(&v, sizeof(curve), &ov__curve_class, loss,
                                trajs, n, spec, 1, err);
    if (st)
        return st;
    curve *c = (curve *)v;
    ov__view_reserve_title(v, live_title);
    /* Limits: x symmetric to the farthest iterate, y the curve's range. */
    double xl[2];
    if (spec->has_xlim) {
        xl[0] = spec->xlim[0];
        xl[1] = spec->xlim[1];
    } else {
        curve_limits(loss, trajs, n, xl);
    }
    if (!(isfinite(xl[0]) && isfinite(xl[1]) && xl[1] > xl[0])) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "xlim");
        ov__view_destroy(v);
        return OV_ERR_INVALID_ARG;
    }
    double f[NCURVE];
    ov_loss_eval_grid(loss, xl[0], xl[1], NCURVE, 0.0, 0.0, 1, f);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < NCURVE; k++)
        if (isfinite(f[k])) {
            lo = fmin(lo, f[k]);
            hi = fmax(hi, f[k]);
        }
    if (!(lo <= hi)) {
        ov__set_err(err, OV_ERR_NONFINITE, "loss on the plotted domain");
        ov__view_destroy(v);
        return OV_ERR_NONFINITE;
    }
    if (!(hi > lo))
        hi = lo + 1.0;
    double m = 0.05 * (hi - lo);
    c->ax.x0 = xl[0];
    c->ax.x1 = xl[1];
    c->ax.y0 = spec->has_ylim ? spec->ylim[0] : lo - m;
    c->ax.y1 = spec->has_ylim ? spec->ylim[1] : hi + m;
    if (!(c->ax.y1 > c->ax.y0)) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "ylim");
        ov__view_destroy(v);
        return OV_ERR_INVALID_ARG;
    }
    c->ax.grid = 1;
    for (size_t i = 0; i < n; i++) {
        /* A white series (plain gd) would vanish on the light chart. */
        if (v->color[i] == OV__WHITE && v->tc.bg == OV__WHITE)
            v->color[i] = OV__BLACK;
        c->arrow[i] = n == 1 && !spec->has_color[0] ? START_RED : v->color[i];
        c->p[i] = ov__malloc3(v->nrows[i], 2, sizeof *c->p[i]);
        if (!c->p[i]) {
            ov__view_destroy(v);
            return OV_ERR_NOMEM;
        }
    }
    fit(c, v->W, xl, f);
    c->curve_c = curve_color(v, c->arrow, n);
    /* Legend: start, end, and the series when there are several. */
    size_t nl = 0;
    if (spec->legend && n > 0) {
        c->lt[nl] = "start";
        c->lc[nl] = START_RED;
        c->lk[nl++] = 1;
        c->lt[nl] = "end";
        c->lc[nl] = END_GREEN;
        c->lk[nl++] = 1;
        for (size_t i = 0; n > 1 && i < n; i++) {
            c->lt[nl] = v->label[i];
            c->lc[nl] = c->arrow[i];
            c->lk[nl++] = 2;
        }
        /* What the legend would hide: the trails and the loss curve. */
        double cxy[2 * NCURVE];
        for (size_t k = 0; k < NCURVE; k++) {
            cxy[2 * k] = c->cx[k];
            cxy[2 * k + 1] = c->cy[k];
        }
        /* Inside where it hides nothing, else beside the plot, which
         * narrows to make room. */
        ov__box reg = { c->ax.px, c->ax.py, c->ax.px + c->ax.pw,
                        c->ax.py + c->ax.ph };
        int count;
        if ((st = ov__legend_auto_regions(v, &c->lg, c->lt, nl, &reg, 1,
                                          cxy, NCURVE, &count))) {
            ov__view_destroy(v);
            return st;
        }
        if (count > 0 && spec->layout_grid != OV__GRID_CELL) {
            double bw, bh, gap = 8.0 * v->s;
            ov__legend_beside(v, &c->lg, c->lt, nl, 0.4 * v->W, &bw, &bh);
            fit(c, v->W - bw - gap, xl, f);
            ov__legend_move(&c->lg, c->ax.px + c->ax.pw + gap, c->ax.py);
        }
    }
    if ((st = ov__view_finish(v, raster))) {
        ov__view_destroy(v);
        return st;
    }
    *out = v;
    return OV_OK;
}

/* Grid cells share the x range (the farthest iterate of any run). */
static ov_status
curve_grid_limits(ov_figure_spec *cs, const ov_loss *loss,
                  const ov_trajectory *const *trajs, size_t n,
                  const ov_figure_spec *spec, ov_error *err)
{
    (void)err;
    if (!spec->has_xlim) {
        curve_limits(loss, trajs, n, cs->xlim);
        cs->has_xlim = 1;
    }
    return OV_OK;
}

const ov__view_class ov__curve_class = {
    .name = "curve",
    .create = curve_create,
    .grid_limits = curve_grid_limits,
    .background = curve_background,
    .rows = curve_rows,
    .overlay_items = curve_items,
    .overlay = curve_overlay,
    .colors = ov__chart_colors,
    .extra_colors = curve_colors,
    .to_pixel = curve_to_pixel,
    .page = curve_page,
    .free = curve_free,
};
