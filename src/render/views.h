/*
 * views.h: the views behind the scene API (scene_private.h), internal to
 * src/render.
 *
 *   view_contour.c  the 2-D filled contour figure (ov__cview), with its own
 *                   three-layer frame pipeline;
 *   view.c          the frame pipeline shared by the other views (ov__view):
 *                   background once (every frame when it moves, --rotate),
 *                   trails drawn incrementally, an overlay of what moves,
 *                   dirty rectangles from the overlay's boxes;
 *   view_surface.c, view_curve.c, view_history.c, view_response.c,
 *                   panel_loss.c  the views;
 *   axes.c          2-D chart axes (linear or log y) for the chart views;
 *   scene.c         dispatch by view, and composites (--layout grid,
 *                   --panel loss): sub-scenes blitted at offsets.
 */
#ifndef OV_VIEWS_H
#define OV_VIEWS_H

#include "optviz/image.h"
#include "optviz/loss.h"
#include "optviz/render.h"
#include "draw.h"
#include "scene_private.h"

/* Leading rows of @p t with finite point and loss. */
size_t ov__finite_rows(const ov_trajectory *t);

/* Data limits of a 2-D figure: the user's, else the loss's domain widened
 * to the trajectories (a diverging run only near the domain). */
ov_status ov__limits2d(const ov_loss *loss, const ov_trajectory *const *trajs,
                       size_t n, const ov_figure_spec *spec, double lim[4],
                       ov_error *err);

/* ---- the shared pipeline of the other views -------------------------- */

#define OV__MAX_OVER 40

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
    /* Optional: colours the view paints besides the base ones. */
    size_t (*colors)(const ov__view *v, uint32_t *out, size_t cap);
    /* Data -> pixel (see ov__scene_to_pixel). */
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
    void (*free)(ov__view *v);
} ov__view_class;

struct ov__view {
    const ov__view_class *cls;
    int W, H;
    double s, fs_tick, fs_label, fs_title, fs_legend;
    ov__theme_colors tc;
    int dynamic;                 /* background redrawn every frame */
    long last_step, trail;
    const ov_loss *loss;
    char name[96], xname[64], yname[64], zname[64];
    int data_loss, has_title;
    char title[256];
    int cmap;
    size_t n;
    const ov_trajectory *t[OV_MAX_SERIES];
    size_t nrows[OV_MAX_SERIES];     /* leading finite rows */
    int diverged[OV_MAX_SERIES];
    uint32_t color[OV_MAX_SERIES];
    char label[OV_MAX_SERIES][200];
    cairo_surface_t *scratch;
    cairo_t *meas;                   /* text measurement */
    int raster;
    cairo_surface_t *bg, *trails, *frame;
    cairo_t *cr_trails, *cr_frame;
    ov_image img;
    double area[4];                  /* plot area x, y, w, h */
    long drawn;
    ov__box over_old[OV__MAX_OVER];  /* the overlay's items last frame */
    size_t nover_old;
    ov__box trail_clip;              /* where trails may draw */
};

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
/* Allocates the raster layers and draws the background (raster only). */
ov_status ov__view_finish(ov__view *v, int raster);
/* The frame pipeline (frame.c): brings the frame to @p step (protocol of
 * ov__scene_frame), or draws the still on a vector surface. */
ov_status ov__view_frame(ov__view *v, long step, ov_rect *dirty, size_t cap,
                         size_t *ndirty);
ov_status ov__view_draw_vector(ov__view *v, cairo_t *cr, int svg,
                               char **svg_text, size_t *svg_text_len);
/* First row of series @p i kept at step @p win under --trail. */
size_t ov__view_first_row(const ov__view *v, size_t i, long win);
int ov__boxes_meet(ov__box a, ov__box b);
/* For overlay_items hooks whose items all change every frame: sets
 * changed[0..n-1]; @return n. */
size_t ov__overlay_all_changed(int *changed, size_t n);
typedef size_t (*ov__colors_fn)(const ov__view *v, uint32_t *out,
                                size_t cap);
/* The colours every chart view paints, then those @p extra lists (a
 * colors hook). */
size_t ov__view_colors_plus(const ov__view *v, ov__colors_fn extra,
                            uint32_t *out, size_t cap);
void ov__view_destroy(ov__view *v);
/* The plot area of a chart view (set by the view in v->area). */
void ov__view_plot_area(const ov__view *v, int *x, int *y, int *w, int *h);
/* The row of series @p i shown at @p step. */
size_t ov__view_row(const ov__view *v, size_t i, long step);
/* Legend box: one row per entry, upper right of the rectangle
 * (x, y, w, h) unless @p left; entries have a colour and a text. */
typedef struct ov__legend {
    ov__box box;
    size_t n;
    double row_h, pad, text_x, sample;
} ov__legend;
void ov__legend_layout(const ov__view *v, ov__legend *lg,
                       const char *const *texts, size_t n, double x, double y,
                       double w, double h, int corner);
/* The legend's box with its outline, for dirty rectangles. */
ov__box ov__legend_dirty(const ov__legend *lg, double s);
void ov__legend_draw(const ov__view *v, ov__pen *pn, const ov__legend *lg,
                     const char *const *texts, const uint32_t *colors,
                     const int *kind);

