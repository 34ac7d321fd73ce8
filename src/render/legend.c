/*
 * legend.c: the legend box of the chart views (legend.h): one row per
 * entry with a sample of its line or marker, in a corner of the plot.
 */
#include <limits.h>
#include <math.h>

#include "legend.h"

double
ov__legend_max_width(double w)
{
    return w < 250.0 ? 0.85 * w : OV__LEGEND_WIDTH * w;
}

double
ov__legend_fs(const ov__view *v, double bw, double bh, double w, double h)
{
    /* One smaller step of the type scale, not any size that would fit:
     * a figure keeps its few text sizes. */
    int fits = ov__legend_max_width(w) >= bw && OV__LEGEND_HEIGHT * h >= bh;
    return fits ? v->fs_legend : v->fs_small;
}

/* Size of the legend of @p texts at text size @p fs, entries shortened to
 * @p maxt wide; sets lg's metrics and shortened texts. */
static void
measure(const ov__view *v, ov__legend *lg, const char *const *texts,
        size_t n, double fs, double maxt, double *bw, double *bh)
{
    lg->fs = fs;
    lg->pad = 0.6 * fs;
    lg->row_h = 1.45 * fs;
    lg->sample = 2.2 * fs;
    double wl = 0.0;
    for (size_t i = 0; i < n; i++) {
        double tw = ov__text_width(v->meas, texts[i], fs);
        lg->cut[i] = tw > maxt;
        if (lg->cut[i])
            tw = ov__text_ellipsize(v->meas, texts[i], fs, maxt, lg->txt[i],
                                    sizeof lg->txt[i]);
        if (tw > wl)
            wl = tw;
    }
    *bw = lg->pad + lg->sample + 0.6 * fs + wl + lg->pad;
    *bh = 2.0 * lg->pad + lg->row_h * n;
}

/* Sizes the legend for the plot (w x h): shrinks its text, then shortens
 * its entries. */
static void
fit(const ov__view *v, ov__legend *lg, const char *const *texts, size_t n,
    double w, double h, double *bw, double *bh)
{
    measure(v, lg, texts, n, v->fs_legend, INFINITY, bw, bh);
    double fs = ov__legend_fs(v, *bw, *bh, w, h);
    if (fs < v->fs_legend)
        measure(v, lg, texts, n, fs, INFINITY, bw, bh);
    /* Shortened only when the entries cannot fit the plot at all (the
     * width cap chose the text size; it does not cut what fits). */
    double mw = w - 16.0 * v->s;
    if (*bw > mw) {
        double rest = lg->pad + lg->sample + 0.6 * fs + lg->pad;
        measure(v, lg, texts, n, fs, fmax(mw - rest, 3.0 * fs), bw, bh);
    }
}

static void
set_box(ov__legend *lg, double bx, double by, double bw, double bh)
{
    ov__box b = { bx, by, bx + bw, by + bh };
    lg->box = b;
    lg->text_x = bx + lg->pad + lg->sample + 0.6 * lg->fs;
}

void
ov__legend_layout(const ov__view *v, ov__legend *lg, const char *const *texts,
                  size_t n, double x, double y, double w, double h, int corner)
{
    lg->box = ov__box_empty();
    if (n > OV__LEGEND_MAX)
        n = OV__LEGEND_MAX;
    lg->n = n;
    if (n == 0)
        return;
    double bw, bh, m = 8.0 * v->s;
    fit(v, lg, texts, n, w, h, &bw, &bh);
    set_box(lg, (corner & 1) ? x + m : x + w - m - bw,
            (corner & 2) ? y + h - m - bh : y + m, bw, bh);
}

