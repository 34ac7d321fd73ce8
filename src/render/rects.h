/*
 * rects.h: pixel rectangles and boxes: dirty lists, copies between layers (rects.c)
 */
#ifndef OV_RECTS_H
#define OV_RECTS_H

#include <cairo.h>
#include "optviz/image.h"
#include "draw.h"

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

/* Whether two non-empty boxes overlap. */
int ov__boxes_meet(ov__box a, ov__box b);

#endif /* OV_RECTS_H */
