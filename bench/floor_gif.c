/*
 * floor_gif.c: the floor of the standard GIF (bench/floor.sh): the least
 * drawing a program must do for an animation of the same content
 * (rendering-performance.md §6, pipeline E), with cairo, and encoded by
 * optviz's own GIF writer (public API: quantising the dirty rectangles,
 * diffing, run-LZW), so the ratio measures the figure pipeline:
 *
 *   once   font set-up, the background (25 bands filled per pixel from a
 *          precomputed quadratic field, the frame, 12 tick labels, the
 *          colorbar and its labels), a palette of the exact colours only
 *          (ov_palette_build without a sample: no clustering);
 *   frame  4 new segments with a dot on a persistent trails layer, the 4
 *          current points, a live title and a 4-line legend of numbers,
 *          drawn only in their dirty rectangles, which go to the writer.
 *
 * It writes WIDTHxHEIGHT (default 800x600), STEPS + 1 frames (default 200),
 * to OUT (default floor.gif).  Not part of the build: bench/floor.sh
 * compiles it with the same flags as the project.
 *
 * usage: floor_gif [OUT [STEPS [W H]]]
 */
#include <cairo.h>
#include <math.h>
#include <optviz/optviz.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS 4
#define TRANSP 255

static int W = 800, H = 600, STEPS = 200;
static double px0 = 70, py0 = 40, pw = 600, ph = 500;

static uint32_t pal[256];
static int npal;

static uint32_t
band_color(int i, int n)
{
    /* A viridis-like ramp, exact k/255 colours. */
    double t = (double)i / (n - 1);
    int r = (int)lround(255 * (0.27 + 0.7 * t * t));
    int g = (int)lround(255 * (0.0 + 0.9 * t));
    int b = (int)lround(255 * (0.33 + 0.3 * sin(3.14159 * t)));
    return (uint32_t)(r > 255 ? 255 : r) << 16 | (uint32_t)g << 8
           | (uint32_t)(b > 255 ? 255 : b);
}

static void
text(cairo_t *cr, const char *s, double x, double y, double size)
{
    cairo_set_font_size(cr, size);
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s);
}

static void
background(cairo_surface_t *bg)
{
    unsigned char *d = cairo_image_surface_get_data(bg);
    int st = cairo_image_surface_get_stride(bg);
    cairo_surface_flush(bg);
    for (int y = 0; y < H; y++) {
        uint32_t *row = (uint32_t *)(d + (size_t)y * st);
        for (int x = 0; x < W; x++) {
            if (x < px0 || x >= px0 + pw || y < py0 || y >= py0 + ph) {
                row[x] = 0xFFFFFF;
                continue;
            }
            double a = (x - px0) / pw * 20 - 10, b = (y - py0) / ph * 20 - 10;
            double f = (a + 2) * (a + 2) + 3 * (b - 2) * (b - 2)
                       + 1.5 * (a + 2) * (b - 2);
            int k = (int)(sqrt(f) / 26.0 * 25);
            row[x] = band_color(k > 24 ? 24 : k, 25);
        }
    }
    cairo_surface_mark_dirty(bg);
    cairo_t *cr = cairo_create(bg);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, px0 + 0.5, py0 + 0.5, pw - 1, ph - 1);
    cairo_stroke(cr);
    char buf[32];
    for (int i = 0; i <= 5; i++) {
        snprintf(buf, sizeof buf, "%d", -10 + 4 * i);
        text(cr, buf, px0 + pw * i / 5 - 6, py0 + ph + 16, 11);
        text(cr, buf, px0 - 26, py0 + ph - ph * i / 5 + 4, 11);
    }
    for (int i = 0; i < 25; i++) {
        uint32_t c = band_color(i, 25);
        cairo_set_source_rgb(cr, (c >> 16) / 255.0, (c >> 8 & 255) / 255.0,
                             (c & 255) / 255.0);
        cairo_rectangle(cr, px0 + pw + 16, py0 + ph - (i + 1) * ph / 25, 18,
                        ph / 25);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int i = 0; i <= 5; i++) {
        snprintf(buf, sizeof buf, "%d", 5 * i);
        text(cr, buf, px0 + pw + 38, py0 + ph - ph * i / 5 + 4, 11);
    }
    text(cr, "Intercept", px0 + pw / 2 - 25, H - 8, 13);
    cairo_destroy(cr);
    cairo_surface_flush(bg);
}

