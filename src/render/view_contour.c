/*
 * scene.c: the 2-D contour figure: layout, background, trails, overlay.
 *
 * Layering and the frame protocol are described in scene_private.h.  All
 * drawing goes through a "pen" so the same code paints the raster layers
 * and the vector surfaces; on SVG the pen collects text as <text> elements
 * because cairo 1.16's SVG surface would turn it into glyph outlines.
 *
 * Bands are filled as stacked sub-level sets {z >= level} in painter's
 * order (no conflation seams, exact band colours inside, anti-aliased
 * edges), from rings traced by contour.c on a grid of about one node per
 * two pixels.  Contour lines are the traced polylines of every few band
 * boundaries, dashed, with labels placed along them where they collide with
 * nothing else (other labels, trails, markers, the legend), and the line
 * broken under each label.
 */
#include <cairo.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optviz/loss.h"
#include "optviz/render.h"
#include "optviz/run.h"
#include "core/alloc_private.h"
#include "render/contour.h"
#include "render/draw.h"
#include "render/render_private.h"
#include "render/views.h"

#define MAX_LINES 32
#define MAX_LABELS 96
#define MAX_TICKS 64
#define OCC_CELL 4

/* ---- the scene ----------------------------------------------------------- */

typedef struct series {
    const ov_trajectory *t;
    uint32_t color;
    size_t nrows;          /* leading finite rows */
    double *p;             /* pixel position of each row */
    double *a;             /* gradient arrow tip of each row (pixels) */
    unsigned char *dot;    /* row gets a point marker */
    int diverged;
    char label[200];       /* static legend text */
} series;

typedef struct clabel {
    size_t line, chain;
    double arc, half_gap;  /* where along the chain, and the gap */
    double x, y, ang;
    uint32_t color;
    char text[40];
} clabel;

struct ov__cview {
    int W, H;
    double s;                    /* size scale against 800x600 */
    double fs_tick, fs_label, fs_title, fs_clabel, fs_legend;
    ov__theme_colors tc;
    ov_arrows arrows;
    long trail;
    int cmap;

    double x0, x1, y0, y1;       /* data limits */
    double px, py, pw, ph;       /* plot rectangle (pixels) */
    double cbx, cbw;             /* colorbar x and width (0: none) */

    const ov_loss *loss;
    char name[96], xname[64], yname[64], zname[64];
    int data_loss;

    size_t gnx, gny;
    double *z;                   /* transformed field */
    ov__zmap zm;
    double zstep;
    size_t nb;                   /* bands */
    double *bound;               /* nb + 1 boundaries */
    uint32_t *band;              /* nb colours */

    size_t nlines;
    size_t line_bound[MAX_LINES];  /* boundary index of each line */
    ov__contour lines[MAX_LINES];  /* in pixels */
    size_t nlabels;
    clabel labels[MAX_LABELS];

    double xt[MAX_TICKS], yt[MAX_TICKS], xstep, ystep;
    size_t nxt, nyt;
    double cbt[MAX_TICKS];
    char cbl[MAX_TICKS][32];
    size_t ncbt;

    size_t nmin;
    double minp[32];             /* minima in pixels */
    size_t nstart;
    double startp[2 * OV_MAX_SERIES];

    size_t n;
    series se[OV_MAX_SERIES];
    long last_step;

    char static_title[256];      /* empty: live title */
    int has_title, legend_on;
    ov__box legend;                  /* empty when no legend */
    double legend_col_live;      /* x where the live column ends */
    double legend_text_x;

    /* occupancy of the plot for label placement (OCC_CELL px cells) */
    int ow, oh;
    unsigned char *occ;

    /* raster layers */
    int raster;
    cairo_surface_t *bg, *trails, *frame, *scratch;
    cairo_t *cr_trails, *cr_frame, *meas;
    ov_image img;
    long drawn;                  /* last step drawn on trails, -1 none */
    long first_kept;             /* first row kept with --trail */
    ov__box over_old[OV_MAX_SERIES + 2];
    char title_text[256];
    char legend_text[OV_MAX_SERIES][64];
};

/* ---- coordinates ---------------------------------------------------------- */

static double
to_px(const ov__cview *sc, double x)
{
    return sc->px + (x - sc->x0) / (sc->x1 - sc->x0) * sc->pw;
}

static double
to_py(const ov__cview *sc, double y)
{
    return sc->py + sc->ph - (y - sc->y0) / (sc->y1 - sc->y0) * sc->ph;
}

static double
grid_px(const ov__cview *sc, double gx)
{
    return sc->px + gx * sc->pw / (double)(sc->gnx - 1);
}

static double
grid_py(const ov__cview *sc, double gy)
{
    return sc->py + sc->ph - gy * sc->ph / (double)(sc->gny - 1);
}

/* ---- occupancy grid for label placement -------------------------------- */

static void
occ_mark_box(ov__cview *sc, ov__box b)
{
    int i0 = (int)floor(b.x0 / OCC_CELL), i1 = (int)floor(b.x1 / OCC_CELL);
    int j0 = (int)floor(b.y0 / OCC_CELL), j1 = (int)floor(b.y1 / OCC_CELL);
    if (i0 < 0) i0 = 0;
    if (j0 < 0) j0 = 0;
    if (i1 >= sc->ow) i1 = sc->ow - 1;
    if (j1 >= sc->oh) j1 = sc->oh - 1;
    for (int j = j0; j <= j1; j++)
        for (int i = i0; i <= i1; i++)
            sc->occ[j * sc->ow + i] = 1;
}

static int
occ_free(const ov__cview *sc, ov__box b)
{
    int i0 = (int)floor(b.x0 / OCC_CELL), i1 = (int)floor(b.x1 / OCC_CELL);
    int j0 = (int)floor(b.y0 / OCC_CELL), j1 = (int)floor(b.y1 / OCC_CELL);
    if (i0 < 0 || j0 < 0 || i1 >= sc->ow || j1 >= sc->oh)
        return 0;
    for (int j = j0; j <= j1; j++)
        for (int i = i0; i <= i1; i++)
            if (sc->occ[j * sc->ow + i])
                return 0;
    return 1;
}

static int
occ_count(const ov__cview *sc, ov__box b)
{
    int n = 0;
    int i0 = (int)floor(b.x0 / OCC_CELL), i1 = (int)floor(b.x1 / OCC_CELL);
    int j0 = (int)floor(b.y0 / OCC_CELL), j1 = (int)floor(b.y1 / OCC_CELL);
    if (i0 < 0) i0 = 0;
    if (j0 < 0) j0 = 0;
    if (i1 >= sc->ow) i1 = sc->ow - 1;
    if (j1 >= sc->oh) j1 = sc->oh - 1;
    for (int j = j0; j <= j1; j++)
        for (int i = i0; i <= i1; i++)
            n += sc->occ[j * sc->ow + i];
    return n;
}

/* Marks the cells along a segment, @p pad pixels wide on each side. */
static void
occ_mark_segment(ov__cview *sc, double xa, double ya, double xb, double yb,
                 double pad)
{
    double len = hypot(xb - xa, yb - ya);
    if (!isfinite(len))
        return;
    if (len > 4.0 * (sc->W + sc->H))
        return;   /* far outside: clipped away anyway */
    int n = (int)(len / 2.0) + 1;
    for (int k = 0; k <= n; k++) {
        double t = (double)k / n;
        double x = xa + (xb - xa) * t, y = ya + (yb - ya) * t;
        ov__box b = { x - pad, y - pad, x + pad, y + pad };
        if (x > -pad && y > -pad && x < sc->W + pad && y < sc->H + pad)
            occ_mark_box(sc, b);
    }
}

/* Liang-Barsky: clips (a)-(b) to @p r; 0 when nothing is left. */

static ov__box
plot_box(const ov__cview *sc, double grow)
{
    ov__box b = { sc->px - grow, sc->py - grow, sc->px + sc->pw + grow,
              sc->py + sc->ph + grow };
    return b;
}

/* ---- trails: one row at a time ------------------------------------------ */

static double
dot_r(const ov__cview *sc)
{
    return 2.3 * sc->s;
}

static void
draw_dot(const ov__cview *sc, cairo_t *cr, const series *se, size_t k)
{
    double x = se->p[2 * k], y = se->p[2 * k + 1];
    if (fabs(x) > 1e6 || fabs(y) > 1e6)
        return;
    ov__circle(cr, x, y, dot_r(sc), se->color, OV__BLACK, 0.7 * sc->s);
}

static void draw_cross(const ov__cview *sc, cairo_t *cr, const series *se,
                       double x, double y, ov__box *bb);

/*
 * Draws row @p k of @p se: the segment from row k-1 (with its point marker
 * drawn again on top of the new segment), the marker of row k, its arrow,
 * and the divergence cross.  Rows before @p first are out of the --trail
 * window: the previous segment is only stroked again when its row is kept,
 * or it would outlive its row (removing a row restores the background
 * under that row's own box only).  Grows @p bb by what was drawn.
 */
