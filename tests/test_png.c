/*
 * test_png.c: ov_png_write decoded back with libpng: pixels, size, tEXt,
 * filter NONE, determinism and error propagation.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <optviz/image.h>

#include "check.h"
#include "testutil.h"
#include "png_private.h"

/* Every row of the inflated IDAT starts with filter type 0 (NONE). */
static int
all_filters_none(const tu_buf *b, int w, int h)
{
    unsigned char *z = malloc(b->len);
    size_t zl = 0;
    size_t pos = 8;
    while (pos + 8 <= b->len) {
        size_t n = ((size_t)b->p[pos] << 24) | ((size_t)b->p[pos + 1] << 16) |
                   ((size_t)b->p[pos + 2] << 8) | b->p[pos + 3];
        if (memcmp(b->p + pos + 4, "IDAT", 4) == 0) {
            memcpy(z + zl, b->p + pos + 8, n);
            zl += n;
        }
        pos += 12 + n;
    }
    uLongf rawlen = (uLongf)((size_t)h * (1 + 3 * (size_t)w));
    unsigned char *raw = malloc(rawlen);
    int ok = uncompress(raw, &rawlen, z, zl) == Z_OK &&
             rawlen == (uLongf)((size_t)h * (1 + 3 * (size_t)w));
    for (int y = 0; ok && y < h; y++)
        if (raw[(size_t)y * (1 + 3 * (size_t)w)] != 0)
            ok = 0;
    free(z);
    free(raw);
    return ok;
}

static int
has_chunk(const tu_buf *b, const char *type)
{
    for (size_t pos = 8; pos + 8 <= b->len;) {
        size_t n = ((size_t)b->p[pos] << 24) | ((size_t)b->p[pos + 1] << 16) |
                   ((size_t)b->p[pos + 2] << 8) | b->p[pos + 3];
        if (memcmp(b->p + pos + 4, type, 4) == 0)
            return 1;
        pos += 12 + n;
    }
    return 0;
}

int
main(void)
{
    enum { W = 37, H = 23 };
    /* Rows padded: stride larger than 4*W. */
    size_t stride = 4 * W + 12;
    uint32_t *px = calloc(H, stride);
    for (int y = 0; y < H; y++) {
        uint32_t *row = (uint32_t *)((unsigned char *)px + y * stride);
        for (int x = 0; x < W; x++)
            row[x] = ((uint32_t)(x * 7) << 16) | ((uint32_t)(y * 11) << 8) |
                     (uint32_t)((x ^ y) & 0xFF);
    }
    ov_image img = { W, H, stride, px };
    ov_png_text texts[2] = {
        { "Software", "optviz 0.1.0" },
        { "Command", "optviz --loss ols -o \"a b.png\"" },
    };
    tu_buf b = { 0 };
    CHECK_EQ_INT(ov_png_write(tu_sink, &b, &img, texts, 2, -1), OV_OK);
    CHECK(b.len > 8 && memcmp(b.p, "\x89PNG\r\n\x1a\n", 8) == 0);
    int w = 0, h = 0;
    char soft[128], cmd[128];
    uint32_t *rgb = tu_decode_png(b.p, b.len, &w, &h, soft, cmd, sizeof soft);
    CHECK(rgb != NULL);
    CHECK_EQ_INT(w, W);
    CHECK_EQ_INT(h, H);
    CHECK_EQ_STR(soft, "optviz 0.1.0");
    CHECK_EQ_STR(cmd, "optviz --loss ols -o \"a b.png\"");
    int bad = 0;
    for (int y = 0; y < H && rgb; y++)
        for (int x = 0; x < W; x++) {
            uint32_t want = (uint32_t)(unsigned char)(x * 7) << 16 |
                            (uint32_t)(unsigned char)(y * 11) << 8 |
                            (uint32_t)((x ^ y) & 0xFF);
            bad += rgb[(size_t)y * W + x] != want;
        }
    CHECK_EQ_INT(bad, 0);
    CHECK(all_filters_none(&b, W, H));
    CHECK(!has_chunk(&b, "tIME"));
    CHECK(has_chunk(&b, "tEXt"));
    free(rgb);

    /* Same input, same bytes. */
    tu_buf b2 = { 0 };
    CHECK_EQ_INT(ov_png_write(tu_sink, &b2, &img, texts, 2, 6), OV_OK);
    CHECK(b.len == b2.len && memcmp(b.p, b2.p, b.len) == 0);

    /* Non-ASCII text goes to iTXt and survives as UTF-8. */
    ov_png_text utf[1] = { { "Command", "optviz --title \"\xCE\xB8 path\"" } };
    tu_buf b3 = { 0 };
    CHECK_EQ_INT(ov_png_write(tu_sink, &b3, &img, utf, 1, 1), OV_OK);
    CHECK(has_chunk(&b3, "iTXt"));
    rgb = tu_decode_png(b3.p, b3.len, &w, &h, soft, cmd, sizeof soft);
    CHECK(rgb != NULL);
    CHECK_EQ_STR(cmd, "optviz --title \"\xCE\xB8 path\"");
    free(rgb);

    /* A failing sink's status comes back unchanged. */
    for (int k = 1; k <= 3; k++) {
        tu_buf bf = { 0 };
        bf.fail_at = k;
        CHECK_EQ_INT(ov_png_write(tu_sink, &bf, &img, texts, 2, 6), OV_ERR_IO);
        free(bf.p);
    }
    /* Bad arguments. */
    ov_image bad_img = img;
    bad_img.stride = 4;
    CHECK_EQ_INT(ov_png_write(tu_sink, &b2, &bad_img, NULL, 0, 6),
                 OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_png_write(tu_sink, &b2, &img, NULL, 0, 10),
                 OV_ERR_INVALID_ARG);
    ov_png_text nokey[1] = { { "", "x" } };
    CHECK_EQ_INT(ov_png_write(tu_sink, &b2, &img, nokey, 1, 6),
                 OV_ERR_INVALID_ARG);

    /* The page's patches: a palette PNG at most 256 colours, RGB above,
     * the same pixels either way (decoded by libpng into RGB). */
    for (int many = 0; many < 2; many++) {
        int cw = 40, ch = 30;
        uint32_t *q = malloc((size_t)cw * ch * 4);
        for (int i = 0; i < cw * ch; i++)
            q[i] = many ? (uint32_t)i * 2654435761u & 0xffffff
                        : 0x102030u * (uint32_t)(i % 200) & 0xffffff;
        ov_image small = { cw, ch, (size_t)cw * 4, q };
        tu_buf bs = { 0 };
        CHECK_EQ_INT(ov__png_write_small(tu_sink, &bs, &small, 6), OV_OK);
        CHECK(bs.len > 26 && bs.p[25] == (many ? 2 : 3));  /* colour type */
        CHECK(has_chunk(&bs, "PLTE") == !many);
        int dw = 0, dh = 0;
        uint32_t *dec = tu_decode_png(bs.p, bs.len, &dw, &dh, NULL, NULL, 0);
        CHECK(dec && dw == cw && dh == ch);
        for (int i = 0; dec && i < cw * ch; i++)
            if ((dec[i] & 0xffffff) != q[i]) {
                CHECK(0);
                break;
            }
        free(dec);
        free(bs.p);
        free(q);
    }

    free(b.p);
    free(b2.p);
    free(b3.p);
    free(px);
    return check_report("test_png");
}
