/*
 * test_gif.c: the GIF writer and its LZW coder.
 *
 * LZW: our coder's bytes must equal giflib's EGifPutLine output for the
 * same images (whole files compared), and decode back to the input, on
 * adversarial inputs.  Writer: animations are decoded with DGifSlurp and
 * composed (transparency, disposal); every stored frame must show exactly
 * the palette-mapped input frame, with the structure design.md §6 asks
 * for.  Last, a 800x600, 200-frame benchmark reports per-frame time and
 * size against `gifsicle -O3` (skipped parts when gifsicle is missing).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>
#include <gif_lib.h>

#include <optviz/optviz.h>

#include "check.h"
#include "testutil.h"
#include "core/alloc_private.h"
#include "encode/lzw_private.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static uint32_t rng_state = 12345;

/* ---- LZW against giflib ------------------------------------------------ */

typedef struct lzw_img {
    int w, h;
    uint8_t *px;            /* w*h */
} lzw_img;

static int
giflib_write(GifFileType *g, const GifByteType *buf, int len)
{
    return tu_sink(g->UserData, buf, (size_t)len) == OV_OK ? len : 0;
}

/* A GIF holding @p imgs, coded by giflib (oracle) or by ours. */
static int
encode_file(int ours, int bpp, const lzw_img *imgs, int n, tu_buf *out,
            double *ms)
{
    int err = 0, i, y, maxw = 1, maxh = 1, ok = 1;
    GifFileType *g = EGifOpen(out, giflib_write, &err);
    ColorMapObject *cm = GifMakeMapObject(1 << bpp, NULL);
    ov__lzw *z = NULL;
    ov__bytes code = { 0 };
    double t = 0;

    if (!g || !cm || ov__lzw_create(&z) != OV_OK)
        return 0;
    for (i = 0; i < n; i++) {
        if (imgs[i].w > maxw)
            maxw = imgs[i].w;
        if (imgs[i].h > maxh)
            maxh = imgs[i].h;
    }
    EGifSetGifVersion(g, true);
    ok &= EGifPutScreenDesc(g, maxw, maxh, 8, 0, cm) == GIF_OK;
    for (i = 0; i < n && ok; i++) {
        const lzw_img *im = &imgs[i];
        double t0;

        ok &= EGifPutImageDesc(g, 0, 0, im->w, im->h, false, NULL) == GIF_OK;
        t0 = tu_now_ms();
        if (!ours) {
            uint8_t *row = malloc((size_t)im->w);
            for (y = 0; y < im->h && ok; y++) {
                memcpy(row, im->px + (size_t)y * im->w, (size_t)im->w);
                ok &= EGifPutLine(g, row, im->w) == GIF_OK;
            }
            free(row);
        } else {
            size_t off;
            code.len = 0;
            ok &= ov__lzw_encode(z, im->px, im->w, im->h, (size_t)im->w,
                                 bpp < 2 ? 2 : bpp, &code) == OV_OK;
            for (off = 0; ok && off < code.len; off += code.data[off] + 1u)
                ok &= (off == 0 ? EGifPutCode(g, bpp, code.data)
                       : EGifPutCodeNext(g, code.data + off)) == GIF_OK;
            ok &= EGifPutCodeNext(g, NULL) == GIF_OK;
        }
        t += tu_now_ms() - t0;
    }
    ok &= EGifCloseFile(g, &err) == GIF_OK;
    GifFreeMapObject(cm);
    ov__lzw_destroy(z);
    ov__bytes_free(&code);
    if (ms)
        *ms = t;
    return ok;
}

static void
check_lzw_case(const char *name, int bpp, const lzw_img *imgs, int n)
{
    tu_buf a = { 0 }, b = { 0 };
    double ta = 0, tb = 0;
    GifFileType *g;
    int i, same;

    CHECK(encode_file(0, bpp, imgs, n, &a, &ta));
    CHECK(encode_file(1, bpp, imgs, n, &b, &tb));
    same = a.len == b.len && memcmp(a.p, b.p, a.len) == 0;
    CHECK_MSG(same, "%s: ours %zu B, giflib %zu B", name, b.len, a.len);
    g = tu_gif_slurp(b.p, b.len);
    CHECK_MSG(g != NULL, "%s: does not decode", name);
    if (g) {
        CHECK_EQ_INT(g->ImageCount, n);
        for (i = 0; i < n && i < g->ImageCount; i++) {
            const SavedImage *si = &g->SavedImages[i];
            size_t np = (size_t)imgs[i].w * imgs[i].h;
            CHECK_MSG(si->ImageDesc.Width == imgs[i].w &&
                      si->ImageDesc.Height == imgs[i].h &&
                      memcmp(si->RasterBits, imgs[i].px, np) == 0,
                      "%s: image %d decodes differently", name, i);
        }
        DGifCloseFile(g, NULL);
    }
    printf("lzw %-28s %8zu B  giflib %7.2f ms  ours %7.2f ms\n", name, b.len,
           ta, tb);
    free(a.p);
    free(b.p);
}

static lzw_img
make_img(int w, int h)
{
    lzw_img im = { w, h, calloc((size_t)w * h, 1) };
    return im;
}

