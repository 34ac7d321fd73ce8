/*
 * colorbar.h: the colour scale beside a contour or surface (colorbar.c)
 */
#ifndef OV_COLORBAR_H
#define OV_COLORBAR_H

#include <cairo.h>
#include "draw.h"

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

/* The colour scale of a loss whose values on the plotted grid span
 * [fmin, fmax] (fpos: the least positive one): @p kind (AUTO: the loss's
 * hint), shifted to the minimum when the loss goes negative (sqrt, log),
 * floored above 0 (log).  The shift is the loss's own global minimum when
 * it knows one within @p lim (x0 x1 y0 y1) below the grid's: a grid
 * misses the true minimum by up to 1e-4, and the labels of a shifted log
 * scale print the distance from it to 4 decimals. */
void ov__zmap_init(ov__zmap *m, ov_zscale kind, const ov_loss *loss,
                   const double lim[4], double fmin, double fmax,
                   double fpos);
/* Ticks for the bands bound[0..nb] under @p m, about one per 2.2 text
 * heights of the bar (cb->y and cb->h set), at least 1.3 apart. */
void ov__colorbar_ticks(ov__colorbar *cb, const double *bound, size_t nb,
                        const ov__zmap *m, double fs_tick);
/* Ticks at round values of the loss on a nonlinear scale @p m over
 * [lo, hi] (the z scale), at most @p maxn, @p sep pixels apart at @p ppz
 * pixels per z unit; a shifted log scale gets one per decade of the
 * distance from the minimum, each printed with the decimals that tell it
 * from the minimum.  Labels are distinct.  @return the count (t ascending). */
/*
 * Round loss values for labelled contour lines between transformed values
 * @p lo and @p hi (exclusive): whole decades on a log scale of two decades or
 * more, 1-2-5 x 10^n values spread evenly in sqrt (or short log) space,
 * multiples of one round step on a linear scale, the colour bar's values
 * printed as it prints them on a shifted log scale; at most @p maxn, returned
 * ascending as transformed values in @p z with their labels in @p l.
 * Returns 0 when no such values exist (the caller keeps band boundaries).
 */
size_t ov__round_levels(const ov__zmap *m, double lo, double hi, size_t maxn,
                        double *z, char (*l)[32]);
size_t ov__round_ticks(const ov__zmap *m, double lo, double hi, double ppz,
                       double sep, size_t maxn, double *t, char (*l)[32]);
double ov__colorbar_label_width(const ov__colorbar *cb, cairo_t *meas,
                                double fs_tick);
/* "f (log scale)" or the name of a shifted scale, for what it is: a log
 * (sqrt) of the loss plus a constant is named "f (log of f + 1.032)",
 * not "log scale" (its ticks would otherwise read as a log axis). */
void ov__colorbar_name_map(char *buf, size_t size, const char *zname,
                           const ov__zmap *m);
/* "f", "f (log scale)", "f (sqrt scale)". */
void ov__colorbar_name(char *buf, size_t size, const char *zname,
                       ov_zscale kind);
/* The bar, its frame, tick marks and labels, and @p name along its right
 * side. */
void ov__colorbar_draw(const ov__colorbar *cb, ov__pen *pn,
                       const double *bound, const uint32_t *band, size_t nb,
                       const char *name, const ov__cb_style *st);

#endif /* OV_COLORBAR_H */
