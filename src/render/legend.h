/*
 * legend.h: the legend box of the chart views (legend.c)
 */
#ifndef OV_LEGEND_H
#define OV_LEGEND_H

#include "view.h"

#include "occupancy.h"

#define OV__LEGEND_MAX 64

/* Legend box: one row per entry in a corner of the plot rectangle
 * (x, y, w, h) (@p corner bit 0: left, bit 1: bottom); entries have a
 * colour and a text.  A legend is at most OV__LEGEND_WIDTH of the plot's
 * width and OV__LEGEND_HEIGHT of its height: its text takes the type
 * scale's small size, then entries are shortened with an ellipsis. */
#define OV__LEGEND_WIDTH 0.7
#define OV__LEGEND_HEIGHT 0.7
/* The widest a legend may be in a plot @p w wide (a narrow plot lends it
 * more of its width rather than shorten every entry to nothing). */
double ov__legend_max_width(double w);
typedef struct ov__legend {
    ov__box box;
    size_t n;
    double fs, row_h, pad, text_x, sample;
    unsigned char cut[OV__LEGEND_MAX];     /* entry i drawn as txt[i] */
    char txt[OV__LEGEND_MAX][96];
} ov__legend;
void ov__legend_layout(const ov__view *v, ov__legend *lg,
                       const char *const *texts, size_t n, double x, double y,
                       double w, double h, int corner);
/* The same, placed where the box hides the least of what @p occ marks
 * (the view's lines and markers): a corner, or a point along the top or
 * the bottom edge; the upper right on ties.  The contour view's approach,
 * shared by every view. */
void ov__legend_place(const ov__view *v, ov__legend *lg,
                      const char *const *texts, size_t n, double x, double y,
                      double w, double h, const ov__occ *occ);
/* ov__legend_place(); when the box still meets what @p occ marks, smaller
 * text (down to OV__MIN_TEXT) anywhere in the region @p r (outside the
 * plot if need be: a free corner of the figure).  *count gets the taken
 * cells the box meets (0: it hides nothing).
 * @return OV_ERR_NOMEM, else OV_OK. */
ov_status ov__legend_place_free(const ov__view *v, ov__legend *lg,
                                const char *const *texts, size_t n, double x,
                                double y, double w, double h,
                                const ov__occ *occ, ov__box r, int *count);
/* ov__legend_place() for a chart view: what it hides is what the view's
 * trails draw (ov__view_occupancy) and the polyline @p extra of @p nextra
 * points (x, y pixel pairs; a line of the background, may be NULL).
 * @return OV_ERR_NOMEM, else OV_OK. */
ov_status ov__legend_auto(ov__view *v, ov__legend *lg,
                          const char *const *texts, size_t n, double x,
                          double y, double w, double h, const double *extra,
                          size_t nextra);
/* The legend placed in whichever of @p nreg regions (the panels of a
 * stack, or one plot) it hides the least of @p occ in, every position of
 * each tried (ov__occ_best_spot), never across two; its text as fitted to
 * the first region, then smaller down to the view's small size.  *count
 * gets the taken cells it meets (0: it hides nothing; INT_MAX: it fits
 * in none); a view then puts it beside its plot (ov__legend_beside).
 * @return OV_ERR_NOMEM, else OV_OK. */
ov_status ov__legend_place_regions(const ov__view *v, ov__legend *lg,
                                   const char *const *texts, size_t n,
                                   const ov__box *reg, size_t nreg,
                                   const ov__occ *occ, int *count);
/* ov__legend_place_regions() for a chart view: what it hides is what the
 * view's trails draw and the polyline @p extra (as ov__legend_auto).
 * @return OV_ERR_NOMEM, else OV_OK. */
ov_status ov__legend_auto_regions(ov__view *v, ov__legend *lg,
                                  const char *const *texts, size_t n,
                                  const ov__box *reg, size_t nreg,
                                  const double *extra, size_t nextra,
                                  int *count);
/* The legend laid out for outside the plot, at most @p maxw wide (the
 * view's legend size, else its small size, then shortened entries), at
 * (0, 0): *bw x *bh is the room the view leaves for it beside its plot,
 * and ov__legend_move() puts it there. */
void ov__legend_beside(const ov__view *v, ov__legend *lg,
                       const char *const *texts, size_t n, double maxw,
                       double *bw, double *bh);
/* Moves the legend's box to have its upper left at (x, y). */
void ov__legend_move(ov__legend *lg, double x, double y);
/* Where a box of bw x bh goes in the plot (x, y, w, h), @p m in from its
 * edges, to hide the least of @p occ (ov__legend_place's choice). */
ov__box ov__legend_spot(const ov__occ *occ, double bw, double bh, double x,
                        double y, double w, double h, double m);
/* The legend text size for a box of bw x bh at the view's legend size in a
 * plot of w x h: the view's small size (fs_small) when the box is too big
 * (OV__LEGEND_WIDTH, OV__LEGEND_HEIGHT). */
double ov__legend_fs(const ov__view *v, double bw, double bh, double w,
                     double h);
/* The centre of entry @p i's sample. */
void ov__legend_sample(const ov__legend *lg, size_t i, double *x, double *y);
/* The legend's box with its outline, for dirty rectangles. */
ov__box ov__legend_dirty(const ov__legend *lg, double s);
void ov__legend_draw(const ov__view *v, ov__pen *pn, const ov__legend *lg,
                     const char *const *texts, const uint32_t *colors,
                     const int *kind);

#endif /* OV_LEGEND_H */
