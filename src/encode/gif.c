/*
 * gif.c: the streaming animated-GIF writer (giflib 5.2 sequential API).
 *
 * State: idx holds the palette index of every pixel as shown after the
 * last stored frame; out is all transparent except, while a frame is
 * being coded, at its changed pixels.  A new frame is mapped only inside
 * its dirty rectangles; a pixel whose index differs from idx goes to idx
 * and out, and the tight box of those pixels is LZW-coded from out, then
 * out is made transparent again.  A frame with no changed pixel is not
 * stored; its delay goes to the previous frame.  Since a frame's delay
 * precedes its image, the coded frame waits in `code` until the next
 * frame (or finish) shows whether it must be lengthened.  Each frame is
 * coded with the smallest LZW code size its indices allow.  The LZW
 * itself is ours (lzw.c, giflib's exact output, much faster on the
 * transparent runs of delta frames); giflib writes the structure and
 * takes the coded blocks through EGifPutCode/EGifPutCodeNext.
 *
 * giflib pitfalls handled here (rendering-performance.md §1.2): the
 * version is set to 89a before the screen descriptor (P1); the NETSCAPE
 * loop block is written as leader, two sub-blocks and trailer right after
 * the global colour table (P2, P7); rectangles are clipped by us (P3);
 * indices stay below the colour table size and the frame's code size
 * (P4; our LZW does not mask); one GifFileType per writer (P9);
 * streaming, not EGifSpew (P5).  giflib ignores most results of its
 * write callback, so a failed sink is also noticed through sink_status.
 */
#include <stdbool.h>
#include <string.h>

#include <gif_lib.h>

#include "alloc_private.h"
#include "lzw_private.h"
#include "palette_private.h"

#define MAX_DIM 65535
#define MAX_PIXELS (64L << 20)
#define MAX_DELAY 65535
#define MIN_DELAY 2

struct ov_gif_writer {
    GifFileType *gif;           /* NULL once closed */
    ov_write_fn fn;
    void *closure;
    ov_status sink_status;      /* first failure of fn; sticky */
    ov_status status;           /* sticky failure of the writer */
    int aborting;               /* destroy without finish: write nothing */
    int finished;
    int width, height;
    int patch_at;               /* > 0: bytes until the code-size byte */
    int patch_value;
    ov_palette pal;
    ov__palmap map;
    uint8_t *idx;               /* indices shown after the last frame */
    uint8_t *out;               /* transparent but at changed pixels */
    ov__lzw *lzw;
    ov__bytes code;             /* sub-blocks of the pending frame */
    int have_pending;
    ov_rect pend;               /* its rectangle */
    int pend_transparent;       /* 0 for frame 0 */
    int pend_code_size;         /* its LZW minimum code size */
    long pend_delay;            /* cs, <= MAX_DELAY */
    long nframes;               /* frames added */
};

static int
gif_out(GifFileType *g, const GifByteType *buf, int len)
{
    ov_gif_writer *w = g->UserData;
    GifByteType patched;
    int st;

    if (w->aborting || len <= 0)
        return len;
    if (w->sink_status != OV_OK)
        return 0;
    if (w->patch_at > 0) {
        /* See write_pending(): replace giflib's code-size byte. */
        w->patch_at -= len;
        if (w->patch_at == 0 && len == 1) {
            patched = (GifByteType)w->patch_value;
            buf = &patched;
        } else if (w->patch_at <= 0) {
            w->patch_at = -1;          /* not where expected */
        }
    }
    st = w->fn(w->closure, buf, (size_t)len);
    if (st != OV_OK) {
        w->sink_status = (ov_status)st;
        return 0;
    }
    return len;
}

/* Maps a giflib result to a status; failures stick to the writer. */
static ov_status
gif_check(ov_gif_writer *w, int rc)
{
    if (w->sink_status != OV_OK)
        w->status = w->sink_status;
    else if (rc == GIF_ERROR)
        w->status = OV_ERR_ENCODE;
    return w->status;
}

static ov_status
fail(ov_gif_writer *w, ov_status st)
{
    if (st != OV_OK && w->status == OV_OK)
        w->status = st;
    return st;
}

