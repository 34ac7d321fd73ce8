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
#include "render/draw.h"
#include "render/scene_private.h"

/* ---- the contour view ------------------------------------------------- */

typedef struct ov__cview ov__cview;

ov_status ov__cview_create(ov__cview **out, const ov_loss *loss,
                           const ov_trajectory *const *trajs, size_t n,
                           const ov_figure_spec *spec, ov_error *err);
ov_status ov__cview_create_vector(ov__cview **out, const ov_loss *loss,
                                  const ov_trajectory *const *trajs, size_t n,
                                  const ov_figure_spec *spec, ov_error *err);
long ov__cview_last_step(const ov__cview *sc);
ov_status ov__cview_frame(ov__cview *sc, long step, ov_rect *dirty,
                          size_t cap, size_t *ndirty);
const ov_image *ov__cview_image(const ov__cview *sc);
size_t ov__cview_colors(const ov__cview *sc, uint32_t *out, size_t cap);
uint32_t ov__cview_series_color(const ov__cview *sc, size_t i);
ov_status ov__cview_draw_vector(ov__cview *sc, void *cr, int svg,
                                char **svg_text, size_t *svg_text_len);
void ov__cview_plot_area(const ov__cview *sc, int *x, int *y, int *w, int *h);
void ov__cview_to_pixel(const ov__cview *sc, double x, double y, double *px,
                        double *py);
uint32_t ov__cview_band_color(const ov__cview *sc, double f);
size_t ov__cview_bands(const ov__cview *sc, const double **bound);
void ov__cview_destroy(ov__cview *sc);

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

typedef struct ov__view_class {
    /* The static part at @p step (the step matters only when dynamic). */
    ov_status (*background)(ov__view *v, ov__pen *pn, long step);
    /* Trail rows (from, to] on @p cr, step-major; grows *bb (may be NULL)
     * by what was drawn. */
    void (*rows)(ov__view *v, cairo_t *cr, long from, long to, ov__box *bb);
    /* What moves, at @p step, and the boxes it covers. */
    void (*overlay)(ov__view *v, ov__pen *pn, long step);
    size_t (*overlay_boxes)(ov__view *v, long step, ov__box *out, size_t cap);
    /* Colours the view paints besides the base ones (see ov__view_colors). */
    size_t (*colors)(const ov__view *v, uint32_t *out, size_t cap);
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
    ov__box over_old[OV__MAX_OVER];
    size_t nover_old;
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
ov_status ov__view_frame(ov__view *v, long step, ov_rect *dirty, size_t cap,
                         size_t *ndirty);
ov_status ov__view_draw_vector(ov__view *v, cairo_t *cr, int svg,
                               char **svg_text, size_t *svg_text_len);
size_t ov__view_colors(const ov__view *v, uint32_t *out, size_t cap);
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

/* Views. */
ov_status ov__surface_create(ov__view **out, const ov_loss *loss,
                             const ov_trajectory *const *trajs, size_t n,
                             const ov_figure_spec *spec, int raster,
                             ov_error *err);
/* The surface's projection of (x, y, loss) to pixels (orthographic). */
void ov__surface_project(const ov__view *v, double x, double y, double f,
                         double *px, double *py);
uint32_t ov__surface_band_color(const ov__view *v, double f);
size_t ov__surface_bands(const ov__view *v, const double **bound);
/* The box's labels under the camera in force (the first frame's): boxes
 * (x0, y0, x1, y1), axis (0 x, 1 y, 2 z), tick label or axis name. */
size_t ov__surface_labels(const ov__view *v, double (*box)[4], int *axis,
                          int *tick, size_t cap);
/* The surface's z scale, its nb band colours and the loss's name, for a
 * grid's one colorbar (all borrowed). */
void ov__surface_scale(const ov__view *v, const ov__zmap **m,
                       const uint32_t **band, const char **zname);
ov_status ov__curve_create(ov__view **out, const ov_loss *loss,
                           const ov_trajectory *const *trajs, size_t n,
                           const ov_figure_spec *spec, int raster,
                           ov_error *err);
/* The x range of the curve view: the user's, else symmetric about 0 out
 * to the farthest iterate (seed 004), padded. */
void ov__curve_limits(const ov_loss *loss, const ov_trajectory *const *trajs,
                      size_t n, double lim[2]);
void ov__curve_to_pixel(const ov__view *v, double x, double y, double *px,
                        double *py);
ov_status ov__history_create(ov__view **out, const ov_loss *loss,
                             const ov_trajectory *const *trajs, size_t n,
                             const ov_figure_spec *spec, int raster,
                             ov_error *err);
void ov__history_to_pixel(const ov__view *v, double x, double y, double *px,
                          double *py);
ov_status ov__lpanel_create(ov__view **out, const ov_loss *loss,
                            const ov_trajectory *const *trajs, size_t n,
                            const ov_figure_spec *spec, int raster,
                            ov_error *err);
void ov__lpanel_to_pixel(const ov__view *v, double step, double loss,
                         double *px, double *py);

/* Seed 001's gradient response (view_response.c): runs of ov_signal_run;
 * data -> pixel is (step, value); the y range (signal and responses, 0
 * included, padded) shared by grid cells. */
ov_status ov__response_create(ov__view **out, const ov_loss *loss,
                              const ov_trajectory *const *trajs, size_t n,
                              const ov_figure_spec *spec, int raster,
                              ov_error *err);
void ov__response_to_pixel(const ov__view *v, double x, double y, double *px,
                           double *py);
void ov__response_limits(const ov_trajectory *const *trajs, size_t n,
                         double lim[2]);

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
