/*
 * fuzz_gif.c: libFuzzer target for the animated-GIF writer.
 *
 * The input drives a small animation: screen size, loop count, a palette
 * (built by ov_palette_build from pinned colours and maybe a sample frame,
 * or filled by hand, sometimes breaking its invariants on purpose), then
 * frames, each the previous one with a few rectangles painted (solid, a
 * palette colour, or noise of two colours and white), the painted
 * rectangles passed as dirty rectangles (plus, now and then, rectangles
 * that stick out of the screen or NULL for "anywhere"), and a delay.  A few calls are made wrong on
 * purpose (wrong size, negative delay) and must be refused without harm.
 *
 * The stream is decoded back with giflib and compared exactly: screen
 * size, colour table, loop block, and every frame composited over the
 * previous one (transparent index = unchanged) must equal the input frame
 * mapped through the palette by ov_palette_map_image; frames equal to the
 * one before are not stored and their delays are added, stored delays
 * being at least 2 cs.  With a sink that fails after N bytes, every call
 * from then on must return the sink's error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>

#include <optviz/optviz.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define MAX_W 48
#define MAX_H 48
#define MAX_FRAMES 12
#define SINK_FAIL 77

typedef struct input {
    const unsigned char *p;
    size_t n, at;
} input;

static unsigned
byte(input *in)
{
    return in->at < in->n ? in->p[in->at++] : 0;
}

static uint32_t
rgb(input *in)
{
    uint32_t c = byte(in);
    c = c << 8 | byte(in);
    return c << 8 | byte(in);
}

typedef struct sink {
    unsigned char *buf;
    size_t len, cap;
    long fail_after;   /* < 0: never */
} sink;

static int
sink_write(void *closure, const unsigned char *data, size_t len)
{
    sink *s = closure;

    if (s->fail_after >= 0 && (long)(s->len + len) > s->fail_after)
        return SINK_FAIL;
    if (s->len + len > s->cap) {
        size_t cap = (s->len + len) * 2;
        unsigned char *b = realloc(s->buf, cap);
        if (!b)
            abort();
        s->buf = b;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, data, len);
    s->len += len;
    return 0;
}

typedef struct reader {
    const unsigned char *p;
    size_t n, at;
} reader;

static int
read_mem(GifFileType *g, GifByteType *buf, int len)
{
    reader *r = g->UserData;
    size_t k = (size_t)len;

    if (k > r->n - r->at)
        k = r->n - r->at;
    memcpy(buf, r->p + r->at, k);
    r->at += k;
    return (int)k;
}

static void
make_palette(input *in, ov_palette *pal, const ov_image *first, int *valid)
{
    unsigned mode = byte(in) % 4;
    size_t i;

    *valid = 1;
    if (mode < 2) {
        uint32_t pinned[255];
        size_t np = byte(in) % 24;

        for (i = 0; i < np; i++)
            pinned[i] = rgb(in);
        if (np == 0 && mode == 0)
            pinned[np++] = 0xffffff;
        if (ov_palette_build(pal, pinned, np, mode == 1 ? first : NULL)
            != OV_OK)
            abort();
        return;
    }
    memset(pal, 0, sizeof *pal);
    pal->size = 2 << (byte(in) % 8);
    pal->ncolors = 2 + (int)(byte(in) % (unsigned)(pal->size - 1));
    pal->transparent = (int)(byte(in) % (unsigned)pal->ncolors);
    for (i = 0; i < (size_t)pal->ncolors; i++)
        if ((int)i != pal->transparent)
            pal->rgb[i] = rgb(in);
    if (mode == 3) {
        /* Break one invariant: the writer must refuse the palette. */
        switch (byte(in) % 4) {
        case 0: pal->size = 3 + (int)(byte(in) % 100) * 2; break;
        case 1: pal->ncolors = pal->size + 1 + (int)(byte(in) % 10); break;
        case 2: pal->transparent = pal->ncolors + (int)(byte(in) % 10); break;
        default: pal->ncolors = (int)(byte(in) % 2) - 1; break;
        }
        *valid = 0;
    }
}

