/*
 * response.c: seed 001's gradient-response figures.  Against the step
 * t: the signal g_t ("gradient", matplotlib's first colour, as the seed
 * draws it) and, per run, the response theta_t - theta_{t+1} (the seed's
 * plotted value: lr*g for plain SGD), in the next colours of the same
 * cycle unless the user gave colours.  The x axis sits at 0 as in the
 * seed (its bottom spine at "zero"), with a grid.
 *
 * Runs are ov_signal_run trajectories: row t holds theta_t and g_t.  The
 * signal is background; the responses are trails, so an animation draws
 * them along the steps with a cursor and a dot at each head; the last
 * frame (the still) has neither.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "optviz/param.h"
#include "alloc_private.h"
#include "view.h"
#include "frame.h"
#include "axes.h"
#include "legend.h"
#include "rects.h"

#define SIGNAL_BLUE 0x1F77B4
#define CURSOR 0x808080
#define MAX_ENTRIES (OV_MAX_SERIES + 1)

/* matplotlib's tab10 after its first colour: seed 001's parameter lines. */
static const uint32_t cycle[] = { 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD,
                                  0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22,
                                  0x17BECF };

typedef struct resp {
    ov__view v;                  /* first: the pipeline's base */
    ov__axes ax;
    size_t nsig;                 /* signal points drawn: g_0..g_{nsig-1} */
    size_t bin;                  /* steps per drawn bin (1: every segment) */
    double *sig;                 /* the signal, data units */
    double *r[OV_MAX_SERIES];    /* responses, data units; nrows[i] - 1 each */
    ov__legend lg;
    const char *lt[MAX_ENTRIES];
    uint32_t lc[MAX_ENTRIES];
    int lk[MAX_ENTRIES];
    char ls[OV_MAX_SERIES][224];
    char title[256];
} resp;

static void
resp_free(ov__view *v)
{
    resp *p = (resp *)v;
    ov__free(p->sig);
    for (size_t i = 0; i < OV_MAX_SERIES; i++)
        ov__free(p->r[i]);
    ov__free(p);
}

static void
response_to_pixel(const ov__view *v, double x, double y, double *px,
                      double *py)
{
    const resp *p = (const resp *)v;
    *px = ov__axes_px(&p->ax, x);
    *py = ov__axes_py(&p->ax, y);
}

/* Number of responses series @p i has: one per step between finite rows. */
static size_t
nresp(const ov__view *v, size_t i)
{
    return v->nrows[i] > 0 ? v->nrows[i] - 1 : 0;
}

static void
response_limits(const ov_trajectory *const *trajs, size_t n,
                    double lim[2])
{
    double lo = 0.0, hi = 0.0;   /* 0 stays in view: the axis sits there */
    size_t longest = 0;
    for (size_t i = 0; i < n; i++)
        if (trajs[i]->n_rows > trajs[longest]->n_rows)
            longest = i;
    for (size_t i = 0; i < n; i++) {
        const ov_traj_row *r = trajs[i]->rows;
        size_t m = trajs[i]->n_rows;
        for (size_t k = 0; k < m; k++) {
            if (i == longest && (k + 1 < m || m == 1)
                && isfinite(r[k].grad[0])) {
                lo = fmin(lo, r[k].grad[0]);
                hi = fmax(hi, r[k].grad[0]);
            }
            if (k + 1 < m) {
                double d = r[k].theta[0] - r[k + 1].theta[0];
                if (!isfinite(d))
                    break;
                lo = fmin(lo, d);
                hi = fmax(hi, d);
            }
        }
    }
    if (!(hi > lo))
        hi = lo + 1.0;
    double m = 0.05 * (hi - lo);
    lim[0] = lo - m;
    lim[1] = hi + m;
}

/* A polyline segment in data units, clipped to the plot (cairo's fixed
 * point cannot take the pixels of a response that ran away). */
