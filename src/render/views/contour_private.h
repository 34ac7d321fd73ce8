/*
 * contour_private.h: the contour view's state, shared by the files that
 * draw it (internal to src/render; its entry point is ov__contour_class,
 * view.h):
 *
 *   contour.c            set-up: limits, layout, the field and its bands,
 *                        series in pixels, the class and its hooks;
 *   contour_background.c bands, axes, start markers, the static title;
 *   contour_labels.c     contour lines with inline labels, and the
 *                        occupancy grid that places them (and the legend);
 *   contour_trails.c     trails one row at a time (and each row's box), and
 *                        a vector still's trails as one path per series;
 *   contour_overlay.c    what moves: current points, live title, legend,
 *                        and which of them changed.
 */
#ifndef OV_CVIEW_PRIVATE_H
#define OV_CVIEW_PRIVATE_H

#include <cairo.h>

#include "optviz/image.h"
#include "optviz/loss.h"
#include "optviz/render.h"
#include "optviz/run.h"
#include "isolines.h"
#include "draw.h"
#include "view.h"
#include "frame.h"
#include "colorbar.h"
#include "ticks.h"
#include "sprite.h"
#include "extent.h"
#include "rects.h"
#include "occupancy.h"

#define OV__CONTOUR_MAX_LINES 32
#define OV__CONTOUR_MAX_LABELS 96
#define OV__CONTOUR_MAX_TICKS 64
#define OV__CONTOUR_OCC_CELL 4
#define OV__CONTOUR_STAR_R 8.0   /* a minimum's star, times the scale */

/* ---- the figure ----------------------------------------------------------- */

/* A series' pixels; its trajectory, colour, label and finite rows are the
 * base view's (ov__view, index i). */
typedef struct ov__contour_series {
    size_t i;
    double *p;             /* pixel position of each row */
    double *a;             /* gradient arrow tip of each row (pixels) */
    unsigned char *dot;    /* row gets a point marker */
    int points_only;       /* markers with no joining lines */
    ov__fixed_fmt vfmt;    /* the legend's current loss, every frame */
} ov__contour_series;

typedef struct ov__contour_label {
    size_t line, chain;
    double arc, half_gap;  /* where along the chain, and the gap */
    double x, y, ang;
    uint32_t color;
    char text[40];
} ov__contour_label;

typedef struct ov__contour_view ov__contour_view;

struct ov__contour_view {
    ov__view v;                  /* sizes, theme, series, layers */
    double fs_clabel;
    ov_arrows arrows;

    double x0, x1, y0, y1;       /* data limits */
    double px, py, pw, ph;       /* plot rectangle (pixels) */
    int equal;                   /* OV_ASPECT_EQUAL: one data unit as many
                                    pixels on x as on y */
    double box[4];               /* the rectangle the margins leave (x, y,
                                    w, h); the plot is it, or with equal
                                    aspect the largest one centred in it */

    size_t gnx, gny;
    double *z;                   /* transformed field */
    ov__zmap zm;
    double zstep;
    size_t nb;                   /* bands */
    double *bound;               /* nb + 1 boundaries */
    uint32_t *band;              /* nb colours */

    size_t nlines;
    double line_z[OV__CONTOUR_MAX_LINES];      /* transformed level of each line */
    char line_txt[OV__CONTOUR_MAX_LINES][32];  /* its label, a round loss value */
    ov__isolines lines[OV__CONTOUR_MAX_LINES];  /* in pixels */
    size_t nlabels;
    ov__contour_label labels[OV__CONTOUR_MAX_LABELS];

    double xt[OV__CONTOUR_MAX_TICKS], yt[OV__CONTOUR_MAX_TICKS], xstep, ystep;
    size_t nxt, nyt;
    ov__colorbar cb;             /* beside the plot, as high (w 0: none) */

    int lines_only;              /* OV_CONTOUR_LINES: no bands */
    size_t nmin, nglob;          /* minima; the first nglob global */
    double minp[32];             /* minima in pixels */
    size_t nstart;
    double startp[2 * OV_MAX_SERIES];

    ov__contour_series se[OV_MAX_SERIES];

    int legend_on;
    ov__box legend;              /* empty when no legend */
    double legend_col_live;      /* x where the live column ends */
    double legend_text_x;
    double legend_fs;            /* its text size (smaller on a small plot) */
    int legend_live;             /* the live loss column is shown */
    char legend_label[OV_MAX_SERIES][96];   /* labels, shortened to fit */
    /* A legend that would hide trails or minima anywhere in the plot goes
     * below it: legend_need is the band it asks for (0: it fits inside),
     * legend_below the band the view was built with (contour_create
     * builds once more with it). */
    double legend_need, legend_below;

    /* occupancy of the plot for label placement (OV__CONTOUR_OCC_CELL px cells) */
    ov__occ occ;

