/*
 * testutil.c: see testutil.h.
 */
#include "testutil.h"
#include "render/figure.h"

#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int
tu_sink(void *closure, const unsigned char *d, size_t n)
{
    tu_buf *b = closure;
    b->calls++;
    if (b->fail_at > 0 && b->calls >= b->fail_at)
        return OV_ERR_IO;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        unsigned char *p = realloc(b->p, cap);
        if (!p)
            abort();
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, d, n);
    b->len += n;
    b->p[b->len] = '\0';
    return OV_OK;
}

void
tu_buf_free(tu_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

int
tu_contains(const unsigned char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return 1;
    return 0;
}

uint32_t
tu_pixel(const ov_image *img, int x, int y)
{
    if (x < 0 || y < 0 || x >= img->width || y >= img->height)
        return 0xFFFFFFFFu;
    const uint32_t *row = (const uint32_t *)((const unsigned char *)img->px +
                                             (size_t)y * img->stride);
    return row[x] & 0xFFFFFF;
}

int
tu_cdist(uint32_t a, uint32_t b)
{
    int m = 0;
    for (int sh = 0; sh <= 16; sh += 8) {
        int d = abs((int)((a >> sh) & 0xFF) - (int)((b >> sh) & 0xFF));
        m = d > m ? d : m;
    }
    return m;
}

int
tu_near(const ov_image *img, double x, double y, int r, uint32_t c)
{
    for (int dy = -r; dy <= r; dy++)
        for (int dx = -r; dx <= r; dx++)
            if (tu_pixel(img, (int)floor(x) + dx, (int)floor(y) + dy) == c)
                return 1;
    return 0;
}

int
tu_near_aa(const ov_image *img, double x, double y, int r, uint32_t c,
           int tol)
{
    for (int dy = -r; dy <= r; dy++)
        for (int dx = -r; dx <= r; dx++)
            if (tu_cdist(tu_pixel(img, (int)floor(x) + dx,
                                  (int)floor(y) + dy), c) < tol)
                return 1;
    return 0;
}

/* ---- PNG ------------------------------------------------------------- */

typedef struct png_src {
    const unsigned char *p;
    size_t len, pos;
} png_src;

static void
png_read_cb(png_structp png, png_bytep out, png_size_t n)
{
    png_src *r = png_get_io_ptr(png);
    if (r->pos + n > r->len)
        png_error(png, "short");
    memcpy(out, r->p + r->pos, n);
    r->pos += n;
}

uint32_t *
tu_decode_png(const unsigned char *p, size_t len, int *w, int *h, char *soft,
              char *cmd, size_t tsz)
{
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL,
                                             NULL, NULL);
    png_infop info = png_create_info_struct(png);
    png_src r = { p, len, 0 };
    uint32_t *volatile out = NULL;
    unsigned char *volatile row = NULL;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        free(out);
        free(row);
        return NULL;
    }
    png_set_read_fn(png, &r, png_read_cb);
    png_read_info(png, info);
    *w = (int)png_get_image_width(png, info);
    *h = (int)png_get_image_height(png, info);
    /* A palette image (the HTML page's patches) is read as RGB. */
    if (png_get_color_type(png, info) == PNG_COLOR_TYPE_PALETTE &&
        png_get_bit_depth(png, info) == 8) {
        png_set_palette_to_rgb(png);
        png_read_update_info(png, info);
    }
    if (png_get_color_type(png, info) != PNG_COLOR_TYPE_RGB ||
        png_get_bit_depth(png, info) != 8)
        png_error(png, "not 8-bit RGB");
    out = malloc((size_t)*w * *h * 4);
    row = malloc((size_t)*w * 3);
    for (int y = 0; y < *h; y++) {
        png_read_row(png, row, NULL);
        for (int x = 0; x < *w; x++)
            out[(size_t)y * *w + x] = (uint32_t)row[3 * x] << 16 |
                                      (uint32_t)row[3 * x + 1] << 8 |
                                      row[3 * x + 2];
    }
    png_read_end(png, info);
    png_textp t;
    int nt = 0;
    png_get_text(png, info, &t, &nt);
    if (soft)
        soft[0] = '\0';
    if (cmd)
        cmd[0] = '\0';
    for (int i = 0; i < nt; i++) {
        const char *v = t[i].text ? t[i].text : "";
        if (soft && strcmp(t[i].key, "Software") == 0)
            snprintf(soft, tsz, "%s", v);
        if (cmd && strcmp(t[i].key, "Command") == 0)
            snprintf(cmd, tsz, "%s", v);
    }
    png_destroy_read_struct(&png, &info, NULL);
    free(row);
    return out;
}