static int
segment(const resp *p, double x0, double y0, double x1, double y1,
        double *xa, double *ya, double *xb, double *yb)
{
    const ov__axes *a = &p->ax;
    ov__box box = { a->px - 4.0, a->py - 4.0, a->px + a->pw + 4.0,
                    a->py + a->ph + 4.0 };
    *xa = ov__axes_px(a, x0);
    *ya = ov__axes_py(a, y0);
    *xb = ov__axes_px(a, x1);
    *yb = ov__axes_py(a, y1);
    if (!(isfinite(*xa) && isfinite(*ya) && isfinite(*xb) && isfinite(*yb)))
        return 0;
    return ov__clip_segment(box, xa, ya, xb, yb);
}

/*
 * Long runs have many steps per pixel column, and cairo strokes a long
 * zig-zag slowly.  Steps are then drawn in bins of p->bin: the previous
 * bin's last point, then the bin's first, lowest, highest and last points
 * in step order, which keeps the envelope a pixel column shows.  Writes
 * the indices into idx (at most 5); @return their count.
 */
static size_t
bin_points(const double *v, size_t s0, size_t s1, size_t *idx)
{
    size_t lo = s0, hi = s0, n = 0, cand[4];
    for (size_t k = s0; k <= s1; k++) {
        if (v[k] < v[lo])
            lo = k;
        if (v[k] > v[hi])
            hi = k;
    }
    cand[0] = s0;
    cand[1] = lo < hi ? lo : hi;
    cand[2] = lo < hi ? hi : lo;
    cand[3] = s1;
    if (s0 > 0)
        idx[n++] = s0 - 1;
    for (size_t c = 0; c < 4; c++)
        if (n == 0 || idx[n - 1] != cand[c])
            idx[n++] = cand[c];
    return n;
}

/* Strokes the points idx[0..n-1] of line v (points 0..n-1 when idx is
 * NULL) as one path, clipped piecewise; grows *bb (may be NULL). */
static void
polyline(const resp *p, cairo_t *cr, const double *v, const size_t *idx,
         size_t n, double pad, ov__box *bb)
{
    int open = 0;
    cairo_new_path(cr);
    for (size_t c = 0; c + 1 < n; c++) {
        double xa, ya, xb, yb;
        size_t a = idx ? idx[c] : c, b = idx ? idx[c + 1] : c + 1;
        if (!segment(p, (double)a, v[a], (double)b, v[b], &xa, &ya, &xb,
                     &yb)) {
            open = 0;
            continue;
        }
        if (!open)
            cairo_move_to(cr, xa, ya);
        cairo_line_to(cr, xb, yb);
        open = 1;
        if (bb) {
            ov__box_add(bb, xa, ya, pad);
            ov__box_add(bb, xb, yb, pad);
        }
    }
    cairo_stroke(cr);
}

static void
zero_line(const resp *p, cairo_t *cr, uint32_t color)
{
    const ov__axes *a = &p->ax;
    if (!(a->y0 < 0.0 && a->y1 > 0.0))
        return;
    double y = round(ov__axes_py(a, 0.0)) + 0.5;
    cairo_new_path(cr);
    cairo_move_to(cr, a->px, y);
    cairo_line_to(cr, a->px + a->pw, y);
    ov__set_rgb(cr, color, 1.0);
    cairo_set_line_width(cr, 1.0);
    cairo_stroke(cr);
}

