/*
 * png_private.h: PNG for the library's own use (internal), beside the
 * public ov_png_write (image.h).
 */
#ifndef OV_PNG_PRIVATE_H
#define OV_PNG_PRIVATE_H

#include "optviz/image.h"

/*
 * As ov_png_write without text, but an image of at most 256 colours is
 * written as an 8-bit palette PNG (still lossless), colours in order of
 * first appearance: the HTML page's frame patches (mostly text and
 * trail pieces of a few dozen colours) shrink to about half.
 */
ov_status ov__png_write_small(ov_write_fn fn, void *closure,
                              const ov_image *img, int level);

/* As ov_png_write, recording @p dpi (> 0) pixels per inch in a pHYs
 * chunk (rounded to pixels per metre, as PNG keeps it); 0: none. */
ov_status ov__png_write_dpi(ov_write_fn fn, void *closure,
                            const ov_image *img, const ov_png_text *texts,
                            size_t ntexts, int level, double dpi);

#endif /* OV_PNG_PRIVATE_H */
