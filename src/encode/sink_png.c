/*
 * sink_png.c: the PNG format: a still sink over ov_png_write (png.c), and
 * the reader of the command line a PNG records.
 *
 * The sink keeps the last frame it is given and writes it at end, with
 * tEXt "Software" (optviz and its version) and "Command" (the command
 * line; iTXt when it is not ASCII), zlib level 6, filter NONE.
 */
#include <stdio.h>
#include <string.h>

#include "optviz/image.h"
#include "optviz/version.h"
#include "alloc_private.h"
#include "format_private.h"
#include "png_private.h"

typedef struct png_sink {
    ov_write_fn fn;
    void *closure;
    const char *command_line;
    double dpi;                 /* recorded as pHYs when > 0 */
    const ov_image *last;       /* borrowed from the loop until end */
} png_sink;

static ov_status
png_create(void **out, ov_write_fn fn, void *closure,
           const ov__sink_options *opt, ov_error *err)
{
    png_sink *s = ov__calloc(1, sizeof *s);

    (void)err;
    if (!s)
        return OV_ERR_NOMEM;
    s->fn = fn;
    s->closure = closure;
    s->command_line = opt->command_line;
    s->dpi = opt->dpi;
    *out = s;
    return OV_OK;
}

static ov_status
png_begin(void *sink, int width, int height, const ov__frame_plan *plan)
{
    (void)sink;
    (void)width;
    (void)height;
    (void)plan;
    return OV_OK;
}

static ov_status
png_frame(void *sink, const ov_image *img, const ov_rect *dirty,
          size_t ndirty, int delay_cs)
{
    png_sink *s = sink;

    (void)dirty;
    (void)ndirty;
    (void)delay_cs;
    s->last = img;
    return OV_OK;
}

static void
png_abort(void *sink)
{
    ov__free(sink);
}

static ov_status
png_end(void *sink)
{
    png_sink *s = sink;
    char software[64];
    ov_status st;

    snprintf(software, sizeof software, "optviz %s", ov_version_string());
    ov_png_text texts[2] = { { "Software", software },
                             { "Command", s->command_line } };
    size_t nt = s->command_line ? 2 : 1;
    st = s->last ? ov__png_write_dpi(s->fn, s->closure, s->last, texts, nt,
                                     6, s->dpi)
                 : OV_ERR_EMPTY;
    png_abort(s);
    return st;
}

const ov__sink_class ov__png_sink = {
    "png", 0, png_create, NULL, png_begin, png_frame, png_end, png_abort,
    NULL
};

/* ---- reading the recorded command line back ----------------------------- */

static uint32_t
be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8
           | (uint32_t)p[3];
}

/* Where the text of a "Command" chunk starts in @p data (@p len bytes,
 * NUL-terminated by the caller), or 0 when it has none.  iTXt puts a
 * compression flag and method, a language tag and a translated keyword
 * between the keyword and the text; only uncompressed iTXt is read. */
static size_t
command_text_at(const unsigned char *data, size_t len, int is_itxt)
{
    static const char key[] = "Command";
    size_t at = sizeof key;

    if (len < sizeof key || memcmp(data, key, sizeof key) != 0)
        return 0;
    if (!is_itxt)
        return at;
    if (at + 2 > len || data[at] != 0)
        return 0;
    at += 2;
    at += strnlen((const char *)data + at, len - at) + 1;
    if (at <= len)
        at += strnlen((const char *)data + at, len - at) + 1;
    return at > len ? 0 : at;
}

ov_status
ov__png_read_command(FILE *f, char **out)
{
    static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
                                          0x1a, '\n' };
    unsigned char head[8];

    if (fread(head, 1, 8, f) != 8 || memcmp(head, sig, 8) != 0)
        return OV_ERR_NOT_FOUND;
    while (fread(head, 1, 8, f) == 8) {
        uint32_t len = be32(head);
        int is_text = memcmp(head + 4, "tEXt", 4) == 0;
        int is_itxt = memcmp(head + 4, "iTXt", 4) == 0;
        unsigned char *data;
        size_t at;

        if (memcmp(head + 4, "IEND", 4) == 0 || len > 0x7fffffffu)
            return OV_ERR_NOT_FOUND;
        if (!(is_text || is_itxt) || len > OV__MAX_RECORDED) {
            if (fseek(f, (long)len + 4, SEEK_CUR) != 0)
                return OV_ERR_NOT_FOUND;
            continue;
        }
        data = ov__malloc((size_t)len + 1);
        if (!data)
            return OV_ERR_NOMEM;
        if (fread(data, 1, len, f) != len || fseek(f, 4, SEEK_CUR) != 0) {
            ov__free(data);
            return OV_ERR_NOT_FOUND;
        }
        data[len] = '\0';
        at = command_text_at(data, len, is_itxt);
        if (at == 0) {
            ov__free(data);
            continue;
        }
        /* A NUL inside the text would make it unequal anyway. */
        *out = ov__strdup((const char *)data + at);
        ov__free(data);
        return *out ? OV_OK : OV_ERR_NOMEM;
    }
    return OV_ERR_NOT_FOUND;
}