static void
test_lzw(void)
{
    lzw_img im[4];
    size_t i, np;

    im[0] = make_img(1, 1);
    check_lzw_case("1x1", 8, im, 1);
    im[0].px[0] = 3;
    check_lzw_case("1x1 bpp2", 2, im, 1);
    im[1] = make_img(3, 2);
    check_lzw_case("1x1 then 3x2 bpp1", 1, im, 2);
    free(im[0].px);
    free(im[1].px);

    /* One colour: long runs, run codes up to the table limit. */
    im[0] = make_img(800, 600);
    memset(im[0].px, 255, 800 * 600);
    check_lzw_case("800x600 one colour", 8, im, 1);
    free(im[0].px);
    im[0] = make_img(4096, 2048);    /* the run codes alone fill the table */
    memset(im[0].px, 7, (size_t)4096 * 2048);
    check_lzw_case("4096x2048 one colour", 3, im, 1);
    free(im[0].px);

    /* Noise: the table fills every ~4000 pixels (many clears). */
    im[0] = make_img(300, 200);
    for (i = 0; i < 300 * 200; i++)
        im[0].px[i] = (uint8_t)tu_xorshift(&rng_state);
    check_lzw_case("noise 256", 8, im, 1);
    im[1] = make_img(257, 301);
    for (i = 0; i < 257 * 301; i++)
        im[1].px[i] = (uint8_t)(tu_xorshift(&rng_state) & 3);
    check_lzw_case("noise 4", 2, im + 1, 1);
    /* Same coder, alphabets changing between images. */
    check_lzw_case("noise 256, noise 4 (bpp 8)", 8, im, 2);
    free(im[0].px);
    free(im[1].px);

    /* Runs of random lengths and colours; runs spanning rows. */
    im[0] = make_img(640, 480);
    np = 640 * 480;
    for (i = 0; i < np;) {
        size_t len = 1 + tu_xorshift(&rng_state)
                         % ((tu_xorshift(&rng_state) & 1) ? 7 : 3000);
        uint8_t c = (uint8_t)(tu_xorshift(&rng_state) % 5);
        while (len-- && i < np)
            im[0].px[i++] = c;
    }
    check_lzw_case("random runs", 8, im, 1);
    /* Mostly transparent with sparse dots and short strokes: a delta
     * frame. */
    im[1] = make_img(800, 600);
    memset(im[1].px, 255, 800 * 600);
    for (i = 0; i < 400; i++) {
        size_t p = tu_xorshift(&rng_state) % (800 * 600 - 8), k;
        for (k = 0; k < 1 + tu_xorshift(&rng_state) % 6; k++)
            im[1].px[p + k] = (uint8_t)(tu_xorshift(&rng_state) % 40);
    }
    check_lzw_case("delta-like", 8, im + 1, 1);
    /* Repeating patterns: strings that are not runs but grow long. */
    im[2] = make_img(1000, 300);
    for (i = 0; i < 1000 * 300; i++)
        im[2].px[i] = (uint8_t)("aababcabcd"[i % 10] - 'a');
    check_lzw_case("periodic", 4, im + 2, 1);
    im[3] = make_img(999, 333);
    for (i = 0; i < 999 * 333; i++)
        im[3].px[i] = (uint8_t)((i / 5000) & 1 ? tu_xorshift(&rng_state) & 15
                                               : 9);
    check_lzw_case("runs and noise, bpp 4", 4, im + 3, 1);
    check_lzw_case("four images", 8, im, 4);
    for (i = 0; i < 4; i++)
        free(im[i].px);
}

/* ---- writer: synthetic animation ---------------------------------------- */

#define TW 64
#define TH 48

typedef struct frame_spec {
    uint32_t px[TW * TH];
    ov_rect dirty[4];
    int ndirty;             /* -1: NULL */
    int delay;
} frame_spec;

static void
background(uint32_t *px)
{
    int x, y;

    for (y = 0; y < TH; y++)
        for (x = 0; x < TW; x++)
            px[y * TW + x] = (uint32_t)(x * 4) << 16 | (uint32_t)(y * 5) << 8 |
                             (uint32_t)((x * y) & 0x7F);
}

static void
dot(uint32_t *px, int cx, int cy, uint32_t c)
{
    int x, y;

    for (y = cy - 1; y <= cy + 1; y++)
        for (x = cx - 1; x <= cx + 1; x++)
            if (x >= 0 && y >= 0 && x < TW && y < TH)
                px[y * TW + x] = c | 0xAB000000u;   /* junk top byte */
}

/* Decodes @p m, checks its structure and composes its frames: each must
 * show @p expect[i] for @p delays[i]. */
