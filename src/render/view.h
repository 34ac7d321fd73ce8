/*
 * view.h: the view interface (internal to src/render): the table of functions
 * each view implements (ov__view_class), the base every view's state starts
 * with (ov__view), and the views there are (src/render/views/).  The frame
 * pipeline that drives them is frame.h
 */
#ifndef OV_VIEW_H
#define OV_VIEW_H

#include "optviz/image.h"
#include "optviz/loss.h"
#include "optviz/render.h"
#include "draw.h"
#include "figure.h"
#include "typescale.h"

#define OV__MAX_OVER 40
/* ov_figure_spec.layout_grid of a grid's cell as figure.c makes it: the
 * cells' plots line up, so a view keeps its legend inside its plot rather
 * than narrow or shorten it for a legend beside or below. */
#define OV__GRID_CELL 2

typedef struct ov__view ov__view;

/*
 * A view: one kind of figure (contour, surface, curve, history, response,
 * loss panel), as a table of functions in the manner of cairo's backends.
 * The frame pipeline (frame.c) drives every view the same way: the
 * background once (every frame for a dynamic view), trail rows drawn
 * incrementally on a layer, rows that leave the --trail window restored
 * from the background without drift, and the overlay (what moves) composed
 * on the trails where it changed.  Hooks marked optional may be NULL.
 */
struct ov__scene_overlay;

typedef struct ov__view_class {
    const char *name;
    /* Lays out a view of @p spec (raster: with its layers and background
     * drawn); *out's struct starts with the ov__view. */
    ov_status (*create)(ov__view **out, const ov_loss *loss,
                        const ov_trajectory *const *trajs, size_t n,
                        const ov_figure_spec *spec, int raster,
                        ov_error *err);
    /* Optional: sets in @p cs the limits that every cell of a grid of
     * these views shares (so they share axes and colour scale). */
    ov_status (*grid_limits)(ov_figure_spec *cs, const ov_loss *loss,
                             const ov_trajectory *const *trajs, size_t n,
                             const ov_figure_spec *spec, ov_error *err);
    /* The static part at @p step (the step matters only when dynamic). */
    ov_status (*background)(ov__view *v, ov__pen *pn, long step);
    /* Trail rows (from, to] on @p cr, step-major, as kept in the --trail
     * window of step @p win (ov__view_first_row); with @p only, at least
     * the rows whose box meets it.  Grows *bb (may be NULL) by what was
     * drawn. */
    void (*rows)(ov__view *v, cairo_t *cr, long from, long to, long win,
                 const ov__box *only, ov__box *bb);
    /* Optional: the box of what rows() draws for row @p k of series @p i
     * when @p first is the first row kept; NULL: the box of the whole
     * step, measured by drawing it off the layers. */
    ov__box (*row_box)(const ov__view *v, size_t i, size_t k, size_t first);
    /* What moves, at @p step: its items' boxes, and which changed since
     * @p prev (-1: the first frame); @return the count. */
    size_t (*overlay_items)(ov__view *v, long step, long prev, ov__box *box,
                            int *changed, size_t cap);
    void (*overlay)(ov__view *v, ov__pen *pn, long step);
    /* Optional: grows @p all, the area the overlay is composed on, by what
     * else the overlay draws that reaches into the dirty rectangles. */
    void (*overlay_reach)(const ov__view *v, long step, const ov_rect *list,
                          size_t nl, ov_rect *all);
    /* Optional: a vector still's trails at @p step; NULL: rows(). */
    void (*vector_trails)(ov__view *v, cairo_t *cr, long step);
    /* Every exact colour the view paints, in the order a palette pins
     * them (ov__chart_colors for the chart views). */
    size_t (*colors)(const ov__view *v, uint32_t *out, size_t cap);
    /* Optional, for ov__chart_colors: the view's own colours. */
    size_t (*extra_colors)(const ov__view *v, uint32_t *out, size_t cap);
    /* Data -> pixel (see ov__figure_to_pixel). */
    void (*to_pixel)(const ov__view *v, double x, double y, double *px,
                     double *py);
    /* Optional: the colour scale (contour, surface): its z map, nb + 1
     * boundaries, nb colours and the loss's name; @return nb. */
    size_t (*scale)(const ov__view *v, const ov__zmap **m,
                    const double **bound, const uint32_t **band,
                    const char **zname);
    /* Optional: the band colour of a loss value. */
    uint32_t (*band_color)(const ov__view *v, double f);
    /* Optional: (x, y, f) to pixels (the surface's camera). */
    void (*project)(const ov__view *v, double x, double y, double f,
                    double *px, double *py);
    /* Optional: the surface's box labels, for tests. */
    size_t (*labels)(const ov__view *v, double (*box)[4], int *axis,
                     int *tick, size_t cap);
    /* Optional, for a page that draws what moves itself (HTML): draws on
     * @p pn what never changes (the background less the start markers)
     * and fills @p ov with where the overlay goes. */
    ov_status (*page)(ov__view *v, ov__pen *pn,
                      struct ov__scene_overlay *ov);
    /* Optional: frees what only the background and page needed (called
     * by ov__view_drop_background, after both are drawn). */
    void (*drop)(ov__view *v);
    void (*free)(ov__view *v);
} ov__view_class;