static void
draw_row(const ov__cview *sc, cairo_t *cr, const series *se, size_t k,
         size_t first, ov__box *bb)
{
    double s = sc->s, lw = 1.6 * s, pad = lw + dot_r(sc) + 2.0;
    ov__box lim = plot_box(sc, 50.0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    if (k > 0) {
        double xa = se->p[2 * k - 2], ya = se->p[2 * k - 1];
        double xb = se->p[2 * k], yb = se->p[2 * k + 1];
        double cxa = xa, cya = ya, cxb = xb, cyb = yb;
        if (ov__clip_segment(lim, &cxa, &cya, &cxb, &cyb)) {
            /* A dark outline keeps the trail readable on every colormap;
             * the previous segment's colour is stroked again so the new
             * outline does not notch the joint. */
            cairo_new_path(cr);
            cairo_move_to(cr, cxa, cya);
            cairo_line_to(cr, cxb, cyb);
            ov__set_rgb(cr, OV__BLACK, 1.0);
            cairo_set_line_width(cr, lw + 1.4 * s);
            cairo_stroke(cr);
            ov__set_rgb(cr, se->color, 1.0);
            cairo_set_line_width(cr, lw);
            /* A stroke of its own: one path with both segments would be
             * rasterized as one polygon, and cairo's coverage of a pixel
             * can then depend on the other segment's edges on the same
             * scanline, so the new segment would look different once its
             * predecessor leaves the --trail window. */
            if (k > 1 && k > first) {
                double pxa = se->p[2 * k - 4], pya = se->p[2 * k - 3];
                double pxb = xa, pyb = ya;
                if (ov__clip_segment(lim, &pxa, &pya, &pxb, &pyb)) {
                    cairo_move_to(cr, pxa, pya);
                    cairo_line_to(cr, pxb, pyb);
                    cairo_stroke(cr);
                    ov__box_add(bb, pxa, pya, pad);
                    ov__box_add(bb, pxb, pyb, pad);
                }
            }
            cairo_new_path(cr);
            cairo_move_to(cr, cxa, cya);
            cairo_line_to(cr, cxb, cyb);
            cairo_stroke(cr);
            ov__box_add(bb, cxa, cya, pad);
            ov__box_add(bb, cxb, cyb, pad);
            double hs = 7.0 * s;
            if (sc->arrows == OV_ARROWS_STEP && cxb == xb && cyb == yb &&
                hypot(xb - xa, yb - ya) > 1.5 * hs)
                ov__arrow_head(cr, xa, ya, xb, yb, hs);
            if (se->dot[k - 1])
                draw_dot(sc, cr, se, k - 1);
        }
    }
    double x = se->p[2 * k], y = se->p[2 * k + 1];
    int visible = x > lim.x0 && x < lim.x1 && y > lim.y0 && y < lim.y1;
    if (se->dot[k] && visible) {
        draw_dot(sc, cr, se, k);
        ov__box_add(bb, x, y, pad);
    }
    if (sc->arrows == OV_ARROWS_GRADIENT) {
        double xa = x, ya = y, xb = se->a[2 * k], yb = se->a[2 * k + 1];
        double len = hypot(xb - xa, yb - ya), hs = 6.0 * s;
        /* Stop short of the tip so a point marker there (plain gradient
         * descent lands exactly on it) leaves the head visible. */
        double cut = dot_r(sc) + 0.8 * s;
        if (len > cut + hs) {
            xb -= (xb - xa) / len * cut;
            yb -= (yb - ya) / len * cut;
            len -= cut;
        }
        double tipx = xb, tipy = yb;
        if (len > 0.5 && ov__clip_segment(lim, &xa, &ya, &xb, &yb)) {
            ov__set_rgb(cr, se->color, 1.0);
            cairo_new_path(cr);
            cairo_move_to(cr, xa, ya);
            cairo_line_to(cr, xb, yb);
            cairo_set_line_width(cr, 1.2 * s);
            cairo_stroke(cr);
            if (xb == tipx && yb == tipy && len > 1.2 * hs)
                ov__arrow_head(cr, xa, ya, xb, yb, hs);
            ov__box_add(bb, xa, ya, hs + 2.0);
            ov__box_add(bb, xb, yb, hs + 2.0);
        }
    }
    if (se->diverged && k + 1 == se->nrows && visible)
        draw_cross(sc, cr, se, x, y, bb);
}

/* The divergence cross at (x, y). */
static void
draw_cross(const ov__cview *sc, cairo_t *cr, const series *se, double x,
           double y, ov__box *bb)
{
    double s = sc->s, r = 6.0 * s;
    cairo_new_path(cr);
    cairo_move_to(cr, x - r, y - r);
    cairo_line_to(cr, x + r, y + r);
    cairo_move_to(cr, x - r, y + r);
    cairo_line_to(cr, x + r, y - r);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    ov__set_rgb(cr, OV__BLACK, 1.0);
    cairo_set_line_width(cr, 4.2 * s);
    cairo_stroke_preserve(cr);
    ov__set_rgb(cr, se->color, 1.0);
    cairo_set_line_width(cr, 2.2 * s);
    cairo_stroke(cr);
    ov__box_add(bb, x, y, r + 4.0 * s);
}

static size_t
row_at(const series *se, long step)
{
    if (step < 0)
        return 0;
    return (size_t)step < se->nrows ? (size_t)step : se->nrows - 1;
}

/* First row kept at @p step under --trail. */
static size_t
first_row(const ov__cview *sc, const series *se, long step)
{
    size_t r = row_at(se, step);
    if (sc->trail > 0 && (long)r + 1 > sc->trail)
        return r + 1 - (size_t)sc->trail;
    return 0;
}

/* Draws rows (from, to] of every series, step-major, leaving out rows that
 * are out of the --trail window of step @p win. */
static void
draw_rows(const ov__cview *sc, cairo_t *cr, long from, long to, long win,
          ov__box *bb)
{
    for (long k = from + 1; k <= to; k++) {
        for (size_t i = 0; i < sc->n; i++) {
            const series *se = &sc->se[i];
            if ((size_t)k >= se->nrows)
                continue;
            size_t first = first_row(sc, se, win);
            if ((size_t)k < first)
                continue;
            ov__box b = ov__box_empty();
            draw_row(sc, cr, se, (size_t)k, first, &b);
            if (bb && !ov__box_is_empty(&b)) {
                ov__box_add(bb, b.x0, b.y0, 0.0);
                ov__box_add(bb, b.x1, b.y1, 0.0);
            }
        }
    }
}

/*
 * The trails of a vector still: each series as one outlined polyline and
 * one path of point markers, not a few paths per step (the default SVG
 * was 371 KB of them).  Series are drawn one after the other, so where
 * two cross the later one is on top along its whole length.
 */
static void
draw_trails_vector(const ov__cview *sc, cairo_t *cr, long step)
{
    double s = sc->s, lw = 1.6 * s;
    ov__box lim = plot_box(sc, 50.0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t i = 0; i < sc->n; i++) {
        const series *se = &sc->se[i];
        size_t first = first_row(sc, se, step), last = row_at(se, step);
        double lx = NAN, ly = NAN;
        cairo_new_path(cr);
        for (size_t k = first > 0 ? first : 1; k <= last; k++) {
            double xa = se->p[2 * k - 2], ya = se->p[2 * k - 1];
            double xb = se->p[2 * k], yb = se->p[2 * k + 1];
            if (!ov__clip_segment(lim, &xa, &ya, &xb, &yb))
                continue;
            if (xa != lx || ya != ly)
                cairo_move_to(cr, xa, ya);
            cairo_line_to(cr, xb, yb);
            lx = xb;
            ly = yb;
        }
        ov__set_rgb(cr, OV__BLACK, 1.0);
        cairo_set_line_width(cr, lw + 1.4 * s);
        cairo_stroke_preserve(cr);
        ov__set_rgb(cr, se->color, 1.0);
        cairo_set_line_width(cr, lw);
        cairo_stroke(cr);
        ov__box none = ov__box_empty();
        double hs = 7.0 * s;
        for (size_t k = first > 0 ? first : 1;
             sc->arrows == OV_ARROWS_STEP && k <= last; k++) {
            double xa = se->p[2 * k - 2], ya = se->p[2 * k - 1];
            double xb = se->p[2 * k], yb = se->p[2 * k + 1];
            double cxa = xa, cya = ya, cxb = xb, cyb = yb;
            if (ov__clip_segment(lim, &cxa, &cya, &cxb, &cyb) && cxb == xb &&
                cyb == yb && hypot(xb - xa, yb - ya) > 1.5 * hs)
                ov__arrow_head(cr, xa, ya, xb, yb, hs);
        }
        /* Markers: those draw_row() draws (the first kept segment's start
         * too), in one path. */
        cairo_new_path(cr);
        for (size_t k = first > 0 ? first - 1 : 0; k <= last; k++) {
            double x = se->p[2 * k], y = se->p[2 * k + 1];
            if (!se->dot[k] || fabs(x) > 1e6 || fabs(y) > 1e6)
                continue;
            if (!(x > lim.x0 && x < lim.x1 && y > lim.y0 && y < lim.y1))
                continue;
            cairo_new_sub_path(cr);
            cairo_arc(cr, x, y, dot_r(sc), 0.0, 2.0 * M_PI);
        }
        cairo_fill_preserve(cr);
        ov__set_rgb(cr, OV__BLACK, 1.0);
        cairo_set_line_width(cr, 0.7 * s);
        cairo_stroke(cr);
        if (sc->arrows == OV_ARROWS_GRADIENT) {
            for (size_t k = first; k <= last; k++) {
                double x = se->p[2 * k], y = se->p[2 * k + 1];
                double xa = x, ya = y, xb = se->a[2 * k], yb = se->a[2 * k + 1];
                double len = hypot(xb - xa, yb - ya), ah = 6.0 * s;
                double cut = dot_r(sc) + 0.8 * s;
                if (len > cut + ah) {
                    xb -= (xb - xa) / len * cut;
                    yb -= (yb - ya) / len * cut;
                    len -= cut;
                }
                double tipx = xb, tipy = yb;
                if (len > 0.5 && ov__clip_segment(lim, &xa, &ya, &xb, &yb)) {
                    ov__set_rgb(cr, se->color, 1.0);
                    cairo_new_path(cr);
                    cairo_move_to(cr, xa, ya);
                    cairo_line_to(cr, xb, yb);
                    cairo_set_line_width(cr, 1.2 * s);
                    cairo_stroke(cr);
                    if (xb == tipx && yb == tipy && len > 1.2 * ah)
                        ov__arrow_head(cr, xa, ya, xb, yb, ah);
                }
            }
        }
        double x = se->p[2 * last], y = se->p[2 * last + 1];
        if (se->diverged && last + 1 == se->nrows && x > lim.x0 &&
            x < lim.x1 && y > lim.y0 && y < lim.y1)
            draw_cross(sc, cr, se, x, y, &none);
    }
}

/* ---- overlay: current points, live title, legend ------------------------ */

static void
live_title(const ov__cview *sc, long step, char *buf, size_t size)
{
    if (sc->has_title) {
        buf[0] = '\0';
        return;
    }
    if (sc->n == 1 && sc->data_loss) {
        const series *se = &sc->se[0];
        const ov_traj_row *r = &se->t->rows[row_at(se, step)];
        char e[32];
        ov__format_sig(e, sizeof e, r->loss, 4);
        snprintf(buf, size, "Epoch: %ld, Error: %s", r->epoch, e);
    } else {
        snprintf(buf, size, "%s: Iteration %ld", sc->name, step);
    }
}

static double
title_y(const ov__cview *sc)
{
    return sc->py * 0.5;
}

static void
legend_live(const ov__cview *sc, size_t i, long step, char *buf, size_t size)
{
    const series *se = &sc->se[i];
    size_t r = row_at(se, step);
    if (se->diverged && (long)r + 1 >= (long)se->nrows && step >= se->t->diverged_at)
        snprintf(buf, size, "diverged at step %ld", se->t->diverged_at);
    else
        ov__format_sig(buf, size, se->t->rows[r].loss, 4);
}

static double
legend_row_h(const ov__cview *sc)
{
    return 1.45 * sc->fs_legend;
}

static void
draw_legend(const ov__cview *sc, ov__pen *pn, long step)
{
    if (ov__box_is_empty(&sc->legend))
        return;
    cairo_t *cr = pn->cr;
    const ov__box *b = &sc->legend;
    double s = sc->s, rad = 4.0 * s;
    cairo_new_path(cr);
    cairo_arc(cr, b->x0 + rad, b->y0 + rad, rad, M_PI, 1.5 * M_PI);
    cairo_arc(cr, b->x1 - rad, b->y0 + rad, rad, 1.5 * M_PI, 2.0 * M_PI);
    cairo_arc(cr, b->x1 - rad, b->y1 - rad, rad, 0.0, 0.5 * M_PI);
    cairo_arc(cr, b->x0 + rad, b->y1 - rad, rad, 0.5 * M_PI, M_PI);
    cairo_close_path(cr);
    ov__set_rgb(cr, sc->tc.legend_bg, sc->tc.legend_alpha);
    cairo_fill_preserve(cr);
    ov__set_rgb(cr, sc->tc.legend_edge, 1.0);
    cairo_set_line_width(cr, 1.0 * s);
    cairo_stroke(cr);
    double rh = legend_row_h(sc), pad = 0.6 * sc->fs_legend;
    for (size_t i = 0; i < sc->n; i++) {
        const series *se = &sc->se[i];
        double y = b->y0 + pad + rh * (i + 0.5);
        double x = b->x0 + pad;
        double len = 2.2 * sc->fs_legend;
        cairo_new_path(cr);
        cairo_move_to(cr, x, y);
        cairo_line_to(cr, x + len, y);
        ov__set_rgb(cr, OV__BLACK, 1.0);
        cairo_set_line_width(cr, 3.0 * s);
        cairo_stroke_preserve(cr);
        ov__set_rgb(cr, se->color, 1.0);
        cairo_set_line_width(cr, 1.6 * s);
        cairo_stroke(cr);
        ov__circle(cr, x + 0.5 * len, y, 4.0 * s, se->color, OV__BLACK, 1.2 * s);
        ov__text(pn, se->label, sc->legend_text_x, y, sc->fs_legend, 0.0, 0.0,
             sc->tc.text, 1.0);
        char live[64];
        legend_live(sc, i, step, live, sizeof live);
        ov__text(pn, live, sc->legend_col_live, y, sc->fs_legend, 0.0, 1.0,
             sc->tc.text, 1.0);
    }
}

static double
marker_r(const ov__cview *sc)
{
    return 5.5 * sc->s;
}

static void
draw_marker(const ov__cview *sc, cairo_t *cr, const series *se, long step)
{
    size_t r = row_at(se, step);
    double x = se->p[2 * r], y = se->p[2 * r + 1];
    ov__box lim = plot_box(sc, 20.0);
    if (!(x > lim.x0 && x < lim.x1 && y > lim.y0 && y < lim.y1))
        return;
    ov__circle(cr, x, y, marker_r(sc), se->color, OV__BLACK, 1.6 * sc->s);
}

static ov__box
marker_box(const ov__cview *sc, const series *se, long step)
{
    size_t r = row_at(se, step);
    ov__box b = ov__box_empty();
    double x = se->p[2 * r], y = se->p[2 * r + 1];
    ov__box lim = plot_box(sc, 20.0);
    if (x > lim.x0 && x < lim.x1 && y > lim.y0 && y < lim.y1)
        ov__box_add(&b, x, y, marker_r(sc) + 2.0 * sc->s + 1.0);
    return b;
}

/* Minima and current points (clipped to the plot), title, legend. */
static void
draw_overlay(const ov__cview *sc, ov__pen *pn, long step)
{
    cairo_t *cr = pn->cr;
    cairo_save(cr);
    cairo_rectangle(cr, sc->px, sc->py, sc->pw, sc->ph);
    cairo_clip(cr);
    /* The minima go above the trails (which converge on them) and under
     * the current points. */
    for (size_t i = 0; i < sc->nmin; i++)
        ov__star(cr, sc->minp[2 * i], sc->minp[2 * i + 1], 8.0 * sc->s, sc->s);
    for (size_t i = 0; i < sc->n; i++)
        draw_marker(sc, cr, &sc->se[i], step);
    cairo_restore(cr);
    char t[256];
    live_title(sc, step, t, sizeof t);
    if (t[0])
        ov__text(pn, t, sc->px + 0.5 * sc->pw, title_y(sc), sc->fs_title, 0.0,
             0.5, sc->tc.text, 1.0);
    draw_legend(sc, pn, step);
}

/* ---- background -------------------------------------------------------- */

/* Vector output keeps only the points of a contour that matter at this
 * distance (pixels): the marching grid gives one every ~2 px, which made
 * the default SVG half a megabyte. */
#define SIMPLIFY_TOL 0.1

static double
seg_dist2(double x, double y, double xa, double ya, double xb, double yb)
{
    double dx = xb - xa, dy = yb - ya, L = dx * dx + dy * dy;
    double t = L > 0.0 ? ((x - xa) * dx + (y - ya) * dy) / L : 0.0;
    t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
    double ex = xa + t * dx - x, ey = ya + t * dy - y;
    return ex * ex + ey * ey;
}

/*
 * Douglas-Peucker over the points xy[0..n-1] (pixels), with xy[n] standing
 * for xy[0] when @p closed: sets keep[k] for the points that keep the
 * polyline within @p tol of the original.  @return 0 without memory (then
 * every point is kept).
 */
static int
simplify(const double *xy, size_t n, int closed, double tol,
         unsigned char *keep)
{
    size_t m = n + (closed ? 1 : 0);
    memset(keep, 0, n);
    if (m < 3) {
        memset(keep, 1, n);
        return 1;
    }
    size_t *stack = ov__malloc3(m, 2 * sizeof *stack, 1);
    if (!stack) {
        memset(keep, 1, n);
        return 0;
    }
    keep[0] = 1;
    keep[(m - 1) % n] = 1;
    size_t top = 0;
    stack[top++] = 0;
    stack[top++] = m - 1;
    while (top) {
        size_t j = stack[--top], i = stack[--top];
        if (j <= i + 1)
            continue;
        double xa = xy[2 * (i % n)], ya = xy[2 * (i % n) + 1];
        double xb = xy[2 * (j % n)], yb = xy[2 * (j % n) + 1];
        double best = -1.0;
        size_t at = i;
        for (size_t k = i + 1; k < j; k++) {
            double d = seg_dist2(xy[2 * k], xy[2 * k + 1], xa, ya, xb, yb);
            if (d > best) {
                best = d;
                at = k;
            }
        }
        if (best > tol * tol) {
            keep[at] = 1;
            stack[top++] = i;
            stack[top++] = at;
            stack[top++] = at;
            stack[top++] = j;
        }
    }
    ov__free(stack);
    return 1;
}

static void
ring_path(const ov__cview *sc, cairo_t *cr, const ov__contour *c,
          const ov__chain *ch)
{
    const double *p = c->xy + 2 * ch->first;
    double *xy = sc->raster ? NULL : ov__malloc3(ch->n, 2 * sizeof *xy, 1);
    unsigned char *keep = xy ? ov__malloc(ch->n) : NULL;
    if (keep) {
        for (size_t k = 0; k < ch->n; k++) {
            xy[2 * k] = grid_px(sc, p[2 * k]);
            xy[2 * k + 1] = grid_py(sc, p[2 * k + 1]);
        }
        simplify(xy, ch->n, 1, SIMPLIFY_TOL, keep);
        cairo_move_to(cr, xy[0], xy[1]);
        for (size_t k = 1; k < ch->n; k++)
            if (keep[k])
                cairo_line_to(cr, xy[2 * k], xy[2 * k + 1]);
    } else {
        cairo_move_to(cr, grid_px(sc, p[0]), grid_py(sc, p[1]));
        for (size_t k = 1; k < ch->n; k++)
            cairo_line_to(cr, grid_px(sc, p[2 * k]), grid_py(sc, p[2 * k + 1]));
    }
    cairo_close_path(cr);
    ov__free(keep);
    ov__free(xy);
}

static ov_status
draw_bands(const ov__cview *sc, cairo_t *cr)
{
    ov__contour reg = { 0 };
    ov_status st = OV_OK;
    cairo_save(cr);
    cairo_rectangle(cr, sc->px, sc->py, sc->pw, sc->ph);
    cairo_clip(cr);
    ov__set_rgb(cr, sc->band[0], 1.0);
    cairo_paint(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    for (size_t i = 1; i < sc->nb && !st; i++) {
        ov__contour_reset(&reg);
        st = ov__contour_region(sc->z, sc->gnx, sc->gny, sc->bound[i], &reg);
        if (st || reg.nchains == 0)
            continue;
        cairo_new_path(cr);
        for (size_t c = 0; c < reg.nchains; c++)
            if (reg.chains[c].n >= 3)
                ring_path(sc, cr, &reg, &reg.chains[c]);
        ov__set_rgb(cr, sc->band[i], 1.0);
        cairo_fill(cr);
    }
    cairo_restore(cr);
    ov__contour_free(&reg);
    return st;
}

/* Arc length positions of a chain (closed chains get the return leg). */
static double
chain_len(const ov__contour *c, const ov__chain *ch)
{
    const double *p = c->xy + 2 * ch->first;
    double L = 0.0;
    size_t n = ch->n + (ch->closed ? 1 : 0);
    for (size_t k = 1; k < n; k++) {
        size_t a = k - 1, b = k % ch->n;
        L += hypot(p[2 * b] - p[2 * a], p[2 * b + 1] - p[2 * a + 1]);
    }
    return L;
}

/* Point at arc length @p t along the chain. */
static void
chain_at(const ov__contour *c, const ov__chain *ch, double t, double *x,
         double *y)
{
    const double *p = c->xy + 2 * ch->first;
    size_t n = ch->n + (ch->closed ? 1 : 0);
    double acc = 0.0;
    for (size_t k = 1; k < n; k++) {
        size_t a = k - 1, b = k % ch->n;
        double d = hypot(p[2 * b] - p[2 * a], p[2 * b + 1] - p[2 * a + 1]);
        if (acc + d >= t || k + 1 == n) {
            double f = d > 0.0 ? (t - acc) / d : 0.0;
            f = f < 0.0 ? 0.0 : f > 1.0 ? 1.0 : f;
            *x = p[2 * a] + (p[2 * b] - p[2 * a]) * f;
            *y = p[2 * a + 1] + (p[2 * b + 1] - p[2 * a + 1]) * f;
            return;
        }
        acc += d;
    }
    *x = p[0];
    *y = p[1];
}

/* Strokes a chain leaving out arc intervals gaps[2k]..gaps[2k+1]. */
/* @p keep (may be NULL: every point) leaves out the points that
 * simplify() dropped; the gaps stay where they are on the full chain. */
static void
stroke_chain(cairo_t *cr, const ov__contour *c, const ov__chain *ch,
             const double *gaps, size_t ngaps, const unsigned char *keep)
{
    const double *p = c->xy + 2 * ch->first;
    size_t n = ch->n + (ch->closed ? 1 : 0);
    double acc = 0.0;
    int pen_down = 0;
    cairo_new_path(cr);
    for (size_t k = 0; k < n; k++) {
        size_t b = k % ch->n;
        double xb = p[2 * b], yb = p[2 * b + 1];
        if (k == 0) {
            int in_gap = 0;
            for (size_t g = 0; g < ngaps; g++)
                if (0.0 >= gaps[2 * g] && 0.0 <= gaps[2 * g + 1])
                    in_gap = 1;
            if (!in_gap) {
                cairo_move_to(cr, xb, yb);
                pen_down = 1;
            }
            continue;
        }
        size_t a = k - 1;
        double xa = p[2 * a], ya = p[2 * a + 1];
        double d = hypot(xb - xa, yb - ya);
        /* Split this segment at gap boundaries inside it. */
        double t0 = acc, t1 = acc + d;
        double cuts[8];
        size_t nc = 0;
        for (size_t g = 0; g < ngaps && nc + 2 <= 8; g++) {
            if (gaps[2 * g] > t0 && gaps[2 * g] < t1)
                cuts[nc++] = gaps[2 * g];
            if (gaps[2 * g + 1] > t0 && gaps[2 * g + 1] < t1)
                cuts[nc++] = gaps[2 * g + 1];
        }
        for (size_t i = 1; i < nc; i++)      /* few cuts: insertion sort */
            for (size_t j = i; j > 0 && cuts[j] < cuts[j - 1]; j--) {
                double tmp = cuts[j];
                cuts[j] = cuts[j - 1];
                cuts[j - 1] = tmp;
            }
        for (size_t i = 0; i <= nc; i++) {
            double te = i < nc ? cuts[i] : t1;
            double f = d > 0.0 ? (te - t0) / d : 1.0;
            double x = xa + (xb - xa) * f, y = ya + (yb - ya) * f;
            /* State after te: inside a gap? */
            double probe = i < nc ? te + 1e-9 : t1;
            int in_gap = 0;
            for (size_t g = 0; g < ngaps; g++)
                if (probe > gaps[2 * g] && probe < gaps[2 * g + 1])
                    in_gap = 1;
            if (pen_down && (i < nc || !keep || keep[b] || k + 1 == n))
                cairo_line_to(cr, x, y);
            if (in_gap) {
                pen_down = 0;
            } else if (!pen_down) {
                cairo_move_to(cr, x, y);
                pen_down = 1;
            }
        }
        acc = t1;
    }
    cairo_stroke(cr);
}

static void
draw_lines(const ov__cview *sc, ov__pen *pn)
{
    cairo_t *cr = pn->cr;
    double s = sc->s;
    double dash[2] = { 4.0 * s, 3.0 * s };
    cairo_save(cr);
    cairo_rectangle(cr, sc->px, sc->py, sc->pw, sc->ph);
    cairo_clip(cr);
    cairo_set_dash(cr, dash, 2, 0.0);
    cairo_set_line_width(cr, 1.0 * s);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    ov__set_rgb(cr, sc->tc.line, sc->tc.line_alpha);
    for (size_t l = 0; l < sc->nlines; l++) {
        const ov__contour *c = &sc->lines[l];
        for (size_t k = 0; k < c->nchains; k++) {
            double gaps[2 * 8];
            size_t ng = 0;
            double L = chain_len(c, &c->chains[k]);
            for (size_t q = 0; q < sc->nlabels && ng + 2 <= 8; q++) {
                const clabel *lb = &sc->labels[q];
                if (lb->line != l || lb->chain != k)
                    continue;
                double g0 = lb->arc - lb->half_gap, g1 = lb->arc + lb->half_gap;
                gaps[2 * ng] = g0;
                gaps[2 * ng + 1] = g1;
                ng++;
                if (c->chains[k].closed && g0 < 0.0) {
                    gaps[2 * ng] = g0 + L;
                    gaps[2 * ng + 1] = L + 1.0;
                    ng++;
                }
                if (c->chains[k].closed && g1 > L) {
                    gaps[2 * ng] = -1.0;
                    gaps[2 * ng + 1] = g1 - L;
                    ng++;
                }
            }
            const ov__chain *ch = &c->chains[k];
            unsigned char *keep = sc->raster ? NULL : ov__malloc(ch->n);
            if (keep)
                simplify(c->xy + 2 * ch->first, ch->n, ch->closed,
                         SIMPLIFY_TOL, keep);
            stroke_chain(cr, c, ch, gaps, ng, keep);
            ov__free(keep);
        }
    }
    cairo_restore(cr);
    for (size_t q = 0; q < sc->nlabels; q++) {
        const clabel *lb = &sc->labels[q];
        ov__text(pn, lb->text, lb->x, lb->y, sc->fs_clabel, lb->ang, 0.5,
             lb->color, 1.0);
    }
}

static void
draw_axes(const ov__cview *sc, ov__pen *pn)
{
    cairo_t *cr = pn->cr;
    double s = sc->s, tl = 5.0 * s;
    uint32_t ax = sc->tc.axis, tx = sc->tc.text;
    char buf[48];
    cairo_set_dash(cr, NULL, 0, 0.0);
    ov__set_rgb(cr, ax, 1.0);
    /* A whole-pixel frame just outside the plot area. */
    double fw = s < 1.5 ? 1.0 : round(s), h = 0.5 * fw;
    cairo_set_line_width(cr, fw);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_rectangle(cr, sc->px - h, sc->py - h, sc->pw + fw, sc->ph + fw);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1.0 * s);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (size_t i = 0; i < sc->nxt; i++) {
        double x = to_px(sc, sc->xt[i]);
        cairo_move_to(cr, x, sc->py + sc->ph);
        cairo_line_to(cr, x, sc->py + sc->ph + tl);
    }
    for (size_t i = 0; i < sc->nyt; i++) {
        double y = to_py(sc, sc->yt[i]);
        cairo_move_to(cr, sc->px, y);
        cairo_line_to(cr, sc->px - tl, y);
    }
    cairo_stroke(cr);
    for (size_t i = 0; i < sc->nxt; i++) {
        ov__format_tick(buf, sizeof buf, sc->xt[i], sc->xstep);
        ov__text(pn, buf, to_px(sc, sc->xt[i]),
             sc->py + sc->ph + tl + 3.0 * s + 0.6 * sc->fs_tick, sc->fs_tick,
             0.0, 0.5, tx, 1.0);
    }
    for (size_t i = 0; i < sc->nyt; i++) {
        ov__format_tick(buf, sizeof buf, sc->yt[i], sc->ystep);
        ov__text(pn, buf, sc->px - tl - 3.0 * s, to_py(sc, sc->yt[i]),
             sc->fs_tick, 0.0, 1.0, tx, 1.0);
    }
    ov__text(pn, sc->xname, sc->px + 0.5 * sc->pw,
         sc->py + sc->ph + tl + 3.0 * s + 1.2 * sc->fs_tick + 6.0 * s +
         0.5 * sc->fs_label, sc->fs_label, 0.0, 0.5, tx, 1.0);
    ov__text(pn, sc->yname, 8.0 * s + 0.55 * sc->fs_label,
         sc->py + 0.5 * sc->ph, sc->fs_label, -M_PI / 2.0, 0.5, tx, 1.0);
}

static void
draw_colorbar(const ov__cview *sc, ov__pen *pn)
{
    if (sc->cbw <= 0.0)
        return;
    cairo_t *cr = pn->cr;
    double s = sc->s, tl = 4.0 * s;
    double lo = sc->bound[0], hi = sc->bound[sc->nb];
    for (size_t i = 0; i < sc->nb; i++) {
        double y0 = sc->py + sc->ph - (sc->bound[i] - lo) / (hi - lo) * sc->ph;
        double y1 = sc->py + sc->ph - (sc->bound[i + 1] - lo) / (hi - lo) * sc->ph;
        /* Each band overlaps the next by its own colour's seam-free edge. */
        cairo_rectangle(cr, sc->cbx, y1, sc->cbw, y0 - y1 + (i ? 0.5 : 0.0));
        ov__set_rgb(cr, sc->band[i], 1.0);
        cairo_fill(cr);
    }
    ov__set_rgb(cr, sc->tc.axis, 1.0);
    double fw = s < 1.5 ? 1.0 : round(s), h = 0.5 * fw;
    cairo_set_line_width(cr, fw);
    cairo_rectangle(cr, sc->cbx - h, sc->py - h, sc->cbw + fw, sc->ph + fw);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1.0 * s);
    for (size_t i = 0; i < sc->ncbt; i++) {
        double y = sc->py + sc->ph - (sc->cbt[i] - lo) / (hi - lo) * sc->ph;
        cairo_move_to(cr, sc->cbx + sc->cbw, y);
        cairo_line_to(cr, sc->cbx + sc->cbw + tl, y);
    }
    cairo_stroke(cr);
    double maxw = 0.0;
    for (size_t i = 0; i < sc->ncbt; i++) {
        double y = sc->py + sc->ph - (sc->cbt[i] - lo) / (hi - lo) * sc->ph;
        ov__text(pn, sc->cbl[i], sc->cbx + sc->cbw + tl + 3.0 * s, y,
             sc->fs_tick, 0.0, 0.0, sc->tc.text, 1.0);
        double w = ov__text_width(sc->meas, sc->cbl[i], sc->fs_tick);
        if (w > maxw)
            maxw = w;
    }
    char name[96];
    if (sc->zm.kind == OV_ZSCALE_LOG)
        snprintf(name, sizeof name, "%s (log scale)", sc->zname);
    else if (sc->zm.kind == OV_ZSCALE_SQRT)
        snprintf(name, sizeof name, "%s (sqrt scale)", sc->zname);
    else
        snprintf(name, sizeof name, "%s", sc->zname);
    ov__text(pn, name, sc->cbx + sc->cbw + tl + 3.0 * s + maxw + 6.0 * s +
         0.55 * sc->fs_label, sc->py + 0.5 * sc->ph, sc->fs_label, -M_PI / 2.0,
         0.5, sc->tc.text, 1.0);
}

