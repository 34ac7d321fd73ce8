/*
 * test_palette.c: the scene palette (ov_palette_build) and colour mapping.
 *
 * Exactness when colours fit, pinned colours kept exactly and in order,
 * the transparent slot never produced, argument errors, determinism, and
 * quality on a plot-like frame: PSNR of the mapped frame against the RGB
 * original, compared with a top-by-frequency palette and with an exact
 * (brute-force) nearest mapping of our own palette.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo.h>

#include <optviz/optviz.h>

#include "check.h"
#include "testutil.h"
#include "core/alloc_private.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static uint32_t rng_state = 987654321u;

/* Exact nearest entry (ties: lowest index), skipping @p skip. */
static uint8_t
nearest(const uint32_t *rgb, int n, int skip, uint32_t c)
{
    long best = -1;
    int i, bi = 0;

    for (i = 0; i < n; i++) {
        long dr = (long)(rgb[i] >> 16) - (long)(c >> 16);
        long dg = (long)(rgb[i] >> 8 & 0xFF) - (long)(c >> 8 & 0xFF);
        long db = (long)(rgb[i] & 0xFF) - (long)(c & 0xFF);
        long d = dr * dr + dg * dg + db * db;
        if (i != skip && (best < 0 || d < best)) {
            best = d;
            bi = i;
        }
    }
    return (uint8_t)bi;
}

static void
test_exact(void)
{
    enum { W = 40, H = 30 };
    uint32_t px[W * H];
    static const uint32_t cols[10] = { 0x102030, 0xFFFFFF, 0x000000,
                                       0xABCDEF, 0x00FF00, 0x123456,
                                       0x654321, 0x7F7F7F, 0x808080,
                                       0xFE0000 };
    uint32_t pinned[4] = { 0xFF123456, 0x00EE00, 0x123456, 0x00EE00 };
    ov_image img = { W, H, W * 4, px };
    ov_palette pal, pal2;
    uint8_t idx[W * H];
    int i, k, counts[10] = { 0 };

    /* Colour k covers a number of pixels that falls with k. */
    for (i = 0; i < W * H; i++) {
        k = (int)(tu_xorshift(&rng_state) % 1000);
        k = k < 300 ? 0 : k < 500 ? 1 : k < 650 ? 2 : k < 760 ? 3 : k < 840 ? 4
            : k < 900 ? 5 : k < 940 ? 6 : k < 970 ? 7 : k < 990 ? 8 : 9;
        counts[k]++;
        /* junk top byte */
        px[i] = cols[k] | (tu_xorshift(&rng_state) & 0xFF000000u);
    }
    CHECK_EQ_INT(ov_palette_build(&pal, pinned, 4, &img), OV_OK);
    /* Pinned (deduplicated, top byte ignored), transparent, then the 9
     * other sample colours by decreasing count. */
    CHECK_EQ_INT(pal.rgb[0], 0x123456);
    CHECK_EQ_INT(pal.rgb[1], 0x00EE00);
    CHECK_EQ_INT(pal.transparent, 2);
    CHECK_EQ_INT(pal.ncolors, 12);
    CHECK_EQ_INT(pal.size, 16);
    for (k = 0, i = 3; k < 10; k++) {
        if (cols[k] == 0x123456)
            continue;
        CHECK_MSG(pal.rgb[i] == cols[k], "slot %d: %06x, want %06x", i,
                  pal.rgb[i], cols[k]);
        i++;
    }
    CHECK_EQ_INT(ov_palette_map_image(&pal, &img, idx), OV_OK);
    for (i = 0; i < W * H; i++) {
        CHECK(idx[i] != pal.transparent && idx[i] < pal.ncolors);
        CHECK(pal.rgb[idx[i]] == (px[i] & 0xFFFFFF));
    }
    CHECK(tu_psnr(&img, idx, pal.rgb) == 99.0);

    /* Deterministic. */
    CHECK_EQ_INT(ov_palette_build(&pal2, pinned, 4, &img), OV_OK);
    CHECK(memcmp(&pal, &pal2, sizeof pal) == 0);

    /* Pinned only. */
    CHECK_EQ_INT(ov_palette_build(&pal, cols, 3, NULL), OV_OK);
    CHECK_EQ_INT(pal.ncolors, 4);
    CHECK_EQ_INT(pal.size, 4);
    CHECK_EQ_INT(pal.transparent, 3);
    /* One colour, nothing pinned: the smallest table. */
    for (i = 0; i < W * H; i++)
        px[i] = 0x445566;
    CHECK_EQ_INT(ov_palette_build(&pal, NULL, 0, &img), OV_OK);
    CHECK_EQ_INT(pal.size, 2);
    CHECK_EQ_INT(pal.ncolors, 2);
    CHECK_EQ_INT(pal.transparent, 0);
    CHECK_EQ_INT(pal.rgb[1], 0x445566);
    /* Colours off the palette go to the nearest, never to the slot. */
    px[0] = 0x000000;
    CHECK_EQ_INT(ov_palette_map_image(&pal, &img, idx), OV_OK);
    CHECK_EQ_INT(idx[0], 1);
}