struct ov__view {
    const ov__view_class *cls;
    int W, H;
    /* The figure's type scale (typescale.h): s, then the text sizes;
     * the legend's is the ticks', fs_small when it does not fit. */
    double s, fs_tick, fs_label, fs_title, fs_legend, fs_small;
    ov__theme_colors tc;
    int dynamic;                 /* background redrawn every frame */
    long last_step, trail;
    const ov_loss *loss;
    char name[96], xname[64], yname[64], zname[64];
    int data_loss, has_title;
    /* The width reserved for a live title (ov__view_reserve_title), 0
     * when the title is static: it is then centred as it is. */
    double title_w;
    char title[256];
    int cmap;
    size_t n;
    const ov_trajectory *t[OV_MAX_SERIES];
    size_t nrows[OV_MAX_SERIES];     /* leading finite rows */
    int diverged[OV_MAX_SERIES];
    uint32_t color[OV_MAX_SERIES];
    /* the outline under each trail: black, or white where black would
     * leave a dark colour on dark bands unseen (ov__view_casing) */
    uint32_t casing[OV_MAX_SERIES];
    char label[OV_MAX_SERIES][200];
    cairo_surface_t *scratch;
    cairo_t *meas;                   /* text measurement */
    int raster;
    cairo_surface_t *bg, *trails, *frame;   /* bg: freed after the first
                                                frame without --trail */
    cairo_surface_t *page_bg;        /* the page's static layer (page) */
    cairo_surface_t *work;           /* where the overlay is composed: the
                                        largest area a frame needed,
                                        placed by a device offset */
    cairo_t *cr_trails, *cr_frame;
    ov_image img;
    double area[4];                  /* plot area x, y, w, h */
    long drawn;
    ov__box over_old[OV__MAX_OVER];  /* the overlay's items last frame */
    size_t nover_old;
    ov__box trail_clip;              /* where trails may draw */
};

/* The casing of a trail of colour @p color over the backgrounds @p bg
 * (@p n of them): black, unless black leaves the trail under
 * OV__MIN_CONTRAST against one of them (neither the colour nor its
 * casing standing out) and white keeps more.  A cased trail reads by
 * whichever of the two contrasts more with what lies under it. */
uint32_t ov__casing_for(uint32_t color, const uint32_t *bg, size_t n,
                        double *least);
/* Fills the base: sizes, fonts, theme, series (colours, labels, finite
 * rows), names, colormap.  @p dim is the loss dimension the view needs
 * (0: any). */
/* OV_ERR_INVALID_ARG unless --levels and --zscale are in range. */
ov_status ov__check_scale(const ov_figure_spec *spec, ov_error *err);
ov_status ov__view_init(ov__view *v, const ov__view_class *cls,
                        const ov_loss *loss, const ov_trajectory *const *trajs,
                        size_t n, const ov_figure_spec *spec, int dim,
                        ov_error *err);
