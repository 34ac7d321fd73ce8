/*
 * palette_private.h: colour -> palette index mapping for the GIF writer.
 *
 * Exact palette colours go through a small open-addressing hash; any other
 * colour through a lazily filled 64^3 table holding the entry nearest to
 * the centre of the colour's cell (no dithering).  The result is a pure
 * function of the colour, so a colour gets the same index in every frame.
 */
#ifndef OV_PALETTE_PRIVATE_H
#define OV_PALETTE_PRIVATE_H

#include <stdint.h>

#include <optviz/gif.h>

#include "sink_private.h"

#define OV__PALMAP_HBITS 10
#define OV__PALMAP_HSIZE (1u << OV__PALMAP_HBITS)

typedef struct ov__palmap {
    uint32_t key[OV__PALMAP_HSIZE];  /* colour + 1; 0 = empty */
    uint8_t val[OV__PALMAP_HSIZE];
    uint16_t *lut;                   /* 64^3 cells: index + 1; 0 = not yet */
    int ncolors;                     /* candidates for nearest */
    uint8_t idx[OV_PALETTE_MAX];     /* their palette indices */
    int16_t r[OV_PALETTE_MAX], g[OV_PALETTE_MAX], b[OV_PALETTE_MAX];
    uint32_t last_c;                 /* one-entry cache (runs are common) */
    uint8_t last_i;
} ov__palmap;

/* OV_ERR_INVALID_ARG when @p pal breaks the invariants of gif.h. */
ov_status ov__palette_check(const ov_palette *pal);

ov_status ov__palmap_init(ov__palmap *m, const ov_palette *pal);
void ov__palmap_fini(ov__palmap *m);
uint8_t ov__palmap_slow(ov__palmap *m, uint32_t c);

static inline uint32_t
ov__palmap_hash(uint32_t c)
{
    return (c * 0x9E3779B1u) >> (32 - OV__PALMAP_HBITS);
}

/* Index of 0x??RRGGBB (top byte ignored: cairo leaves it undefined). */
static inline uint8_t
ov__palmap_get(ov__palmap *m, uint32_t c)
{
    c &= 0xFFFFFFu;
    if (c == m->last_c)
        return m->last_i;
    return ov__palmap_slow(m, c);
}

/* The palette the GIF sink builds from a sample (sink_gif.c): the exact
 * colours pinned, at most 192 of them, and the last frame for the rest.
 * For tests, which compare it with the palette of a written file. */
ov_status ov__gif_sample_palette(ov_palette *pal,
                                 const ov__sink_sample *sample);

#endif /* OV_PALETTE_PRIVATE_H */
