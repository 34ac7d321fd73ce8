/*
 * lzw_private.h: the GIF LZW coder of the GIF writer.
 *
 * Output is byte-identical to giflib's EGifPutLine (same code widths, same
 * clear at 4095 codes), laid out as GIF data sub-blocks ready for
 * EGifPutCodeNext.  A direct-indexed dictionary replaces giflib's hash,
 * and runs of one index skip the per-pixel walk (see lzw.c).
 */
#ifndef OV_LZW_PRIVATE_H
#define OV_LZW_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include <optviz/status.h>

typedef struct ov__lzw ov__lzw;

typedef struct ov__bytes {
    unsigned char *data;
    size_t len, cap;
} ov__bytes;

ov_status ov__lzw_create(ov__lzw **out);
void ov__lzw_destroy(ov__lzw *z);

/*
 * Appends the LZW data of the @p w x @p h pixels at @p px (rows @p stride
 * bytes apart) to @p out as sub-blocks (length byte, 1-255 data bytes),
 * without the leading minimum-code-size byte and without the terminating
 * empty block.  @p min_code_size is max(2, bits of the colour table);
 * every pixel must be below 1 << bits.  w, h >= 1.
 */
ov_status ov__lzw_encode(ov__lzw *z, const uint8_t *px, int w, int h,
                         size_t stride, int min_code_size, ov__bytes *out);

void ov__bytes_free(ov__bytes *b);

#endif /* OV_LZW_PRIVATE_H */