static void
test_errors(void)
{
    uint32_t px[4] = { 1, 2, 3, 4 }, many[256];
    ov_image img = { 2, 2, 8, px }, bad = { 2, 2, 4, px };
    ov_palette pal;
    uint8_t idx[4];
    unsigned long n;
    int i;

    for (i = 0; i < 256; i++)
        many[i] = (uint32_t)i * 0x010101u;
    CHECK_EQ_INT(ov_palette_build(NULL, many, 3, &img), OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_palette_build(&pal, NULL, 3, &img), OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_palette_build(&pal, many, 256, NULL), OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_palette_build(&pal, many, 3, &bad), OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_palette_build(&pal, NULL, 0, NULL), OV_ERR_EMPTY);
    CHECK_EQ_INT(ov_palette_build(&pal, many, 255, &img), OV_OK);
    CHECK_EQ_INT(pal.ncolors, 256);
    CHECK_EQ_INT(pal.transparent, 255);
    CHECK_EQ_INT(ov_palette_map_image(&pal, &bad, idx), OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_palette_map_image(&pal, &img, NULL), OV_ERR_INVALID_ARG);
    pal.transparent = pal.ncolors;
    CHECK_EQ_INT(ov_palette_map_image(&pal, &img, idx), OV_ERR_INVALID_ARG);
    pal.transparent = 0;
    pal.size = 96;
    CHECK_EQ_INT(ov_palette_map_image(&pal, &img, idx), OV_ERR_INVALID_ARG);

    /* Out of memory at any allocation: NOMEM, no leak (ASan). */
    for (n = 1; n < 20; n++) {
        ov_status st;
        ov__alloc_fail_after(n);
        st = ov_palette_build(&pal, many, 10, &img);
        ov__alloc_fail_after(0);
        CHECK(st == OV_OK || st == OV_ERR_NOMEM);
    }
}

/* ---- quality on a plot-like frame ---------------------------------------- */

#define QW 800
#define QH 600
#define NBANDS 25

static double
field(double x, double y)
{
    double u = (x - 400) / 300.0, v = (y - 300) / 200.0;
    return u * u + 2.5 * v * v - 0.9 * u * v + 0.3 * sin(3 * u);
}

/* Bands per tu_pixel, 1 px black contour lines at alpha 0.45 with coverage
 * anti-aliasing, text, four anti-aliased trails with markers. */