static ov_status
put_loop_block(ov_gif_writer *w, int loop)
{
    unsigned char sub[3] = { 1, (unsigned char)(loop & 0xFF),
                             (unsigned char)(loop >> 8 & 0xFF) };
    ov_status st;

    st = gif_check(w, EGifPutExtensionLeader(w->gif,
                                             APPLICATION_EXT_FUNC_CODE));
    if (st == OV_OK)
        st = gif_check(w, EGifPutExtensionBlock(w->gif, 11, "NETSCAPE2.0"));
    if (st == OV_OK)
        st = gif_check(w, EGifPutExtensionBlock(w->gif, 3, sub));
    if (st == OV_OK)
        st = gif_check(w, EGifPutExtensionTrailer(w->gif));
    return st;
}

static ov_status
put_comment(ov_gif_writer *w, const char *text)
{
    size_t len = strlen(text), off;
    ov_status st;

    st = gif_check(w, EGifPutExtensionLeader(w->gif, COMMENT_EXT_FUNC_CODE));
    for (off = 0; st == OV_OK && off < len; off += 255) {
        size_t n = len - off < 255 ? len - off : 255;
        st = gif_check(w, EGifPutExtensionBlock(w->gif, (int)n, text + off));
    }
    if (st == OV_OK)
        st = gif_check(w, EGifPutExtensionTrailer(w->gif));
    return st;
}

ov_status
ov_gif_writer_create(ov_gif_writer **out, ov_write_fn fn, void *closure,
                     const ov_gif_config *cfg)
{
    ov_gif_writer *w;
    GifColorType colors[OV_PALETTE_MAX];
    ColorMapObject *cmap;
    size_t npx;
    int i, err = 0;
    ov_status st;

    if (!out || !fn || !cfg || cfg->width < 1 || cfg->height < 1 ||
        cfg->width > MAX_DIM || cfg->height > MAX_DIM ||
        cfg->loop > 65535 || ov__palette_check(cfg->palette) != OV_OK)
        return OV_ERR_INVALID_ARG;
    npx = (size_t)cfg->width * (size_t)cfg->height;
    if (npx > (size_t)MAX_PIXELS)
        return OV_ERR_TOO_LARGE;

    w = ov__calloc(1, sizeof *w);
    if (!w)
        return OV_ERR_NOMEM;
    w->fn = fn;
    w->closure = closure;
    w->width = cfg->width;
    w->height = cfg->height;
    w->pal = *cfg->palette;

    st = ov__palmap_init(&w->map, &w->pal);
    if (st != OV_OK)
        goto error;
    st = OV_ERR_NOMEM;
    w->idx = ov__malloc(npx);
    w->out = ov__malloc(npx);
    if (!w->idx || !w->out)
        goto error;
    memset(w->out, w->pal.transparent, npx);
    st = ov__lzw_create(&w->lzw);
    if (st != OV_OK)
        goto error;

    w->gif = EGifOpen(w, gif_out, &err);
    if (!w->gif) {
        st = OV_ERR_NOMEM;
        goto error;
    }
    EGifSetGifVersion(w->gif, true);
    for (i = 0; i < w->pal.size; i++) {
        uint32_t c = i < w->pal.ncolors && i != w->pal.transparent
                     ? w->pal.rgb[i] : 0;
        colors[i].Red = (GifByteType)(c >> 16 & 0xFF);
        colors[i].Green = (GifByteType)(c >> 8 & 0xFF);
        colors[i].Blue = (GifByteType)(c & 0xFF);
    }
    cmap = GifMakeMapObject(w->pal.size, colors);
    if (!cmap) {
        st = OV_ERR_NOMEM;
        goto error;
    }
    st = gif_check(w, EGifPutScreenDesc(w->gif, w->width, w->height, 8, 0,
                                        cmap));
    GifFreeMapObject(cmap);
    if (st == OV_OK && cfg->loop >= 0)
        st = put_loop_block(w, cfg->loop);
    if (st == OV_OK && cfg->comment && cfg->comment[0])
        st = put_comment(w, cfg->comment);
    if (st != OV_OK)
        goto error;
    *out = w;
    return OV_OK;

error:
    ov_gif_writer_destroy(w);
    return st;
}

