/*
 * sensitivity.c: final loss against learning rate, from a search
 * (optviz/tune.h, --tune): one curve per optimizer through its grid, both
 * axes log, a hollow circle at the optimizer's default rate and a filled
 * star at the winner.  Runs that diverged are drawn on a dashed ceiling
 * line marked "diverged", losses of 0 (or more than 16 decades under the
 * largest) on a dashed floor line marked with its value.
 *
 * The data come through spec->tune (series i is tune->series[i]); trajs[i]
 * is the winner's run and gives the series its colour and label.  An
 * animation reveals the curves by rate: step k of the view is grid point
 * k (trail row k the segment from point k - 1), whatever the runs' steps;
 * the rings are there from the start, the stars come with the last point.
 * --trail does not apply: every row is kept.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "optviz/tune.h"
#include "alloc_private.h"
#include "view.h"
#include "axes.h"
#include "legend.h"
#include "ticks.h"

#define S_LIMIT 0x808080         /* the floor and ceiling lines */
#define MAX_ENTRIES (OV_MAX_SERIES + 2)
#define FLOOR_DECADES 16.0

typedef struct sens {
    ov__view v;
    ov__axes ax;
    const ov_tune_result *tune;
    int has_floor, has_ceil;
    double floor_d;                  /* smallest log10 loss drawn as is */
    double y_floor, y_ceil;          /* their lines, log10 units */
    double *px[OV_MAX_SERIES], *py[OV_MAX_SERIES]; /* grid points */
    double dx[OV_MAX_SERIES], dy[OV_MAX_SERIES];   /* default */
    ov__box floor_text, ceil_text;   /* their labels at the left */
    int floor_right, ceil_right;     /* labels moved to the right end */
    ov__legend lg;
    const char *lt[MAX_ENTRIES];
    uint32_t lc[MAX_ENTRIES];
    int lk[MAX_ENTRIES];
    char ls[MAX_ENTRIES][128];
    char floor_label[48];
} sens;

static void
sens_free(ov__view *v)
{
    sens *g = (sens *)v;
    for (size_t i = 0; i < OV_MAX_SERIES; i++) {
        ov__free(g->px[i]);
        ov__free(g->py[i]);
    }
    ov__free(g);
}

/* log10 units to a pixel row. */
static double
y_at(const sens *g, double t)
{
    const ov__axes *a = &g->ax;
    return a->py + a->ph - (t - a->y0) / (a->y1 - a->y0) * a->ph;
}

static double
point_y(const sens *g, const ov_tune_point *p)
{
    if (p->diverged_at >= 0 || !isfinite(p->final_loss))
        return y_at(g, g->y_ceil);
    if (!(p->final_loss > 0.0) || log10(p->final_loss) < g->floor_d)
        return y_at(g, g->y_floor);
    return y_at(g, log10(p->final_loss));
}

static void
sens_to_pixel(const ov__view *v, double x, double y, double *px, double *py)
{
    const sens *g = (const sens *)v;
    *px = ov__axes_px(&g->ax, x);
    *py = ov__axes_py(&g->ax, y);
}

/* The winner: a star filled in the series' colour, outlined in black. */
static void
star(const ov__view *v, cairo_t *cr, double x, double y, uint32_t c)
{
    ov__star_path(cr, x, y, 8.0 * v->s);
    ov__set_rgb(cr, c, 1.0);
    cairo_fill_preserve(cr);
    ov__set_rgb(cr, OV__BLACK, 1.0);
    cairo_set_line_width(cr, 1.0 * v->s);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(cr);
}

/* The default rate: a ring in the series' colour on the background. */
static void
ring(const ov__view *v, cairo_t *cr, double x, double y, uint32_t c)
{
    cairo_new_path(cr);
    cairo_arc(cr, x, y, 5.0 * v->s, 0.0, 2.0 * M_PI);
    ov__set_rgb(cr, v->tc.bg, 1.0);
    cairo_fill_preserve(cr);
    ov__set_rgb(cr, c, 1.0);
    cairo_set_line_width(cr, 2.0 * v->s);
    cairo_stroke(cr);
}

