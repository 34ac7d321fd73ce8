/*
 * occupancy.h: a coarse grid of what a figure's plot already shows
 * (trails, markers, labels), so that what is placed later (contour
 * labels, the legend) goes where it hides the least (occupancy.c).
 */
#ifndef OV_OCCUPANCY_H
#define OV_OCCUPANCY_H

#include "draw.h"

typedef struct ov__occ {
    int W, H;                    /* the image's size */
    int ow, oh;                  /* cells across and down */
    double cell;                 /* pixels per cell */
    unsigned char *g;            /* ow * oh, 1 = taken */
} ov__occ;

/* A grid over a W x H image of @p cell pixel cells, all free.
 * @return OV_ERR_NOMEM, else OV_OK. */
ov_status ov__occ_init(ov__occ *o, int W, int H, double cell);
void ov__occ_free(ov__occ *o);
void ov__occ_mark_box(ov__occ *o, ov__box b);
/* Marks the cells along a segment, @p pad pixels wide on each side. */
void ov__occ_mark_segment(ov__occ *o, double xa, double ya, double xb,
                          double yb, double pad);
/* Marks a polyline of @p n points (x, y pairs; non-finite ones break it). */
void ov__occ_mark_polyline(ov__occ *o, const double *xy, size_t n,
                           double pad);
/* Taken cells under @p b. */
int ov__occ_count(const ov__occ *o, ov__box b);
/* Whether @p b lies inside the grid on free cells only. */
int ov__occ_is_free(const ov__occ *o, ov__box b);
/* Marks every cell under a non-zero pixel of the A8 image @p mask (the
 * grid's size), grown by @p pad pixels. */
void ov__occ_mark_mask(ov__occ *o, cairo_surface_t *mask, double pad);
/* The box of bw x bh inside the region @p r that meets the fewest taken
 * cells (a summed table: every cell position is tried); on ties the one
 * nearest a corner of @p r, the upper right first.  *count gets its taken
 * cells.  An empty box when none fits in @p r.
 * @return OV_ERR_NOMEM, else OV_OK. */
ov_status ov__occ_best_spot(const ov__occ *o, double bw, double bh, ov__box r,
                            ov__box *out, int *count);

#endif /* OV_OCCUPANCY_H */