static ov_status
write_pending(ov_gif_writer *w)
{
    GraphicsControlBlock gcb;
    GifByteType ext[4];
    size_t n, off;
    ov_status st;

    if (!w->have_pending)
        return OV_OK;
    gcb.DisposalMode = DISPOSE_DO_NOT;
    gcb.UserInputFlag = false;
    gcb.DelayTime = (int)(w->pend_delay < MIN_DELAY ? MIN_DELAY
                                                    : w->pend_delay);
    gcb.TransparentColor = w->pend_transparent ? w->pal.transparent
                                               : NO_TRANSPARENT_COLOR;
    n = EGifGCBToExtension(&gcb, ext);
    st = gif_check(w, EGifPutExtension(w->gif, GRAPHICS_EXT_FUNC_CODE,
                                       (int)n, ext));
    /*
     * A frame whose indices are all below 2^k may use LZW minimum code
     * size k < the colour table's bits (GIF89a: the code size is per
     * image; decoders only need the indices to fit).  Delta frames mostly
     * use low indices (see ov_palette_build) and so get shorter codes.
     * giflib always writes the table's size: EGifPutImageDesc writes the
     * descriptor (10 bytes, no local table) and then that byte alone, so
     * the sink callback substitutes it; if giflib ever wrote differently,
     * patch_at would not land on 0 and the frame fails with
     * OV_ERR_ENCODE instead of being corrupt.
     */
    if (st == OV_OK) {
        w->patch_at = 11;
        w->patch_value = w->pend_code_size;
        st = gif_check(w, EGifPutImageDesc(w->gif, w->pend.x, w->pend.y,
                                           w->pend.w, w->pend.h, false,
                                           NULL));
        if (st == OV_OK && w->patch_at != 0)
            st = fail(w, OV_ERR_ENCODE);
        w->patch_at = 0;
    }
    for (off = 0; st == OV_OK && off < w->code.len;
         off += (size_t)w->code.data[off] + 1) {
        st = gif_check(w, off == 0
                       ? EGifPutCode(w->gif, w->pend_code_size, w->code.data)
                       : EGifPutCodeNext(w->gif, w->code.data + off));
    }
    if (st == OV_OK)
        st = gif_check(w, EGifPutCodeNext(w->gif, NULL));
    w->have_pending = 0;
    w->code.len = 0;
    return st;
}

/* Codes the box (x, y, bw, bh) of @p px (rows @p stride apart), whose
 * largest index is @p maxidx, as the new pending frame; the previous one
 * must have been written. */
static ov_status
set_pending(ov_gif_writer *w, const uint8_t *px, size_t stride, int x,
            int y, int bw, int bh, int transparent, int maxidx)
{
    int mcs = 2;
    ov_status st;

    while ((1 << mcs) <= maxidx)
        mcs++;
    w->code.len = 0;
    st = ov__lzw_encode(w->lzw, px, bw, bh, stride, mcs, &w->code);
    if (st != OV_OK)
        return fail(w, st);
    w->pend.x = x;
    w->pend.y = y;
    w->pend.w = bw;
    w->pend.h = bh;
    w->pend_transparent = transparent;
    w->pend_code_size = mcs;
    w->pend_delay = 0;
    w->have_pending = 1;
    return OV_OK;
}

/* Lengthens the pending frame; past 655.35 s, 1x1 transparent frames
 * carry the rest. */
static ov_status
add_delay(ov_gif_writer *w, long delay)
{
    while (w->pend_delay + delay > MAX_DELAY) {
        uint8_t t = (uint8_t)w->pal.transparent;
        ov_status st;

        delay -= MAX_DELAY - w->pend_delay;
        w->pend_delay = MAX_DELAY;
        st = write_pending(w);
        if (st == OV_OK)
            st = set_pending(w, &t, 1, 0, 0, 1, 1, 1, t);
        if (st != OV_OK)
            return st;
    }
    w->pend_delay += delay;
    return OV_OK;
}

static ov_status
first_frame(ov_gif_writer *w, const ov_image *img, long delay)
{
    int x, y, maxidx = 0;
    ov_status st;

    for (y = 0; y < w->height; y++) {
        const uint32_t *src =
            (const uint32_t *)((const char *)img->px + (size_t)y * img->stride);
        uint8_t *dst = w->idx + (size_t)y * (size_t)w->width;

        for (x = 0; x < w->width; x++) {
            dst[x] = ov__palmap_get(&w->map, src[x]);
            if (dst[x] > maxidx)
                maxidx = dst[x];
        }
    }
    st = set_pending(w, w->idx, (size_t)w->width, 0, 0, w->width,
                     w->height, 0, maxidx);
    if (st == OV_OK)
        st = add_delay(w, delay);
    return st;
}

typedef struct box {
    int x0, y0, x1, y1;         /* inclusive; x0 > x1 = empty */
    int maxidx;                 /* largest index of a changed pixel */
} box;