ov__box
ov__legend_spot(const ov__occ *occ, double bw, double bh, double x, double y,
                double w, double h, double m)
{
    /* matplotlib's "best": the corners, then points along the top and
     * bottom edges from the right leftwards, each a little dearer than
     * the one before so that ties keep the upper right. */
    double span = w - 2.0 * m - bw;
    ov__box best = { x + w - m - bw, y + m, x + w - m, y + m + bh };
    double bc = INFINITY;
    for (int corner = 0; corner < 4; corner++)
        for (int q = 0; q <= ((corner & 1) ? 0 : 8); q++) {
            double bx = (corner & 1) ? x + m : x + w - m - bw - span * q / 8.0;
            double by = (corner & 2) ? y + h - m - bh : y + m;
            ov__box b = { bx, by, bx + bw, by + bh };
            double c = ov__occ_count(occ, b) * (1.0 + 0.01 * q) +
                       0.001 * (corner + q);
            if (c < bc) {
                bc = c;
                best = b;
            }
        }
    return best;
}

ov__box
ov__view_legend_corner_box(const ov__view *v, int k)
{
    double bx = (k & 1) ? v->lg_x + v->lg_m
                        : v->lg_x + v->lg_pw - v->lg_m - v->lg_w;
    double by = (k & 2) ? v->lg_y + v->lg_ph - v->lg_m - v->lg_h
                        : v->lg_y + v->lg_m;
    return (ov__box){ bx, by, bx + v->lg_w, by + v->lg_h };
}

ov__box
ov__view_legend_spot(ov__view *v, const ov__occ *occ, double bw, double bh,
                     double x, double y, double w, double h, double m)
{
    v->lg_w = bw;
    v->lg_h = bh;
    v->lg_x = x;
    v->lg_y = y;
    v->lg_pw = w;
    v->lg_ph = h;
    v->lg_m = m;
    v->lg_at = v->legend_corner > 0
               ? ov__view_legend_corner_box(v, v->legend_corner - 1)
               : ov__legend_spot(occ, bw, bh, x, y, w, h, m);
    return v->lg_at;
}

void
ov__legend_place(ov__view *v, ov__legend *lg, const char *const *texts,
                 size_t n, double x, double y, double w, double h,
                 const ov__occ *occ)
{
    ov__legend_layout(v, lg, texts, n, x, y, w, h, 0);
    if (ov__box_is_empty(&lg->box) || !occ)
        return;
    double bw = lg->box.x1 - lg->box.x0, bh = lg->box.y1 - lg->box.y0;
    ov__box b = ov__view_legend_spot(v, occ, bw, bh, x, y, w, h, 8.0 * v->s);
    set_box(lg, b.x0, b.y0, bw, bh);
}

ov_status
ov__legend_place_free(ov__view *v, ov__legend *lg,
                      const char *const *texts, size_t n, double x, double y,
                      double w, double h, const ov__occ *occ, ov__box r,
                      int *count)
{
    ov__legend_place(v, lg, texts, n, x, y, w, h, occ);
    *count = 0;
    if (ov__box_is_empty(&lg->box))
        return OV_OK;
    *count = ov__occ_count(occ, lg->box);
    /* A corner asked for (ov_figure_spec.legend_corner) is kept. */
    if (*count == 0 || v->legend_corner > 0)
        return OV_OK;
    /* The text as fitted, then smaller by steps of 1/16 of it: the
     * largest legend that hides nothing. */
    ov__legend best = *lg;
    double fs0 = lg->fs, fmin_ = fmin(fs0, OV__MIN_TEXT);
    for (int k = 0;; k++) {
        double fs = fmax(fs0 * (1.0 - k / 16.0), fmin_);
        double bw, bh;
        measure(v, lg, texts, n, fs, INFINITY, &bw, &bh);
        double mw = w - 16.0 * v->s;
        if (bw > mw) {
            double rest = lg->pad + lg->sample + 0.6 * fs + lg->pad;
            measure(v, lg, texts, n, fs, fmax(mw - rest, 3.0 * fs), &bw,
                    &bh);
        }
        ov__box b;
        int c;
        if (ov__occ_best_spot(occ, bw, bh, r, &b, &c))
            return OV_ERR_NOMEM;
        if (!ov__box_is_empty(&b) && c < *count) {
            set_box(lg, b.x0, b.y0, bw, bh);
            best = *lg;
            *count = c;
        }
        if (*count == 0 || fs <= fmin_)
            break;
    }
    *lg = best;
    v->lg_at = lg->box;         /* where it went, for a grid's choice */
    return OV_OK;
}