static void
draw_static_markers(const ov__cview *sc, cairo_t *cr)
{
    double s = sc->s;
    cairo_save(cr);
    cairo_rectangle(cr, sc->px, sc->py, sc->pw, sc->ph);
    cairo_clip(cr);
    for (size_t i = 0; i < sc->nstart; i++) {
        double x = sc->startp[2 * i], y = sc->startp[2 * i + 1], h = 4.5 * s;
        cairo_new_path(cr);
        cairo_rectangle(cr, x - h, y - h, 2.0 * h, 2.0 * h);
        ov__set_rgb(cr, OV__WHITE, 1.0);
        cairo_fill_preserve(cr);
        ov__set_rgb(cr, OV__BLACK, 1.0);
        cairo_set_line_width(cr, 1.4 * s);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}

static ov_status
draw_background(const ov__cview *sc, ov__pen *pn)
{
    cairo_t *cr = pn->cr;
    ov__set_rgb(cr, sc->tc.bg, 1.0);
    cairo_paint(cr);
    ov_status st = draw_bands(sc, cr);
    if (st)
        return st;
    draw_lines(sc, pn);
    draw_static_markers(sc, cr);
    draw_axes(sc, pn);
    draw_colorbar(sc, pn);
    if (sc->has_title)
        ov__text(pn, sc->static_title, sc->px + 0.5 * sc->pw, title_y(sc),
             sc->fs_title, 0.0, 0.5, sc->tc.text, 1.0);
    return cairo_status(cr) ? OV_ERR_RENDER : OV_OK;
}

/* ---- layout ------------------------------------------------------------ */

/* Leading rows of @p t with finite point and loss. */
static size_t
finite_rows(const ov_trajectory *t)
{
    size_t k = 0;
    while (k < t->n_rows && isfinite(t->rows[k].theta[0]) &&
           isfinite(t->rows[k].theta[1]) && isfinite(t->rows[k].loss))
        k++;
    return k;
}

ov_status
ov__limits2d(const ov_loss *loss, const ov_trajectory *const *trajs, size_t n,
             const ov_figure_spec *spec, double lim[4], ov_error *err)
{
    double xl[2], yl[2];
    ov_loss_domain(loss, xl, yl);
    double bx0 = xl[0], bx1 = xl[1], by0 = yl[0], by1 = yl[1];
    double wx = bx1 - bx0, wy = by1 - by0;
    double gx0 = bx0, gx1 = bx1, gy0 = by0, gy1 = by1;
    for (size_t i = 0; i < n; i++) {
        const ov_trajectory *t = trajs[i];
        size_t nr = finite_rows(t);
        int diverged = t->diverged_at >= 0 || nr < t->n_rows;
        for (size_t k = 0; k < nr; k++) {
            double x = t->rows[k].theta[0], y = t->rows[k].theta[1];
            /* A diverging run widens the view only near the domain. */
            if (diverged && (x < bx0 - wx || x > bx1 + wx ||
                             y < by0 - wy || y > by1 + wy))
                continue;
            if (x < gx0) gx0 = x;
            if (x > gx1) gx1 = x;
            if (y < gy0) gy0 = y;
            if (y > gy1) gy1 = y;
        }
    }
    double mx = 0.05 * (gx1 - gx0), my = 0.05 * (gy1 - gy0);
    if (gx0 < bx0) bx0 = gx0 - mx;
    if (gx1 > bx1) bx1 = gx1 + mx;
    if (gy0 < by0) by0 = gy0 - my;
    if (gy1 > by1) by1 = gy1 + my;
    if (spec->has_xlim) {
        bx0 = spec->xlim[0];
        bx1 = spec->xlim[1];
    }
    if (spec->has_ylim) {
        by0 = spec->ylim[0];
        by1 = spec->ylim[1];
    }
    if (!(isfinite(bx0) && isfinite(bx1) && bx1 > bx0)) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "xlim");
        return OV_ERR_INVALID_ARG;
    }
    if (!(isfinite(by0) && isfinite(by1) && by1 > by0)) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "ylim");
        return OV_ERR_INVALID_ARG;
    }
    lim[0] = bx0;
    lim[1] = bx1;
    lim[2] = by0;
    lim[3] = by1;
    return OV_OK;
}