static ov_status
resp_background(ov__view *v, ov__pen *pn, long step)
{
    (void)step;
    resp *p = (resp *)v;
    cairo_t *cr = pn->cr;
    ov__axes_clear(&p->ax, v, pn, "Step",
                   "g  and  \xCE\xB8\xE2\x82\x9C \xE2\x88\x92 "
                   "\xCE\xB8\xE2\x82\x9C\xE2\x82\x8A\xE2\x82\x81");
    ov__axes_clip(&p->ax, cr);
    zero_line(p, cr, v->tc.axis);
    ov__set_rgb(cr, SIGNAL_BLUE, 1.0);
    cairo_set_line_width(cr, 1.6 * v->s);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    if (p->bin <= 1) {
        polyline(p, cr, p->sig, NULL, p->nsig, 0.0, NULL);
    } else {
        for (size_t s0 = 0; s0 < p->nsig; s0 += p->bin) {
            size_t idx[5], s1 = s0 + p->bin - 1;
            if (s1 >= p->nsig)
                s1 = p->nsig - 1;
            polyline(p, cr, p->sig, idx, bin_points(p->sig, s0, s1, idx),
                     0.0, NULL);
        }
    }
    cairo_restore(cr);
    ov__axes_title(&p->ax, v, pn, p->title);
    return OV_OK;
}

/* Row k of the pipeline brings response k-1: the segment from response
 * k-2 to it.  Segments are drawn one at a time in step order (round caps
 * join them), so any frame's trails equal the still's. */
static void
resp_rows(ov__view *v, cairo_t *cr, long from, long to, long win,
          const ov__box *only, ov__box *bb)
{
    (void)only;
    resp *p = (resp *)v;
    ov__axes_clip(&p->ax, cr);
    cairo_set_line_width(cr, 1.6 * v->s);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    double pad = 0.8 * v->s + 2.0;
    if (p->bin > 1) {
        /* Row k brings response k-1; a bin is drawn when its last response
         * (or the run's) arrives, whatever the frames. */
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        for (long k = from + 1 < 1 ? 1 : from + 1; k <= to; k++)
            for (size_t i = 0; i < v->n; i++) {
                size_t j = (size_t)k - 1, m = nresp(v, i), idx[5];
                if (j >= m || ((j + 1) % p->bin != 0 && j + 1 != m) ||
                    (size_t)k < ov__view_first_row(v, i, win))
                    continue;
                ov__set_rgb(cr, v->color[i], 1.0);
                polyline(p, cr, p->r[i], idx,
                         bin_points(p->r[i], j - j % p->bin, j, idx), pad, bb);
            }
        cairo_restore(cr);
        return;
    }
    for (long k = from + 1 < 2 ? 2 : from + 1; k <= to; k++)
        for (size_t i = 0; i < v->n; i++) {
            if ((size_t)k - 1 >= nresp(v, i) ||
                (size_t)k < ov__view_first_row(v, i, win))
                continue;
            double xa, ya, xb, yb;
            if (!segment(p, (double)(k - 2), p->r[i][k - 2], (double)(k - 1),
                         p->r[i][k - 1], &xa, &ya, &xb, &yb))
                continue;
            cairo_new_path(cr);
            cairo_move_to(cr, xa, ya);
            cairo_line_to(cr, xb, yb);
            ov__set_rgb(cr, v->color[i], 1.0);
            cairo_stroke(cr);
            if (bb) {
                ov__box_add(bb, xa, ya, pad);
                ov__box_add(bb, xb, yb, pad);
            }
        }
    cairo_restore(cr);
}

/* The newest response of series i at @p step, or -1. */
static long
head(const ov__view *v, size_t i, long step)
{
    long j = step - 1;
    if (j >= (long)nresp(v, i))
        j = (long)nresp(v, i) - 1;
    return j;
}

static double
cursor_x(const resp *p, long step)
{
    return round(ov__axes_px(&p->ax, (double)(step - 1))) + 0.5;
}

static int
live(const ov__view *v, long step)
{
    return step >= 1 && step < v->last_step;
}

