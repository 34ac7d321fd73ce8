/*
 * render_private.h: helpers shared inside src/render that need no cairo:
 * colormaps, "nice" tick placement and number formatting.  Contouring has
 * its own header (isolines.h); the figure API is in figure.h.
 */
#ifndef OV_RENDER_PRIVATE_H
#define OV_RENDER_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

/* Index of colormap @p name (case-sensitive), or -1 when unknown. */
int ov__colormap_find(const char *name);

/*
 * Colour of colormap @p cm at @p t in [0, 1] (clamped), as 0xRRGGBB.  The
 * result is rounded to 8 bits per channel so a figure can state its colours
 * as k/255, which cairo reproduces exactly (rendering-performance.md §3).
 */
uint32_t ov__colormap_color(int cm, double t);

/*
 * Nice tick values covering [lo, hi]: multiples of 1, 2, 2.5 or 5 times a
 * power of ten, about @p target of them.  Writes at most @p cap values into
 * @p out (those inside [lo, hi] up to a tolerance) and their step into
 * *step; @return the count.
 */
size_t ov__ticks(double lo, double hi, int target, double *out, size_t cap,
                 double *step);

/*
 * Formats @p v for a tick of spacing @p step: just enough decimals for the
 * step, no "-0", and U+2212 for the minus sign.  @return @p buf.
 */
char *ov__format_tick(char *buf, size_t size, double v, double step);

/* Formats @p v with @p sig significant digits (%g style, U+2212 minus). */
char *ov__format_sig(char *buf, size_t size, double v, int sig);

#endif /* OV_RENDER_PRIVATE_H */