static ov_status
choose_limits(ov__cview *sc, const ov_figure_spec *spec, ov_error *err)
{
    const ov_trajectory *tr[OV_MAX_SERIES];
    double lim[4];
    for (size_t i = 0; i < sc->n; i++)
        tr[i] = sc->se[i].t;
    ov_status st = ov__limits2d(sc->loss, tr, sc->n, spec, lim, err);
    if (st)
        return st;
    sc->x0 = lim[0];
    sc->x1 = lim[1];
    sc->y0 = lim[2];
    sc->y1 = lim[3];
    return OV_OK;
}

static ov_status
compute_field(ov__cview *sc, const ov_figure_spec *spec, ov_error *err)
{
    size_t nx = (size_t)(sc->pw / 2.0) + 1, ny = (size_t)(sc->ph / 2.0) + 1;
    nx = nx < 24 ? 24 : nx > 800 ? 800 : nx;
    ny = ny < 24 ? 24 : ny > 800 ? 800 : ny;
    sc->gnx = nx;
    sc->gny = ny;
    double *f = ov__malloc3(nx, ny, sizeof *f);
    sc->z = f;
    if (!f)
        return OV_ERR_NOMEM;
    ov_loss_eval_grid(sc->loss, sc->x0, sc->x1, nx, sc->y0, sc->y1, ny, f);
    double fmin = INFINITY, fmax = -INFINITY, fpos = INFINITY;
    for (size_t k = 0; k < nx * ny; k++) {
        if (!isfinite(f[k]))
            continue;
        if (f[k] < fmin) fmin = f[k];
        if (f[k] > fmax) fmax = f[k];
        if (f[k] > 0.0 && f[k] < fpos) fpos = f[k];
    }
    if (!(fmin <= fmax)) {
        ov__set_err(err, OV_ERR_NONFINITE, "loss on the plotted domain");
        return OV_ERR_NONFINITE;
    }
    for (size_t k = 0; k < nx * ny; k++)
        if (!isfinite(f[k]))
            f[k] = fmax;   /* overflow shows as the top band */
    ov__zmap *m = &sc->zm;
    m->kind = spec->zscale;
    if (m->kind == OV_ZSCALE_AUTO) {
        const char *hint = ov_loss_zscale_hint(sc->loss);
        m->kind = strcmp(hint, "log") == 0    ? OV_ZSCALE_LOG
                : strcmp(hint, "sqrt") == 0   ? OV_ZSCALE_SQRT
                                              : OV_ZSCALE_LINEAR;
    }
    m->shift = 0.0;
    m->floor = 0.0;
    if (m->kind == OV_ZSCALE_SQRT && fmin < 0.0)
        m->shift = fmin;
    if (m->kind == OV_ZSCALE_LOG) {
        if (fmin > 0.0) {
            m->floor = fmin;
        } else if (fmin == 0.0) {
            m->floor = fmax * 1e-7;
            if (isfinite(fpos) && fpos > m->floor)
                m->floor = fpos;
        } else {
            m->shift = fmin;
            m->floor = (fmax - fmin) * 1e-7;
        }
        if (!(m->floor > 0.0))
            m->floor = 1e-300;
    }
    double zlo = INFINITY, zhi = -INFINITY;
    for (size_t k = 0; k < nx * ny; k++) {
        double z = ov__z_of(m, f[k]);
        f[k] = z;
        if (z < zlo) zlo = z;
        if (z > zhi) zhi = z;
    }
    if (!(zhi > zlo))
        zhi = zlo + (fabs(zlo) > 0.0 ? fabs(zlo) * 1e-3 : 1.0);
    double tk[300], step;
    ov__ticks(zlo, zhi, spec->levels, tk, 300, &step);
    double b0 = floor(zlo / step + 1e-9) * step, b1 = ceil(zhi / step - 1e-9) * step;
    size_t nb = (size_t)llround((b1 - b0) / step);
    if (nb < 1)
        nb = 1;
    if (nb > 512)
        nb = 512;
    sc->nb = nb;
    sc->zstep = step;
    sc->bound = ov__malloc3(nb + 1, sizeof *sc->bound, 1);
    sc->band = ov__malloc3(nb, sizeof *sc->band, 1);
    if (!sc->bound || !sc->band)
        return OV_ERR_NOMEM;
    for (size_t i = 0; i <= nb; i++) {
        double v = b0 + (double)i * step;
        sc->bound[i] = fabs(v) < step * 1e-9 ? 0.0 : v;
    }
    for (size_t i = 0; i < nb; i++)
        sc->band[i] = ov__colormap_color(sc->cmap, nb > 1 ? (double)i / (nb - 1) : 0.5);
    return OV_OK;
}