static void
check_decoded(const tu_buf *m, const ov_palette *pal, uint8_t *const *expect,
              const int *delays, int nexp, int loop, const char *comment)
{
    GifFileType *g = tu_gif_slurp(m->p, m->len);
    uint8_t *canvas = calloc((size_t)TW * TH, 1);
    size_t cta = 13 + 3 * (size_t)pal->size;
    int i, x, y;

    CHECK(g != NULL);
    if (!g)
        return;
    CHECK(m->len > 6 && memcmp(m->p, "GIF89a", 6) == 0);
    CHECK_EQ_INT(g->SWidth, TW);
    CHECK_EQ_INT(g->SHeight, TH);
    CHECK(g->SColorMap && g->SColorMap->ColorCount == pal->size);
    for (i = 0; g->SColorMap && i < pal->size; i++) {
        const GifColorType *c = &g->SColorMap->Colors[i];
        CHECK_EQ_INT((uint32_t)c->Red << 16 | (uint32_t)c->Green << 8 | c->Blue,
                     i < pal->ncolors && i != pal->transparent ? pal->rgb[i]
                                                               : 0);
    }
    /* The loop block right after the global colour table. */
    if (loop >= 0) {
        static const unsigned char hdr[] = "\x21\xFF\x0BNETSCAPE2.0\x03\x01";
        CHECK(m->len > cta + 19 && memcmp(m->p + cta, hdr, 16) == 0 &&
              m->p[cta + 16] == (loop & 0xFF) &&
              m->p[cta + 17] == (loop >> 8) && m->p[cta + 18] == 0);
    } else {
        CHECK(!tu_contains(m->p, m->len, "NETSCAPE"));
    }
    /* The comment, possibly in several sub-blocks. */
    if (comment) {
        char text[2048] = "";
        int in = 0;
        for (i = 0; g->ImageCount > 0 &&
                    i < g->SavedImages[0].ExtensionBlockCount; i++) {
            const ExtensionBlock *e = &g->SavedImages[0].ExtensionBlocks[i];
            if (e->Function == COMMENT_EXT_FUNC_CODE)
                in = 1;
            else if (e->Function != CONTINUE_EXT_FUNC_CODE)
                in = 0;
            if (in)
                strncat(text, (const char *)e->Bytes, (size_t)e->ByteCount);
        }
        CHECK_EQ_STR(text, comment);
    }

    CHECK_EQ_INT(g->ImageCount, nexp);
    for (i = 0; i < g->ImageCount && i < nexp; i++) {
        const SavedImage *si = &g->SavedImages[i];
        const GifImageDesc *d = &si->ImageDesc;
        GraphicsControlBlock gcb;
        int t, tight_top = 0, tight_bot = 0, tight_l = 0, tight_r = 0;

        CHECK(DGifSavedExtensionToGCB(g, i, &gcb) == GIF_OK);
        CHECK_EQ_INT(gcb.DelayTime, delays[i]);
        CHECK(gcb.DelayTime >= 2);
        CHECK_EQ_INT(gcb.DisposalMode, DISPOSE_DO_NOT);
        CHECK_EQ_INT(gcb.TransparentColor,
                     i == 0 ? NO_TRANSPARENT_COLOR : pal->transparent);
        CHECK(d->ColorMap == NULL && !d->Interlace);
        CHECK(d->Left >= 0 && d->Top >= 0 && d->Width >= 1 &&
              d->Height >= 1 && d->Left + d->Width <= TW &&
              d->Top + d->Height <= TH);
        if (i == 0)
            CHECK(d->Left == 0 && d->Top == 0 && d->Width == TW &&
                  d->Height == TH);
        t = gcb.TransparentColor;
        for (y = 0; y < d->Height; y++) {
            for (x = 0; x < d->Width; x++) {
                uint8_t v = si->RasterBits[y * d->Width + x];
                CHECK(v < pal->size);
                if (v == t)
                    continue;
                canvas[(d->Top + y) * TW + d->Left + x] = v;
                tight_top |= y == 0;
                tight_bot |= y == d->Height - 1;
                tight_l |= x == 0;
                tight_r |= x == d->Width - 1;
            }
        }
        /* (a 1x1 transparent frame only carries a delay) */
        if (i > 0 && (tight_top || d->Width > 1 || d->Height > 1))
            CHECK_MSG(tight_top && tight_bot && tight_l && tight_r,
                      "frame %d: box %dx%d at %d,%d not tight (%d%d%d%d)", i,
                      d->Width, d->Height, d->Left, d->Top, tight_top,
                      tight_bot, tight_l, tight_r);
        CHECK_MSG(memcmp(canvas, expect[i], (size_t)TW * TH) == 0,
                  "frame %d: composed pixels differ from the input", i);
    }
    DGifCloseFile(g, NULL);
    free(canvas);
}

static int
write_anim(const frame_spec *fr, int n, const ov_gif_config *cfg,
           tu_buf *out)
{
    ov_gif_writer *w = NULL;
    int i, ok;

    ok = ov_gif_writer_create(&w, tu_sink, out, cfg) == OV_OK;
    for (i = 0; ok && i < n; i++) {
        ov_image img = { TW, TH, TW * 4, (uint32_t *)fr[i].px };
        ok = ov_gif_writer_add_frame(w, &img,
                                     fr[i].ndirty < 0 ? NULL : fr[i].dirty,
                                     fr[i].ndirty < 0 ? 0
                                                      : (size_t)fr[i].ndirty,
                                     fr[i].delay) == OV_OK;
    }
    ok = ok && ov_gif_writer_finish(w) == OV_OK;
    ov_gif_writer_destroy(w);
    return ok;
}

