/*
 * typescale.h: the one type scale of a figure: three text sizes (tick
 * labels, axis names, titles) and the scale of line widths and margins,
 * derived in one place from the figure's size in points, so every view
 * and every part of a composite (grid cells, the loss panel, the grid's
 * title and colour bar) draws text at the same few sizes.
 */
#ifndef OV_TYPESCALE_H
#define OV_TYPESCALE_H

#include "optviz/render.h"

/* The smallest text drawn, in points: below it digits blur into each
 * other (small figures keep this size and give up space instead). */
#define OV__MIN_TEXT 8.0

typedef struct ov__type {
    double s;       /* line widths and margins, pixels (1 at 800x600 px) */
    double tick;    /* tick labels, legend entries, contour labels, pixels */
    double label;   /* axis names, the colour bar's name */
    double title;   /* titles (a view's, a grid's) */
    double small;   /* a legend too big for its plot (never under
                       OV__MIN_TEXT points; may equal tick) */
    double min;     /* OV__MIN_TEXT in pixels */
} ov__type;

/* The type scale (ov_figure_spec.text_scale) of a view or cell of
 * @p w x @p h points: 1 at 800x600.  The area sets it, so a narrow part
 * keeps its text as readable as a wide one; the shorter side bounds it, so
 * a small figure still fits its text. */
double ov__type_unit(double w, double h);

/* The unit of a grid cell of @p cw x @p ch points in a figure of @p w x
 * @p h points: the cell's, or more on a big figure (0.6 of the figure's,
 * bounded by the cell's shorter side). */
double ov__type_unit_cell(double cw, double ch, double w, double h);

/* Pixels per point of @p spec (dpi / 72; 1 without a dpi). */
double ov__type_px_per_pt(const ov_figure_spec *spec);

/* The sizes of a figure of @p spec: its text_scale, else the unit of its
 * width x height in points. */
void ov__type_of(ov__type *t, const ov_figure_spec *spec);

#endif /* OV_TYPESCALE_H */