static ov_status
trace_lines(ov__cview *sc)
{
    size_t inner = sc->nb > 1 ? sc->nb - 1 : 0;
    size_t m = (inner + 8) / 9;
    if (m < 1)
        m = 1;
    sc->nlines = 0;
    for (size_t i = 1; i < sc->nb && sc->nlines < MAX_LINES; i++) {
        long idx = lround(sc->bound[i] / sc->zstep);
        if (labs(idx) % (long)m != 0)
            continue;
        ov__contour *c = &sc->lines[sc->nlines];
        ov_status st = ov__contour_lines(sc->z, sc->gnx, sc->gny, sc->bound[i], c);
        if (st)
            return st;
        for (size_t k = 0; k < c->npts; k++) {
            c->xy[2 * k] = grid_px(sc, c->xy[2 * k]);
            c->xy[2 * k + 1] = grid_py(sc, c->xy[2 * k + 1]);
        }
        sc->line_bound[sc->nlines++] = i;
    }
    return OV_OK;
}

/* Band colour at pixel (x, y) from the field. */
static uint32_t
band_at(const ov__cview *sc, double x, double y)
{
    double gx = (x - sc->px) / sc->pw * (sc->gnx - 1);
    double gy = (sc->py + sc->ph - y) / sc->ph * (sc->gny - 1);
    long i = lround(gx), j = lround(gy);
    if (i < 0) i = 0;
    if (j < 0) j = 0;
    if (i >= (long)sc->gnx) i = (long)sc->gnx - 1;
    if (j >= (long)sc->gny) j = (long)sc->gny - 1;
    double z = sc->z[(size_t)j * sc->gnx + (size_t)i];
    size_t b = (size_t)floor((z - sc->bound[0]) / sc->zstep);
    if (b >= sc->nb)
        b = sc->nb - 1;
    return sc->band[b];
}

static void
place_labels(ov__cview *sc)
{
    double s = sc->s, fs = sc->fs_clabel;
    sc->nlabels = 0;
    for (size_t l = 0; l < sc->nlines; l++) {
        const ov__contour *c = &sc->lines[l];
        double zl = sc->bound[sc->line_bound[l]];
        char txt[40];
        if (sc->zm.kind == OV_ZSCALE_LINEAR)
            ov__format_tick(txt, sizeof txt, zl, sc->zstep);
        else
            ov__format_sig(txt, sizeof txt, ov__f_of(&sc->zm, zl), 3);
        double tw = ov__text_width(sc->meas, txt, fs), half = 0.5 * tw + 3.0 * s;
        int placed_here = 0;
        for (size_t k = 0; k < c->nchains && sc->nlabels < MAX_LABELS; k++) {
            const ov__chain *ch = &c->chains[k];
            double L = chain_len(c, ch);
            if (L < 2.5 * tw + 20.0 * s || placed_here >= 3)
                continue;
            double best_score = -1.0, bx = 0, by = 0, bang = 0, barc = 0;
            ov__box bbest = ov__box_empty();
            for (double t = half + 2.0; t < L - half - 2.0; t += 6.0 * s) {
                double xa, ya, xb, yb, x, y;
                chain_at(c, ch, t - half, &xa, &ya);
                chain_at(c, ch, t + half, &xb, &yb);
                chain_at(c, ch, t, &x, &y);
                double chord = hypot(xb - xa, yb - ya);
                if (chord < 0.9 * 2.0 * half)
                    continue;          /* too curved here */
                double ang = atan2(yb - ya, xb - xa);
                if (ang > M_PI / 2.0) ang -= M_PI;
                if (ang < -M_PI / 2.0) ang += M_PI;
                double ca = fabs(cos(ang)), sa = fabs(sin(ang));
                double hw = half * ca + 0.55 * fs * sa;
                double hh = half * sa + 0.55 * fs * ca;
                ov__box b = { x - hw, y - hh, x + hw, y + hh };
                if (b.x0 < sc->px + 2 || b.x1 > sc->px + sc->pw - 2 ||
                    b.y0 < sc->py + 2 || b.y1 > sc->py + sc->ph - 2)
                    continue;
                if (!occ_free(sc, b))
                    continue;
                /* Prefer places far from other labels and the border. */
                double dmin = 1e9;
                for (size_t q = 0; q < sc->nlabels; q++) {
                    double d = hypot(sc->labels[q].x - x, sc->labels[q].y - y);
                    if (d < dmin) dmin = d;
                }
                double edge = fmin(fmin(b.x0 - sc->px, sc->px + sc->pw - b.x1),
                                   fmin(b.y0 - sc->py, sc->py + sc->ph - b.y1));
                double score = fmin(dmin, 4.0 * edge + 40.0 * s);
                if (score > best_score) {
                    best_score = score;
                    bx = x;
                    by = y;
                    bang = ang;
                    barc = t;
                    bbest = b;
                }
            }
            if (best_score < 0.0)
                continue;
            clabel *lb = &sc->labels[sc->nlabels++];
            lb->line = l;
            lb->chain = k;
            lb->arc = barc;
            lb->half_gap = half;
            lb->x = bx;
            lb->y = by;
            lb->ang = bang;
            lb->color = ov__luminance(band_at(sc, bx, by)) > 110.0 ? 0x000000 : 0xFFFFFF;
            snprintf(lb->text, sizeof lb->text, "%s", txt);
            ov__box pad = { bbest.x0 - 6 * s, bbest.y0 - 6 * s, bbest.x1 + 6 * s,
                        bbest.y1 + 6 * s };
            occ_mark_box(sc, pad);
            placed_here++;
        }
    }
}

static void
colorbar_ticks(ov__cview *sc)
{
    double lo = sc->bound[0], hi = sc->bound[sc->nb];
    double cand[MAX_TICKS], step = 1.0;
    size_t nc = 0;
    int target = (int)(sc->ph / (2.2 * sc->fs_tick));
    if (target < 2)
        target = 2;
    if (target > 10)
        target = 10;
    const ov__zmap *m = &sc->zm;
    if (m->kind == OV_ZSCALE_LINEAR) {
        nc = ov__ticks(lo, hi, target, cand, MAX_TICKS, &step);
    } else if (m->kind == OV_ZSCALE_LOG && hi - lo >= 2.0) {
        double t[MAX_TICKS];
        size_t n = ov__ticks(lo, hi, target, t, MAX_TICKS, &step);
        for (size_t i = 0; i < n; i++)
            if (fabs(t[i] - round(t[i])) < 1e-9)
                cand[nc++] = round(t[i]);
        step = 1.0;
    } else {
        double t[MAX_TICKS];
        size_t n = ov__ticks(ov__f_of(m, lo), ov__f_of(m, hi), target, t, MAX_TICKS, &step);
        for (size_t i = 0; i < n; i++) {
            if (m->kind == OV_ZSCALE_LOG && t[i] - m->shift <= m->floor)
                continue;
            cand[nc++] = ov__z_of(m, t[i]);
        }
    }
    sc->ncbt = 0;
    double last_y = INFINITY;
    for (size_t i = 0; i < nc; i++) {
        double y = sc->py + sc->ph - (cand[i] - lo) / (hi - lo) * sc->ph;
        if (fabs(last_y - y) < 1.3 * sc->fs_tick)
            continue;
        last_y = y;
        size_t k = sc->ncbt++;
        sc->cbt[k] = cand[i];
        if (m->kind == OV_ZSCALE_LINEAR)
            ov__format_tick(sc->cbl[k], sizeof sc->cbl[k], cand[i], step);
        else if (m->kind == OV_ZSCALE_LOG && step == 1.0 && hi - lo >= 2.0)
            ov__format_sig(sc->cbl[k], sizeof sc->cbl[k], ov__f_of(m, cand[i]), 3);
        else
            ov__format_tick(sc->cbl[k], sizeof sc->cbl[k], ov__f_of(m, cand[i]), step);
    }
}

static void
series_setup(ov__cview *sc, const ov_figure_spec *spec)
{
    uint32_t col[OV_MAX_SERIES];
    const ov_trajectory *tr[OV_MAX_SERIES];
    for (size_t i = 0; i < sc->n; i++)
        tr[i] = sc->se[i].t;
    ov__series_colors(tr, sc->n, spec, col);
    for (size_t i = 0; i < sc->n; i++) {
        sc->se[i].color = col[i];
        ov__series_label(sc->se[i].t, sc->se[i].label, sizeof sc->se[i].label);
    }
}

static ov_status
series_pixels(ov__cview *sc)
{
    for (size_t i = 0; i < sc->n; i++) {
        series *se = &sc->se[i];
        se->p = ov__malloc3(se->nrows, 2, sizeof *se->p);
        se->a = ov__malloc3(se->nrows, 2, sizeof *se->a);
        se->dot = ov__calloc(se->nrows, 1);
        if (!se->p || !se->a || !se->dot)
            return OV_ERR_NOMEM;
        double lastx = INFINITY, lasty = INFINITY;
        for (size_t k = 0; k < se->nrows; k++) {
            const ov_traj_row *r = &se->t->rows[k];
            double x = to_px(sc, r->theta[0]), y = to_py(sc, r->theta[1]);
            se->p[2 * k] = x;
            se->p[2 * k + 1] = y;
            double lr = se->t->config.lr;
            se->a[2 * k] = to_px(sc, r->theta[0] - lr * r->grad[0]);
            se->a[2 * k + 1] = to_py(sc, r->theta[1] - lr * r->grad[1]);
            /* Point markers thin out where the trail crawls. */
            if (hypot(x - lastx, y - lasty) >= 3.0 * sc->s || k + 1 == se->nrows) {
                se->dot[k] = 1;
                lastx = x;
                lasty = y;
            }
        }
    }
    return OV_OK;
}

static void
mark_trails(ov__cview *sc)
{
    double pad = 3.0 * sc->s;
    for (size_t i = 0; i < sc->n; i++) {
        const series *se = &sc->se[i];
        for (size_t k = 0; k < se->nrows; k++) {
            if (k > 0)
                occ_mark_segment(sc, se->p[2 * k - 2], se->p[2 * k - 1],
                                 se->p[2 * k], se->p[2 * k + 1], pad);
            else
                occ_mark_segment(sc, se->p[0], se->p[1], se->p[0], se->p[1],
                                 marker_r(sc) + pad);
            if (sc->arrows == OV_ARROWS_GRADIENT)
                occ_mark_segment(sc, se->p[2 * k], se->p[2 * k + 1],
                                 se->a[2 * k], se->a[2 * k + 1], pad);
        }
        size_t r = se->nrows - 1;
        occ_mark_segment(sc, se->p[2 * r], se->p[2 * r + 1], se->p[2 * r],
                         se->p[2 * r + 1], marker_r(sc) + pad);
    }
    for (size_t i = 0; i < sc->nmin; i++) {
        double x = sc->minp[2 * i], y = sc->minp[2 * i + 1], r = 10.0 * sc->s;
        ov__box b = { x - r, y - r, x + r, y + r };
        occ_mark_box(sc, b);
    }
}