/* Allocates a view of @p size bytes (its struct starts with the ov__view)
 * and fills the base as ov__view_init(); on failure nothing is left. */
ov_status ov__view_new(ov__view **out, size_t size, const ov__view_class *cls,
                       const ov_loss *loss, const ov_trajectory *const *trajs,
                       size_t n, const ov_figure_spec *spec, int dim,
                       ov_error *err);
/* Steps per x unit of a chart against time: the steps of an epoch when the
 * loss has data and every run has the same several per epoch, else 1. */
double ov__epoch_steps(const ov__view *v);
/* The raster argument of a view's create hook: 0 for a vector surface, 1
 * for the raster layers, or OV__LAYOUT_ONLY: laid out for ov_render_check
 * and destroyed, so no layers and no background, and a field may be
 * sampled coarsely (only its range and finiteness are looked at). */
#define OV__LAYOUT_ONLY 2
/* Allocates the raster layers and draws the background (raster == 1). */
ov_status ov__view_finish(ov__view *v, int raster);
/* For overlay_items hooks whose items all change every frame: sets
 * changed[0..n-1]; @return n. */
size_t ov__overlay_all_changed(int *changed, size_t n);
/* A colors hook: the colours every chart view paints (background, text,
 * axes, series, legend, grid), then the class's extra_colors. */
size_t ov__chart_colors(const ov__view *v, uint32_t *out, size_t cap);
void ov__view_destroy(ov__view *v);
/* Fills @p occ (ov__occ_init()ed, W x H) with the cells the view's
 * trails cover at the last step, padded by @p pad pixels: drawn by its
 * rows hook on a mask, so every view measures what it really draws. */
struct ov__occ;
ov_status ov__view_occupancy(ov__view *v, struct ov__occ *occ, double pad);
/* A title @p t centred on @p cx at @p y, but kept inside the image: moved
 * in from an edge, and shortened with an ellipsis when wider than the
 * image less a margin each side.  _box: where it goes. */
void ov__view_title(const ov__view *v, ov__pen *pn, const char *t, double cx,
                    double y);
ov__box ov__view_title_box(const ov__view *v, const char *t, double cx,
                           double y);
/* Fills @p e (ov__scene_entry) for series @p i, whose legend shows
 * @p shown: its colour and label, and what comes before its lr. */
struct ov__scene_entry;
void ov__view_scene_entry(const ov__view *v, size_t i, const char *shown,
                          int kind, struct ov__scene_entry *e);
/* A title's least distance from the image's edges. */
static inline double
ov__view_title_margin(const ov__view *v)
{
    return 6.0 * v->s;
}
/* Where ov__view_title puts @p t: its anchor x and horizontal alignment;
 * @return 0 when it is drawn shortened. */
int ov__view_title_at(const ov__view *v, const char *t, double cx,
                      double *x, double *ha);
/* A live title changes every frame ("Iteration 9", "Iteration 10"):
 * centred as it is, it would move with its width.  This measures the
 * widest title @p fn makes over the view's steps and keeps it in
 * v->title_w; ov__view_title then lays every title out left-aligned in a
 * box that wide, centred, so only the digits change. */
typedef void (*ov__title_fn)(const ov__view *v, long step, char *buf,
                             size_t size);
void ov__view_reserve_title(ov__view *v, ov__title_fn fn);
/* The plot area of a chart view (set by the view in v->area). */
void ov__view_plot_area(const ov__view *v, int *x, int *y, int *w, int *h);
/* The row of series @p i shown at @p step. */
size_t ov__view_row(const ov__view *v, size_t i, long step);
/* The views (src/render/views/). */
extern const ov__view_class ov__contour_class;
extern const ov__view_class ov__surface_class;
extern const ov__view_class ov__curve_class;
extern const ov__view_class ov__history_class;
extern const ov__view_class ov__response_class;
extern const ov__view_class ov__loss_panel_class;
extern const ov__view_class ov__sensitivity_class;

#endif /* OV_VIEW_H */