static void
add_color(uint32_t c)
{
    for (int i = 0; i < npal; i++)
        if (pal[i] == c)
            return;
    if (npal < 255)
        pal[npal++] = c;
}

static int
put(void *closure, const unsigned char *p, size_t n)
{
    return fwrite(p, 1, n, closure) == n ? 0 : 1;
}

typedef struct rect {
    int x0, y0, x1, y1;
} rect;

static rect
clamp_rect(double x0, double y0, double x1, double y1)
{
    rect r = { (int)floor(x0), (int)floor(y0), (int)ceil(x1), (int)ceil(y1) };
    if (r.x0 < 0) r.x0 = 0;
    if (r.y0 < 0) r.y0 = 0;
    if (r.x1 > W) r.x1 = W;
    if (r.y1 > H) r.y1 = H;
    return r;
}

static void
copy_rect(cairo_surface_t *dst, cairo_surface_t *src, rect r)
{
    unsigned char *d = cairo_image_surface_get_data(dst);
    const unsigned char *s = cairo_image_surface_get_data(src);
    int st = cairo_image_surface_get_stride(dst);
    for (int y = r.y0; y < r.y1; y++)
        memcpy(d + (size_t)y * st + 4 * r.x0, s + (size_t)y * st + 4 * r.x0,
               4 * (size_t)(r.x1 - r.x0));
}