static void
layout_legend(ov__cview *sc)
{
    sc->legend = ov__box_empty();
    if (!sc->legend_on || sc->n == 0)
        return;
    double fs = sc->fs_legend, pad = 0.6 * fs, s = sc->s;
    double wl = 0.0, wv = ov__text_width(sc->meas, "\xE2\x88\x92" "8.888e-88", fs);
    int any_div = 0;
    for (size_t i = 0; i < sc->n; i++) {
        double w = ov__text_width(sc->meas, sc->se[i].label, fs);
        if (w > wl) wl = w;
        any_div |= sc->se[i].diverged;
    }
    if (any_div) {
        char t[64];
        long mx = 0;
        for (size_t i = 0; i < sc->n; i++)
            if (sc->se[i].t->diverged_at > mx)
                mx = sc->se[i].t->diverged_at;
        snprintf(t, sizeof t, "diverged at step %ld", mx);
        double w = ov__text_width(sc->meas, t, fs);
        if (w > wv) wv = w;
    }
    double sample = 2.2 * fs;
    double w = pad + sample + 0.6 * fs + wl + 1.2 * fs + wv + pad;
    double h = 2.0 * pad + legend_row_h(sc) * sc->n;
    double m = 8.0 * s;
    /* The corner with the least trail under it; upper right on ties. */
    double cx[4] = { sc->px + sc->pw - m - w, sc->px + m, sc->px + sc->pw - m - w,
                     sc->px + m };
    double cy[4] = { sc->py + m, sc->py + m, sc->py + sc->ph - m - h,
                     sc->py + sc->ph - m - h };
    int best = 0, bestn = -1;
    for (int k = 0; k < 4; k++) {
        ov__box b = { cx[k], cy[k], cx[k] + w, cy[k] + h };
        int n = occ_count(sc, b);
        if (bestn < 0 || n < bestn) {
            bestn = n;
            best = k;
        }
    }
    ov__box b = { cx[best], cy[best], cx[best] + w, cy[best] + h };
    sc->legend = b;
    sc->legend_text_x = b.x0 + pad + sample + 0.6 * fs;
    sc->legend_col_live = b.x1 - pad;
    ov__box pb = { b.x0 - 4 * s, b.y0 - 4 * s, b.x1 + 4 * s, b.y1 + 4 * s };
    occ_mark_box(sc, pb);
}

static ov_status
layout(ov__cview *sc, const ov_figure_spec *spec, ov_error *err)
{
    double s = sc->s;
    double tl = 5.0 * s;
    /* Ticks depend on the plot size and the margins on the tick labels:
     * one estimate, then the real thing. */
    double left = 70.0 * s, right = spec->colorbar ? 110.0 * s : 20.0 * s;
    double top = 10.0 * s + 1.2 * sc->fs_title + 10.0 * s;
    double bottom = tl + 3.0 * s + 1.2 * sc->fs_tick + 6.0 * s + 1.1 * sc->fs_label + 8.0 * s;
    if (!sc->has_title && sc->static_title[0] == '\0' && 0)
        top = 12.0 * s;
    char buf[48];
    for (int pass = 0; pass < 2; pass++) {
        /* Whole pixels, so the frame and the band edges are crisp. */
        sc->px = ceil(left);
        sc->py = ceil(top);
        sc->pw = floor(sc->W - right) - sc->px;
        sc->ph = floor(sc->H - bottom) - sc->py;
        if (sc->pw < 20.0 || sc->ph < 20.0) {
            ov__set_err(err, OV_ERR_INVALID_ARG, "size too small for the figure");
            return OV_ERR_INVALID_ARG;
        }
        int tx = (int)(sc->pw / (90.0 * s)), ty = (int)(sc->ph / (60.0 * s));
        sc->nxt = ov__ticks(sc->x0, sc->x1, tx < 2 ? 2 : tx, sc->xt, MAX_TICKS, &sc->xstep);
        sc->nyt = ov__ticks(sc->y0, sc->y1, ty < 2 ? 2 : ty, sc->yt, MAX_TICKS, &sc->ystep);
        double wy = 0.0;
        for (size_t i = 0; i < sc->nyt; i++) {
            ov__format_tick(buf, sizeof buf, sc->yt[i], sc->ystep);
            double w = ov__text_width(sc->meas, buf, sc->fs_tick);
            if (w > wy) wy = w;
        }
        left = 8.0 * s + 1.1 * sc->fs_label + 6.0 * s + wy + 3.0 * s + tl;
        if (pass == 0 && spec->colorbar) {
            /* The colorbar labels need the field; estimate their width
             * from the widest plausible label. */
            right = 16.0 * s + 18.0 * s + 4.0 * s + 3.0 * s +
                    ov__text_width(sc->meas, "0.000e+00", sc->fs_tick) * 0.8 + 6.0 * s +
                    1.1 * sc->fs_label + 8.0 * s;
        }
        /* the last x tick label may hang over the right edge */
        double wx = 0.0;
        if (sc->nxt) {
            ov__format_tick(buf, sizeof buf, sc->xt[sc->nxt - 1], sc->xstep);
            wx = 0.5 * ov__text_width(sc->meas, buf, sc->fs_tick);
        }
        if (!spec->colorbar && right < wx + 6.0 * s)
            right = wx + 6.0 * s;
    }
    if (spec->colorbar) {
        sc->cbw = round(18.0 * s);
        sc->cbx = floor(sc->px + sc->pw + 16.0 * s);
    }
    return OV_OK;
}

/* Final colorbar geometry once its labels are known: shrink the plot if
 * they do not fit. */
static void
fit_colorbar(ov__cview *sc)
{
    if (sc->cbw <= 0.0)
        return;
    double s = sc->s, maxw = 0.0;
    for (size_t i = 0; i < sc->ncbt; i++) {
        double w = ov__text_width(sc->meas, sc->cbl[i], sc->fs_tick);
        if (w > maxw) maxw = w;
    }
    double need = 16.0 * s + sc->cbw + 4.0 * s + 3.0 * s + maxw + 6.0 * s +
                  1.1 * sc->fs_label + 8.0 * s;
    double have = sc->W - (sc->px + sc->pw);
    (void)have;
    sc->pw = floor(sc->W - need) - sc->px;
    sc->cbx = floor(sc->px + sc->pw + 16.0 * s);
}

static void
scene_free_geometry(ov__cview *sc)
{
    ov__free(sc->z);
    ov__free(sc->bound);
    ov__free(sc->band);
    for (size_t l = 0; l < MAX_LINES; l++)
        ov__contour_free(&sc->lines[l]);
    for (size_t i = 0; i < sc->n; i++) {
        ov__free(sc->se[i].p);
        ov__free(sc->se[i].a);
        ov__free(sc->se[i].dot);
    }
    ov__free(sc->occ);
}

void
ov__cview_destroy(ov__cview *sc)
{
    if (!sc)
        return;
    scene_free_geometry(sc);
    if (sc->cr_trails) cairo_destroy(sc->cr_trails);
    if (sc->cr_frame) cairo_destroy(sc->cr_frame);
    if (sc->meas) cairo_destroy(sc->meas);
    if (sc->bg) cairo_surface_destroy(sc->bg);
    if (sc->trails) cairo_surface_destroy(sc->trails);
    if (sc->frame) cairo_surface_destroy(sc->frame);
    if (sc->scratch) cairo_surface_destroy(sc->scratch);
    ov__free(sc);
}

static ov_status
check_spec(const ov_figure_spec *spec, const ov_loss *loss, size_t n,
           const ov_trajectory *const *trajs, int *cmap, ov_error *err)
{
    if (!spec || !loss || (n && !trajs)) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "");
        return OV_ERR_INVALID_ARG;
    }
    if (spec->width < 64 || spec->height < 48) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "size");
        return OV_ERR_INVALID_ARG;
    }
    if ((double)spec->width * spec->height > (double)OV_MAX_PIXELS ||
        spec->width > 32767 || spec->height > 32767) {
        ov__set_err(err, OV_ERR_TOO_LARGE, "size");
        return OV_ERR_TOO_LARGE;
    }
    if (n > OV_MAX_SERIES) {
        ov__set_err(err, OV_ERR_TOO_LARGE, "optimizers");
        return OV_ERR_TOO_LARGE;
    }
    if (spec->levels < 2 || spec->levels > 256) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "levels");
        return OV_ERR_INVALID_ARG;
    }
    if (spec->zscale < OV_ZSCALE_LINEAR || spec->zscale > OV_ZSCALE_AUTO) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "zscale");
        return OV_ERR_INVALID_ARG;
    }
    *cmap = ov__colormap_find(spec->colormap ? spec->colormap : "viridis");
    if (*cmap < 0) {
        ov__set_err(err, OV_ERR_NOT_FOUND, spec->colormap);
        return OV_ERR_NOT_FOUND;
    }
    if (spec->view != OV_VIEW_AUTO && spec->view != OV_VIEW_CONTOUR) {
        ov__set_err(err, OV_ERR_UNSUPPORTED, "view");
        return OV_ERR_UNSUPPORTED;
    }
    if (ov_loss_dim(loss) != 2) {
        ov__set_err(err, OV_ERR_UNSUPPORTED, "contour view of a 1-D loss");
        return OV_ERR_UNSUPPORTED;
    }
    for (size_t i = 0; i < n; i++) {
        if (!trajs[i] || trajs[i]->n_rows < 1 || !trajs[i]->rows) {
            ov__set_err(err, OV_ERR_INVALID_ARG, "trajectory");
            return OV_ERR_INVALID_ARG;
        }
    }
    return OV_OK;
}

static ov_status
scene_build(ov__cview **out, const ov_loss *loss,
            const ov_trajectory *const *trajs, size_t n,
            const ov_figure_spec *spec, int raster, ov_error *err)
{
    int cmap;
    *out = NULL;
    ov_status st = check_spec(spec, loss, n, trajs, &cmap, err);
    if (st)
        return st;
    ov__cview *sc = ov__calloc(1, sizeof *sc);
    if (!sc)
        return OV_ERR_NOMEM;
    sc->raster = raster;
    sc->W = spec->width;
    sc->H = spec->height;
    double s = fmin(sc->W / 800.0, sc->H / 600.0);
    sc->s = s < 0.5 ? 0.5 : s > 4.0 ? 4.0 : s;
    sc->fs_tick = 12.0 * sc->s;
    sc->fs_label = 14.0 * sc->s;
    sc->fs_title = 16.0 * sc->s;
    sc->fs_clabel = 11.0 * sc->s;
    sc->fs_legend = 12.0 * sc->s;
    sc->tc = *ov__theme(spec->theme);
    sc->arrows = spec->arrows;
    sc->trail = spec->trail;
    sc->cmap = cmap;
    sc->loss = loss;
    sc->legend_on = spec->legend;
    sc->drawn = -1;
    sc->data_loss = ov_loss_dataset(loss) != NULL;
    const char *xn = "x", *yn = "y", *zn = "f";
    ov_loss_axis_names(loss, &xn, &yn, &zn);
    ov__clean_utf8(sc->name, sizeof sc->name, ov_loss_name(loss) ? ov_loss_name(loss) : "");
    ov__clean_utf8(sc->xname, sizeof sc->xname, xn ? xn : "x");
    ov__clean_utf8(sc->yname, sizeof sc->yname, yn ? yn : "y");
    ov__clean_utf8(sc->zname, sizeof sc->zname, zn ? zn : "f");
    if (spec->title && spec->title[0]) {
        ov__clean_utf8(sc->static_title, sizeof sc->static_title, spec->title);
        sc->has_title = 1;
    }

    sc->scratch = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 8, 8);
    sc->meas = cairo_create(sc->scratch);
    if (cairo_status(sc->meas)) {
        ov__cview_destroy(sc);
        return OV_ERR_RENDER;
    }

    sc->n = n;
    for (size_t i = 0; i < n; i++) {
        series *se = &sc->se[i];
        se->t = trajs[i];
        size_t k = 0;
        while (k < trajs[i]->n_rows && isfinite(trajs[i]->rows[k].theta[0]) &&
               isfinite(trajs[i]->rows[k].theta[1]) &&
               isfinite(trajs[i]->rows[k].loss))
            k++;
        if (k == 0) {
            ov__set_err(err, OV_ERR_NONFINITE, trajs[i]->label);
            ov__cview_destroy(sc);
            return OV_ERR_NONFINITE;
        }
        se->nrows = k;
        se->diverged = trajs[i]->diverged_at >= 0 || k < trajs[i]->n_rows;
        if ((long)k - 1 > sc->last_step)
            sc->last_step = (long)k - 1;
    }
    series_setup(sc, spec);

    if ((st = choose_limits(sc, spec, err)) ||
        (st = layout(sc, spec, err))) {
        ov__cview_destroy(sc);
        return st;
    }
    /* The field first (colorbar labels need it), then the final width. */
    if ((st = compute_field(sc, spec, err))) {
        ov__cview_destroy(sc);
        return st;
    }
    if (spec->colorbar) {
        colorbar_ticks(sc);
        double pw = sc->pw;
        fit_colorbar(sc);
        if (sc->pw != pw) {
            /* The grid follows the plot width; resample. */
            ov__free(sc->z);
            ov__free(sc->bound);
            ov__free(sc->band);
            sc->z = NULL;
            sc->bound = NULL;
            sc->band = NULL;
            int tx = (int)(sc->pw / (90.0 * sc->s));
            sc->nxt = ov__ticks(sc->x0, sc->x1, tx < 2 ? 2 : tx, sc->xt,
                                MAX_TICKS, &sc->xstep);
            if ((st = compute_field(sc, spec, err))) {
                ov__cview_destroy(sc);
                return st;
            }
            colorbar_ticks(sc);
        }
    }
    if ((st = trace_lines(sc)) || (st = series_pixels(sc))) {
        ov__cview_destroy(sc);
        return st;
    }
    /* Minima and distinct start points, in pixels. */
    const double *mins = NULL;
    size_t nm = ov_loss_minima(loss, &mins);
    for (size_t i = 0; i < nm && sc->nmin < 16; i++) {
        sc->minp[2 * sc->nmin] = to_px(sc, mins[2 * i]);
        sc->minp[2 * sc->nmin + 1] = to_py(sc, mins[2 * i + 1]);
        sc->nmin++;
    }
    for (size_t i = 0; i < n; i++) {
        double x = sc->se[i].p[0], y = sc->se[i].p[1];
        int dup = 0;
        for (size_t k = 0; k < sc->nstart; k++)
            if (hypot(sc->startp[2 * k] - x, sc->startp[2 * k + 1] - y) < 1.0)
                dup = 1;
        if (!dup) {
            sc->startp[2 * sc->nstart] = x;
            sc->startp[2 * sc->nstart + 1] = y;
            sc->nstart++;
        }
    }
    sc->ow = sc->W / OCC_CELL + 1;
    sc->oh = sc->H / OCC_CELL + 1;
    sc->occ = ov__calloc((size_t)sc->ow * sc->oh, 1);
    if (!sc->occ) {
        ov__cview_destroy(sc);
        return OV_ERR_NOMEM;
    }
    mark_trails(sc);
    layout_legend(sc);
    place_labels(sc);

    if (raster) {
        sc->bg = cairo_image_surface_create(CAIRO_FORMAT_RGB24, sc->W, sc->H);
        sc->trails = cairo_image_surface_create(CAIRO_FORMAT_RGB24, sc->W, sc->H);
        sc->frame = cairo_image_surface_create(CAIRO_FORMAT_RGB24, sc->W, sc->H);
        if (cairo_surface_status(sc->bg) || cairo_surface_status(sc->trails) ||
            cairo_surface_status(sc->frame)) {
            ov__cview_destroy(sc);
            return OV_ERR_NOMEM;
        }
        cairo_t *cr = cairo_create(sc->bg);
        ov__pen pn = { cr, NULL };
        st = draw_background(sc, &pn);
        if (!st && cairo_status(cr))
            st = OV_ERR_RENDER;
        cairo_destroy(cr);
        cairo_surface_flush(sc->bg);
        if (st) {
            ov__cview_destroy(sc);
            return st;
        }
        sc->cr_trails = cairo_create(sc->trails);
        sc->cr_frame = cairo_create(sc->frame);
        sc->img.width = sc->W;
        sc->img.height = sc->H;
        sc->img.stride = (size_t)cairo_image_surface_get_stride(sc->frame);
        sc->img.px = (uint32_t *)cairo_image_surface_get_data(sc->frame);
    }
    *out = sc;
    return OV_OK;
}

