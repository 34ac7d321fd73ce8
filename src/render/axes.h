/*
 * axes.h: 2-D chart axes, linear or log y, for the chart views (axes.c)
 */
#ifndef OV_AXES_H
#define OV_AXES_H

#include "view.h"

typedef struct ov__axes {
    double px, py, pw, ph;       /* plot rectangle, whole pixels */
    double x0, x1, y0, y1;       /* limits; x, y in log10 when xlog, ylog */
    int ylog, grid;
    int xlog;                    /* ticks at decades, labels 10^t */
    /* A log y axis whose data has exact zeros: they are drawn on a marked
     * floor at yzero_at (log10 units, below the smallest positive value,
     * labelled "0", set apart by a dashed line and a break on the axis);
     * no tick goes below ytick_lo. */
    int yzero;
    double yzero_at, ytick_lo;
    double xt[64], yt[64], xstep, ystep;
    size_t nxt, nyt;
    int xsup, ysup;              /* log labels written 10^n (superscript) */
} ov__axes;

/* Sets the y limits of a loss axis from the losses' range [lo, hi] and
 * their smallest positive value pos (INFINITY if none): log10 while no loss
 * is negative (exact zeros on a marked floor), linear otherwise.  @p
 * min_decades: the span hi/pos must reach 10^min_decades for a log axis
 * (0 always takes it when it can). */
void ov__axes_loss_y(ov__axes *a, double lo, double hi, double pos,
                     double min_decades);
/* Places the plot inside the rectangle (cx, cy, cw, ch) of the view,
 * leaving room for a title above, tick labels and axis names, and @p right
 * more pixels on the right; chooses the ticks.  Limits must be set. */
void ov__axes_fit(ov__axes *a, const ov__view *v, double cx, double cy,
                  double cw, double ch, double right);
/* Data x to pixels (log10 applied when xlog; values <= 0 go left of the
 * plot). */
double ov__axes_px(const ov__axes *a, double x);
/* Data y to pixels (log10 applied when ylog; values <= 0 go to the zero
 * floor when there is one, else below the plot). */
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

#endif /* OV_AXES_H */