/* Paints a few rectangles into @p img; records them as dirty. */
static size_t
paint(input *in, ov_image *img, const ov_palette *pal, ov_rect *rects)
{
    size_t n = byte(in) % 4, k;
    int x, y;

    for (k = 0; k < n; k++) {
        ov_rect r;
        unsigned kind = byte(in) % 3, seed = byte(in) | 1;
        uint32_t c = rgb(in), c2 = rgb(in);

        r.x = (int)(byte(in) % (unsigned)img->width);
        r.y = (int)(byte(in) % (unsigned)img->height);
        r.w = 1 + (int)(byte(in) % (unsigned)(img->width - r.x));
        r.h = 1 + (int)(byte(in) % (unsigned)(img->height - r.y));
        if (kind == 1)
            c = pal->rgb[(unsigned)c % (unsigned)pal->ncolors];
        for (y = r.y; y < r.y + r.h; y++)
            for (x = r.x; x < r.x + r.w; x++) {
                uint32_t v = c;
                if (kind == 2) {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    v = seed & 1 ? c : seed & 2 ? c2 : 0xffffff;
                }
                img->px[(size_t)y * (img->stride / 4) + (size_t)x] = v;
            }
        rects[k] = r;
    }
    return n;
}

/* The loop count in the NETSCAPE2.0 block before the first image, -1 if
 * there is none. */
static int
loop_of(const GifFileType *g)
{
    const SavedImage *s = &g->SavedImages[0];
    int i;

    for (i = 0; i + 1 < s->ExtensionBlockCount; i++) {
        const ExtensionBlock *e = &s->ExtensionBlocks[i];
        const ExtensionBlock *d = &s->ExtensionBlocks[i + 1];
        if (e->Function == APPLICATION_EXT_FUNC_CODE && e->ByteCount == 11
            && memcmp(e->Bytes, "NETSCAPE2.0", 11) == 0
            && d->ByteCount == 3 && d->Bytes[0] == 1)
            return d->Bytes[1] | d->Bytes[2] << 8;
    }
    return -1;
}