ov_status
ov__cview_create(ov__cview **out, const ov_loss *loss,
                 const ov_trajectory *const *trajs, size_t n,
                 const ov_figure_spec *spec, ov_error *err)
{
    return scene_build(out, loss, trajs, n, spec, 1, err);
}

ov_status
ov__cview_create_vector(ov__cview **out, const ov_loss *loss,
                        const ov_trajectory *const *trajs, size_t n,
                        const ov_figure_spec *spec, ov_error *err)
{
    return scene_build(out, loss, trajs, n, spec, 0, err);
}

long
ov__cview_last_step(const ov__cview *sc)
{
    return sc->last_step;
}

const ov_image *
ov__cview_image(const ov__cview *sc)
{
    return sc->raster ? &sc->img : NULL;
}

void
ov__cview_plot_area(const ov__cview *sc, int *x, int *y, int *w, int *h)
{
    *x = (int)sc->px;
    *y = (int)sc->py;
    *w = (int)sc->pw;
    *h = (int)sc->ph;
}

void
ov__cview_to_pixel(const ov__cview *sc, double x, double y, double *px,
                   double *py)
{
    *px = to_px(sc, x);
    *py = to_py(sc, y);
}

uint32_t
ov__cview_band_color(const ov__cview *sc, double f)
{
    double z = ov__z_of(&sc->zm, f);
    double b = floor((z - sc->bound[0]) / sc->zstep);
    if (!(b >= 0.0))
        b = 0.0;
    if (b >= (double)sc->nb)
        b = (double)sc->nb - 1;
    return sc->band[(size_t)b];
}

size_t
ov__cview_bands(const ov__cview *sc, const double **bound)
{
    *bound = sc->bound;
    return sc->nb;
}

uint32_t
ov__cview_series_color(const ov__cview *sc, size_t i)
{
    return i < sc->n ? sc->se[i].color : 0;
}

/* ---- frames ------------------------------------------------------------ */

static ov_rect
to_rect(const ov__cview *sc, ov__box b)
{
    ov_rect r = { 0, 0, 0, 0 };
    if (ov__box_is_empty(&b))
        return r;
    int x0 = (int)floor(b.x0), y0 = (int)floor(b.y0);
    int x1 = (int)ceil(b.x1), y1 = (int)ceil(b.y1);
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > sc->W) x1 = sc->W;
    if (y1 > sc->H) y1 = sc->H;
    if (x1 <= x0 || y1 <= y0)
        return r;
    r.x = x0;
    r.y = y0;
    r.w = x1 - x0;
    r.h = y1 - y0;
    return r;
}

static int
rect_touch(ov_rect a, ov_rect b)
{
    return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h &&
           b.y <= a.y + a.h;
}

static ov_rect
rect_union(ov_rect a, ov_rect b)
{
    int x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
    int x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
    ov_rect r = { x0, y0, x1 - x0, y1 - y0 };
    return r;
}

/* Adds @p r to the list, merging with any rectangle it touches. */
static void
rects_add(ov_rect *list, size_t *n, size_t cap, ov_rect r)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    for (;;) {
        size_t k;
        for (k = 0; k < *n; k++)
            if (rect_touch(list[k], r))
                break;
        if (k == *n)
            break;
        r = rect_union(r, list[k]);
        list[k] = list[--*n];
    }
    if (*n < cap) {
        list[(*n)++] = r;
        return;
    }
    for (size_t k = 0; k < *n; k++)
        r = rect_union(r, list[k]);
    list[0] = r;
    *n = 1;
}

static void
copy_rect(cairo_surface_t *dst, cairo_surface_t *src, ov_rect r)
{
    unsigned char *d = cairo_image_surface_get_data(dst);
    const unsigned char *s = cairo_image_surface_get_data(src);
    int stride = cairo_image_surface_get_stride(dst);
    for (int y = r.y; y < r.y + r.h; y++)
        memcpy(d + (size_t)y * stride + 4 * (size_t)r.x,
               s + (size_t)y * stride + 4 * (size_t)r.x, 4 * (size_t)r.w);
}

/*
 * Partial redraws are not done under a clip: cairo splits the polygon of a
 * stroke or marker that a clip box cuts, and pixels along the cut come out
 * a level off the unclipped drawing, so frames drifted from a fresh render
 * (--trail 5: 99-124 pixels).  They go to a work surface covering only
 * @p r instead, whose edges bound the rasterization without changing any
 * pixel's coverage, and only the wanted rectangles are copied back.
 */
typedef struct work {
    cairo_surface_t *s;
    cairo_t *cr;
    ov_rect r;
} work;

/* Starts a work surface over @p r of @p src (same size as the layers), with
 * its pixels; @return 0 on failure. */
static int
work_begin(work *w, cairo_surface_t *src, ov_rect r)
{
    w->r = r;
    w->cr = NULL;
    w->s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, r.w > 0 ? r.w : 1,
                                      r.h > 0 ? r.h : 1);
    if (cairo_surface_status(w->s)) {
        cairo_surface_destroy(w->s);
        return 0;
    }
    cairo_surface_flush(w->s);
    unsigned char *d = cairo_image_surface_get_data(w->s);
    const unsigned char *s = cairo_image_surface_get_data(src);
    int ds = cairo_image_surface_get_stride(w->s);
    int ss = cairo_image_surface_get_stride(src);
    for (int y = 0; y < r.h; y++)
        memcpy(d + (size_t)y * ds,
               s + (size_t)(y + r.y) * ss + 4 * (size_t)r.x, 4 * (size_t)r.w);
    cairo_surface_mark_dirty(w->s);
    cairo_surface_set_device_offset(w->s, -r.x, -r.y);
    w->cr = cairo_create(w->s);
    if (cairo_status(w->cr)) {
        cairo_destroy(w->cr);
        cairo_surface_destroy(w->s);
        return 0;
    }
    return 1;
}

/* Copies the parts of @p list inside the work area into @p dst and ends
 * the work surface; @return 0 if drawing failed. */