static void
test_writer(void)
{
    enum { N = 13 };
    static frame_spec fr[N];
    static char comment[700];
    uint8_t *mapped[N], *expect[N + 1];
    int delays[N + 1], nexp = 0, i, loops[3] = { 3, -1, 0 }, l;
    uint32_t pinned[] = { 0xFFFFFF, 0x000000, 0xE41A1C, 0x377EB8 };
    ov_palette pal;
    ov_gif_config cfg = OV_GIF_CONFIG_INIT;
    tu_buf m = { 0 }, m2 = { 0 };

    for (i = 0; i < (int)sizeof comment - 1; i++)
        comment[i] = (char)('a' + i % 26);
    memcpy(comment, "optviz --algo adam -o x.gif ", 28);

    background(fr[0].px);
    fr[0].ndirty = 0;
    fr[0].delay = 5;
    for (i = 1; i < N; i++) {
        frame_spec *f = &fr[i];
        int k;

        memcpy(f->px, fr[i - 1].px, sizeof f->px);
        f->ndirty = 1;
        f->delay = 3;
        switch (i) {
        case 1:         /* a dot appears */
            dot(f->px, 10, 10, 0xE41A1C);
            f->dirty[0] = (ov_rect){ 8, 8, 5, 5 };
            break;
        case 2:         /* identical, with a dirty rect */
            f->dirty[0] = (ov_rect){ 8, 8, 5, 5 };
            f->delay = 4;
            break;
        case 3:         /* identical, "anywhere" */
            f->ndirty = -1;
            f->delay = 0;
            break;
        case 4:         /* one pixel at the top-left corner */
            f->px[0] = 0xFFFFFF;
            f->dirty[0] = (ov_rect){ 0, 0, 1, 1 };
            break;
        case 5:         /* bottom-right corner, rect partly off-screen */
            dot(f->px, TW - 1, TH - 1, 0x377EB8);
            f->dirty[0] = (ov_rect){ TW - 3, TH - 3, 10, 10 };
            f->delay = 1;
            break;
        case 6:         /* every pixel */
            for (k = 0; k < TW * TH; k++)
                f->px[k] = ~f->px[k] & 0xFFFFFF;
            f->ndirty = -1;
            break;
        case 7:         /* a diagonal line; overlapping and odd rects */
            for (k = 0; k < 40; k++)
                f->px[(4 + k) * TW + 10 + k] = 0xFFFFFF;
            f->dirty[0] = (ov_rect){ 10, 4, 20, 20 };
            f->dirty[1] = (ov_rect){ 25, 19, 30, 30 };
            f->dirty[2] = (ov_rect){ -50, -50, 20, 20 };
            f->dirty[3] = (ov_rect){ 0, 0, 0, 0 };
            f->ndirty = 4;
            break;
        case 8:         /* identical, delay 0 */
            f->delay = 0;
            break;
        case 9:         /* the right edge column and a full row */
            for (k = 0; k < TH; k++)
                f->px[k * TW + TW - 1] = 0xE41A1C;
            memcpy(f->px + 20 * TW, fr[4].px + 20 * TW, 4 * TW);
            f->dirty[0] = (ov_rect){ TW - 1, 0, 1, TH };
            f->dirty[1] = (ov_rect){ 0, 20, TW, 1 };
            f->ndirty = 2;
            break;
        case 10:        /* off by one from black */
            f->px[0] = 0x010000;
            f->dirty[0] = (ov_rect){ 0, 0, 2, 2 };
            break;
        case 11:        /* identical, longer than one GCE can say */
            f->delay = 70000;
            break;
        case 12:
            f->px[5 * TW + 5] = 0x377EB8;
            f->dirty[0] = (ov_rect){ 5, 5, 1, 1 };
            break;
        }
    }

    CHECK_EQ_INT(ov_palette_build(&pal, pinned, 4, &(ov_image){ TW, TH,
                 TW * 4, fr[N - 1].px }), OV_OK);
    CHECK_EQ_INT(pal.size, 256);
    CHECK_EQ_INT(pal.transparent, 4);      /* right after the pinned */
    CHECK(memcmp(pal.rgb, pinned, sizeof pinned) == 0);

    /* Expected stored frames: mapped frames that differ from the last. */
    for (i = 0; i < N; i++) {
        ov_image img = { TW, TH, TW * 4, fr[i].px };
        mapped[i] = malloc((size_t)TW * TH);
        CHECK_EQ_INT(ov_palette_map_image(&pal, &img, mapped[i]), OV_OK);
        if (i == 0 || memcmp(mapped[i], expect[nexp - 1], TW * TH) != 0) {
            expect[nexp] = mapped[i];
            delays[nexp++] = fr[i].delay;
        } else {
            delays[nexp - 1] += fr[i].delay;
        }
    }
    /* Delays past 65535 cs continue on a 1x1 transparent frame. */
    for (i = 0; i < nexp; i++) {
        if (delays[i] > 65535) {
            memmove(delays + i + 1, delays + i, (nexp - i) * sizeof *delays);
            memmove(expect + i + 1, expect + i, (nexp - i) * sizeof *expect);
            delays[i + 1] -= 65535;
            delays[i] = 65535;
            nexp++;
        }
    }
    CHECK_MSG(nexp >= 9, "%d", nexp);
    for (i = 0; i < nexp; i++)
        if (delays[i] < 2)
            delays[i] = 2;

    cfg.width = TW;
    cfg.height = TH;
    cfg.palette = &pal;
    cfg.comment = comment;
    for (l = 0; l < 3; l++) {
        cfg.loop = loops[l];
        m.len = 0;
        CHECK(write_anim(fr, N, &cfg, &m));
        check_decoded(&m, &pal, expect, delays, nexp, cfg.loop, comment);
    }

    /* Deterministic. */
    CHECK(write_anim(fr, N, &cfg, &m2));
    CHECK(m.len == m2.len && memcmp(m.p, m2.p, m.len) == 0);

    /* gifsicle accepts it and sees what we meant. */
    if (system("command -v gifsicle > /dev/null 2>&1") == 0) {
        char path[] = "/tmp/ov_test_gif_XXXXXX", cmd[256], info[8192];
        int fd = mkstemp(path);
        FILE *f;
        size_t n = 0;

        CHECK(fd >= 0 && write(fd, m.p, m.len) == (ssize_t)m.len);
        close(fd);
        snprintf(cmd, sizeof cmd, "gifsicle --info %s 2>&1; echo rc=$?",
                 path);
        f = popen(cmd, "r");
        if (f) {
            n = fread(info, 1, sizeof info - 1, f);
            pclose(f);
        }
        info[n] = 0;
        CHECK_MSG(strstr(info, "rc=0") != NULL, "%s", info);
        snprintf(cmd, sizeof cmd, "%d images", nexp);
        CHECK_MSG(strstr(info, cmd) != NULL, "%s", info);
        CHECK_MSG(strstr(info, "loop forever") != NULL, "%s", info);
        CHECK_MSG(strstr(info, "disposal asis") != NULL, "%s", info);
        snprintf(cmd, sizeof cmd, "transparent %d", pal.transparent);
        CHECK_MSG(strstr(info, cmd) != NULL, "%s", info);
        CHECK_MSG(strstr(info, "optviz --algo adam") != NULL, "%s", info);
        unlink(path);
    } else {
        printf("gifsicle missing: --info check skipped\n");
    }

    /* A small palette: a 4-entry map (LZW minimum code size 2). */
    {
        static frame_spec f2[3];
        ov_palette p2;
        uint8_t *e2[3];
        int d2[3] = { 2, 7, 2 };
        uint32_t two[] = { 0x102030, 0xF0E0D0 };

        for (i = 0; i < TW * TH; i++)
            f2[0].px[i] = two[(i / 7) & 1];
        memcpy(f2[1].px, f2[0].px, sizeof f2[0].px);
        memcpy(f2[2].px, f2[0].px, sizeof f2[0].px);
        f2[2].px[TW * TH - 1] = two[0] ^ 0x000001;   /* maps to two[0] */
        f2[2].px[0] = two[1];
        f2[0].delay = 1;
        f2[1].delay = 7;
        f2[2].delay = 0;
        f2[0].ndirty = f2[1].ndirty = f2[2].ndirty = -1;
        CHECK_EQ_INT(ov_palette_build(&p2, NULL, 0, &(ov_image){ TW, TH,
                     TW * 4, f2[0].px }), OV_OK);
        CHECK_EQ_INT(p2.size, 4);
        CHECK_EQ_INT(p2.ncolors, 3);
        CHECK_EQ_INT(p2.transparent, 0);
        for (i = 0; i < 3; i++) {
            e2[i] = malloc(TW * TH);
            ov_palette_map_image(&p2, &(ov_image){ TW, TH, TW * 4, f2[i].px },
                                 e2[i]);
        }
        cfg.palette = &p2;
        cfg.comment = NULL;
        cfg.loop = 0;
        m2.len = 0;
        CHECK(write_anim(f2, 3, &cfg, &m2));
        /* frame 1 is identical: merged into frame 0 (1 + 7 cs). */
        d2[0] = 8;
        d2[1] = 2;
        free(e2[1]);
        e2[1] = e2[2];
        check_decoded(&m2, &p2, e2, d2, 2, 0, NULL);
        free(e2[0]);
        free(e2[2]);
    }

    for (i = 0; i < N; i++)
        free(mapped[i]);
    free(m.p);
    free(m2.p);
}