static cairo_surface_t *
plot_frame(uint32_t *bands, const uint32_t *series)
{
    static const uint32_t anchors[5] = { 0x440154, 0x3B528B, 0x21908D,
                                         0x5DC963, 0xFDE725 };
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, QW,
                                                    QH);
    uint32_t *px;
    int stride, x, y, i, k;
    cairo_t *cr;

    for (i = 0; i < NBANDS; i++) {
        double t = i / (NBANDS - 1.0) * 4;
        k = (int)t < 3 ? (int)t : 3;
        bands[i] = tu_lerp_rgb(anchors[k], anchors[k + 1], t - k);
    }
    cairo_surface_flush(s);
    px = (uint32_t *)cairo_image_surface_get_data(s);
    stride = cairo_image_surface_get_stride(s) / 4;
    for (y = 0; y < QH; y++)
        for (x = 0; x < QW; x++) {
            uint32_t c = 0xFFFFFF;
            if (x >= 70 && x < 690 && y >= 40 && y < 550) {
                double f = field(x + 0.5, y + 0.5) * 5.0;
                double gx = (field(x + 1.5, y + 0.5) -
                             field(x - 0.5, y + 0.5)) * 2.5;
                double gy = (field(x + 0.5, y + 1.5) -
                             field(x + 0.5, y - 0.5)) * 2.5;
                double lv = floor(f + 0.5);
                double d = fabs(f - lv) / (sqrt(gx * gx + gy * gy) + 1e-9);
                int b = f < 0 ? 0 : (int)f;
                c = bands[b < NBANDS ? b : NBANDS - 1];
                if (d < 1.0 && lv > 0 && lv < NBANDS)
                    c = tu_lerp_rgb(c, 0x000000, 0.45 * (1.0 - d));
            }
            px[y * stride + x] = c;
        }
    cairo_surface_mark_dirty(s);

    cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 12);
    for (i = 0; i <= 8; i++) {
        char lab[16];
        snprintf(lab, sizeof lab, "%.2f", -1.0 + i * 0.25);
        cairo_move_to(cr, 60 + i * 77, 570);
        cairo_show_text(cr, lab);
        cairo_move_to(cr, 25, 545 - i * 63);
        cairo_show_text(cr, lab);
    }
    cairo_set_font_size(cr, 17);
    cairo_move_to(cr, 250, 28);
    cairo_show_text(cr, "rosenbrock: sgd, adam, rmsprop, adagrad");
    cairo_set_line_width(cr, 2);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (i = 0; i < 4; i++) {
        tu_set_rgb(cr, series[i]);
        for (k = 0; k <= 150; k++) {
            double r = (220 - 30 * i) * exp(-k / 40.0);
            double a = 0.5 + 1.6 * i + k * 0.07;
            double xx = 400 + r * cos(a) * 1.2, yy = 300 + r * sin(a) * 0.7;
            if (k == 0)
                cairo_move_to(cr, xx, yy);
            else
                cairo_line_to(cr, xx, yy);
        }
        cairo_stroke(cr);
        cairo_arc(cr, 400 + 20.0 * i, 300 - 10.0 * i, 4, 0, 2 * M_PI);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);
        cairo_set_line_width(cr, 2);
    }
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

typedef struct cc {
    uint32_t c;
    long n;
} cc;

static int
cmp_cc(const void *a, const void *b)
{
    const cc *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return x->c < y->c ? -1 : x->c > y->c;
}

static int
cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Baseline: the 255 most frequent colours, exact nearest for the rest. */
static double
top_by_frequency_psnr(const ov_image *img)
{
    size_t n = (size_t)img->width * img->height, i, nd = 0;
    uint32_t *all = malloc(n * sizeof *all), rgb[256];
    cc *d = malloc(n * sizeof *d);
    uint8_t *idx = malloc(n);
    int x, y, np;
    double p;

    for (y = 0, i = 0; y < img->height; y++)
        for (x = 0; x < img->width; x++)
            all[i++] = tu_pixel(img, x, y);
    qsort(all, n, sizeof *all, cmp_u32);
    for (i = 0; i < n; i++) {
        if (nd == 0 || d[nd - 1].c != all[i]) {
            d[nd].c = all[i];
            d[nd++].n = 0;
        }
        d[nd - 1].n++;
    }
    qsort(d, nd, sizeof *d, cmp_cc);
    for (np = 0; np < 255 && (size_t)np < nd; np++)
        rgb[np] = d[np].c;
    for (y = 0, i = 0; y < img->height; y++)
        for (x = 0; x < img->width; x++)
            idx[i++] = nearest(rgb, np, -1, tu_pixel(img, x, y));
    p = tu_psnr(img, idx, rgb);
    printf("palette: test frame has %zu distinct colours\n", nd);
    free(all);
    free(d);
    free(idx);
    return p;
}