/* ---- chart axes (axes.c) ---------------------------------------------- */

typedef struct ov__axes {
    double px, py, pw, ph;       /* plot rectangle, whole pixels */
    double x0, x1, y0, y1;       /* limits; y in log10 when ylog */
    int ylog, grid;
    double xt[64], yt[64], xstep, ystep;
    size_t nxt, nyt;
} ov__axes;

/* Places the plot inside the rectangle (cx, cy, cw, ch) of the view,
 * leaving room for a title above, tick labels and axis names, and @p right
 * more pixels on the right; chooses the ticks.  Limits must be set. */
void ov__axes_fit(ov__axes *a, const ov__view *v, double cx, double cy,
                  double cw, double ch, double right);
double ov__axes_px(const ov__axes *a, double x);
/* Data y to pixels (log10 applied when ylog; values <= 0 go to the floor). */
double ov__axes_py(const ov__axes *a, double y);
void ov__axes_draw(const ov__axes *a, const ov__view *v, ov__pen *pn,
                   const char *xname, const char *yname);
/* Paints the view's background, then the axes. */
void ov__axes_clear(const ov__axes *a, const ov__view *v, ov__pen *pn,
                    const char *xname, const char *yname);
/* The title, centred over the plot in the band above it. */
void ov__axes_title(const ov__axes *a, const ov__view *v, ov__pen *pn,
                    const char *title);
/* cairo_save(), then clips to the plot rectangle; the caller restores. */
void ov__axes_clip(const ov__axes *a, cairo_t *cr);
/* The 1-pixel vertical cursor line through the plot at pixel column x. */
void ov__axes_cursor(const ov__axes *a, cairo_t *cr, double x, uint32_t rgb);

/* The views (src/render/views/). */
extern const ov__view_class ov__contour_class;
extern const ov__view_class ov__surface_class;
extern const ov__view_class ov__curve_class;
extern const ov__view_class ov__history_class;
extern const ov__view_class ov__response_class;
extern const ov__view_class ov__loss_panel_class;

/* A grid_limits hook for 2-D views: ov__limits2d() for every cell. */
ov_status ov__grid_limits2d(ov_figure_spec *cs, const ov_loss *loss,
                            const ov_trajectory *const *trajs, size_t n,
                            const ov_figure_spec *spec, ov_error *err);

/* ---- the colour scale (colorbar.c) -------------------------------------- */

#define OV__CB_MAX_TICKS 32

typedef struct ov__colorbar {
    double x, y, w, h;                 /* the bar; w <= 0: none */
    double t[OV__CB_MAX_TICKS];        /* ticks in the z scale */
    char l[OV__CB_MAX_TICKS][32];      /* their labels (the loss) */
    size_t n;
} ov__colorbar;

typedef struct ov__cb_style {
    double s, fs_tick, fs_label;
    const ov__theme_colors *tc;
    cairo_t *meas;
    /* Each tick mark stroked on its own with its label after it (the
     * surface view's vector output has always been so; the same pixels as
     * all marks in one path, then the labels). */
    int stroke_each;
} ov__cb_style;

/* Ticks for the bands bound[0..nb] under @p m, about one per 2.2 text
 * heights of the bar (cb->y and cb->h set), at least 1.3 apart. */
void ov__colorbar_ticks(ov__colorbar *cb, const double *bound, size_t nb,
                        const ov__zmap *m, double fs_tick);
/* Ticks at round values of the loss on a nonlinear scale @p m over
 * [lo, hi] (the z scale), at most @p maxn, @p sep pixels apart at @p ppz
 * pixels per z unit; a shifted log scale gets one per decade of the
 * distance from the minimum, each printed with the decimals that tell it
 * from the minimum.  Labels are distinct.  @return the count (t ascending). */
size_t ov__round_ticks(const ov__zmap *m, double lo, double hi, double ppz,
                       double sep, size_t maxn, double *t, char (*l)[32]);
double ov__colorbar_label_width(const ov__colorbar *cb, cairo_t *meas,
                                double fs_tick);
/* "f", "f (log scale)", "f (sqrt scale)". */
void ov__colorbar_name(char *buf, size_t size, const char *zname,
                       ov_zscale kind);
/* The bar, its frame, tick marks and labels, and @p name along its right
 * side. */
void ov__colorbar_draw(const ov__colorbar *cb, ov__pen *pn,
                       const double *bound, const uint32_t *band, size_t nb,
                       const char *name, const ov__cb_style *st);

/* ---- rectangles ---------------------------------------------------------- */

ov_rect ov__to_rect(ov__box b, int W, int H);
ov_rect ov__rect_union(ov_rect a, ov_rect b);
/* Adds @p r to the list, merging with any rectangle it touches; past @p cap
 * everything merges into one box. */
void ov__rects_add(ov_rect *list, size_t *n, size_t cap, ov_rect r);
/* Sets out[0..*nout-1] to the nl rectangles of @p list merged as by
 * ov__rects_add(). */
void ov__rects_merge(ov_rect *out, size_t *nout, size_t cap,
                     const ov_rect *list, size_t nl);
void ov__copy_rect(cairo_surface_t *dst, cairo_surface_t *src, ov_rect r);

#endif /* OV_VIEWS_H */
