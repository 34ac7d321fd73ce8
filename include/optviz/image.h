/*
 * optviz/image.h: raster images as the encoders see them, and PNG output.
 *
 * Pixels are 32-bit words 0x00RRGGBB in native byte order, rows @stride
 * bytes apart: the layout of a cairo RGB24 image surface, so a rendered
 * frame reaches the encoders without a copy (no cairo type is involved).
 */
#ifndef OPTVIZ_IMAGE_H
#define OPTVIZ_IMAGE_H

#include "common.h"
#include "status.h"

OV_BEGIN_DECLS

typedef struct ov_image {
    int width, height;   /* pixels */
    size_t stride;       /* bytes between rows, >= 4*width */
    uint32_t *px;        /* 0x00RRGGBB; borrowed or owned, as the producer
                            says */
} ov_image;

typedef struct ov_rect {
    int x, y, w, h;      /* w or h 0 = empty */
} ov_rect;

typedef struct ov_png_text {
    const char *key;     /* Latin-1 keyword, 1-79 bytes, e.g. "Software" */
    const char *text;
} ov_png_text;

/**
 * Writes @p img as an 8-bit RGB PNG through @p fn with libpng (zlib
 * @p level 0-9, -1 for the default 6; filter NONE, which suits flat-colour
 * plots best), with the given tEXt chunks.  Deterministic: no time chunk.
 */
OV_API ov_status ov_png_write(ov_write_fn fn, void *closure,
                              const ov_image *img, const ov_png_text *texts,
                              size_t ntexts, int level);

OV_END_DECLS

#endif /* OPTVIZ_IMAGE_H */