/* ---- errors ------------------------------------------------------------- */

static void
test_errors(void)
{
    uint32_t px[TW * TH], cols[] = { 0x000000, 0xFFFFFF };
    ov_image img = { TW, TH, TW * 4, px }, small = { TW - 1, TH, TW * 4, px };
    ov_palette pal, bad;
    ov_gif_config cfg = OV_GIF_CONFIG_INIT;
    ov_gif_writer *w = NULL;
    tu_buf m = { 0 };
    long n, total_calls;
    int i;

    for (i = 0; i < TW * TH; i++)
        px[i] = cols[(i >> 3) & 1] ^ (uint32_t)(i & 0x70);
    CHECK_EQ_INT(ov_palette_build(&pal, cols, 2, &img), OV_OK);
    cfg.width = TW;
    cfg.height = TH;
    cfg.palette = &pal;
    cfg.comment = "c";

    CHECK_EQ_INT(ov_gif_writer_create(NULL, tu_sink, &m, &cfg),
                 OV_ERR_INVALID_ARG);
    cfg.width = 0;
    CHECK_EQ_INT(ov_gif_writer_create(&w, tu_sink, &m, &cfg),
                 OV_ERR_INVALID_ARG);
    cfg.width = 70000;
    CHECK_EQ_INT(ov_gif_writer_create(&w, tu_sink, &m, &cfg),
                 OV_ERR_INVALID_ARG);
    cfg.width = 20000;
    cfg.height = 20000;
    CHECK_EQ_INT(ov_gif_writer_create(&w, tu_sink, &m, &cfg),
                 OV_ERR_TOO_LARGE);
    cfg.width = TW;
    cfg.height = TH;
    cfg.loop = 65536;
    CHECK_EQ_INT(ov_gif_writer_create(&w, tu_sink, &m, &cfg),
                 OV_ERR_INVALID_ARG);
    cfg.loop = 0;
    bad = pal;
    bad.size = 255;
    cfg.palette = &bad;
    CHECK_EQ_INT(ov_gif_writer_create(&w, tu_sink, &m, &cfg),
                 OV_ERR_INVALID_ARG);
    bad = pal;
    bad.transparent = bad.ncolors;
    CHECK_EQ_INT(ov_gif_writer_create(&w, tu_sink, &m, &cfg),
                 OV_ERR_INVALID_ARG);
    cfg.palette = &pal;
    CHECK(w == NULL);
    CHECK_EQ_INT(m.calls, 0);

    /* Bad frames do not break the writer. */
    CHECK_EQ_INT(ov_gif_writer_create(&w, tu_sink, &m, &cfg), OV_OK);
    CHECK_EQ_INT(ov_gif_writer_finish(w), OV_ERR_EMPTY);
    CHECK_EQ_INT(ov_gif_writer_add_frame(w, &small, NULL, 0, 2),
                 OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_gif_writer_add_frame(w, &img, NULL, 0, -1),
                 OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_gif_writer_add_frame(w, NULL, NULL, 0, 2),
                 OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_gif_writer_add_frame(w, &img, NULL, 0, 2), OV_OK);
    CHECK_EQ_INT(ov_gif_writer_finish(w), OV_OK);
    CHECK_EQ_INT(ov_gif_writer_add_frame(w, &img, NULL, 0, 2),
                 OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_gif_writer_finish(w), OV_ERR_INVALID_ARG);
    ov_gif_writer_destroy(w);
    ov_gif_writer_destroy(NULL);
    total_calls = m.calls;
    CHECK(m.len > 0 && m.p[m.len - 1] == ';');

    /* Destroy without finish writes nothing more. */
    m.len = 0;
    m.calls = 0;
    CHECK_EQ_INT(ov_gif_writer_create(&w, tu_sink, &m, &cfg), OV_OK);
    CHECK_EQ_INT(ov_gif_writer_add_frame(w, &img, NULL, 0, 2), OV_OK);
    n = m.calls;
    ov_gif_writer_destroy(w);
    CHECK_EQ_INT(m.calls, n);

    /* A sink failing at every possible call: the status comes back
     * unchanged, sticks, and nothing is written after it. */
    for (n = 1; n <= total_calls; n++) {
        ov_status st;
        long at;

        m.len = 0;
        m.calls = 0;
        m.fail_at = n;
        w = NULL;
        st = ov_gif_writer_create(&w, tu_sink, &m, &cfg);
        if (st == OV_OK)
            st = ov_gif_writer_add_frame(w, &img, NULL, 0, 2);
        if (st == OV_OK)
            st = ov_gif_writer_finish(w);
        CHECK_MSG(st == OV_ERR_IO, "fail at call %ld: status %d", n, st);
        at = m.calls;
        CHECK_MSG(at == n, "fail at call %ld: %ld calls", n, at);
        if (w) {
            CHECK_EQ_INT(ov_gif_writer_add_frame(w, &img, NULL, 0, 2),
                         OV_ERR_IO);
            CHECK_EQ_INT(ov_gif_writer_finish(w), OV_ERR_IO);
        }
        ov_gif_writer_destroy(w);
        CHECK_EQ_INT(m.calls, at);
    }
    m.fail_at = 0;

    /* Out of memory anywhere in create: NOMEM, nothing leaks (ASan). */
    for (n = 1; n < 12; n++) {
        ov_status st;

        w = NULL;
        ov__alloc_fail_after((unsigned long)n);
        st = ov_gif_writer_create(&w, tu_sink, &m, &cfg);
        ov__alloc_fail_after(0);
        CHECK(st == OV_OK || st == OV_ERR_NOMEM);
        CHECK((st == OV_OK) == (w != NULL));
        ov_gif_writer_destroy(w);
    }
    free(m.p);
}

