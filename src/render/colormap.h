/*
 * colormap.h: the colour maps (colormap.c), as 8-bit colours.
 */
#ifndef OV_COLORMAP_H
#define OV_COLORMAP_H

#include <stdint.h>

/* Index of colormap @p name (in any case; NAME_r is the map reversed), or
 * -1 when unknown. */
int ov__colormap_find(const char *name);

/*
 * Colour of colormap @p cm at @p t in [0, 1] (clamped), as 0xRRGGBB.  The
 * result is rounded to 8 bits per channel so a figure can state its colours
 * as k/255, which cairo reproduces exactly (rendering-performance.md §3).
 */
uint32_t ov__colormap_color(int cm, double t);

#endif /* OV_COLORMAP_H */