ov_status
ov__legend_place_regions(const ov__view *v, ov__legend *lg,
                         const char *const *texts, size_t n,
                         const ov__box *reg, size_t nreg, const ov__occ *occ,
                         int *count)
{
    *count = 0;
    lg->box = ov__box_empty();
    lg->n = 0;
    if (n == 0 || nreg == 0)
        return OV_OK;
    double m = 8.0 * v->s;
    ov__legend_layout(v, lg, texts, n, reg[0].x0, reg[0].y0,
                      reg[0].x1 - reg[0].x0, reg[0].y1 - reg[0].y0, 0);
    ov__legend best = *lg;
    int bc = -1;
    /* The text as fitted, then smaller by steps of 1/16 of it to the
     * smallest readable: the largest legend that hides nothing, each try
     * in every position of every region (a panel: never across two). */
    double fs0 = lg->fs, fmin_ = fmin(fs0, v->fs_small);
    for (int k = 0;; k++) {
        double fs = fmax(fs0 * (1.0 - k / 16.0), fmin_);
        double bw, bh;
        measure(v, lg, texts, n, fs, INFINITY, &bw, &bh);
        for (size_t r = 0; r < nreg; r++) {
            double mw = reg[r].x1 - reg[r].x0 - 2.0 * m;
            double w = bw, h = bh;
            if (w > mw) {
                double rest = lg->pad + lg->sample + 0.6 * fs + lg->pad;
                measure(v, lg, texts, n, fs, fmax(mw - rest, 3.0 * fs), &w,
                        &h);
            }
            ov__box in = { reg[r].x0 + m, reg[r].y0 + m, reg[r].x1 - m,
                           reg[r].y1 - m };
            ov__box b;
            int c;
            if (ov__occ_best_spot(occ, w, h, in, &b, &c))
                return OV_ERR_NOMEM;
            if (!ov__box_is_empty(&b) && (bc < 0 || c < bc)) {
                set_box(lg, b.x0, b.y0, w, h);
                best = *lg;
                bc = c;
            }
            if (w != bw)
                measure(v, lg, texts, n, fs, INFINITY, &bw, &bh);
        }
        if (bc == 0 || fs <= fmin_)
            break;
    }
    *lg = best;
    *count = bc < 0 ? INT_MAX : bc;
    return OV_OK;
}

void
ov__legend_beside(const ov__view *v, ov__legend *lg,
                  const char *const *texts, size_t n, double maxw,
                  double *bw, double *bh)
{
    lg->box = ov__box_empty();
    if (n > OV__LEGEND_MAX)
        n = OV__LEGEND_MAX;
    lg->n = n;
    *bw = *bh = 0.0;
    if (n == 0)
        return;
    measure(v, lg, texts, n, v->fs_legend, INFINITY, bw, bh);
    if (*bw > maxw) {
        double fs = v->fs_small;
        measure(v, lg, texts, n, fs, INFINITY, bw, bh);
        if (*bw > maxw) {
            double rest = lg->pad + lg->sample + 0.6 * fs + lg->pad;
            measure(v, lg, texts, n, fs, fmax(maxw - rest, 3.0 * fs), bw,
                    bh);
        }
    }
    set_box(lg, 0.0, 0.0, *bw, *bh);
}

void
ov__legend_move(ov__legend *lg, double x, double y)
{
    if (!ov__box_is_empty(&lg->box))
        set_box(lg, x, y, lg->box.x1 - lg->box.x0, lg->box.y1 - lg->box.y0);
}

/* What view @p v shows, in a fresh grid for the caller to free, with the
 * polyline @p extra (nextra points) too; on failure nothing is left. */
static ov_status
view_occ(ov__view *v, ov__occ *occ, const double *extra, size_t nextra)
{
    if (ov__occ_init(occ, v->W, v->H, 4.0))
        return OV_ERR_NOMEM;
    ov_status st = ov__view_occupancy(v, occ, 2.0 * v->s);
    if (st) {
        ov__occ_free(occ);
        return st;
    }
    if (extra)
        ov__occ_mark_polyline(occ, extra, nextra, 2.0 * v->s);
    return OV_OK;
}