/* ---- benchmark: 800x600, 200 frames ------------------------------------- */

#define BW 800
#define BH 600
#define NSER 4
#define NSTEP 200
#define NBANDS 25

typedef struct scene {
    cairo_surface_t *bg, *trails, *frame;
    uint32_t bands[NBANDS];
    uint32_t series[NSER];
    double px[NSER][NSTEP + 1], py[NSER][NSTEP + 1];
} scene;

static double
field(double x, double y)
{
    double u = (x - 430) / 260.0, v = (y - 300) / 170.0;
    return u * u + 3 * v * v + 0.8 * u * v;
}

/* Plot-like background: bands per pixel, anti-aliased contour lines
 * (black, alpha 0.45, 1 px), axes and text with cairo. */
static void
draw_background(scene *s)
{
    static const uint32_t anchors[5] = { 0x440154, 0x3B528B, 0x21908D,
                                         0x5DC963, 0xFDE725 };
    uint32_t *px;
    int stride, x, y, i;
    cairo_t *cr;

    for (i = 0; i < NBANDS; i++) {
        double t = i / (NBANDS - 1.0) * 4;
        int k = (int)t < 3 ? (int)t : 3;
        s->bands[i] = tu_lerp_rgb(anchors[k], anchors[k + 1], t - k);
    }
    s->bg = cairo_image_surface_create(CAIRO_FORMAT_RGB24, BW, BH);
    cairo_surface_flush(s->bg);
    px = (uint32_t *)cairo_image_surface_get_data(s->bg);
    stride = cairo_image_surface_get_stride(s->bg) / 4;
    for (y = 0; y < BH; y++) {
        for (x = 0; x < BW; x++) {
            uint32_t c = 0xFFFFFF;
            if (x >= 60 && x < 700 && y >= 40 && y < 560) {
                double f = field(x + 0.5, y + 0.5) * 4.0;
                double gx = (field(x + 1.5, y + 0.5)
                             - field(x - 0.5, y + 0.5)) * 2;
                double gy = (field(x + 0.5, y + 1.5)
                             - field(x + 0.5, y - 0.5)) * 2;
                double g = sqrt(gx * gx + gy * gy) + 1e-9;
                double lv = floor(f + 0.5), d = fabs(f - lv) / g;
                int b = (int)f;
                double cov = d < 1.0 ? 1.0 - d : 0.0;
                c = s->bands[b < NBANDS ? b : NBANDS - 1];
                if (cov > 0 && lv > 0 && lv < NBANDS)
                    c = tu_lerp_rgb(c, 0x000000, 0.45 * cov);
            }
            px[y * stride + x] = c;
        }
    }
    cairo_surface_mark_dirty(s->bg);
    cr = cairo_create(s->bg);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, 59.5, 39.5, 641, 521);
    cairo_stroke(cr);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 12);
    for (i = 0; i <= 8; i++) {
        char lab[16];
        snprintf(lab, sizeof lab, "%.1f", -2.0 + i * 0.5);
        cairo_move_to(cr, 52 + i * 80, 578);
        cairo_show_text(cr, lab);
        cairo_move_to(cr, 20, 560 - i * 65);
        cairo_show_text(cr, lab);
    }
    cairo_set_font_size(cr, 16);
    cairo_move_to(cr, 300, 25);
    cairo_show_text(cr, "ols: gd, momentum, rmsprop, adam");
    for (i = 0; i < NSER; i++) {
        cairo_set_source_rgb(cr, (s->series[i] >> 16) / 255.0,
                             (s->series[i] >> 8 & 0xFF) / 255.0,
                             (s->series[i] & 0xFF) / 255.0);
        cairo_rectangle(cr, 712, 60 + i * 22, 20, 3);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, 738, 66 + i * 22);
        cairo_show_text(cr, i == 0 ? "gd" : i == 1 ? "momentum"
                            : i == 2 ? "rmsprop" : "adam");
    }
    cairo_destroy(cr);
    cairo_surface_flush(s->bg);
}