static void
verify(const sink *s, const ov_palette *pal, int w, int h, int loop,
       uint8_t (*want)[MAX_W * MAX_H], const int *want_delay, int nwant)
{
    reader r = { s->buf, s->len, 0 };
    uint8_t canvas[MAX_W * MAX_H];
    GifFileType *g;
    int err = 0, i, x, y;

    g = DGifOpen(&r, read_mem, &err);
    if (!g)
        abort();
    if (DGifSlurp(g) != GIF_OK)
        abort();
    if (g->SWidth != w || g->SHeight != h || !g->SColorMap
        || g->SColorMap->ColorCount != pal->size
        || g->ImageCount != nwant)
        abort();
    for (i = 0; i < pal->size; i++) {
        const GifColorType *c = &g->SColorMap->Colors[i];
        uint32_t v = (uint32_t)c->Red << 16 | (uint32_t)c->Green << 8
                     | c->Blue;
        uint32_t expect = i < pal->ncolors && i != pal->transparent
                          ? pal->rgb[i] & 0xffffff : 0;
        if (v != expect)
            abort();
    }
    if (loop_of(g) != (loop < 0 ? -1 : loop))
        abort();
    for (i = 0; i < nwant; i++) {
        const SavedImage *si = &g->SavedImages[i];
        const GifImageDesc *d = &si->ImageDesc;
        GraphicsControlBlock gcb;
        int tr = -1;

        if (DGifSavedExtensionToGCB(g, i, &gcb) == GIF_OK) {
            tr = gcb.TransparentColor;
            if (gcb.DelayTime != want_delay[i])
                abort();
        } else {
            abort();
        }
        if (d->Left < 0 || d->Top < 0 || d->Width < 1 || d->Height < 1
            || d->Left + d->Width > w || d->Top + d->Height > h
            || d->Interlace || d->ColorMap)
            abort();
        if (i == 0 && (d->Left || d->Top || d->Width != w || d->Height != h
                       || tr != -1))
            abort();
        for (y = 0; y < d->Height; y++)
            for (x = 0; x < d->Width; x++) {
                int v = si->RasterBits[y * d->Width + x];
                if (v >= pal->size)
                    abort();
                if (v != tr)
                    canvas[(d->Top + y) * w + d->Left + x] = (uint8_t)v;
            }
        if (memcmp(canvas, want[i], (size_t)(w * h)) != 0)
            abort();
    }
    DGifCloseFile(g, &err);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static uint32_t px[MAX_W * MAX_H], first_px[MAX_W * MAX_H];
    static uint8_t want[MAX_FRAMES][MAX_W * MAX_H];
    uint8_t mapped[MAX_W * MAX_H];
    int want_delay[MAX_FRAMES];
    long pend_delay = 0;
    input in = { data, size, 0 };
    sink s = { NULL, 0, 0, -1 };
    ov_gif_config cfg = OV_GIF_CONFIG_INIT;
    ov_gif_writer *gw = NULL;
    ov_palette pal;
    ov_image img, first;
    ov_status st, failed = OV_OK;
    int w, h, nframes, nwant = 0, valid, f;
    uint32_t cols[16];
    size_t i, ncol;

    w = 1 + (int)(byte(&in) % MAX_W);
    h = 1 + (int)(byte(&in) % MAX_H);
    nframes = 1 + (int)(byte(&in) % MAX_FRAMES);
    cfg.loop = (int)(byte(&in) % 4) - 1;
    if (cfg.loop > 0)
        cfg.loop = (int)(byte(&in) << 8 | byte(&in));
    if (byte(&in) % 5 == 0)
        s.fail_after = (long)(byte(&in) << 4 | byte(&in));
    cfg.comment = byte(&in) % 2 ? "optviz fuzz" : NULL;

    img.width = w;
    img.height = h;
    img.stride = (size_t)w * 4;
    img.px = px;
    /* A handful of colours: nearest-colour searches (the slow path of the
     * mapping) stay few, so the fuzzer runs many animations a second. */
    ncol = 1 + byte(&in) % 16;
    for (i = 0; i < ncol; i++)
        cols[i] = rgb(&in);
    for (i = 0; i < (size_t)(w * h); i++)
        px[i] = cols[byte(&in) % ncol];
    memcpy(first_px, px, sizeof px);
    first = img;
    first.px = first_px;
    make_palette(&in, &pal, &first, &valid);

    cfg.width = w;
    cfg.height = h;
    cfg.palette = &pal;
    st = ov_gif_writer_create(&gw, sink_write, &s, &cfg);
    if (!valid) {
        if (st != OV_ERR_INVALID_ARG || gw)
            abort();
        free(s.buf);
        return 0;
    }
    if (st == SINK_FAIL) {
        if (gw || s.fail_after < 0)
            abort();
        free(s.buf);
        return 0;
    }
    if (st != OV_OK || !gw)
        abort();

    for (f = 0; f < nframes; f++) {
        ov_rect rects[6];
        size_t nr = 0;
        unsigned how = byte(&in);
        int delay = (int)byte(&in);

        if (f > 0)
            nr = paint(&in, &img, &pal, rects);
        if (how % 7 == 0) {
            /* Refused calls: the writer's state must not change. */
            ov_image bad = img;
            bad.width = w + 1;
            if (ov_gif_writer_add_frame(gw, &bad, NULL, 0, 1)
                != (failed != OV_OK ? failed : OV_ERR_INVALID_ARG))
                abort();
            if (ov_gif_writer_add_frame(gw, &img, NULL, 0, -1)
                != (failed != OV_OK ? failed : OV_ERR_INVALID_ARG))
                abort();
        }
        if (how % 5 == 1 && nr < 5) {
            /* A rectangle partly or wholly off the screen. */
            rects[nr].x = (int)(byte(&in) % 64) - 16;
            rects[nr].y = (int)(byte(&in) % 64) - 16;
            rects[nr].w = (int)(byte(&in) % 80) - 8;
            rects[nr].h = (int)(byte(&in) % 80) - 8;
            nr++;
        }
        st = ov_gif_writer_add_frame(gw, &img, how % 5 == 2 ? NULL : rects,
                                     how % 5 == 2 ? 0 : nr, delay);
        if (failed != OV_OK) {
            if (st != failed)
                abort();
            continue;
        }
        if (st != OV_OK) {
            if (st != SINK_FAIL || s.fail_after < 0)
                abort();
            failed = st;
            continue;
        }
        if (ov_palette_map_image(&pal, &img, mapped) != OV_OK)
            abort();
        for (i = 0; i < (size_t)(w * h); i++)
            if (mapped[i] == pal.transparent || mapped[i] >= pal.ncolors)
                abort();
        if (nwant > 0 && memcmp(mapped, want[nwant - 1], (size_t)(w * h))
                         == 0) {
            pend_delay += delay;
        } else {
            if (nwant > 0)
                want_delay[nwant - 1] = pend_delay < 2 ? 2 : (int)pend_delay;
            memcpy(want[nwant++], mapped, (size_t)(w * h));
            pend_delay = delay;
        }
    }
    if (nwant > 0)
        want_delay[nwant - 1] = pend_delay < 2 ? 2 : (int)pend_delay;
    st = ov_gif_writer_finish(gw);
    if (failed != OV_OK) {
        if (st != failed)
            abort();
    } else if (st == SINK_FAIL) {
        if (s.fail_after < 0)
            abort();
    } else if (st != OV_OK) {
        abort();
    } else {
        if (ov_gif_writer_finish(gw) != OV_ERR_INVALID_ARG)
            abort();
        verify(&s, &pal, w, h, cfg.loop, want, want_delay, nwant);
    }
    ov_gif_writer_destroy(gw);
    free(s.buf);
    return 0;
}
