/*
 * cview_private.h: the contour view's state, shared by the files that
 * draw it (internal to src/render; the view's entry points are in views.h):
 *
 *   view_contour.c     set-up: limits, layout, the field and its bands,
 *                      series in pixels, accessors, colours;
 *   cview_background.c bands, axes, start markers, the static title;
 *   contour_labels.c   contour lines with inline labels, and the occupancy
 *                      grid that places them (and the legend);
 *   cview_trails.c     trails one row at a time, and a vector still's
 *                      trails as one path per series;
 *   cview_overlay.c    what moves: current points, live title, legend;
 *   cview_frame.c      the frame protocol (scene_private.h) and vector
 *                      output.
 */
#ifndef OV_CVIEW_PRIVATE_H
#define OV_CVIEW_PRIVATE_H

#include <cairo.h>

#include "optviz/image.h"
#include "optviz/loss.h"
#include "optviz/render.h"
#include "optviz/run.h"
#include "render/isolines.h"
#include "render/draw.h"
#include "render/views.h"

#define OV__CV_MAX_LINES 32
#define OV__CV_MAX_LABELS 96
#define OV__CV_MAX_TICKS 64
#define OV__CV_OCC_CELL 4

/* ---- the scene ----------------------------------------------------------- */

typedef struct ov__cv_series {
    const ov_trajectory *t;
    uint32_t color;
    size_t nrows;          /* leading finite rows */
    double *p;             /* pixel position of each row */
    double *a;             /* gradient arrow tip of each row (pixels) */
    unsigned char *dot;    /* row gets a point marker */
    int diverged;
    char label[200];       /* static legend text */
} ov__cv_series;

typedef struct ov__cv_label {
    size_t line, chain;
    double arc, half_gap;  /* where along the chain, and the gap */
    double x, y, ang;
    uint32_t color;
    char text[40];
} ov__cv_label;

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
    size_t line_bound[OV__CV_MAX_LINES];  /* boundary index of each line */
    ov__isolines lines[OV__CV_MAX_LINES];  /* in pixels */
    size_t nlabels;
    ov__cv_label labels[OV__CV_MAX_LABELS];

    double xt[OV__CV_MAX_TICKS], yt[OV__CV_MAX_TICKS], xstep, ystep;
    size_t nxt, nyt;
    ov__colorbar cb;             /* beside the plot, as high (w 0: none) */

    size_t nmin;
    double minp[32];             /* minima in pixels */
    size_t nstart;
    double startp[2 * OV_MAX_SERIES];

    size_t n;
    ov__cv_series se[OV_MAX_SERIES];
    long last_step;

    char static_title[256];      /* empty: live title */
    int has_title, legend_on;
    ov__box legend;                  /* empty when no legend */
    double legend_col_live;      /* x where the live column ends */
    double legend_text_x;

    /* occupancy of the plot for label placement (OV__CV_OCC_CELL px cells) */
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

/* ---- coordinates and sizes ---------------------------------------------- */

static inline ov__box
ov__cv_plot_box(const ov__cview *sc, double grow)
{
    ov__box b = { sc->px - grow, sc->py - grow, sc->px + sc->pw + grow,
              sc->py + sc->ph + grow };
    return b;
}

static inline double
ov__cv_px(const ov__cview *sc, double x)
{
    return sc->px + (x - sc->x0) / (sc->x1 - sc->x0) * sc->pw;
}

static inline double
ov__cv_py(const ov__cview *sc, double y)
{
    return sc->py + sc->ph - (y - sc->y0) / (sc->y1 - sc->y0) * sc->ph;
}

static inline double
ov__cv_grid_px(const ov__cview *sc, double gx)
{
    return sc->px + gx * sc->pw / (double)(sc->gnx - 1);
}

static inline double
ov__cv_grid_py(const ov__cview *sc, double gy)
{
    return sc->py + sc->ph - gy * sc->ph / (double)(sc->gny - 1);
}

static inline double
ov__cv_marker_r(const ov__cview *sc)
{
    return 5.5 * sc->s;
}

static inline double
ov__cv_title_y(const ov__cview *sc)
{
    return sc->py * 0.5;
}

static inline double
ov__cv_legend_row_h(const ov__cview *sc)
{
    return 1.45 * sc->fs_legend;
}

static inline size_t
ov__cv_row_at(const ov__cv_series *se, long step)
{
    if (step < 0)
        return 0;
    return (size_t)step < se->nrows ? (size_t)step : se->nrows - 1;
}

/* Length of a gradient arrow's head, times the scale. */
#define OV__CV_ARROW_HEAD 10.0

static inline double
ov__cv_dot_r(const ov__cview *sc)
{
    return 2.3 * sc->s;
}

/* ---- across the files ---------------------------------------------------- */

/* contour_labels.c */
void ov__cv_occ_mark_box(ov__cview *sc, ov__box b);
int ov__cv_occ_count(const ov__cview *sc, ov__box b);
/* Marks the trails, arrows and minima as taken (before the legend and the
 * labels are placed). */
void ov__cv_mark_trails(ov__cview *sc);
void ov__cv_place_labels(ov__cview *sc);
void ov__cv_draw_lines(const ov__cview *sc, ov__pen *pn);

/* cview_background.c */
ov_status ov__cv_draw_background(const ov__cview *sc, ov__pen *pn);

/* cview_trails.c */
size_t ov__cv_first_row(const ov__cview *sc, const ov__cv_series *se,
                        long step);
void ov__cv_draw_row(const ov__cview *sc, cairo_t *cr,
                     const ov__cv_series *se, size_t k, size_t first,
                     ov__box *bb);
void ov__cv_draw_arrows(const ov__cview *sc, cairo_t *cr, long step);
ov__box ov__cv_arrow_box(const ov__cview *sc, const ov__cv_series *se,
                         size_t k);
void ov__cv_draw_step(const ov__cview *sc, cairo_t *cr, long k, long win,
                      const ov__box *only, ov__box *bb);
void ov__cv_draw_rows(const ov__cview *sc, cairo_t *cr, long from, long to,
                      long win, ov__box *bb);
void ov__cv_draw_trails_vector(const ov__cview *sc, cairo_t *cr, long step);
ov__box ov__cv_row_box(const ov__cview *sc, const ov__cv_series *se,
                       size_t k, size_t first);

/* cview_overlay.c */
void ov__cv_live_title(const ov__cview *sc, long step, char *buf,
                       size_t size);
void ov__cv_legend_live(const ov__cview *sc, size_t i, long step, char *buf,
                        size_t size);
ov__box ov__cv_marker_box(const ov__cview *sc, const ov__cv_series *se,
                          long step);
void ov__cv_draw_overlay(const ov__cview *sc, ov__pen *pn, long step);
void ov__cv_layout_legend(ov__cview *sc);

#endif /* OV_CVIEW_PRIVATE_H */