static int
work_end(work *w, cairo_surface_t *dst, const ov_rect *list, size_t n)
{
    int ok = cairo_status(w->cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(w->cr);
    cairo_surface_flush(w->s);
    const unsigned char *s = cairo_image_surface_get_data(w->s);
    unsigned char *d = cairo_image_surface_get_data(dst);
    int ss = cairo_image_surface_get_stride(w->s);
    int ds = cairo_image_surface_get_stride(dst);
    for (size_t k = 0; ok && k < n; k++) {
        int x0 = list[k].x > w->r.x ? list[k].x : w->r.x;
        int y0 = list[k].y > w->r.y ? list[k].y : w->r.y;
        int x1 = list[k].x + list[k].w, y1 = list[k].y + list[k].h;
        if (x1 > w->r.x + w->r.w) x1 = w->r.x + w->r.w;
        if (y1 > w->r.y + w->r.h) y1 = w->r.y + w->r.h;
        for (int y = y0; y < y1; y++)
            memcpy(d + (size_t)y * ds + 4 * (size_t)x0,
                   s + (size_t)(y - w->r.y) * ss + 4 * (size_t)(x0 - w->r.x),
                   4 * (size_t)(x1 > x0 ? x1 - x0 : 0));
    }
    cairo_surface_destroy(w->s);
    return ok;
}

/* Box of everything draw_row() draws for row @p k with @p first the first
 * row kept (pads cover the outlines, point markers, arrow heads and the
 * divergence cross). */
static ov__box
row_box(const ov__cview *sc, const series *se, size_t k, size_t first)
{
    ov__box rb = ov__box_empty();
    double pad = 8.0 * sc->s;
    ov__box lim = plot_box(sc, 50.0);
    if (k > 0) {
        double xa = se->p[2 * k - 2], ya = se->p[2 * k - 1];
        double xb = se->p[2 * k], yb = se->p[2 * k + 1];
        if (ov__clip_segment(lim, &xa, &ya, &xb, &yb)) {
            ov__box_add(&rb, xa, ya, pad);
            ov__box_add(&rb, xb, yb, pad);
            if (k > 1 && k > first) {
                double pxa = se->p[2 * k - 4], pya = se->p[2 * k - 3];
                double pxb = se->p[2 * k - 2], pyb = se->p[2 * k - 1];
                if (ov__clip_segment(lim, &pxa, &pya, &pxb, &pyb)) {
                    ov__box_add(&rb, pxa, pya, pad);
                    ov__box_add(&rb, pxb, pyb, pad);
                }
            }
        }
    }
    double x = se->p[2 * k], y = se->p[2 * k + 1];
    if (x > lim.x0 && x < lim.x1 && y > lim.y0 && y < lim.y1)
        ov__box_add(&rb, x, y, se->diverged ? 11.0 * sc->s : pad);
    if (sc->arrows == OV_ARROWS_GRADIENT) {
        double xa = x, ya = y, xb = se->a[2 * k], yb = se->a[2 * k + 1];
        if (ov__clip_segment(lim, &xa, &ya, &xb, &yb)) {
            ov__box_add(&rb, xa, ya, pad);
            ov__box_add(&rb, xb, yb, pad);
        }
    }
    return rb;
}

/* Box of the rows of series @p i removed from the trail window between two
 * steps, as they were drawn (with the window of step @p from). */
static ov__box
removed_box(const ov__cview *sc, size_t i, long from, long to)
{
    ov__box b = ov__box_empty();
    const series *se = &sc->se[i];
    size_t a = first_row(sc, se, from), z = first_row(sc, se, to);
    for (size_t k = a; k < z && k < se->nrows; k++)
        ov__box_union(&b, row_box(sc, se, k, a));
    return b;
}

static int
boxes_meet(ov__box a, ov__box b)
{
    return !ov__box_is_empty(&a) && !ov__box_is_empty(&b) &&
           a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/*
 * Restores rectangle @p r of the trails layer after rows left the --trail
 * window: the background there, and the rows up to @p to kept in the window
 * of step @p win that reach into it, in drawing order.  Each of those rows
 * is drawn whole on a work surface that holds all of them, so every pixel
 * of @p r gets exactly what a fresh render gives it.
 */
static ov_status
restore_trails(ov__cview *sc, ov_rect r, long to, long win)
{
    ov__box rb = { r.x, r.y, r.x + r.w, r.y + r.h };
    ov__box area = rb;
    long k0 = to;
    for (size_t i = 0; i < sc->n; i++) {
        long f = (long)first_row(sc, &sc->se[i], win);
        k0 = f < k0 ? f : k0;
    }
    for (long k = k0; k <= to; k++)
        for (size_t i = 0; i < sc->n; i++) {
            const series *se = &sc->se[i];
            size_t first = first_row(sc, se, win);
            if ((size_t)k >= se->nrows || (size_t)k < first)
                continue;
            ov__box b = row_box(sc, se, (size_t)k, first);
            if (boxes_meet(b, rb))
                ov__box_union(&area, b);
        }
    ov__box pb = plot_box(sc, 0.0);
    area.x0 = fmax(area.x0, pb.x0);
    area.y0 = fmax(area.y0, pb.y0);
    area.x1 = fmin(area.x1, pb.x1);
    area.y1 = fmin(area.y1, pb.y1);
    ov_rect ar = to_rect(sc, area);
    if (ar.w <= 0 || ar.h <= 0)
        return OV_OK;
    work w;
    cairo_surface_flush(sc->trails);
    if (!work_begin(&w, sc->bg, ar))
        return OV_ERR_NOMEM;
    cairo_rectangle(w.cr, sc->px, sc->py, sc->pw, sc->ph);
    cairo_clip(w.cr);
    for (long k = k0; k <= to; k++)
        for (size_t i = 0; i < sc->n; i++) {
            const series *se = &sc->se[i];
            size_t first = first_row(sc, se, win);
            if ((size_t)k >= se->nrows || (size_t)k < first)
                continue;
            if (boxes_meet(row_box(sc, se, (size_t)k, first), rb)) {
                ov__box b = ov__box_empty();
                draw_row(sc, w.cr, se, (size_t)k, first, &b);
            }
        }
    int ok = work_end(&w, sc->trails, &r, 1);
    cairo_surface_mark_dirty(sc->trails);
    return ok ? OV_OK : OV_ERR_RENDER;
}

ov_status
ov__cview_frame(ov__cview *sc, long step, ov_rect *dirty, size_t cap,
                size_t *ndirty)
{
    *ndirty = 0;
    if (!sc->raster || cap == 0)
        return OV_ERR_INVALID_ARG;
    if (step > sc->last_step)
        step = sc->last_step;
    if (step < sc->drawn)
        step = sc->drawn;
    if (step < 0)
        step = 0;
    ov_rect list[OV__SCENE_MAX_DIRTY];
    size_t nl = 0;
    int first = sc->drawn < 0;
    cairo_t *ct = sc->cr_trails;

    /* 1. trails */
    if (first) {
        copy_rect(sc->trails, sc->bg, (ov_rect){ 0, 0, sc->W, sc->H });
        cairo_surface_mark_dirty(sc->trails);
        cairo_save(ct);
        cairo_rectangle(ct, sc->px, sc->py, sc->pw, sc->ph);
        cairo_clip(ct);
        draw_rows(sc, ct, -1, step, step, NULL);
        cairo_restore(ct);
    } else if (step > sc->drawn) {
        ov__box tb = ov__box_empty();
        if (sc->trail > 0) {
            /* One rectangle per series (merged where they meet): a union
             * over distant series would redraw most of the trails. */
            ov_rect rm[OV_MAX_SERIES];
            size_t nrm = 0;
            for (size_t i = 0; i < sc->n; i++) {
                ov__box rb = removed_box(sc, i, sc->drawn, step);
                ov__box pb = plot_box(sc, 0.0);
                rb.x0 = fmax(rb.x0, pb.x0);
                rb.y0 = fmax(rb.y0, pb.y0);
                rb.x1 = fmin(rb.x1, pb.x1);
                rb.y1 = fmin(rb.y1, pb.y1);
                if (!ov__box_is_empty(&rb))
                    rects_add(rm, &nrm, OV_MAX_SERIES, to_rect(sc, rb));
            }
            for (size_t k = 0; k < nrm; k++) {
                if (rm[k].w <= 0 || rm[k].h <= 0)
                    continue;
                ov_status st = restore_trails(sc, rm[k], sc->drawn, step);
                if (st)
                    return st;
                rects_add(list, &nl, OV__SCENE_MAX_DIRTY, rm[k]);
            }
        }
        cairo_save(ct);
        cairo_rectangle(ct, sc->px, sc->py, sc->pw, sc->ph);
        cairo_clip(ct);
        draw_rows(sc, ct, sc->drawn, step, step, &tb);
        cairo_restore(ct);
        if (!ov__box_is_empty(&tb)) {
            ov__box pb = plot_box(sc, 1.0);
            tb.x0 = fmax(tb.x0, pb.x0);
            tb.y0 = fmax(tb.y0, pb.y0);
            tb.x1 = fmin(tb.x1, pb.x1);
            tb.y1 = fmin(tb.y1, pb.y1);
            rects_add(list, &nl, OV__SCENE_MAX_DIRTY, to_rect(sc, tb));
        }
    }
    cairo_surface_flush(sc->trails);
    if (cairo_status(ct))
        return OV_ERR_RENDER;

    /* 2. what moved in the overlay */
    ov__box now[OV_MAX_SERIES + 2];
    size_t no = 0;
    for (size_t i = 0; i < sc->n; i++)
        now[no++] = marker_box(sc, &sc->se[i], step);
    char title[256];
    live_title(sc, step, title, sizeof title);
    now[no++] = title[0] ? ov__text_box(sc->meas, title, sc->px + 0.5 * sc->pw,
                                    title_y(sc), sc->fs_title, 0.5)
                         : ov__box_empty();
    int legend_changed = 0;
    for (size_t i = 0; i < sc->n; i++) {
        char live[64];
        legend_live(sc, i, step, live, sizeof live);
        if (first || strcmp(live, sc->legend_text[i]) != 0)
            legend_changed = 1;
        snprintf(sc->legend_text[i], sizeof sc->legend_text[i], "%s", live);
    }
    ov__box lg = sc->legend;
    if (!ov__box_is_empty(&lg))
        ov__box_add(&lg, lg.x0, lg.y0, 2.0 * sc->s);
    now[no++] = lg;
    int title_changed = first || strcmp(title, sc->title_text) != 0;
    snprintf(sc->title_text, sizeof sc->title_text, "%s", title);

    if (first) {
        nl = 0;
        rects_add(list, &nl, OV__SCENE_MAX_DIRTY, (ov_rect){ 0, 0, sc->W, sc->H });
    } else {
        for (size_t k = 0; k < no; k++) {
            int changed;
            if (k < sc->n)
                changed = memcmp(&now[k], &sc->over_old[k], sizeof now[k]) != 0;
            else if (k == sc->n)
                changed = title_changed;
            else
                changed = legend_changed;
            if (!changed)
                continue;
            rects_add(list, &nl, OV__SCENE_MAX_DIRTY, to_rect(sc, sc->over_old[k]));
            rects_add(list, &nl, OV__SCENE_MAX_DIRTY, to_rect(sc, now[k]));
        }
    }
    memcpy(sc->over_old, now, no * sizeof now[0]);

    /* 3. compose: the overlay on the trails over the box of the dirty
     * rectangles, unclipped, then those rectangles into the frame */
    cairo_surface_flush(sc->frame);
    if (nl) {
        /* The work area holds whole every overlay item that reaches into
         * a dirty rectangle (see work_begin()). */
        ov_rect all = list[0];
        for (size_t k = 1; k < nl; k++)
            all = rect_union(all, list[k]);
        ov__box items[OV_MAX_SERIES + 2 + 16];
        size_t ni = 0;
        for (size_t k = 0; k < no; k++)
            items[ni++] = now[k];
        for (size_t i = 0; i < sc->nmin && ni < sizeof items / sizeof items[0]; i++) {
            ov__box b = ov__box_empty();
            ov__box_add(&b, sc->minp[2 * i], sc->minp[2 * i + 1],
                        11.0 * sc->s + 1.0);
            items[ni++] = b;
        }
        for (size_t j = 0; j < ni; j++)
            for (size_t k = 0; k < nl; k++) {
                ov__box lb = { list[k].x, list[k].y, list[k].x + list[k].w,
                               list[k].y + list[k].h };
                if (boxes_meet(items[j], lb)) {
                    ov_rect ir = to_rect(sc, items[j]);
                    if (ir.w > 0 && ir.h > 0)
                        all = rect_union(all, ir);
                    break;
                }
            }
        work w;
        if (!work_begin(&w, sc->trails, all))
            return OV_ERR_NOMEM;
        ov__pen pn = { w.cr, NULL };
        draw_overlay(sc, &pn, step);
        if (!work_end(&w, sc->frame, list, nl))
            return OV_ERR_RENDER;
    }
    cairo_surface_mark_dirty(sc->frame);
    sc->drawn = step;

    size_t nd = 0;
    for (size_t k = 0; k < nl; k++)
        rects_add(dirty, &nd, cap, list[k]);
    *ndirty = nd;
    return OV_OK;
}

/* ---- vector output ------------------------------------------------------ */

ov_status
ov__cview_draw_vector(ov__cview *sc, void *vcr, int svg, char **svg_text,
                      size_t *svg_text_len)
{
    cairo_t *cr = vcr;
    ov__strbuf sb = { 0 };
    ov__pen pn = { cr, svg ? &sb : NULL };
    if (svg_text)
        *svg_text = NULL;
    if (svg_text_len)
        *svg_text_len = 0;
    ov_status st = draw_background(sc, &pn);
    if (!st) {
        cairo_save(cr);
        cairo_rectangle(cr, sc->px, sc->py, sc->pw, sc->ph);
        cairo_clip(cr);
        draw_trails_vector(sc, cr, sc->last_step);
        cairo_restore(cr);
        draw_overlay(sc, &pn, sc->last_step);
        if (cairo_status(cr))
            st = OV_ERR_RENDER;
    }
    if (sb.failed && !st)
        st = OV_ERR_NOMEM;
    if (st || !svg) {
        ov__free(sb.s);
        return st;
    }
    *svg_text = sb.s;
    *svg_text_len = sb.len;
    return OV_OK;
}

/* ---- colours ------------------------------------------------------------- */

static void
col_add(uint32_t *out, size_t cap, size_t *n, uint32_t c)
{
    c &= 0xFFFFFF;
    for (size_t k = 0; k < *n && k < cap; k++)
        if (out[k] == c)
            return;
    if (*n < cap)
        out[*n] = c;
    (*n)++;
}

size_t
ov__cview_colors(const ov__cview *sc, uint32_t *out, size_t cap)
{
    size_t n = 0;
    /* A count past cap can contain duplicates of unseen entries; recount
     * with a big enough local list for the return value. */
    uint32_t local[600 + OV_MAX_SERIES + 16];
    uint32_t *dst = local;
    size_t dcap = sizeof local / sizeof local[0];
    col_add(dst, dcap, &n, sc->tc.bg);
    col_add(dst, dcap, &n, sc->tc.text);
    col_add(dst, dcap, &n, sc->tc.axis);
    col_add(dst, dcap, &n, OV__WHITE);
    col_add(dst, dcap, &n, OV__BLACK);
    for (size_t i = 0; i < sc->n; i++)
        col_add(dst, dcap, &n, sc->se[i].color);
    for (size_t i = 0; i < sc->nb; i++)
        col_add(dst, dcap, &n, sc->band[i]);
    col_add(dst, dcap, &n, sc->tc.legend_edge);
    size_t m = n < dcap ? n : dcap;
    for (size_t k = 0; k < m && k < cap; k++)
        out[k] = dst[k];
    return m;
}