static void
resp_overlay(ov__view *v, ov__pen *pn, long step)
{
    resp *p = (resp *)v;
    cairo_t *cr = pn->cr;
    if (live(v, step)) {
        double x = cursor_x(p, step);
        ov__axes_clip(&p->ax, cr);
        ov__axes_cursor(&p->ax, cr, x, CURSOR);
        for (size_t i = 0; i < v->n; i++) {
            long j = head(v, i, step);
            if (j < 0)
                continue;
            double x1 = ov__axes_px(&p->ax, (double)j);
            double y1 = ov__axes_py(&p->ax, p->r[i][j]);
            if (fabs(y1) < 1e6)
                ov__circle(cr, x1, y1, 3.5 * v->s, v->color[i], OV__BLACK,
                           0.8 * v->s);
        }
        cairo_restore(cr);
    }
    ov__legend_draw(v, pn, &p->lg, p->lt, p->lc, p->lk);
}

static size_t
resp_items(ov__view *v, long step, long prev, ov__box *out,
           int *changed, size_t cap)
{
    resp *p = (resp *)v;
    size_t n = 0;
    if (live(v, step)) {
        double x = cursor_x(p, step);
        ov__box b = { x - 2.0, p->ax.py - 1.0, x + 2.0,
                      p->ax.py + p->ax.ph + 1.0 };
        out[n++] = b;
        for (size_t i = 0; i < v->n && n < cap; i++) {
            long j = head(v, i, step);
            if (j < 0)
                continue;
            double y1 = ov__axes_py(&p->ax, p->r[i][j]);
            if (!(fabs(y1) < 1e6))
                continue;
            ov__box d = ov__box_empty();
            ov__box_add(&d, ov__axes_px(&p->ax, (double)j), y1,
                        4.5 * v->s + 2.0);
            out[n++] = d;
        }
    }
    if (!ov__box_is_empty(&p->lg.box) && n < cap)
        out[n++] = ov__legend_dirty(&p->lg, v->s);
    (void)prev;
    return ov__overlay_all_changed(changed, n);
}

static size_t
resp_colors(const ov__view *v, uint32_t *out, size_t cap)
{
    (void)v;
    size_t n = 0;
    if (n < cap)
        out[n++] = SIGNAL_BLUE;
    if (n < cap)
        out[n++] = CURSOR;
    return n;
}

/* The hyper-parameters a legend may name: the numbers of the library's
 * table, by their option names. */
static int
numeric(size_t k)
{
    return ov_param_info(k)->type == OV_PARAM_DOUBLE;
}

/* Whether hyper-parameter k tells run i from another run of the same
 * algorithm (lr: from any run). */
static int
differs(const ov__view *v, size_t i, size_t k)
{
    const ov_optim_config *a = &v->t[i]->config;
    const char *key = ov_param_info(k)->key;
    int any = strcmp(key, "lr") == 0;

    if (!any && !ov_algo_takes_param(a->algo, key))
        return 0;
    for (size_t j = 0; j < v->n; j++) {
        const ov_optim_config *b = &v->t[j]->config;
        if (j == i || (!any && b->algo != a->algo))
            continue;
        if (ov_optim_config_get(a, k) != ov_optim_config_get(b, k))
            return 1;
    }
    return 0;
}

static int
lr_shared(const ov__view *v)
{
    for (size_t i = 1; i < v->n; i++)
        if (v->t[i]->config.lr != v->t[0]->config.lr)
            return 0;
    return v->n > 0;
}

/* Seed 001's legends name the value compared ("param=0.9"): the label,
 * then each hyper-parameter that differs between runs of one algorithm
 * and is not in the label already.  A user's label is shown as given. */
static void
legend_text(const ov__view *v, size_t i, char *out, size_t size)
{
    char lab[96], val[32];
    size_t len;
    ov__clean_utf8(lab, sizeof lab, v->t[i]->label);
    len = (size_t)snprintf(out, size, "%s", lab);
    int own = !ov__label_is_automatic(v->t[i]);
    for (size_t k = 0; !own && k < ov_param_count() && len < size; k++) {
        char key[40];
        if (!numeric(k) || !differs(v, i, k))
            continue;
        snprintf(key, sizeof key, "%s=", ov_param_info(k)->key);
        if (strstr(lab, key))
            continue;
        snprintf(val, sizeof val, "%g",
                 ov_optim_config_get(&v->t[i]->config, k));
        len += (size_t)snprintf(out + len, size - len, " %s%s", key, val);
    }
    if (v->diverged[i] && len < size)
        snprintf(out + len, size - len, ", diverged");
}

