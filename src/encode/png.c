/*
 * png.c: 8-bit RGB (and, for the HTML page, palette) PNG through libpng.
 *
 * Level 6 with filter NONE by default: on flat-colour plots that is both
 * faster and smaller than libpng's adaptive filtering, which is what
 * cairo_surface_write_to_png uses (rendering-performance.md §4.4).  No tIME
 * chunk is written, so the same image gives the same bytes.  Text that is
 * not plain ASCII goes into an iTXt chunk (UTF-8) instead of tEXt, whose
 * text must be Latin-1.
 */
#include <png.h>
#include <math.h>
#include <setjmp.h>
#include <string.h>

#include <optviz/image.h>

#include "alloc_private.h"
#include "png_private.h"

typedef struct sink {
    ov_write_fn fn;
    void *closure;
    int st;          /* what fn returned, when it failed */
} sink;

static void
write_cb(png_structp png, png_bytep data, png_size_t len)
{
    sink *s = png_get_io_ptr(png);
    if (s->st)
        return;
    int r = s->fn(s->closure, data, len);
    if (r) {
        s->st = r;
        png_error(png, "write failed");
    }
}

static void
flush_cb(png_structp png)
{
    (void)png;
}

static void
error_cb(png_structp png, png_const_charp msg)
{
    (void)msg;
    png_longjmp(png, 1);
}

static void
warning_cb(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;   /* the library never prints */
}

static int
is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

/* The colours of @p img in order of first appearance, when there are at
 * most 256 (*n), in @p pal; the index of each in a hash table of
 * PAL_SLOTS keys (colour + 1, 0 empty) and values.  @return 0 when there
 * are more. */
#define PAL_SLOTS 1024

static int
palette_of(const ov_image *img, png_color *pal, int *n, uint32_t *keys,
           unsigned char *vals)
{
    *n = 0;
    memset(keys, 0, PAL_SLOTS * sizeof *keys);
    for (int y = 0; y < img->height; y++) {
        const uint32_t *src = (const uint32_t *)((const unsigned char *)
                              img->px + (size_t)y * img->stride);
        for (int x = 0; x < img->width; x++) {
            uint32_t c = (src[x] & 0xffffff) + 1;
            size_t h = (c * 2654435761u) >> 22;

            while (keys[h] && keys[h] != c)
                h = (h + 1) & (PAL_SLOTS - 1);
            if (keys[h])
                continue;
            if (*n == 256)
                return 0;
            keys[h] = c;
            vals[h] = (unsigned char)*n;
            pal[*n].red = (png_byte)((c - 1) >> 16);
            pal[*n].green = (png_byte)((c - 1) >> 8);
            pal[*n].blue = (png_byte)(c - 1);
            (*n)++;
        }
    }
    return 1;
}

static unsigned char
palette_index(uint32_t p, const uint32_t *keys, const unsigned char *vals)
{
    uint32_t c = (p & 0xffffff) + 1;
    size_t h = (c * 2654435761u) >> 22;

    while (keys[h] != c)
        h = (h + 1) & (PAL_SLOTS - 1);
    return vals[h];
}

static ov_status write_png(ov_write_fn fn, void *closure, const ov_image *img,
                           const ov_png_text *texts, size_t ntexts, int level,
                           int indexed, double dpi);

ov_status
ov_png_write(ov_write_fn fn, void *closure, const ov_image *img,
             const ov_png_text *texts, size_t ntexts, int level)
{
    return write_png(fn, closure, img, texts, ntexts, level, 0, 0.0);
}

ov_status
ov__png_write_dpi(ov_write_fn fn, void *closure, const ov_image *img,
                  const ov_png_text *texts, size_t ntexts, int level,
                  double dpi)
{
    return write_png(fn, closure, img, texts, ntexts, level, 0, dpi);
}

ov_status
ov__png_write_small(ov_write_fn fn, void *closure, const ov_image *img,
                    int level)
{
    return write_png(fn, closure, img, NULL, 0, level, 1, 0.0);
}

