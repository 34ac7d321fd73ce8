/*
 * sprite.h: small kept rasters of markers (sprite.c), composited instead
 * of rasterized again.
 */
#ifndef OV_SPRITE_H
#define OV_SPRITE_H

#include <cairo.h>
#include <stdint.h>

typedef struct ov__sprites ov__sprites;

/* NULL when out of memory (then every marker is drawn as a path). */
ov__sprites *ov__sprites_create(void);
void ov__sprites_destroy(ov__sprites *sp);

/*
 * What ov__circle(@p cr, x, y, r, fill, edge, lw) draws, from a kept
 * raster of that circle drawn with its centre at (x, y) rounded to a
 * quarter pixel, when @p cr draws on an image surface in whole pixels
 * (no scale or rotation, whole translations); else ov__circle itself.
 * @p sp may be NULL (ov__circle).
 */
void ov__sprite_circle(ov__sprites *sp, cairo_t *cr, double x, double y,
                       double r, uint32_t fill, uint32_t edge, double lw);

/* The same for ov__star(@p cr, x, y, r, s). */
void ov__sprite_star(ov__sprites *sp, cairo_t *cr, double x, double y,
                     double r, double s);

#endif /* OV_SPRITE_H */
