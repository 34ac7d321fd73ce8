/*
 * optviz/render.h: figures of trajectories on a loss (cairo inside; no cairo
 * type appears here).
 *
 * A figure is a background drawn once (bands, contour lines, axes, labels,
 * colorbar, minima) plus what moves (trails, markers, live text).  Stills
 * are the figure at the last step; animations add the moving parts frame by
 * frame (render issue, animation issue).
 */
#ifndef OPTVIZ_RENDER_H
#define OPTVIZ_RENDER_H

#include "common.h"
#include "status.h"
#include "format.h"
#include "loss.h"
#include "run.h"
#include "tune.h"

OV_BEGIN_DECLS

#define OV_MAX_SERIES 16          /* optimizers on one figure */
#define OV_MAX_PIXELS (16L << 20) /* width*height cap: 16 Mpx */

typedef enum ov_view {
    OV_VIEW_AUTO,        /* contour for 2-D losses, curve for 1-D */
    OV_VIEW_CONTOUR,
    OV_VIEW_SURFACE,
    OV_VIEW_CURVE,
    OV_VIEW_HISTORY,
    OV_VIEW_RESPONSE,    /* seed 001: theta_t - theta_{t+1} against t for runs
                            of ov_signal_run, with the signal (row grad[0]);
                            1-D runs only; the loss is not drawn */
    OV_VIEW_SENSITIVITY  /* final loss against learning rate from a search
                            (spec->tune), one curve per series: series i is
                            tune->series[i], trajs[i] its winner's run */
} ov_view;

typedef enum ov_zscale {
    OV_ZSCALE_LINEAR,
    OV_ZSCALE_LOG,
    OV_ZSCALE_SQRT,
    OV_ZSCALE_AUTO      /* the loss's ov_loss_zscale_hint() */
} ov_zscale;
typedef enum ov_arrows {
    OV_ARROWS_NONE,
    OV_ARROWS_GRADIENT,
    OV_ARROWS_STEP
} ov_arrows;
typedef enum ov_theme { OV_THEME_LIGHT, OV_THEME_DARK } ov_theme;
/* How the contour view draws the loss: filled bands with dashed lines, or
 * (seed 001's look) only the lines, each in its level's colour-map colour
 * and labelled, on the theme's background (white for light). */
typedef enum ov_contour_style {
    OV_CONTOUR_FILLED,
    OV_CONTOUR_LINES
} ov_contour_style;
/* How the contour view maps x and y to pixels: each axis filling its side
 * of the plot (auto), or one data unit the same number of pixels on both
 * (equal: round bowls are circles and gradients cross the contours at
 * right angles; the plot shrinks, centred, to keep it).  Only the contour
 * view has two axes in one unit; the other views refuse equal. */
typedef enum ov_aspect { OV_ASPECT_AUTO, OV_ASPECT_EQUAL } ov_aspect;

typedef struct ov_figure_spec {
    ov_view view;
    int width, height;          /* pixels; an SVG/PDF page is width x
                                   height points, or width/dpi x
                                   height/dpi inches when dpi > 0 */
    int has_xlim, has_ylim;     /* user-given limits; else the loss's,
                                   widened */
    double xlim[2], ylim[2];
    int levels;                 /* contour bands */
    ov_zscale zscale;
    const char *colormap;       /* "viridis", ...; borrowed */
    ov_arrows arrows;
    const char *title;          /* NULL: automatic; borrowed */
    int legend, colorbar;       /* 1 = draw */
    ov_theme theme;
    int has_color[OV_MAX_SERIES];
    uint32_t color[OV_MAX_SERIES]; /* 0xRRGGBB per series when has_color */
    /* 3-D camera */
    int has_elev, has_azim;
    double elev, azim;          /* degrees */
    int rotate;
    /* animation */
    long frames;                /* at most this many frames; <= 0: one per
                                   step */
    double fps;
    double hold;                /* seconds the last frame is held */
    int loop;                   /* 0 = forever; N = N extra plays; < 0 =
                                   play once */
    long trail;                 /* points of trail kept; <= 0 = all */
    const char *command_line;   /* recorded in PNG tEXt / GIF comment;
                                   borrowed */
    /* composition (appended; 0 = off) */
    int panel_loss;             /* --panel loss: loss-versus-step panel
                                   beside the view */
    int layout_grid;            /* --layout grid: one small panel per
                                   optimizer */
    int wireframe;              /* surface view: mesh lines over the faces */
    const char *signal;         /* response view: the signal's name for the
                                   title (ov_signal_name); borrowed, may
                                   be NULL */
    const ov_tune_result *tune; /* sensitivity view: the search, with
                                   tune->n == n (the series of trajs);
                                   borrowed; other views ignore it */
    /* interactive page (HTML) */
    const ov_run_config *run;   /* how trajs were run (one config for
                                   all): an HTML page reruns them when a
                                   slider moves (needs a build with
                                   WebAssembly, ov_format_html_live());
                                   NULL: a player only; borrowed */
    unsigned sliders;           /* OV_SLIDER_* the page shows; 0: all */
    /* path style per series (appended; 0 = lines) */
    int points_only[OV_MAX_SERIES]; /* 1: the contour view draws the
                                       series' point markers, one per
                                       step, with no joining lines
                                       (seed 000's scatter paths) */
    ov_contour_style contour;   /* contour view: filled bands (default) or
                                   lines on the theme's background */
    /* paper (appended; 0 = off) */
    ov_aspect aspect;           /* contour view: auto or equal */
    double dpi;                 /* pixels per inch, > 0: an SVG/PDF page
                                   is width/dpi x height/dpi inches, a PNG
                                   records it (pHYs), and text is sized in
                                   points (tick labels 8 pt at least) at
                                   that resolution; 0: a pixel is a point
                                   (72 dpi) and no PNG resolution */
    double text_scale;          /* the type scale (1: tick labels 12 pt,
                                   axis names 14, titles 16, as at 800x600
                                   points), > 0; 0: from the figure's size
                                   in points.  A composite figure sets it
                                   for its parts, so they share one */
} ov_figure_spec;

