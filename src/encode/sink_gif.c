/*
 * sink_gif.c: the GIF format: the animation sink over the streaming writer
 * (gif.c), and the reader of the command line a GIF records.
 *
 * The palette must exist before frame 0 is coded, and one global palette
 * serves every frame (gif.h).  So the sink asks for a sample (prepare):
 * the figure's exact colours are pinned, series first (delta frames are
 * mostly trails and markers, and frames whose indices are all small code
 * smaller), and the last frame with every trail whole supplies the
 * anti-aliased blends the animation will show.
 */
#include <stdio.h>
#include <string.h>

#include "optviz/gif.h"
#include "alloc_private.h"
#include "error_private.h"
#include "format_private.h"
#include "palette_private.h"

/* Pinned colours beyond this are left to the sample, so that at least 63
 * slots stay free for anti-aliased blends (a figure with 256 bands would
 * otherwise pin the whole table and fade every line). */
#define PIN_MAX 192
#define MAX_LOOP 65535

typedef struct gif_sink {
    ov_write_fn fn;
    void *closure;
    const char *comment;
    int loop;
    int have_palette;
    ov_palette pal;
    ov_gif_writer *w;           /* from begin */
} gif_sink;

static ov_status
gif_create(void **out, ov_write_fn fn, void *closure,
           const ov__sink_options *opt, ov_error *err)
{
    gif_sink *s;

    if (opt->loop > MAX_LOOP)
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "loop");
    s = ov__calloc(1, sizeof *s);
    if (!s)
        return OV_ERR_NOMEM;
    s->fn = fn;
    s->closure = closure;
    s->comment = opt->command_line;
    s->loop = opt->loop < 0 ? -1 : opt->loop;
    *out = s;
    return OV_OK;
}

ov_status
ov__gif_sample_palette(ov_palette *pal, const ov__sink_sample *sample)
{
    size_t np = sample->ncolors < PIN_MAX ? sample->ncolors : PIN_MAX;

    return ov_palette_build(pal, sample->colors, np, sample->last);
}

static ov_status
gif_prepare(void *sink, const ov__sink_sample *sample)
{
    gif_sink *s = sink;
    ov_status st = ov__gif_sample_palette(&s->pal, sample);

    s->have_palette = st == OV_OK;
    return st;
}

static ov_status
gif_begin(void *sink, int width, int height, const ov__frame_plan *plan)
{
    gif_sink *s = sink;
    ov_gif_config cfg = OV_GIF_CONFIG_INIT;

    (void)plan;
    if (!s->have_palette)
        return OV_ERR_INVALID_ARG;
    cfg.width = width;
    cfg.height = height;
    cfg.loop = s->loop;
    cfg.comment = s->comment;
    cfg.palette = &s->pal;
    return ov_gif_writer_create(&s->w, s->fn, s->closure, &cfg);
}

static ov_status
gif_frame(void *sink, const ov_image *img, const ov_rect *dirty,
          size_t ndirty, int delay_cs)
{
    gif_sink *s = sink;

    return ov_gif_writer_add_frame(s->w, img, dirty, ndirty, delay_cs);
}

static void
gif_abort(void *sink)
{
    gif_sink *s = sink;

    ov_gif_writer_destroy(s->w);
    ov__free(s);
}

static ov_status
gif_end(void *sink)
{
    gif_sink *s = sink;
    ov_status st = ov_gif_writer_finish(s->w);

    gif_abort(s);
    return st;
}

const ov__sink_class ov__gif_sink = {
    "gif", 1, gif_create, gif_prepare, gif_begin, gif_frame, gif_end,
    gif_abort, NULL
};

/* ---- reading the recorded command line back ----------------------------- */

/* Reads GIF sub-blocks up to the terminator, appending them to *keep
 * (ov__realloc'ed, NUL-terminated) when @p keep; @return 0 or -1. */
static int
sub_blocks(FILE *f, char **keep, size_t *len)
{
    int n;

    while ((n = getc(f)) > 0) {
        if (keep) {
            char *p;

            if (*len + (size_t)n > (size_t)OV__MAX_RECORDED)
                return -1;
            p = ov__realloc(*keep, *len + (size_t)n + 1);
            if (!p)
                return -1;
            *keep = p;
            if (fread(p + *len, 1, (size_t)n, f) != (size_t)n)
                return -1;
            *len += (size_t)n;
            p[*len] = '\0';
        } else if (fseek(f, n, SEEK_CUR) != 0) {
            return -1;
        }
    }
    return n == 0 ? 0 : -1;
}

/* The comment extension before the first image (the writer puts it right
 * after the global colour table and the loop block). */
ov_status
ov__gif_read_command(FILE *f, char **out)
{
    unsigned char head[13];
    int b;

    if (fread(head, 1, 13, f) != 13 || memcmp(head, "GIF8", 4) != 0)
        return OV_ERR_NOT_FOUND;
    if ((head[10] & 0x80)
        && fseek(f, 3L << ((head[10] & 7) + 1), SEEK_CUR) != 0)
        return OV_ERR_NOT_FOUND;
    while ((b = getc(f)) == 0x21) {
        int label = getc(f);
        char *text = NULL;
        size_t len = 0;

        if (label == 0xFE) {
            if (sub_blocks(f, &text, &len) != 0 || !text) {
                ov__free(text);
                return OV_ERR_NOT_FOUND;
            }
            *out = text;
            return OV_OK;
        }
        if (label == EOF || sub_blocks(f, NULL, NULL) != 0)
            return OV_ERR_NOT_FOUND;
    }
    return OV_ERR_NOT_FOUND;
}
