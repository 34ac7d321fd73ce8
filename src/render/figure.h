/*
 * figure.h: a figure, for stills and animations, whatever its view
 * (internal to liboptviz; cairo stays inside src/render).
 *
 * A figure is laid out and its background rendered once; frames are then
 * drawn incrementally.  Every view (contour, surface, curve, history) and
 * every composition (--layout grid, --panel loss) goes through the same
 * calls below; view.h says how each is built.  Raster frames of every
 * view live in three RGB24 layers (frame.c; for the contour view):
 *
 *   background  bands, contour lines with inline labels, axes, ticks, axis
 *               names, colorbar, start points, a fixed title;
 *   trails      background + the trail of every optimizer up to the step
 *               drawn last (segments, point markers, arrows, divergence
 *               crosses); only new segments are drawn on it;
 *   frame       trails + the minima (stars, kept above the trails that
 *               converge on them) + what moves: the current point of each
 *               optimizer, the live title ("ols: Iteration k", or "Epoch: i,
 *               Error: e" for one optimizer on a data loss) and the legend
 *               with each optimizer's current loss.
 *
 * The other views' layers hold their own trails and overlays; the surface view
 * with --rotate redraws its background every frame (the camera moves), and
 * then every frame reports the whole image dirty.  A composite brings each
 * cell to the step and reports the cells' dirty rectangles, offset.
 *
 * Use:
 *
 *   ov__figure *sc;
 *   ov__figure_create(&sc, loss, trajs, n, spec, err);
 *   for (each frame, steps non-decreasing) {
 *       ov_rect dirty[OV__FIGURE_MAX_DIRTY];
 *       size_t nd;
 *       ov__figure_frame(sc, step, dirty, OV__FIGURE_MAX_DIRTY, &nd);
 *       const ov_image *img = ov__figure_image(sc);   // 0x00RRGGBB
 *       // only the pixels inside dirty[0..nd-1] changed since the last
 *       // call; the first call reports the whole image
 *   }
 *   ov__figure_destroy(sc);
 *
 * A still is the frame at ov__figure_last_step(), drawn by the same code, so
 * an animation's last frame equals the PNG of the same flags.  Trails are
 * always drawn one row at a time in step-major order, so the pixels do not
 * depend on which steps were sampled as frames (with --trail N the removed
 * part is redrawn from the background and may differ in anti-aliasing).
 *
 * ov__figure_colors() lists the exact colours the figure paints (band,
 * series, text, axis, marker and legend colours, all k/255 so cairo renders
 * them exactly; the surface's shaded faces too) for a palette to pin;
 * anti-aliased blends of them are not listed.
 */
#ifndef OV_FIGURE_H
#define OV_FIGURE_H

#include "optviz/image.h"
#include "optviz/render.h"

#define OV__FIGURE_MAX_DIRTY 64

typedef struct ov__figure ov__figure;

/* Lays out the figure and renders its background.  Same errors as
 * ov_render (OV_ERR_TOO_LARGE, OV_ERR_INVALID_ARG, OV_ERR_NOT_FOUND for the
 * colormap, OV_ERR_UNSUPPORTED for a view the loss cannot have: contour
 * or surface of a 1-D loss, curve of a 2-D loss, a response view of 2-D
 * runs or with --panel loss, OV_ERR_RENDER, OV_ERR_NOMEM). */
ov_status ov__figure_create(ov__figure **out, const ov_loss *loss,
                           const ov_trajectory *const *trajs, size_t n,
                           const ov_figure_spec *spec, ov_error *err);

/* Lays the figure out as ov__figure_create would, without layers, without
 * drawing and with a coarse field, and destroys it: ov_render_check. */
ov_status ov__figure_check(const ov_loss *loss,
                           const ov_trajectory *const *trajs, size_t n,
                           const ov_figure_spec *spec, ov_error *err);

/* The same without raster layers, for ov__figure_draw_vector only. */
ov_status ov__figure_create_vector(ov__figure **out, const ov_loss *loss,
                                  const ov_trajectory *const *trajs, size_t n,
                                  const ov_figure_spec *spec, ov_error *err);

/* The last step of any trajectory (0 when there are none). */
long ov__figure_last_step(const ov__figure *sc);

/*
 * Brings the frame to @p step (clamped to [0, last step]; a step smaller
 * than the previous one is treated as the previous one).  Fills @p dirty
 * with up to @p cap rectangles covering every pixel that changed (merged
 * into their bounding box when there are more) and sets *ndirty.
 */
ov_status ov__figure_frame(ov__figure *sc, long step, ov_rect *dirty,
                          size_t cap, size_t *ndirty);