static void
make_paths(scene *s)
{
    int i, k;

    for (i = 0; i < NSER; i++) {
        double a0 = 0.7 + i * 1.4, r0 = 240 - i * 25;
        double conv = 120 + i * 20;       /* step at which it converges */
        for (k = 0; k <= NSTEP; k++) {
            double t = k < conv ? k : conv;
            double r = r0 * exp(-t / (35.0 + 8 * i));
            double a = a0 + t * (0.05 + 0.015 * i);
            s->px[i][k] = 430 + r * cos(a) * 1.1;
            s->py[i][k] = 300 + r * sin(a) * 0.6;
        }
    }
}

static ov_rect
pad_rect(double x0, double y0, double x1, double y1, double pad)
{
    ov_rect r;
    r.x = (int)floor((x0 < x1 ? x0 : x1) - pad);
    r.y = (int)floor((y0 < y1 ? y0 : y1) - pad);
    r.w = (int)ceil((x0 < x1 ? x1 : x0) + pad) - r.x;
    r.h = (int)ceil((y0 < y1 ? y1 : y0) + pad) - r.y;
    return r;
}

/* Draws step @p k: trail segments up to k onto trails, then the frame =
 * trails + markers inside the returned dirty rectangles. */
static int
draw_step(scene *s, int k, ov_rect *dirty)
{
    cairo_t *cr;
    int i, n = 0;

    cr = cairo_create(s->trails);
    cairo_set_line_width(cr, 2);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (i = 0; i < NSER && k > 0; i++) {
        tu_set_rgb(cr, s->series[i]);
        cairo_move_to(cr, s->px[i][k - 1], s->py[i][k - 1]);
        cairo_line_to(cr, s->px[i][k], s->py[i][k]);
        cairo_stroke(cr);
    }
    cairo_destroy(cr);

    cr = cairo_create(s->frame);
    for (i = 0; i < NSER; i++) {
        int kp = k > 0 ? k - 1 : 0;
        ov_rect r = pad_rect(s->px[i][kp], s->py[i][kp], s->px[i][k],
                             s->py[i][k], 8);
        dirty[n++] = r;
        cairo_save(cr);
        cairo_rectangle(cr, r.x, r.y, r.w, r.h);
        cairo_clip(cr);
        cairo_set_source_surface(cr, s->trails, 0, 0);
        cairo_paint(cr);
        cairo_restore(cr);
    }
    /* Markers on top, clipped to the union of the rectangles. */
    for (i = 0; i < n; i++)
        cairo_rectangle(cr, dirty[i].x, dirty[i].y, dirty[i].w, dirty[i].h);
    cairo_clip(cr);
    for (i = 0; i < NSER; i++) {
        cairo_arc(cr, s->px[i][k], s->py[i][k], 4, 0, 2 * M_PI);
        tu_set_rgb(cr, s->series[i]);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
    }
    cairo_destroy(cr);
    cairo_surface_flush(s->frame);
    return n;
}

static void
copy_surface(cairo_surface_t *dst, cairo_surface_t *src)
{
    cairo_t *cr = cairo_create(dst);
    cairo_set_source_surface(cr, src, 0, 0);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_flush(dst);
}

static ov_image
surface_image(cairo_surface_t *s)
{
    ov_image img;
    img.width = cairo_image_surface_get_width(s);
    img.height = cairo_image_surface_get_height(s);
    img.stride = (size_t)cairo_image_surface_get_stride(s);
    img.px = (uint32_t *)cairo_image_surface_get_data(s);
    return img;
}