static ov_status
write_png(ov_write_fn fn, void *closure, const ov_image *img,
          const ov_png_text *texts, size_t ntexts, int level, int indexed,
          double dpi)
{
    if (!fn || !img || !img->px || img->width <= 0 || img->height <= 0 ||
        img->stride < 4 * (size_t)img->width || (ntexts && !texts) ||
        level < -1 || level > 9 || !(dpi >= 0.0 && dpi <= 1e6))
        return OV_ERR_INVALID_ARG;
    for (size_t i = 0; i < ntexts; i++) {
        size_t kl = texts[i].key ? strlen(texts[i].key) : 0;
        if (kl < 1 || kl > 79 || !texts[i].text)
            return OV_ERR_INVALID_ARG;
    }

    sink s = { fn, closure, 0 };
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL,
                                              error_cb, warning_cb);
    if (!png)
        return OV_ERR_NOMEM;
    png_infop info = png_create_info_struct(png);
    png_bytep row = ov__malloc3((size_t)img->width, 3, 1);
    png_textp tx = ntexts ? ov__calloc(ntexts, sizeof *tx) : NULL;
    /* The palette, made before setjmp and not changed after it. */
    uint32_t *keys = indexed ? ov__malloc(PAL_SLOTS * sizeof *keys) : NULL;
    unsigned char vals[PAL_SLOTS];
    png_color pal[256];
    int npal = 0;
    if (!info || !row || (ntexts && !tx) || (indexed && !keys)) {
        png_destroy_write_struct(&png, info ? &info : NULL);
        ov__free(row);
        ov__free(tx);
        ov__free(keys);
        return OV_ERR_NOMEM;
    }
    if (indexed && !palette_of(img, pal, &npal, keys, vals)) {
        ov__free(keys);
        keys = NULL;
    }
    /* Everything setjmp may see changed after it is volatile or set once. */
    if (setjmp(png_jmpbuf(png))) {
        /* Read the sink back through libpng: s itself may sit in a
         * register that longjmp restored. */
        const sink *sp = png_get_io_ptr(png);
        int r = sp ? sp->st : 0;
        png_destroy_write_struct(&png, &info);
        ov__free(row);
        ov__free(tx);
        ov__free(keys);
        return r ? (ov_status)r : OV_ERR_ENCODE;
    }
    png_set_write_fn(png, &s, write_cb, flush_cb);
    png_set_compression_level(png, level < 0 ? 6 : level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_IHDR(png, info, (png_uint_32)img->width, (png_uint_32)img->height,
                 8, keys ? PNG_COLOR_TYPE_PALETTE : PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE,
                 PNG_FILTER_TYPE_BASE);
    if (keys)
        png_set_PLTE(png, info, pal, npal);
    if (dpi > 0.0) {
        png_uint_32 ppm = (png_uint_32)lround(dpi / 0.0254);
        png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
    }
    for (size_t i = 0; i < ntexts; i++) {
        tx[i].key = (png_charp)texts[i].key;
        tx[i].text = (png_charp)texts[i].text;
        tx[i].text_length = strlen(texts[i].text);
        if (is_ascii(texts[i].text)) {
            tx[i].compression = PNG_TEXT_COMPRESSION_NONE;
        } else {
            tx[i].compression = PNG_ITXT_COMPRESSION_NONE;
            tx[i].itxt_length = tx[i].text_length;
            tx[i].text_length = 0;
            tx[i].lang = NULL;
            tx[i].lang_key = NULL;
        }
    }
    if (ntexts)
        png_set_text(png, info, tx, (int)ntexts);
    png_write_info(png, info);
    for (int y = 0; y < img->height; y++) {
        const unsigned char *in = (const unsigned char *)img->px +
                                  (size_t)y * img->stride;
        const uint32_t *src = (const uint32_t *)in;
        for (int x = 0; x < img->width; x++) {
            uint32_t p = src[x];
            if (keys) {
                row[x] = palette_index(p, keys, vals);
                continue;
            }
            row[3 * x] = (png_byte)(p >> 16);
            row[3 * x + 1] = (png_byte)(p >> 8);
            row[3 * x + 2] = (png_byte)p;
        }
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    ov__free(row);
    ov__free(tx);
    ov__free(keys);
    return OV_OK;
}