/* Before the first frame: draws the last step with every trail whole
 * (as a figure without --trail draws it) as the current image, for a
 * palette; the first frame then starts afresh.  OV_ERR_INVALID_ARG after
 * a frame or for a vector figure. */
ov_status ov__figure_sample(ov__figure *sc);

/* After the first frame (and after any use of the background layer, such
 * as ov__figure_scene): frees the layers nothing reads again (frame.c). */
void ov__figure_drop_background(ov__figure *sc);

/* The current frame; valid until the next call or destroy. */
const ov_image *ov__figure_image(const ov__figure *sc);

/* Writes up to @p cap distinct colours (0xRRGGBB); @return how many exist. */
size_t ov__figure_colors(const ov__figure *sc, uint32_t *out, size_t cap);

/* The colour of series @p i (0xRRGGBB). */
uint32_t ov__figure_series_color(const ov__figure *sc, size_t i);
/* Series @p i's casing (black or white, ov__view.casing). */
uint32_t ov__figure_series_casing(const ov__figure *sc, size_t i);

/*
 * Draws the whole figure at the last step on a vector surface (@p svg:
 * cairo's SVG surface turns text into glyph outlines, so text is collected
 * and returned as SVG <text> elements in *svg_text, to be inserted before
 * "</svg>"; caller frees with ov__free).  @p cr is a cairo_t, as void * so
 * this header needs no cairo.
 */
ov_status ov__figure_draw_vector(ov__figure *sc, void *cr, int svg,
                                char **svg_text, size_t *svg_text_len);

/* Every text of the still (the figure at its last step), for tests: the
 * box of its ink in pixels, its size and its first 79 bytes; @return the
 * count (more than @p cap when some were left out).  On a figure made by
 * ov__figure_create_vector() (a raster figure keeps only what its frames
 * need). */
typedef struct ov__figure_text {
    double x0, y0, x1, y1, size;
    char s[80];
} ov__figure_text;
size_t ov__figure_texts(ov__figure *sc, ov__figure_text *out, size_t cap);

/* Geometry, for tests and overlays: the plot area in pixels (whole pixels;
 * the axes frame is drawn just outside it), data -> pixel mapping (contour:
 * (x, y); surface: (x, y) at its loss; curve: (x, f); history: (epoch or
 * step, value); loss panel: (step or epoch, loss); response: (step,
 * value)), and the band colour of
 * a loss value (contour and surface). */
void ov__figure_plot_area(const ov__figure *sc, int *x, int *y, int *w, int *h);
void ov__figure_to_pixel(const ov__figure *sc, double x, double y, double *px,
                        double *py);
uint32_t ov__figure_band_color(const ov__figure *sc, double f);
/* Band boundaries in the z scale (the loss itself for linear); nb + 1 of
 * them, *bound borrowed; @return nb. */
size_t ov__figure_bands(const ov__figure *sc, const double **bound);

/* The name of a plain figure's view ("contour", "surface", "curve",
 * "history", "response", "loss panel"), or "composite"; for tests. */
const char *ov__figure_view(const ov__figure *sc);
/* The cells of a composite (pixel rectangles in the figure) and their
 * figures; @return the count (0 for a plain figure). */
size_t ov__figure_cells(const ov__figure *sc, ov_rect *rects, size_t cap);
const ov__figure *ov__figure_cell(const ov__figure *sc, size_t i);
/* Surface view: the pixel of the point (x, y) at height @p f (a loss value)
 * under the camera; NAN for other views. */
void ov__figure_project(const ov__figure *sc, double x, double y, double f,
                       double *px, double *py);

/* Surface view: the labels of its box (boxes x0 y0 x1 y1 in pixels, axis
 * 0 x, 1 y, 2 z, tick label or axis name), for tests; @return the count
 * (0 for other views). */
size_t ov__figure_surface_labels(const ov__figure *sc, double (*box)[4],
                                int *axis, int *tick, size_t cap);

/* For a sink that draws the figure itself (sink_private.h): fills the
 * map, plot area, scale and static layer of @p out (in @p bg, whose
 * pixels are borrowed from @p sc) for a plain contour or curve view
 * that is not redrawn every frame (whole trails or --trail); else leaves
 * the map NONE.  A view with a page hook gives a static layer without what moves
 * and the overlay's layout in @p ov (out->overlay). */
struct ov__sink_scene;
struct ov__scene_overlay;
ov_status ov__figure_scene(ov__figure *sc, struct ov__sink_scene *out,
                           ov_image *bg, struct ov__scene_overlay *ov);
void ov__figure_destroy(ov__figure *sc);

#endif /* OV_FIGURE_H */