static void
test_benchmark(void)
{
    static const uint32_t series[NSER] = { 0xE41A1C, 0x377EB8, 0xFF7F00,
                                           0xF781BF };
    scene s;
    uint32_t pinned[NBANDS + NSER + 3];
    ov_palette pal;
    ov_gif_config cfg = OV_GIF_CONFIG_INIT;
    ov_gif_writer *w = NULL;
    tu_buf m = { 0 };
    ov_rect dirty[NSER];
    ov_image img;
    uint8_t *idx, *canvas;
    double t0, t_pal, t_enc = 0, t_max = 0, t_first = 0, p;
    int i, k, n, extra = 20;
    GifFileType *g;

    memcpy(s.series, series, sizeof series);
    make_paths(&s);
    draw_background(&s);
    s.trails = cairo_image_surface_create(CAIRO_FORMAT_RGB24, BW, BH);
    s.frame = cairo_image_surface_create(CAIRO_FORMAT_RGB24, BW, BH);

    /* Palette from the last frame (background with all trails). */
    copy_surface(s.trails, s.bg);
    copy_surface(s.frame, s.bg);
    for (k = 0; k <= NSTEP; k++)
        draw_step(&s, k, dirty);
    /* Moving parts first (series, marker outline), then the rest. */
    memcpy(pinned, series, sizeof series);
    pinned[NSER] = 0x000000;
    memcpy(pinned + NSER + 1, s.bands, sizeof s.bands);
    pinned[NSER + 1 + NBANDS] = 0xFFFFFF;
    pinned[NSER + 2 + NBANDS] = 0x737373;
    img = surface_image(s.frame);
    t0 = tu_now_ms();
    CHECK_EQ_INT(ov_palette_build(&pal, pinned, NBANDS + NSER + 3, &img),
                 OV_OK);
    t_pal = tu_now_ms() - t0;
    idx = malloc(BW * BH);
    canvas = malloc(BW * BH);
    ov_palette_map_image(&pal, &img, idx);
    p = tu_psnr(&img, idx, pal.rgb);
    printf("bench palette: %.1f ms, %d colours, PSNR of the last frame "
           "%.2f dB\n", t_pal, pal.ncolors, p);
    CHECK(p > 40.0);

    /* The animation: 201 steps, then 20 frames holding the last one. */
    copy_surface(s.trails, s.bg);
    copy_surface(s.frame, s.bg);
    cfg.width = BW;
    cfg.height = BH;
    cfg.palette = &pal;
    cfg.comment = "optviz --algo gd,momentum,rmsprop,adam -o bench.gif";
    CHECK_EQ_INT(ov_gif_writer_create(&w, tu_sink, &m, &cfg), OV_OK);
    for (k = 0; k <= NSTEP + extra && w; k++) {
        double dt;
        n = draw_step(&s, k <= NSTEP ? k : NSTEP, dirty);
        img = surface_image(s.frame);
        t0 = tu_now_ms();
        CHECK_EQ_INT(ov_gif_writer_add_frame(w, &img, dirty, (size_t)n, 5),
                     OV_OK);
        dt = tu_now_ms() - t0;
        if (k == 0)
            t_first = dt;
        else
            t_enc += dt;
        if (k > 0 && dt > t_max)
            t_max = dt;
    }
    t0 = tu_now_ms();
    CHECK_EQ_INT(ov_gif_writer_finish(w), OV_OK);
    t_enc += tu_now_ms() - t0;
    ov_gif_writer_destroy(w);
    printf("bench encode: frame 0 %.2f ms; frames 1..%d mean %.3f ms, "
           "max %.3f ms; file %zu B\n", t_first, NSTEP + extra,
           t_enc / (NSTEP + extra), t_max, m.len);

    /* Decode and compare every stored frame with the mapped input. */
    g = tu_gif_slurp(m.p, m.len);
    CHECK(g != NULL);
    if (g) {
        int stored = g->ImageCount, ok = 1;
        GraphicsControlBlock gcb;

        /* Series converge at steps 120..180; after 180 and in the hold
         * only merged delays remain. */
        CHECK(stored < NSTEP + 1 + extra);
        copy_surface(s.trails, s.bg);
        copy_surface(s.frame, s.bg);
        memset(canvas, 0, BW * BH);
        for (i = 0, k = 0; i < stored && k <= NSTEP; i++, k++) {
            const SavedImage *si = &g->SavedImages[i];
            const GifImageDesc *d = &si->ImageDesc;
            int x, y;

            DGifSavedExtensionToGCB(g, i, &gcb);
            for (y = 0; y < d->Height; y++)
                for (x = 0; x < d->Width; x++) {
                    uint8_t v = si->RasterBits[y * d->Width + x];
                    if (v != gcb.TransparentColor)
                        canvas[(d->Top + y) * BW + d->Left + x] = v;
                }
            draw_step(&s, k, dirty);
            /* Skip the input frames merged into this one. */
            while (gcb.DelayTime > 5 && k < NSTEP) {
                draw_step(&s, ++k, dirty);
                gcb.DelayTime -= 5;
            }
            img = surface_image(s.frame);
            ov_palette_map_image(&pal, &img, idx);
            ok &= memcmp(canvas, idx, BW * BH) == 0;
        }
        CHECK_MSG(ok, "a decoded benchmark frame differs");
        printf("bench: %d input frames, %d stored\n", NSTEP + 1 + extra,
               stored);
        DGifCloseFile(g, NULL);
    }

    if (getenv("OV_GIF_BENCH_OUT")) {           /* for inspection */
        FILE *f = fopen(getenv("OV_GIF_BENCH_OUT"), "wb");
        if (f) {
            fwrite(m.p, 1, m.len, f);
            fclose(f);
        }
    }
    if (system("command -v gifsicle > /dev/null 2>&1") == 0) {
        char in[] = "/tmp/ov_bench_XXXXXX", cmd[256];
        int fd = mkstemp(in);
        FILE *f;
        long osz = -1;

        CHECK(fd >= 0 && write(fd, m.p, m.len) == (ssize_t)m.len);
        close(fd);
        snprintf(cmd, sizeof cmd, "gifsicle -O3 %s | wc -c", in);
        t0 = tu_now_ms();
        f = popen(cmd, "r");
        if (f) {
            if (fscanf(f, "%ld", &osz) != 1)
                osz = -1;
            pclose(f);
        }
        printf("bench: gifsicle -O3 %ld B (%.0f ms): ours / -O3 = %.4f\n",
               osz, tu_now_ms() - t0, osz > 0 ? (double)m.len / osz : 0.0);
        CHECK(osz > 0 && m.len <= 1.05 * osz);
        unlink(in);
    } else {
        printf("gifsicle missing: size comparison skipped\n");
    }

    free(idx);
    free(canvas);
    free(m.p);
    cairo_surface_destroy(s.bg);
    cairo_surface_destroy(s.trails);
    cairo_surface_destroy(s.frame);
}

/* fontconfig (cairo's text) keeps a few caches past FcFini. */
__attribute__((visibility("default"), used))
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

int
main(void)
{
    test_lzw();
    test_writer();
    test_errors();
    test_benchmark();
    cairo_debug_reset_static_data();   /* keeps LeakSanitizer quiet */
    return check_report("gif");
}