ov_status
ov__legend_auto(ov__view *v, ov__legend *lg, const char *const *texts,
                size_t n, double x, double y, double w, double h,
                const double *extra, size_t nextra)
{
    lg->box = ov__box_empty();
    lg->n = 0;
    if (n == 0)
        return OV_OK;
    ov__occ occ;
    ov_status st = view_occ(v, &occ, extra, nextra);
    if (st)
        return st;
    ov__legend_place(v, lg, texts, n, x, y, w, h, &occ);
    ov__occ_free(&occ);
    return st;
}

ov_status
ov__legend_auto_regions(ov__view *v, ov__legend *lg,
                        const char *const *texts, size_t n,
                        const ov__box *reg, size_t nreg, const double *extra,
                        size_t nextra, int *count)
{
    *count = 0;
    lg->box = ov__box_empty();
    lg->n = 0;
    if (n == 0)
        return OV_OK;
    ov__occ occ;
    ov_status st = view_occ(v, &occ, extra, nextra);
    if (st)
        return st;
    st = ov__legend_place_regions(v, lg, texts, n, reg, nreg, &occ, count);
    ov__occ_free(&occ);
    return st;
}

void
ov__legend_sample(const ov__legend *lg, size_t i, double *x, double *y)
{
    *x = lg->box.x0 + lg->pad + 0.5 * lg->sample;
    *y = lg->box.y0 + lg->pad + lg->row_h * (i + 0.5);
}

ov__box
ov__legend_dirty(const ov__legend *lg, double s)
{
    ov__box b = lg->box;
    if (!ov__box_is_empty(&b)) {
        ov__box_add(&b, b.x0, b.y0, 2.0 * s);
        ov__box_add(&b, b.x1, b.y1, 2.0 * s);
    }
    return b;
}

/* kind: 0 line with a dot, 1 dot only, 2 line only, 3 dashed line only,
 * 4 dotted line only, 5 line cased as the trails (entry i is series i:
 * v->casing[i]; a white line shows on the light legend box) with a dot, 6 no sample (the view draws
 * its own at ov__legend_sample()). */
void
ov__legend_draw(const ov__view *v, ov__pen *pn, const ov__legend *lg,
                const char *const *texts, const uint32_t *colors,
                const int *kind)
{
    if (ov__box_is_empty(&lg->box))
        return;
    cairo_t *cr = pn->cr;
    const ov__box *b = &lg->box;
    double s = v->s;
    ov__rounded_box(cr, b, 4.0 * s, v->tc.legend_bg, v->tc.legend_alpha,
                    v->tc.legend_edge, 1.0 * s);
    for (size_t i = 0; i < lg->n; i++) {
        double y = b->y0 + lg->pad + lg->row_h * (i + 0.5);
        double x = b->x0 + lg->pad;
        int k = kind ? kind[i] : 0;
        if (k == 6) {
            /* the view's own sample */
        } else if (k != 1) {
            cairo_new_path(cr);
            cairo_move_to(cr, x, y);
            cairo_line_to(cr, x + lg->sample, y);
            if (k == 5) {
                ov__stroke_cased(cr, colors[i], 1.6 * s, v->casing[i],
                                 3.0 * s);
            } else {
                ov__set_rgb(cr, colors[i], 1.0);
                cairo_set_line_width(cr, 2.0 * s);
                if (k == 3 || k == 4) {
                    ov__set_dash(cr, k == 3 ? OV__DASHED : OV__DOTTED, s,
                                 0.0);
                    cairo_stroke(cr);
                    ov__set_dash(cr, OV__SOLID, s, 0.0);
                } else {
                    cairo_stroke(cr);
                }
            }
        }
        if (k == 0 || k == 1 || k == 5)
            ov__circle(cr, x + 0.5 * lg->sample, y, 4.0 * s, colors[i],
                       k == 5 ? v->casing[i] : OV__BLACK, 1.0 * s);
        ov__text(pn, lg->cut[i] ? lg->txt[i] : texts[i], lg->text_x, y,
                 lg->fs, 0.0, 0.0, v->tc.text, 1.0);
    }
}
