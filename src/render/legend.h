/*
 * legend.h: the legend box of the chart views (legend.c)
 */
#ifndef OV_LEGEND_H
#define OV_LEGEND_H

#include "view.h"

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
/* The centre of entry @p i's sample. */
void ov__legend_sample(const ov__legend *lg, size_t i, double *x, double *y);
/* The legend's box with its outline, for dirty rectangles. */
ov__box ov__legend_dirty(const ov__legend *lg, double s);
void ov__legend_draw(const ov__view *v, ov__pen *pn, const ov__legend *lg,
                     const char *const *texts, const uint32_t *colors,
                     const int *kind);

#endif /* OV_LEGEND_H */