    /* what the overlay showed last, to redraw only what changed */
    char title_text[256];
    char legend_text[OV_MAX_SERIES][64];
    /* the legend's still part as last drawn (contour_overlay.c) */
    struct ov__legend_cache *lcache;
    /* the point markers' rasters (sprite.c); NULL: drawn as paths */
    ov__sprites *spr;
};

/* ---- coordinates and sizes ---------------------------------------------- */

static inline ov__box
ov__contour_plot_box(const ov__contour_view *sc, double grow)
{
    ov__box b = { sc->px - grow, sc->py - grow, sc->px + sc->pw + grow,
              sc->py + sc->ph + grow };
    return b;
}

static inline double
ov__contour_px(const ov__contour_view *sc, double x)
{
    return sc->px + (x - sc->x0) / (sc->x1 - sc->x0) * sc->pw;
}

static inline double
ov__contour_py(const ov__contour_view *sc, double y)
{
    return sc->py + sc->ph - (y - sc->y0) / (sc->y1 - sc->y0) * sc->ph;
}

static inline double
ov__contour_grid_px(const ov__contour_view *sc, double gx)
{
    return sc->px + gx * sc->pw / (double)(sc->gnx - 1);
}

static inline double
ov__contour_grid_py(const ov__contour_view *sc, double gy)
{
    return sc->py + sc->ph - gy * sc->ph / (double)(sc->gny - 1);
}

static inline double
ov__contour_marker_r(const ov__contour_view *sc)
{
    return 5.5 * sc->v.s;
}

static inline double
ov__contour_title_y(const ov__contour_view *sc)
{
    /* Mid-band above the plot (moved down with a plot made shorter for
     * equal aspect). */
    return sc->py - 0.5 * sc->box[1];
}

static inline double
ov__contour_legend_row_h(const ov__contour_view *sc)
{
    return 1.45 * sc->legend_fs;
}

/* Length of a gradient arrow's head, times the scale. */
#define OV__CONTOUR_ARROW_HEAD 8.0
/* The longest gradient arrow, a fraction of the plot's shorter side. */
#define OV__CONTOUR_ARROW_MAX 0.08
/* Least distance between the points of two gradient arrows of one
 * series, times the scale. */
#define OV__CONTOUR_ARROW_GAP 14.0

static inline double
ov__contour_dot_r(const ov__contour_view *sc)
{
    return 2.3 * sc->v.s;
}

/* ---- across the files ---------------------------------------------------- */

/* contour_labels.c */
/* Marks the trails, arrows and minima as taken (before the legend and the
 * labels are placed). */
void ov__contour_mark_trails(ov__contour_view *sc);
void ov__contour_place_labels(ov__contour_view *sc);
void ov__contour_draw_lines(const ov__contour_view *sc, ov__pen *pn);

/* contour_background.c */
/* @p starts: with the start markers (a page's static layer has none). */
ov_status ov__contour_draw_background(const ov__contour_view *sc, ov__pen *pn,
                                      int starts);

/* contour_trails.c */
size_t ov__contour_first_row(const ov__contour_view *sc, const ov__contour_series *se,
                        long step);
void ov__contour_draw_row(const ov__contour_view *sc, cairo_t *cr,
                     const ov__contour_series *se, size_t k, size_t first,
                     ov__box *bb);
void ov__contour_draw_arrows(const ov__contour_view *sc, cairo_t *cr, long step);
ov__box ov__contour_arrow_box(const ov__contour_view *sc, const ov__contour_series *se,
                         size_t k);
void ov__contour_draw_step(const ov__contour_view *sc, cairo_t *cr, long k, long win,
                      const ov__box *only, ov__box *bb);
void ov__contour_draw_rows(const ov__contour_view *sc, cairo_t *cr, long from, long to,
                      long win, ov__box *bb);
void ov__contour_draw_trails_vector(const ov__contour_view *sc, cairo_t *cr, long step);
ov__box ov__contour_row_box(const ov__contour_view *sc, const ov__contour_series *se,
                       size_t k, size_t first);

/* contour_overlay.c */
/* The overlay's layout, for a page that draws it (ov__scene_overlay). */
struct ov__scene_overlay;
void ov__contour_page_overlay(const ov__contour_view *sc,
                              struct ov__scene_overlay *ov);
void ov__contour_legend_live(const ov__contour_view *sc, size_t i, long step, char *buf,
                        size_t size);
ov__box ov__contour_marker_box(const ov__contour_view *sc, const ov__contour_series *se,
                          long step);
void ov__contour_draw_overlay(const ov__contour_view *sc, ov__pen *pn, long step);
void ov__contour_legend_cache_free(ov__contour_view *sc);
void ov__contour_layout_legend(ov__contour_view *sc);
size_t ov__contour_overlay_items(ov__view *v, long step, long prev,
                                 ov__box *now, int *changed, size_t cap);
void ov__contour_overlay_reach(const ov__view *v, long step,
                               const ov_rect *list, size_t nl, ov_rect *all);

#endif /* OV_CVIEW_PRIVATE_H */