static void
cross(const ov__view *v, cairo_t *cr, double x, double y, uint32_t c)
{
    double r = 3.5 * v->s;
    cairo_new_path(cr);
    cairo_move_to(cr, x - r, y - r);
    cairo_line_to(cr, x + r, y + r);
    cairo_move_to(cr, x - r, y + r);
    cairo_line_to(cr, x + r, y - r);
    ov__set_rgb(cr, c, 1.0);
    cairo_set_line_width(cr, 1.6 * v->s);
    cairo_stroke(cr);
}

/* A limit line's label: above the line at the left end of the plot, or
 * at the right end (@p right) when the legend would cover it there. */
static ov__box
limit_text_at(const sens *g, double t, const char *label, int right,
              double *x, double *y)
{
    const ov__view *v = &g->v;
    *x = right ? g->ax.px + g->ax.pw - 6.0 * v->s : g->ax.px + 6.0 * v->s;
    *y = round(y_at(g, t)) + 0.5 - 0.85 * v->fs_tick;
    return ov__text_box(v->meas, label, *x, *y, v->fs_tick, right ? 1.0 : 0.0);
}

/* A dashed limit line across the plot, with its label. */
static void
limit_line(const sens *g, ov__pen *pn, double t, const char *label,
           int right)
{
    const ov__view *v = &g->v;
    cairo_t *cr = pn->cr;
    double y = round(y_at(g, t)) + 0.5, tx, ty;
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_move_to(cr, g->ax.px, y);
    cairo_line_to(cr, g->ax.px + g->ax.pw, y);
    ov__set_rgb(cr, S_LIMIT, 1.0);
    cairo_set_line_width(cr, 1.0 * v->s);
    ov__set_dash(cr, OV__DASHED, v->s, 0.0);
    cairo_stroke(cr);
    cairo_restore(cr);
    limit_text_at(g, t, label, right, &tx, &ty);
    ov__text(pn, label, tx, ty, v->fs_tick, 0.0, right ? 1.0 : 0.0, S_LIMIT,
             1.0);
}