/* The controls of a live HTML page (ov_figure_spec.sliders). */
#define OV_SLIDER_LR 1u         /* each optimizer's lr, on a log scale */
#define OV_SLIDER_MOMENTUM 2u   /* momentum, or beta1 for the adam family */
#define OV_SLIDER_START 4u      /* the start point, dragged on the figure */
#define OV_SLIDERS_ALL 7u

#define OV_FIGURE_SPEC_INIT { OV_VIEW_AUTO, 800, 600, 0, 0, { 0, 0 }, \
    { 0, 0 }, \
    25, OV_ZSCALE_AUTO, "viridis", OV_ARROWS_NONE, NULL, 1, 1, OV_THEME_LIGHT, \
    { 0 }, { 0 }, 0, 0, 0.0, 0.0, 0, 0, 10.0, 2.0, 0, 0, NULL, 0, 0, 0, NULL, \
    NULL, NULL, 0, { 0 }, OV_CONTOUR_FILLED, OV_ASPECT_AUTO, 0.0, 0.0 }

/** Progress callback: @p done of @p total frames drawn (a raster still
 *  is one frame, a vector still none). */
typedef void (*ov_progress_fn)(void *payload, long done, long total);

/**
 * Renders a figure of @p trajs on @p loss in @p fmt through @p fn.  Still
 * formats (format.h: raster, vector) show the last step; animation
 * formats every planned frame.
 * @return OV_ERR_TOO_LARGE (size over OV_MAX_PIXELS), OV_ERR_INVALID_ARG
 *         (err->what names a bad fps, hold or loop),
 *         OV_ERR_NOT_FOUND (colormap; err->what = the name),
 *         OV_ERR_UNSUPPORTED (view not available for this loss/format; a
 *         trajectory format or one this build lacks),
 *         OV_ERR_RENDER, OV_ERR_ENCODE, or what @p fn returned.
 */
OV_API ov_status ov_render(ov_write_fn fn, void *closure, ov_format fmt,
                           const ov_loss *loss,
                           const ov_trajectory *const *trajs, size_t n,
                           const ov_figure_spec *spec,
                           ov_progress_fn progress, void *payload,
                           ov_error *err);

/**
 * Lays out the figure ov_render() would make, without drawing it, to
 * report a spec that cannot work (a size too small for the figure, a grid
 * too small for the size) before any optimizer runs.  @p trajs may be
 * stand-ins: one row each at the start.
 * @return what ov_render() would return for the layout, or OV_OK.
 */
OV_API ov_status ov_render_check(ov_format fmt, const ov_loss *loss,
                                 const ov_trajectory *const *trajs, size_t n,
                                 const ov_figure_spec *spec, ov_error *err);

/**
 * Sets up the font machinery (fontconfig, through a first text
 * measurement) once for the process.  ov_render() does it by itself when
 * needed; a program that renders on several threads calls this first, so
 * the threads do not race to set it up (which fails under a memory
 * limit).  Thread-safe; later calls return the first one's status.
 * @return OV_OK, or OV_ERR_RENDER when the fonts cannot be set up.
 */
OV_API ov_status ov_render_prepare(void);

/** Colormap names, for --list colormaps and suggestions. */
OV_API size_t ov_colormap_count(void);
OV_API const char *ov_colormap_name(size_t i);

OV_END_DECLS

#endif /* OPTVIZ_RENDER_H */