static void
make_title(resp *p, const ov_figure_spec *spec)
{
    const ov__view *v = &p->v;
    char sig[96], lr[48] = "";
    int same = v->n > 0;
    if (v->has_title) {
        ov__view_user_title(v, v->last_step, p->title, sizeof p->title);
        return;
    }
    ov__clean_utf8(sig, sizeof sig, spec->signal && spec->signal[0]
                   ? spec->signal : "the gradient signal");
    for (size_t i = 1; i < v->n; i++)
        same &= v->t[i]->config.algo == v->t[0]->config.algo;
    if (lr_shared(v))
        snprintf(lr, sizeof lr, " (lr=%g)", v->t[0]->config.lr);
    if (same)
        snprintf(p->title, sizeof p->title, "%s%s: response to %s",
                 ov_algo_name(v->t[0]->config.algo), lr, sig);
    else
        snprintf(p->title, sizeof p->title, "Response to %s%s", sig, lr);
}

static ov_status
response_create(ov__view **out, const ov_loss *loss,
                    const ov_trajectory *const *trajs, size_t n,
                    const ov_figure_spec *spec, int raster, ov_error *err)
{
    *out = NULL;
    ov__view *v;
    ov_status st = ov__view_new(&v, sizeof(resp), &ov__response_class, loss,
                                trajs, n, spec, 0, err);
    if (st)
        return st;
    resp *p = (resp *)v;
    for (size_t i = 0; i < n; i++)
        if (trajs[i]->dim != 1) {
            ov__set_err(err, OV_ERR_UNSUPPORTED,
                        "the response view needs runs of one parameter "
                        "(ov_signal_run)");
            ov__view_destroy(v);
            return OV_ERR_UNSUPPORTED;
        }
    /* The signal of the longest run; each run's responses. */
    size_t longest = 0;
    for (size_t i = 0; i < n; i++)
        if (trajs[i]->n_rows > trajs[longest]->n_rows)
            longest = i;
    if (n > 0) {
        const ov_trajectory *t = trajs[longest];
        p->nsig = t->n_rows > 1 ? t->n_rows - 1 : 1;
        p->sig = ov__malloc3(p->nsig, 1, sizeof *p->sig);
        if (!p->sig) {
            ov__view_destroy(v);
            return OV_ERR_NOMEM;
        }
        for (size_t k = 0; k < p->nsig; k++)
            p->sig[k] = t->rows[k].grad[0];
    }
    for (size_t i = 0; i < n; i++) {
        size_t m = nresp(v, i);
        p->r[i] = ov__malloc3(m ? m : 1, 1, sizeof *p->r[i]);
        if (!p->r[i]) {
            ov__view_destroy(v);
            return OV_ERR_NOMEM;
        }
        for (size_t k = 0; k < m; k++)
            p->r[i][k] = trajs[i]->rows[k].theta[0] -
                         trajs[i]->rows[k + 1].theta[0];
    }
    /* The cycle's next colour that no user-coloured run has. */
    size_t next = 0;
    for (size_t i = 0; i < n; i++) {
        if (spec->has_color[i])
            continue;
        for (size_t tries = 0; tries < sizeof cycle / sizeof cycle[0];
             tries++) {
            uint32_t c = cycle[next % (sizeof cycle / sizeof cycle[0])];
            int taken = 0;
            for (size_t j = 0; j < n; j++)
                taken |= spec->has_color[j] && (spec->color[j] & 0xFFFFFF) == c;
            if (!taken)
                break;
            next++;
        }
        v->color[i] = cycle[next++ % (sizeof cycle / sizeof cycle[0])];
    }

    double ylim[2];
    response_limits(trajs, n, ylim);
    /* A little room at the ends, so a spike at step 0 is not the frame. */
    double xr = p->nsig > 1 ? (double)(p->nsig - 1) : 1.0;
    p->ax.x0 = spec->has_xlim ? spec->xlim[0] : -0.02 * xr;
    p->ax.x1 = spec->has_xlim ? spec->xlim[1] : 1.02 * xr;
    p->ax.y0 = spec->has_ylim ? spec->ylim[0] : ylim[0];
    p->ax.y1 = spec->has_ylim ? spec->ylim[1] : ylim[1];
    if (!(isfinite(p->ax.x0) && isfinite(p->ax.x1) && p->ax.x1 > p->ax.x0)) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "xlim");
        ov__view_destroy(v);
        return OV_ERR_INVALID_ARG;
    }
    if (!(isfinite(p->ax.y0) && isfinite(p->ax.y1) && p->ax.y1 > p->ax.y0)) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "ylim");
        ov__view_destroy(v);
        return OV_ERR_INVALID_ARG;
    }
    p->ax.grid = 1;
    ov__axes_fit(&p->ax, v, 0.0, 0.0, v->W, v->H, 0.0);
    v->area[0] = p->ax.px;
    v->area[1] = p->ax.py;
    v->area[2] = p->ax.pw;
    v->area[3] = p->ax.ph;
    /* Bins of about a pixel column once there are two or more steps per
     * column; up to that every segment is drawn. */
    p->bin = p->nsig >= 2 * (size_t)p->ax.pw ? p->nsig / (size_t)p->ax.pw : 1;
    make_title(p, spec);

    size_t nl = 0;
    if (spec->legend && n > 0) {
        p->lt[nl] = "gradient";
        p->lc[nl] = SIGNAL_BLUE;
        p->lk[nl++] = 2;
        for (size_t i = 0; i < n; i++) {
            legend_text(v, i, p->ls[i], sizeof p->ls[i]);
            p->lt[nl] = p->ls[i];
            p->lc[nl] = v->color[i];
            p->lk[nl++] = 2;
        }
        /* The signal (background) and the responses (trails). */
        size_t m = p->nsig;
        double *sxy = ov__malloc3(m ? m : 1, 2, sizeof(double));
        if (!sxy) {
            ov__view_destroy(v);
            return OV_ERR_NOMEM;
        }
        for (size_t k = 0; k < m; k++) {
            sxy[2 * k] = ov__axes_px(&p->ax, (double)k);
            sxy[2 * k + 1] = ov__axes_py(&p->ax, p->sig[k]);
        }
        st = ov__legend_auto(v, &p->lg, p->lt, nl, p->ax.px, p->ax.py,
                             p->ax.pw, p->ax.ph, sxy, m);
        ov__free(sxy);
        if (st) {
            ov__view_destroy(v);
            return st;
        }
    }
    if ((st = ov__view_finish(v, raster))) {
        ov__view_destroy(v);
        return st;
    }
    *out = v;
    return OV_OK;
}

/* Grid cells share the y range (signal and every response). */
static ov_status
response_grid_limits(ov_figure_spec *cs, const ov_loss *loss,
                     const ov_trajectory *const *trajs, size_t n,
                     const ov_figure_spec *spec, ov_error *err)
{
    (void)loss;
    (void)err;
    if (!spec->has_ylim) {
        response_limits(trajs, n, cs->ylim);
        cs->has_ylim = 1;
    }
    return OV_OK;
}

const ov__view_class ov__response_class = {
    .name = "response",
    .create = response_create,
    .grid_limits = response_grid_limits,
    .background = resp_background,
    .rows = resp_rows,
    .overlay_items = resp_items,
    .overlay = resp_overlay,
    .colors = ov__chart_colors,
    .extra_colors = resp_colors,
    .to_pixel = response_to_pixel,
    .free = resp_free,
};