static int
boxes_meet(const ov__box *a, const ov__box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static ov_status
s_background(ov__view *v, ov__pen *pn, long step)
{
    (void)step;
    sens *g = (sens *)v;
    const ov_tune_result *r = g->tune;
    char t[256], obj[48] = "";

    ov__axes_clear(&g->ax, v, pn, "Learning rate", "Final loss");
    if (r->config.objective != OV_TUNE_FINAL_LOSS)
        snprintf(obj, sizeof obj, ", best by %s",
                 ov_tune_objective_name(r->config.objective));
    if (v->has_title)
        ov__view_user_title(v, v->last_step, t, sizeof t);
    else
        snprintf(t, sizeof t, "%s: final loss against learning rate "
                 "(%d rates%s)", v->name, r->config.n, obj);
    ov__axes_title(&g->ax, v, pn, t);
    if (g->has_ceil)
        limit_line(g, pn, g->y_ceil, "diverged", g->ceil_right);
    if (g->has_floor)
        limit_line(g, pn, g->y_floor, g->floor_label, g->floor_right);

    return OV_OK;
}

/* Row k of series i: the segment from grid point k - 1 to k, and a cross
 * when the run at k diverged. */
static void
s_rows(ov__view *v, cairo_t *cr, long from, long to, long win,
       const ov__box *only, ov__box *bb)
{
    (void)win, (void)only;
    sens *g = (sens *)v;
    const ov_tune_result *r = g->tune;
    ov__axes_clip(&g->ax, cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (long k = from + 1; k <= to; k++) {
        if (k < 0 || k >= r->config.n)
            continue;
        for (size_t i = 0; i < v->n; i++) {
            double xb = g->px[i][k], yb = g->py[i][k];
            if (k > 0) {
                double xa = g->px[i][k - 1], ya = g->py[i][k - 1];
                cairo_new_path(cr);
                cairo_move_to(cr, xa, ya);
                cairo_line_to(cr, xb, yb);
                ov__set_rgb(cr, v->color[i], 1.0);
                cairo_set_line_width(cr, 1.8 * v->s);
                cairo_stroke(cr);
                if (bb)
                    ov__box_add(bb, xa, ya, 2.0 * v->s + 1.0);
            }
            if (r->series[i].grid[k].diverged_at >= 0)
                cross(v, cr, xb, yb, v->color[i]);
            if (bb)
                ov__box_add(bb, xb, yb, 5.0 * v->s + 1.0);
        }
    }
    cairo_restore(cr);
}

/* What moves: the rings at the default rates, the stars at the winners
 * (once the whole grid is drawn) and the legend over them. */
static void
s_overlay(ov__view *v, ov__pen *pn, long step)
{
    sens *g = (sens *)v;
    cairo_t *cr = pn->cr;
    const ov_tune_result *r = g->tune;
    ov__axes_clip(&g->ax, cr);
    for (size_t i = 0; i < v->n; i++)
        ring(v, cr, g->dx[i], g->dy[i], v->color[i]);
    for (size_t i = 0; step >= v->last_step && i < v->n; i++) {
        int b = r->series[i].best;
        star(v, cr, g->px[i][b], g->py[i][b], v->color[i]);
    }
    cairo_restore(cr);
    if (g->lg.n) {
        ov__legend_draw(v, pn, &g->lg, g->lt, g->lc, g->lk);
        double x, y;
        ov__legend_sample(&g->lg, g->lg.n - 2, &x, &y);
        ring(v, cr, x, y, v->tc.text);
        ov__legend_sample(&g->lg, g->lg.n - 1, &x, &y);
        star(v, cr, x, y, S_LIMIT);
    }
}

static ov__box
marker_box(const ov__view *v, double x, double y)
{
    double r = 9.0 * v->s + 2.0;
    ov__box b = { x - r, y - r, x + r, y + r };
    return b;
}

static size_t
s_items(ov__view *v, long step, long prev, ov__box *out, int *changed,
        size_t cap)
{
    (void)step, (void)prev;
    sens *g = (sens *)v;
    size_t n = 0;
    for (size_t i = 0; i < v->n && n + 2 < cap; i++) {
        int b = g->tune->series[i].best;
        out[n++] = marker_box(v, g->dx[i], g->dy[i]);
        out[n++] = marker_box(v, g->px[i][b], g->py[i][b]);
    }
    if (!ov__box_is_empty(&g->lg.box) && n < cap)
        out[n++] = ov__legend_dirty(&g->lg, v->s);
    return ov__overlay_all_changed(changed, n);
}

static size_t
s_colors(const ov__view *v, uint32_t *out, size_t cap)
{
    size_t n = 0;
    (void)v;
    if (n < cap)
        out[n++] = S_LIMIT;
    return n;
}

static int
inside(const ov__box *b, double x, double y)
{
    return x >= b->x0 && x <= b->x1 && y >= b->y0 && y <= b->y1;
}

/* How much of the figure the legend at @p corner would hide: samples of
 * the curves, the markers (weighted), the limit labels. */
static double
hidden(sens *g, int corner, size_t ne)
{
    const ov__view *v = &g->v;
    const ov_tune_result *r = g->tune;
    ov__box b;
    double h = 0.0;

    ov__legend_layout(v, &g->lg, g->lt, ne, g->ax.px, g->ax.py, g->ax.pw,
                      g->ax.ph, corner);
    b = ov__legend_dirty(&g->lg, 4.0 * v->s);
    for (size_t i = 0; i < v->n; i++) {
        for (int k = 0; k + 1 < r->config.n; k++)
            for (int q = 0; q < 8; q++) {
                double f = q / 8.0;
                h += inside(&b, g->px[i][k] + f * (g->px[i][k + 1]
                                                   - g->px[i][k]),
                            g->py[i][k] + f * (g->py[i][k + 1]
                                               - g->py[i][k]));
            }
        int best = r->series[i].best;
        h += 50.0 * inside(&b, g->px[i][best], g->py[i][best]);
        h += 50.0 * inside(&b, g->dx[i], g->dy[i]);
    }
    /* A label under the legend moves to the other end of its line. */
    h += 4.0 * (g->has_ceil && boxes_meet(&b, &g->ceil_text));
    h += 4.0 * (g->has_floor && boxes_meet(&b, &g->floor_text));
    return h;
}

/* The y limits: the finite positive losses, at least two decades, room
 * for the ceiling and floor lines. */
static void
y_limits(sens *g)
{
    const ov_tune_result *r = g->tune;
    double lo = INFINITY, hi = -INFINITY;

    for (size_t i = 0; i < r->n; i++)
        for (int k = -1; k < r->config.n; k++) {
            const ov_tune_point *p = k < 0 ? &r->series[i].def
                                           : &r->series[i].grid[k];
            if (p->diverged_at >= 0 || !isfinite(p->final_loss)) {
                g->has_ceil = 1;
                continue;
            }
            if (!(p->final_loss > 0.0))
                continue;
            lo = fmin(lo, log10(p->final_loss));
            hi = fmax(hi, log10(p->final_loss));
        }
    if (!(hi >= lo)) {
        lo = -1.0;
        hi = 1.0;
    }
    g->floor_d = fmax(lo, ceil(hi - FLOOR_DECADES));
    for (size_t i = 0; i < r->n; i++)
        for (int k = -1; k < r->config.n; k++) {
            const ov_tune_point *p = k < 0 ? &r->series[i].def
                                           : &r->series[i].grid[k];
            if (p->diverged_at < 0 && isfinite(p->final_loss)
                && (!(p->final_loss > 0.0)
                    || log10(p->final_loss) < g->floor_d))
                g->has_floor = 1;
        }
    double top = hi, bot = g->floor_d;
    if (top - bot < 2.0) {
        double c = 0.5 * (top + bot);
        top = c + 1.0;
        bot = c - 1.0;
    }
    double span = top - bot;
    g->y_ceil = top + 0.1 * span;
    g->y_floor = bot - 0.1 * span;
    g->ax.y1 = (g->has_ceil ? g->y_ceil : top) + 0.06 * span;
    g->ax.y0 = (g->has_floor ? g->y_floor : bot) - 0.06 * span;
    if (g->has_floor) {
        char num[40];
        if (lo == -INFINITY || !(lo < g->floor_d))
            snprintf(g->floor_label, sizeof g->floor_label, "0");
        else
            snprintf(g->floor_label, sizeof g->floor_label, "< %s",
                     ov__format_sig(num, sizeof num,
                                    pow(10.0, g->floor_d), 2));
    }
}

static ov_status
sensitivity_create(ov__view **out, const ov_loss *loss,
                   const ov_trajectory *const *trajs, size_t n,
                   const ov_figure_spec *spec, int raster, ov_error *err)
{
    *out = NULL;
    const ov_tune_result *r = spec->tune;
    if (!r || r->n != n || n == 0 || r->config.n < OV_TUNE_MIN_GRID) {
        ov__set_err(err, OV_ERR_INVALID_ARG,
                    "the sensitivity view needs the search (spec->tune)");
        return OV_ERR_INVALID_ARG;
    }
    ov__view *v;
    ov_status st = ov__view_new(&v, sizeof(sens), &ov__sensitivity_class,
                                loss, trajs, n, spec, 0, err);
    if (st)
        return st;
    sens *g = (sens *)v;
    g->tune = r;
    /* Steps of this view are grid points (see the top). */
    v->last_step = r->config.n - 1;
    v->trail = 0;
    for (size_t i = 0; i < n; i++) {
        v->nrows[i] = (size_t)r->config.n;
        v->diverged[i] = 0;
    }
    for (size_t i = 0; i < n; i++)
        if (v->color[i] == OV__WHITE && v->tc.bg == OV__WHITE)
            v->color[i] = OV__BLACK;

    double xlo = log10(r->series[0].grid[0].lr), xhi = xlo;
    for (size_t i = 0; i < n; i++) {
        xlo = fmin(xlo, log10(r->series[i].grid[0].lr));
        xhi = fmax(xhi, log10(r->series[i].grid[r->config.n - 1].lr));
        if (r->series[i].def.lr > 0.0) {
            xlo = fmin(xlo, log10(r->series[i].def.lr));
            xhi = fmax(xhi, log10(r->series[i].def.lr));
        }
    }
    double m = 0.04 * (xhi > xlo ? xhi - xlo : 1.0);
    g->ax.xlog = 1;
    g->ax.ylog = 1;
    g->ax.x0 = xlo - m;
    g->ax.x1 = xhi + m;
    y_limits(g);
    g->ax.grid = 1;
    ov__axes_fit(&g->ax, v, 0.0, 0.0, v->W, v->H, 0.0);
    v->area[0] = g->ax.px;
    v->area[1] = g->ax.py;
    v->area[2] = g->ax.pw;
    v->area[3] = g->ax.ph;

    for (size_t i = 0; i < n; i++) {
        g->px[i] = ov__calloc((size_t)r->config.n, sizeof(double));
        g->py[i] = ov__calloc((size_t)r->config.n, sizeof(double));
        if (!g->px[i] || !g->py[i]) {
            ov__view_destroy(v);
            return OV_ERR_NOMEM;
        }
        for (int k = 0; k < r->config.n; k++) {
            g->px[i][k] = ov__axes_px(&g->ax, r->series[i].grid[k].lr);
            g->py[i][k] = point_y(g, &r->series[i].grid[k]);
        }
        g->dx[i] = ov__axes_px(&g->ax, r->series[i].def.lr);
        g->dy[i] = point_y(g, &r->series[i].def);
    }
    double tx, ty;
    if (g->has_ceil)
        g->ceil_text = limit_text_at(g, g->y_ceil, "diverged", 0, &tx, &ty);
    if (g->has_floor)
        g->floor_text = limit_text_at(g, g->y_floor, g->floor_label, 0, &tx,
                                      &ty);

    size_t ne = 0;
    if (spec->legend) {
        for (size_t i = 0; i < n; i++, ne++) {
            char lr[40];
            const ov_tune_series *se = &r->series[i];
            ov__format_sig(lr, sizeof lr, se->grid[se->best].lr, 3);
            snprintf(g->ls[ne], sizeof g->ls[ne], "%.64s: best lr %s",
                     v->t[i]->label, lr);
            g->lt[ne] = g->ls[ne];
            g->lc[ne] = v->color[i];
            g->lk[ne] = 2;
        }
        g->lt[ne] = "default lr";
        g->lc[ne] = v->tc.text;
        g->lk[ne++] = 6;
        g->lt[ne] = "best lr";
        g->lc[ne] = v->tc.text;
        g->lk[ne++] = 6;
        /* The corner that hides least; upper right on a tie. */
        int best = 0;
        double least = INFINITY;
        for (int c = 0; c < 4; c++) {
            double h = hidden(g, c, ne);
            if (h < least) {
                least = h;
                best = c;
            }
        }
        ov__legend_layout(v, &g->lg, g->lt, ne, g->ax.px, g->ax.py,
                          g->ax.pw, g->ax.ph, best);
        ov__box lb = ov__legend_dirty(&g->lg, v->s);
        g->ceil_right = g->has_ceil && boxes_meet(&lb, &g->ceil_text);
        g->floor_right = g->has_floor && boxes_meet(&lb, &g->floor_text);
    }
    if ((st = ov__view_finish(v, raster))) {
        ov__view_destroy(v);
        return st;
    }
    *out = v;
    return OV_OK;
}

const ov__view_class ov__sensitivity_class = {
    .name = "sensitivity",
    .create = sensitivity_create,
    .background = s_background,
    .rows = s_rows,
    .overlay_items = s_items,
    .overlay = s_overlay,
    .colors = ov__chart_colors,
    .extra_colors = s_colors,
    .to_pixel = sens_to_pixel,
    .free = sens_free,
};