static void
diff_rect(ov_gif_writer *w, const ov_image *img, const ov_rect *r, box *bb)
{
    long x0 = r->x, y0 = r->y;
    long x1 = (long)r->x + r->w, y1 = (long)r->y + r->h;   /* exclusive */
    long x, y;

    if (r->w <= 0 || r->h <= 0)
        return;
    if (x0 < 0)
        x0 = 0;
    if (y0 < 0)
        y0 = 0;
    if (x1 > w->width)
        x1 = w->width;
    if (y1 > w->height)
        y1 = w->height;
    for (y = y0; y < y1; y++) {
        const uint32_t *src =
            (const uint32_t *)((const char *)img->px + (size_t)y * img->stride);
        size_t o = (size_t)y * (size_t)w->width;
        uint8_t *ir = w->idx + o, *orow = w->out + o;
        long first = -1, last = -1;

        for (x = x0; x < x1; x++) {
            uint8_t n = ov__palmap_get(&w->map, src[x]);

            if (n != ir[x]) {
                ir[x] = n;
                orow[x] = n;
                if (n > bb->maxidx)
                    bb->maxidx = n;
                if (first < 0)
                    first = x;
                last = x;
            }
        }
        if (first >= 0) {
            if (first < bb->x0)
                bb->x0 = (int)first;
            if (last > bb->x1)
                bb->x1 = (int)last;
            if (y < bb->y0)
                bb->y0 = (int)y;
            if (y > bb->y1)
                bb->y1 = (int)y;
        }
    }
}

ov_status
ov_gif_writer_add_frame(ov_gif_writer *w, const ov_image *img,
                        const ov_rect *dirty, size_t ndirty, int delay_cs)
{
    ov_rect all;
    box bb;
    size_t i;
    int y, bw, bh;
    ov_status st;

    if (!w)
        return OV_ERR_INVALID_ARG;
    if (w->status != OV_OK)
        return w->status;
    if (w->finished || !img || !img->px || img->width != w->width ||
        img->height != w->height || img->stride / 4 < (size_t)img->width ||
        delay_cs < 0)
        return OV_ERR_INVALID_ARG;

    if (w->nframes++ == 0)
        return first_frame(w, img, delay_cs);

    if (!dirty || ndirty == 0) {
        all.x = all.y = 0;
        all.w = w->width;
        all.h = w->height;
        dirty = &all;
        ndirty = 1;
    }
    bb.x0 = bb.y0 = MAX_DIM + 1;
    bb.x1 = bb.y1 = -1;
    bb.maxidx = w->pal.transparent;
    for (i = 0; i < ndirty; i++)
        diff_rect(w, img, &dirty[i], &bb);
    if (bb.x0 > bb.x1)
        return add_delay(w, delay_cs);

    bw = bb.x1 - bb.x0 + 1;
    bh = bb.y1 - bb.y0 + 1;
    st = write_pending(w);
    if (st == OV_OK)
        st = set_pending(w, w->out + (size_t)bb.y0 * (size_t)w->width +
                         (size_t)bb.x0, (size_t)w->width, bb.x0, bb.y0, bw,
                         bh, 1, bb.maxidx);
    for (y = bb.y0; y <= bb.y1; y++)
        memset(w->out + (size_t)y * (size_t)w->width + (size_t)bb.x0,
               w->pal.transparent, (size_t)bw);
    if (st == OV_OK)
        st = add_delay(w, delay_cs);
    return st;
}

ov_status
ov_gif_writer_finish(ov_gif_writer *w)
{
    int err = 0, rc;
    ov_status st;

    if (!w)
        return OV_ERR_INVALID_ARG;
    if (w->status != OV_OK)
        return w->status;
    if (w->finished)
        return OV_ERR_INVALID_ARG;
    if (w->nframes == 0)
        return OV_ERR_EMPTY;
    st = write_pending(w);
    if (st != OV_OK)
        return st;
    rc = EGifCloseFile(w->gif, &err);    /* frees it even on error */
    w->gif = NULL;
    st = gif_check(w, rc);
    w->finished = 1;
    return st;
}

void
ov_gif_writer_destroy(ov_gif_writer *w)
{
    if (!w)
        return;
    if (w->gif) {
        w->aborting = 1;
        EGifCloseFile(w->gif, NULL);
    }
    ov__palmap_fini(&w->map);
    ov__lzw_destroy(w->lzw);
    ov__bytes_free(&w->code);
    ov__free(w->idx);
    ov__free(w->out);
    ov__free(w);
}