static void
test_quality(void)
{
    static const uint32_t series[4] = { 0xE41A1C, 0x377EB8, 0xFF7F00,
                                        0xF781BF };
    uint32_t bands[NBANDS], pinned[NBANDS + 6];
    cairo_surface_t *s = plot_frame(bands, series);
    ov_image img;
    ov_palette pal, pal2;
    uint8_t *idx = malloc(QW * QH), *ex = malloc(QW * QH);
    double t0, t_build, t_map, p_lut, p_exact, p_top;
    int i, x, y, wrong = 0;

    img.width = QW;
    img.height = QH;
    img.stride = (size_t)cairo_image_surface_get_stride(s);
    img.px = (uint32_t *)cairo_image_surface_get_data(s);

    memcpy(pinned, series, sizeof series);
    pinned[4] = 0x000000;
    memcpy(pinned + 5, bands, sizeof bands);
    pinned[5 + NBANDS] = 0xFFFFFF;

    t0 = tu_now_ms();
    CHECK_EQ_INT(ov_palette_build(&pal, pinned, NBANDS + 6, &img), OV_OK);
    t_build = tu_now_ms() - t0;
    CHECK_EQ_INT(pal.size, 256);
    CHECK_EQ_INT(pal.ncolors, 256);
    CHECK_EQ_INT(pal.transparent, NBANDS + 6);
    CHECK(memcmp(pal.rgb, pinned, sizeof pinned) == 0);
    CHECK_EQ_INT(ov_palette_build(&pal2, pinned, NBANDS + 6, &img), OV_OK);
    CHECK(memcmp(&pal, &pal2, sizeof pal) == 0);

    t0 = tu_now_ms();
    CHECK_EQ_INT(ov_palette_map_image(&pal, &img, idx), OV_OK);
    t_map = tu_now_ms() - t0;

    /* Palette colours map to themselves; nothing maps to the slot. */
    for (y = 0; y < QH; y++)
        for (x = 0; x < QW; x++) {
            uint32_t c = tu_pixel(&img, x, y);
            uint8_t k = idx[y * QW + x];
            int j;

            if (k == pal.transparent)
                wrong++;
            for (j = 0; j < pal.ncolors; j++)
                if (j != pal.transparent && pal.rgb[j] == c)
                    break;
            if (j < pal.ncolors && pal.rgb[k] != c)
                wrong++;
            ex[y * QW + x] = nearest(pal.rgb, pal.ncolors, pal.transparent,
                                     c);
        }
    CHECK_EQ_INT(wrong, 0);

    p_lut = tu_psnr(&img, idx, pal.rgb);
    p_exact = tu_psnr(&img, ex, pal.rgb);
    p_top = top_by_frequency_psnr(&img);
    printf("palette: build %.1f ms, map %.1f ms (800x600)\n", t_build, t_map);
    printf("palette: PSNR %.2f dB (64^3 LUT), %.2f dB (exact nearest); "
           "top-255 by frequency %.2f dB\n", p_lut, p_exact, p_top);
    CHECK(p_lut > 42.0);
    CHECK(p_lut > p_top + 3.0);
    CHECK(p_lut > p_exact - 1.0);

    /* Many colours (binning path): noise, 65536 distinct. */
    {
        enum { N = 256 };
        uint32_t *px = malloc(N * N * 4);
        ov_image noise = { N, N, N * 4, px };
        uint8_t *ni = malloc(N * N);

        for (i = 0; i < N * N; i++)
            px[i] = (uint32_t)i * 2654435761u >> 8;
        t0 = tu_now_ms();
        CHECK_EQ_INT(ov_palette_build(&pal, NULL, 0, &noise), OV_OK);
        t_build = tu_now_ms() - t0;
        CHECK_EQ_INT(pal.ncolors, 256);
        CHECK_EQ_INT(ov_palette_map_image(&pal, &noise, ni), OV_OK);
        for (i = 0; i < N * N; i++)
            if (ni[i] == pal.transparent)
                break;
        CHECK(i == N * N);
        p_lut = tu_psnr(&noise, ni, pal.rgb);
        printf("palette: RGB noise 256x256: build %.1f ms, PSNR %.2f dB\n",
               t_build, p_lut);
        CHECK(p_lut > 25.0);
        free(px);
        free(ni);
    }

    free(idx);
    free(ex);
    cairo_surface_destroy(s);
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
    test_exact();
    test_errors();
    test_quality();
    cairo_debug_reset_static_data();
    return check_report("palette");
}