int
main(int argc, char **argv)
{
    const char *out = argc > 1 ? argv[1] : "floor.gif";
    if (argc > 2)
        STEPS = atoi(argv[2]);
    if (argc > 4) {
        W = atoi(argv[3]);
        H = atoi(argv[4]);
        pw = W - 200;
        ph = H - 100;
    }
    /* The trajectories: damped spirals into the minimum, in pixels. */
    double *tx = malloc(sizeof(double) * NS * (STEPS + 1));
    double *ty = malloc(sizeof(double) * NS * (STEPS + 1));
    for (int s = 0; s < NS; s++)
        for (int k = 0; k <= STEPS; k++) {
            double t = (double)k / STEPS, a = 6.0 * t + s, r = (1 - t) * (1 - t);
            tx[s * (STEPS + 1) + k] = px0 + pw * (0.4 + 0.45 * r * cos(a));
            ty[s * (STEPS + 1) + k] = py0 + ph * (0.4 + 0.45 * r * sin(a));
        }
    static const uint32_t scol[NS] = { 0xFFFFFF, 0x1F77B4, 0x2CA02C, 0xD62728 };

    cairo_surface_t *bg = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_surface_t *tr = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_surface_t *fr = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    background(bg);
    copy_rect(tr, bg, (rect){ 0, 0, W, H });
    cairo_surface_mark_dirty(tr);

    /* Palette: the background's exact colours, the series, black, white. */
    add_color(0xFFFFFF);
    add_color(0x000000);
    for (int s = 0; s < NS; s++)
        add_color(scol[s]);
    for (int i = 0; i < 25; i++)
        add_color(band_color(i, 25));
    for (int i = 1; npal < 255 && i < 255; i += 2)
        add_color((uint32_t)i << 16 | (uint32_t)i << 8 | (uint32_t)i);

    ov_palette op;
    ov_palette_build(&op, pal, (size_t)npal, NULL);
    FILE *fo = fopen(out, "wb");
    ov_gif_config cfg = OV_GIF_CONFIG_INIT;
    cfg.width = W;
    cfg.height = H;
    cfg.palette = &op;
    ov_gif_writer *gw = NULL;
    if (!fo || ov_gif_writer_create(&gw, put, fo, &cfg) != OV_OK)
        return 1;
    ov_image img = { W, H, (size_t)cairo_image_surface_get_stride(fr),
                     (uint32_t *)cairo_image_surface_get_data(fr) };
    cairo_t *ct = cairo_create(tr), *cf = cairo_create(fr);
    cairo_set_line_width(ct, 1.5);
    rect old_over[NS + 2];
    int nold = 0;
    char buf[64];
    for (int k = 0; k <= STEPS; k++) {
        rect dirty[2 * NS + 4 + NS + 2];
        int nd = 0;
        for (int s = 0; s < NS; s++) {
            double x = tx[s * (STEPS + 1) + k], y = ty[s * (STEPS + 1) + k];
            uint32_t c = scol[s];
            cairo_set_source_rgb(ct, (c >> 16) / 255.0, (c >> 8 & 255) / 255.0,
                                 (c & 255) / 255.0);
            if (k > 0) {
                double x0 = tx[s * (STEPS + 1) + k - 1];
                double y0 = ty[s * (STEPS + 1) + k - 1];
                cairo_move_to(ct, x0, y0);
                cairo_line_to(ct, x, y);
                cairo_stroke(ct);
                dirty[nd++] = clamp_rect(fmin(x0, x) - 8, fmin(y0, y) - 8,
                                         fmax(x0, x) + 8, fmax(y0, y) + 8);
            }
            cairo_new_path(ct);
            cairo_arc(ct, x, y, 2.0, 0, 2 * M_PI);
            cairo_fill(ct);
        }
        cairo_surface_flush(tr);
        if (k == 0)
            dirty[nd++] = (rect){ 0, 0, W, H };
        /* The overlay: current points, title, legend. */
        rect over[NS + 2];
        for (int s = 0; s < NS; s++) {
            double x = tx[s * (STEPS + 1) + k], y = ty[s * (STEPS + 1) + k];
            over[s] = clamp_rect(x - 8, y - 8, x + 8, y + 8);
        }
        over[NS] = clamp_rect(W / 2 - 80, 8, W / 2 + 80, 30);
        over[NS + 1] = clamp_rect(px0 + pw - 180, py0 + 6, px0 + pw - 6,
                                  py0 + 80);
        for (int i = 0; i < nold; i++)
            dirty[nd++] = old_over[i];
        for (int i = 0; i < NS + 2; i++)
            dirty[nd++] = over[i];
        memcpy(old_over, over, sizeof over);
        nold = NS + 2;
        for (int i = 0; i < nd; i++)
            copy_rect(fr, tr, dirty[i]);
        cairo_surface_mark_dirty(fr);
        for (int s = 0; s < NS; s++) {
            double x = tx[s * (STEPS + 1) + k], y = ty[s * (STEPS + 1) + k];
            uint32_t c = scol[s];
            cairo_new_path(cf);
            cairo_arc(cf, x, y, 5.0, 0, 2 * M_PI);
            cairo_set_source_rgb(cf, (c >> 16) / 255.0, (c >> 8 & 255) / 255.0,
                                 (c & 255) / 255.0);
            cairo_fill_preserve(cf);
            cairo_set_source_rgb(cf, 0, 0, 0);
            cairo_stroke(cf);
        }
        snprintf(buf, sizeof buf, "ols: Iteration %d", k);
        text(cf, buf, W / 2 - 60, 24, 14);
        cairo_set_source_rgb(cf, 1, 1, 1);
        cairo_rectangle(cf, px0 + pw - 180, py0 + 6, 174, 74);
        cairo_fill(cf);
        cairo_set_source_rgb(cf, 0, 0, 0);
        for (int s = 0; s < NS; s++) {
            snprintf(buf, sizeof buf, "opt%d  %.4g", s, 100.0 / (k + 1) + s);
            text(cf, buf, px0 + pw - 170, py0 + 24 + 16 * s, 11);
        }
        cairo_surface_flush(fr);
        ov_rect od[2 * NS + 4 + NS + 2];
        for (int i = 0; i < nd; i++)
            od[i] = (ov_rect){ dirty[i].x0, dirty[i].y0,
                               dirty[i].x1 - dirty[i].x0,
                               dirty[i].y1 - dirty[i].y0 };
        if (ov_gif_writer_add_frame(gw, &img, od, (size_t)nd, 4) != OV_OK)
            return 1;
    }
    if (ov_gif_writer_finish(gw) != OV_OK)
        return 1;
    ov_gif_writer_destroy(gw);
    fclose(fo);

    cairo_destroy(ct);
    cairo_destroy(cf);
    cairo_surface_destroy(bg);
    cairo_surface_destroy(tr);
    cairo_surface_destroy(fr);
    free(tx);
    free(ty);
    return 0;
}
