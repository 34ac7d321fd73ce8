/*
 * test_sprite.c: markers from kept rasters (render/sprite.c) against the
 * paths cairo draws for them (ov__circle, ov__star): the same picture up
 * to the rim (the centre moves by at most 1/8 px), the same pixels where
 * the sprite cannot be used (a scaled context), and a sprite placed at
 * whole pixels (a marker moved by whole pixels is the same pixels moved).
 */
#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "sprite.h"
#include "check.h"

#define W 64
#define H 64

static cairo_surface_t *
blank(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0.2, 0.5, 0.4);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    return s;
}

static uint32_t
px(cairo_surface_t *s, int x, int y)
{
    const unsigned char *d = cairo_image_surface_get_data(s);
    return ((const uint32_t *)(d + (size_t)y * cairo_image_surface_get_stride(s)))[x]
           & 0xFFFFFFu;
}

/* Largest channel difference, and how many pixels differ by more than
 * @p tol in some channel. */
static int
compare(cairo_surface_t *a, cairo_surface_t *b, int tol, int *nbig)
{
    int worst = 0;
    *nbig = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            uint32_t p = px(a, x, y), q = px(b, x, y);
            int d = 0;
            for (int k = 0; k < 24; k += 8) {
                int e = abs((int)(p >> k & 255) - (int)(q >> k & 255));
                d = e > d ? e : d;
            }
            worst = d > worst ? d : worst;
            *nbig += d > tol;
        }
    return worst;
}

int
main(void)
{
    ov__sprites *sp = ov__sprites_create();
    CHECK(sp != NULL);
    const uint32_t fill = 0xD62728, edge = OV__BLACK;

    /* A circle off the quarter-pixel grid: the same disc, the rim apart. */
    cairo_surface_t *a = blank(), *b = blank();
    cairo_t *ca = cairo_create(a), *cb = cairo_create(b);
    ov__circle(ca, 20.3, 30.6, 5.5, fill, edge, 1.6);
    ov__sprite_circle(sp, cb, 20.3, 30.6, 5.5, fill, edge, 1.6);
    cairo_surface_flush(a);
    cairo_surface_flush(b);
    int nbig, worst = compare(a, b, 64, &nbig);
    CHECK(px(b, 20, 30) == fill);               /* the inside is the fill */
    CHECK(px(b, 5, 5) == px(a, 5, 5));          /* outside untouched */
    CHECK(px(b, 33, 30) == px(a, 33, 30));
    CHECK_MSG(worst > 0, "the rim should move by the rounding");
    /* A ring of about 2 pi 6.3 = 40 rim pixels; 1/8 px moves each by at
     * most about a third of the edge's contrast. */
    CHECK_MSG(nbig <= 12, "%d pixels differ by more than 64", nbig);

    /* On the quarter-pixel grid: only the compositing order differs
     * (fill then ring on the image, against ring over fill on the
     * sprite), a level or two. */
    cairo_surface_t *c = blank(), *d = blank();
    cairo_t *cc = cairo_create(c), *cd = cairo_create(d);
    ov__circle(cc, 40.25, 12.75, 5.5, fill, edge, 1.6);
    ov__sprite_circle(sp, cd, 40.25, 12.75, 5.5, fill, edge, 1.6);
    ov__star(cc, 45.5, 45.0, 8.0, 1.0);
    ov__sprite_star(sp, cd, 45.5, 45.0, 8.0, 1.0);
    cairo_surface_flush(c);
    cairo_surface_flush(d);
    worst = compare(c, d, 3, &nbig);
    CHECK_MSG(worst <= 3, "on the grid: largest difference %d", worst);

    /* The same phase a whole number of pixels away: the same pixels,
     * moved (one sprite placed twice). */
    cairo_surface_t *e = blank();
    cairo_t *ce = cairo_create(e);
    ov__sprite_circle(sp, ce, 20.3 + 7.0, 30.6 + 9.0, 5.5, fill, edge, 1.6);
    cairo_surface_flush(e);
    int moved = 1;
    for (int y = 20; y < 42; y++)
        for (int x = 10; x < 32; x++)
            moved &= px(e, x + 7, y + 9) == px(b, x, y);
    CHECK_MSG(moved, "a sprite moved by whole pixels changed");

    /* A scaled context cannot take the raster: the path, exactly. */
    cairo_surface_t *f = blank(), *g = blank();
    cairo_t *cf = cairo_create(f), *cg = cairo_create(g);
    cairo_scale(cf, 2.0, 2.0);
    cairo_scale(cg, 2.0, 2.0);
    ov__circle(cf, 10.3, 12.6, 5.5, fill, edge, 1.6);
    ov__sprite_circle(sp, cg, 10.3, 12.6, 5.5, fill, edge, 1.6);
    cairo_surface_flush(f);
    cairo_surface_flush(g);
    CHECK(compare(f, g, 0, &nbig) == 0);

    /* Without sprites (out of memory): the path. */
    cairo_surface_t *h = blank();
    cairo_t *ch = cairo_create(h);
    ov__sprite_circle(NULL, ch, 20.3, 30.6, 5.5, fill, edge, 1.6);
    cairo_surface_flush(h);
    CHECK(compare(a, h, 0, &nbig) == 0);

    cairo_t *all[] = { ca, cb, cc, cd, ce, cf, cg, ch };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        cairo_destroy(all[i]);
    cairo_surface_t *surf[] = { a, b, c, d, e, f, g, h };
    for (size_t i = 0; i < sizeof surf / sizeof surf[0]; i++)
        cairo_surface_destroy(surf[i]);
    ov__sprites_destroy(sp);
    return check_report("test_sprite");
}
