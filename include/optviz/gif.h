/*
 * optviz/gif.h: animated GIF output and its scene palette.
 *
 * One global palette serves the whole animation (the same colour must map
 * to the same index in every frame, or frame differencing stops working).
 * It is built once from the colours the caller knows exactly (bands,
 * series, text, white/black) plus the residual histogram of a
 * representative frame, and has one reserved transparent slot.  Colours
 * map to it exactly when they are in it and to the nearest entry
 * otherwise; there is no dithering (it grows the file and the diff boxes).
 *
 * The writer streams: frame 0 is stored whole and opaque; each later frame
 * is the tight box of pixels whose palette index changed, unchanged pixels
 * set to the transparent index, disposal "do not dispose".  A frame equal
 * to the one before is not stored: its delay is added to the previous one.
 * Only the caller's dirty rectangles are read after frame 0.
 */
#ifndef OPTVIZ_GIF_H
#define OPTVIZ_GIF_H

#include "common.h"
#include "status.h"
#include "image.h"

OV_BEGIN_DECLS

#define OV_PALETTE_MAX 256

/*
 * A GIF colour table.  Slots 0..ncolors-1 are in use: colours, and the
 * reserved @transparent slot that no colour maps to; rgb[transparent] and
 * slots from ncolors to @size are black.  Invariants checked by the users:
 * @size is a power of two in 2..256, 2 <= ncolors <= size,
 * 0 <= transparent < ncolors.  ov_palette_build() fills one; a caller may
 * also fill it by hand.  Small indices are cheaper: a GIF frame whose
 * indices are all below 2^k is coded with (k+1)-bit LZW codes at first.
 */
typedef struct ov_palette {
    int size;                      /* entries in the colour table */
    int ncolors;                   /* slots in use, transparent included */
    int transparent;               /* reserved slot */
    uint32_t rgb[OV_PALETTE_MAX];  /* 0x00RRGGBB */
} ov_palette;

/**
 * Builds the scene palette into @p out.
 *
 * @param pinned   colours kept exactly (0x00RRGGBB; the top byte is
 *                 ignored), in this order at indices 0..npinned-1, then
 *                 the transparent slot; duplicates are dropped.  Give
 *                 them as k/255 so cairo reproduces them, and the colours
 *                 of moving parts (series, markers) first: frames that
 *                 use only low indices code smaller.
 * @param npinned  at most 255.
 * @param sample   a representative frame (e.g. the last one: background
 *                 with all trails), or NULL.  Its colours that are not
 *                 pinned fill the remaining slots: all of them when they
 *                 fit, else a weighted k-means of its residual histogram
 *                 with the pinned colours as fixed centres, so
 *                 anti-aliased blends get slots where they are frequent;
 *                 they follow the transparent slot, most frequent first.
 *
 * Deterministic.  @p out->size is the smallest power of two that holds
 * the colours plus the transparent slot.
 * @return OV_OK, OV_ERR_INVALID_ARG (NULL @p out, npinned > 255, a bad
 *         @p sample), OV_ERR_EMPTY (no pinned colours and no sample),
 *         OV_ERR_NOMEM.
 */
OV_API ov_status ov_palette_build(ov_palette *out, const uint32_t *pinned,
                                  size_t npinned, const ov_image *sample);

/**
 * Maps @p img through @p pal as the GIF writer does (exact colours
 * exactly, others to a nearest entry, never the transparent slot) into
 * @p out: width*height bytes, row-major, caller-owned.  For previews and
 * quality checks (PSNR).
 * @return OV_OK, OV_ERR_INVALID_ARG, OV_ERR_NOMEM.
 */
OV_API ov_status ov_palette_map_image(const ov_palette *pal,
                                      const ov_image *img, uint8_t *out);

typedef struct ov_gif_writer ov_gif_writer;

typedef struct ov_gif_config {
    int width, height;          /* logical screen, 1..65535 each */
    int loop;                   /* 0 = forever; N = N extra plays (<= 65535);
                                   < 0 = no loop block: play once */
    const char *comment;        /* comment extension (the command line);
                                   NULL or "" = none; read during create */
    const ov_palette *palette;  /* required; copied during create */
} ov_gif_config;

#define OV_GIF_CONFIG_INIT { 0, 0, 0, NULL, NULL }

/**
 * Starts a GIF89a stream through @p fn: header, global colour table, loop
 * block, comment.  @p fn is called during create and the other calls, and
 * must stay valid until finish or destroy.
 * @param out  set to a new writer on success only; the caller owns it and
 *             frees it with ov_gif_writer_destroy().
 * @return OV_OK, OV_ERR_INVALID_ARG (bad size, loop or palette),
 *         OV_ERR_TOO_LARGE (over 64 Mpx), OV_ERR_NOMEM, OV_ERR_ENCODE,
 *         or what @p fn returned.
 */
OV_API ov_status ov_gif_writer_create(ov_gif_writer **out, ov_write_fn fn,
                                      void *closure,
                                      const ov_gif_config *cfg);

/**
 * Adds a frame shown for @p delay_cs hundredths of a second.
 *
 * @param img    the whole frame, the configured size; borrowed for the
 *               call only.
 * @param dirty  rectangles outside which @p img equals the previous
 *               frame; they may overlap and are clipped to the screen.
 *               NULL or @p ndirty 0 means "anywhere".  Ignored for the
 *               first frame, which is read whole.
 * @param delay_cs  >= 0.  Stored delays are at least 2 cs (browsers show
 *               0-1 cs as 10 cs); merged identical frames add up.
 *
 * Output lags one frame behind (the delay precedes its image), so a frame
 * reaches @p fn on the next add_frame or on finish.
 * @return OV_OK, OV_ERR_INVALID_ARG (wrong size, negative delay, writer
 *         finished), OV_ERR_NOMEM, OV_ERR_ENCODE, or what @p fn returned;
 *         after an error other than OV_ERR_INVALID_ARG every later call
 *         returns that error.
 */
OV_API ov_status ov_gif_writer_add_frame(ov_gif_writer *w,
                                         const ov_image *img,
                                         const ov_rect *dirty, size_t ndirty,
                                         int delay_cs);

/**
 * Writes the pending frame and the trailer.  The writer must still be
 * destroyed.  @return OV_OK, OV_ERR_EMPTY (no frame was added; the stream
 * is then incomplete), OV_ERR_ENCODE, or what @p fn returned.
 */
OV_API ov_status ov_gif_writer_finish(ov_gif_writer *w);

/** Frees @p w (NULL is fine).  Without finish, nothing more is written. */
OV_API void ov_gif_writer_destroy(ov_gif_writer *w);

OV_END_DECLS

#endif /* OPTVIZ_GIF_H */