/* ---- GIF ------------------------------------------------------------- */

typedef struct gif_src {
    const unsigned char *p;
    size_t len, off;
} gif_src;

static int
gif_read(GifFileType *g, GifByteType *out, int len)
{
    gif_src *s = g->UserData;
    size_t n = s->len - s->off < (size_t)len ? s->len - s->off : (size_t)len;
    memcpy(out, s->p + s->off, n);
    s->off += n;
    return (int)n;
}

GifFileType *
tu_gif_slurp(const unsigned char *p, size_t len)
{
    /* DGifSlurp reads everything, so the source may live on the stack. */
    gif_src s = { p, len, 0 };
    int err = 0;
    GifFileType *g = DGifOpen(&s, gif_read, &err);
    if (!g)
        return NULL;
    if (DGifSlurp(g) != GIF_OK) {
        DGifCloseFile(g, &err);
        return NULL;
    }
    g->UserData = NULL;
    return g;
}

int
tu_gif_compose(const GifFileType *g, int k, uint8_t *canvas)
{
    const SavedImage *si = &g->SavedImages[k];
    const GifImageDesc *d = &si->ImageDesc;
    GraphicsControlBlock gcb;
    if (DGifSavedExtensionToGCB((GifFileType *)g, k, &gcb) != GIF_OK)
        return 0;
    if (d->Left < 0 || d->Top < 0 || d->Width < 1 || d->Height < 1 ||
        d->Left + d->Width > g->SWidth || d->Top + d->Height > g->SHeight ||
        d->Interlace || d->ColorMap)
        return 0;
    for (int y = 0; y < d->Height; y++)
        for (int x = 0; x < d->Width; x++) {
            uint8_t v = si->RasterBits[(size_t)y * d->Width + x];
            if (gcb.TransparentColor != NO_TRANSPARENT_COLOR &&
                v == gcb.TransparentColor)
                continue;
            canvas[(size_t)(d->Top + y) * g->SWidth + d->Left + x] = v;
        }
    return 1;
}

/* ---- figures --------------------------------------------------------- */

ov_loss *
tu_loss(const char *name)
{
    ov_loss *l = NULL;
    ov_error err;
    if (ov_loss_create(&l, name, NULL, OV_REDUCTION_MEAN, &err) != OV_OK) {
        fprintf(stderr, "testutil: no loss %s: %s\n", name, err.what);
        abort();
    }
    return l;
}

void
tu_dump_png(const char *name, const ov_loss *loss,
            const ov_trajectory *const *tr, size_t n,
            const ov_figure_spec *spec)
{
    const char *dir = getenv("OV_VIEWS_DIR");
    if (!dir)
        return;
    char path[512];
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    tu_buf b = { 0 };
    ov_error err;
    if (ov_render(tu_sink, &b, OV_FORMAT_PNG, loss, tr, n, spec, NULL, NULL,
                  &err) == OV_OK) {
        FILE *f = fopen(path, "wb");
        if (f) {
            fwrite(b.p, 1, b.len, f);
            fclose(f);
        }
    } else {
        fprintf(stderr, "testutil: %s: %s\n", name, err.what);
    }
    free(b.p);
}

double
tu_psnr(const ov_image *img, const uint8_t *idx, const uint32_t *rgb)
{
    double se = 0;
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++) {
            uint32_t a = tu_pixel(img, x, y);
            uint32_t b = rgb[idx[(size_t)y * img->width + x]];
            for (int s = 0; s < 24; s += 8) {
                double d = (double)((a >> s) & 0xFF) - ((b >> s) & 0xFF);
                se += d * d;
            }
        }
    se /= 3.0 * img->width * img->height;
    return se > 0 ? 10 * log10(255.0 * 255.0 / se) : 99.0;
}

/* ---- synthetic scenes -------------------------------------------------- */

uint32_t
tu_lerp_rgb(uint32_t a, uint32_t b, double t)
{
    uint32_t out = 0;
    for (int s = 16; s >= 0; s -= 8) {
        double ca = (a >> s) & 0xFF, cb = (b >> s) & 0xFF;
        out |= (uint32_t)(ca + (cb - ca) * t + 0.5) << s;
    }
    return out;
}

void
tu_set_rgb(cairo_t *cr, uint32_t c)
{
    cairo_set_source_rgb(cr, (c >> 16) / 255.0, (c >> 8 & 0xFF) / 255.0,
                         (c & 0xFF) / 255.0);
}

uint32_t
tu_xorshift(uint32_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

double
tu_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- frames against the still ------------------------------------------- */

static long
changed_outside(const uint32_t *prev, const ov_image *img, const ov_rect *d,
                size_t nd, long *changed)
{
    long outside = 0;
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++) {
            size_t k = (size_t)y * (img->stride / 4) + (size_t)x;
            if ((prev[k] & 0xFFFFFF) == (img->px[k] & 0xFFFFFF))
                continue;
            (*changed)++;
            int in = 0;
            for (size_t q = 0; q < nd; q++)
                in |= x >= d[q].x && x < d[q].x + d[q].w &&
                      y >= d[q].y && y < d[q].y + d[q].h;
            outside += !in;
        }
    return outside;
}

tu_frames
tu_frames_check(const ov_loss *loss, const ov_trajectory *const *tr, size_t n,
                const ov_figure_spec *spec, const long *lead, size_t nlead)
{
    tu_frames r = { 0 };
    ov__figure *anim = NULL, *still = NULL;
    ov_error err;
    uint32_t *prev = NULL;
    if (ov__figure_create(&anim, loss, tr, n, spec, &err) != OV_OK ||
        ov__figure_create(&still, loss, tr, n, spec, &err) != OV_OK)
        goto out;
    long last = ov__figure_last_step(anim);
    const ov_image *img = ov__figure_image(anim);
    size_t words = img->stride / 4 * (size_t)img->height;
    prev = malloc(words * 4);
    ov_rect d[OV__FIGURE_MAX_DIRTY];
    size_t nd;
    if (!prev ||
        ov__figure_frame(anim, 0, d, OV__FIGURE_MAX_DIRTY, &nd) != OV_OK)
        goto out;
    r.first_full = nd == 1 && d[0].x == 0 && d[0].y == 0 &&
                   d[0].w == img->width && d[0].h == img->height;
    long tail[4] = { last / 3, last / 2, last - 1, last };
    long before = 0;
    for (size_t s = 0; s < nlead + 4; s++) {
        long step = s < nlead ? lead[s] : tail[s - nlead];
        memcpy(prev, img->px, words * 4);
        /* Fewer rectangles than the scene may keep: it merges to fit. */
        if (ov__figure_frame(anim, step, d, 8, &nd) != OV_OK)
            goto out;
        r.outside += changed_outside(prev, img, d, nd, &r.changed);
        if (s > 0 && step == before)
            r.repeat_rects += (long)nd;
        before = step;
    }
    if (ov__figure_frame(still, last, d, OV__FIGURE_MAX_DIRTY, &nd) != OV_OK)
        goto out;
    const ov_image *si = ov__figure_image(still);
    for (int y = 0; y < si->height; y++)
        for (int x = 0; x < si->width; x++)
            r.differ += tu_pixel(si, x, y) != tu_pixel(img, x, y);
    r.ok = 1;
out:
    free(prev);
    ov__figure_destroy(anim);
    ov__figure_destroy(still);
    return r;
}

/* ---- vector output ------------------------------------------------------ */

tu_vector
tu_vector_check(const ov_loss *loss, const ov_trajectory *const *tr, size_t n,
                const ov_figure_spec *spec)
{
    tu_vector r;
    memset(&r, 0, sizeof r);
    ov_error err;
    tu_buf b = { 0 }, p = { 0 };
    r.ok = ov_render(tu_sink, &r.svg, OV_FORMAT_SVG, loss, tr, n, spec, NULL,
                     NULL, &err) == OV_OK &&
           ov_render(tu_sink, &b, OV_FORMAT_SVG, loss, tr, n, spec, NULL,
                     NULL, &err) == OV_OK &&
           ov_render(tu_sink, &p, OV_FORMAT_PDF, loss, tr, n, spec, NULL,
                     NULL, &err) == OV_OK;
    const tu_buf *a = &r.svg;
    r.svg_whole = a->p && strstr(a->s, "<svg") != NULL && a->len > 7 &&
                  strcmp(a->s + a->len - 7, "</svg>\n") == 0;
    r.same = a->p && b.p && a->len == b.len && memcmp(a->p, b.p, a->len) == 0;
    r.pdf_ok = p.p && p.len > 1000 && memcmp(p.p, "%PDF-", 5) == 0;
    tu_buf_free(&b);
    tu_buf_free(&p);
    return r;
}
