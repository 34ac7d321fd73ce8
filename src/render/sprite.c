/*
 * sprite.c: markers kept as small rasters (sprite.h).
 *
 * cairo rasterizes a filled and edged circle of a few pixels in about
 * 200,000 instructions (the stroke's polygon, then its scan conversion):
 * the standard GIF's four current points and the trails' point markers
 * were a quarter of its drawing.  A marker drawn on an image in whole
 * pixels looks the same wherever it lands up to its position within a
 * pixel, so each (colours, sizes, position within the pixel rounded to a
 * quarter pixel) is drawn once on a transparent ARGB raster and
 * composited (OVER, whole-pixel offset) from then on; so is a minimum's
 * star, drawn every frame above the trails.  The centre moves by
 * at most 1/8 px and the fill's edge under the ring is composited in
 * another order (a level or two), so the pixels differ from a path drawn
 * there only along the marker's rim (tools/psnr.py: invisible).
 */
#include <math.h>
#include <string.h>

#include "alloc_private.h"
#include "draw.h"
#include "sprite.h"

/* Quarter pixels (a power of two: q / PHASES is exact). */
#define PHASES 4
#define MAX_SPRITES 512

enum { CIRCLE, STAR };

typedef struct sprite {
    int kind;
    double r, lw;
    uint32_t fill, edge;
    int qx, qy;                 /* position in the pixel, in quarters */
    int c0;                     /* the centre's whole pixel in the raster */
    cairo_surface_t *s;
} sprite;

struct ov__sprites {
    size_t n;
    sprite *v;
};

ov__sprites *
ov__sprites_create(void)
{
    ov__sprites *sp = ov__calloc(1, sizeof *sp);
    if (!sp)
        return NULL;
    sp->v = ov__calloc(MAX_SPRITES, sizeof *sp->v);
    if (!sp->v) {
        ov__free(sp);
        return NULL;
    }
    return sp;
}

void
ov__sprites_destroy(ov__sprites *sp)
{
    if (!sp)
        return;
    for (size_t i = 0; i < sp->n; i++)
        cairo_surface_destroy(sp->v[i].s);
    ov__free(sp->v);
    ov__free(sp);
}

/* Whether @p cr maps user space to its image target by a whole-pixel
 * translation; its user-space offset of device pixel (0, 0) in @p tx,
 * @p ty. */
static int
whole_pixels(cairo_t *cr)
{
    cairo_surface_t *t = cairo_get_target(cr);
    if (cairo_surface_get_type(t) != CAIRO_SURFACE_TYPE_IMAGE)
        return 0;
    cairo_matrix_t m;
    cairo_get_matrix(cr, &m);
    double ox, oy;
    cairo_surface_get_device_offset(t, &ox, &oy);
    return m.xx == 1.0 && m.yy == 1.0 && m.xy == 0.0 && m.yx == 0.0 &&
           m.x0 == floor(m.x0) && m.y0 == floor(m.y0) &&
           ox == floor(ox) && oy == floor(oy);
}

static sprite *
find(ov__sprites *sp, int kind, double r, double lw, uint32_t fill,
     uint32_t edge, int qx, int qy)
{
    for (size_t i = 0; i < sp->n; i++) {
        sprite *s = &sp->v[i];
        if (s->kind == kind && s->qx == qx && s->qy == qy && s->fill == fill &&
            s->edge == edge && s->r == r && s->lw == lw)
            return s;
    }
    if (sp->n == MAX_SPRITES)
        return NULL;
    sprite *s = &sp->v[sp->n];
    /* A star's mitred tips reach out 1 / sin 18 deg ~ 3.3 half widths. */
    double reach = r + (kind == STAR ? 4.0 : 0.5) * lw + 2.0;
    s->c0 = (int)ceil(reach);
    int size = 2 * s->c0 + 2;
    s->s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
    if (cairo_surface_status(s->s)) {
        cairo_surface_destroy(s->s);
        return NULL;
    }
    cairo_t *c = cairo_create(s->s);
    double cx = s->c0 + (double)qx / PHASES, cy = s->c0 + (double)qy / PHASES;
    if (kind == STAR)
        ov__star(c, cx, cy, r, lw / 1.2);
    else
        ov__circle(c, cx, cy, r, fill, edge, lw);
    int bad = cairo_status(c) != CAIRO_STATUS_SUCCESS;
    cairo_destroy(c);
    cairo_surface_flush(s->s);
    if (bad) {
        cairo_surface_destroy(s->s);
        return NULL;
    }
    s->kind = kind;
    s->r = r;
    s->lw = lw;
    s->fill = fill;
    s->edge = edge;
    s->qx = qx;
    s->qy = qy;
    sp->n++;
    return s;
}

/* Composites the sprite of @p kind for a shape centred at (x, y); 0 when
 * there is none (the caller draws the path). */
static int
composite(ov__sprites *sp, cairo_t *cr, int kind, double x, double y,
          double r, uint32_t fill, uint32_t edge, double lw)
{
    /* Far off the image, or not a number: the path (cairo drops it). */
    if (!sp || !(fabs(x) < 1e6 && fabs(y) < 1e6) || !whole_pixels(cr))
        return 0;
    double qx = round(x * PHASES), qy = round(y * PHASES);
    double ix = floor(qx / PHASES), iy = floor(qy / PHASES);
    sprite *s = find(sp, kind, r, lw, fill, edge, (int)(qx - ix * PHASES),
                     (int)(qy - iy * PHASES));
    if (!s)
        return 0;
    cairo_save(cr);
    cairo_set_source_surface(cr, s->s, ix - s->c0, iy - s->c0);
    cairo_rectangle(cr, ix - s->c0, iy - s->c0,
                    cairo_image_surface_get_width(s->s),
                    cairo_image_surface_get_height(s->s));
    cairo_fill(cr);
    cairo_restore(cr);
    return 1;
}

void
ov__sprite_circle(ov__sprites *sp, cairo_t *cr, double x, double y,
                  double r, uint32_t fill, uint32_t edge, double lw)
{
    if (!composite(sp, cr, CIRCLE, x, y, r, fill, edge, lw)) {
        ov__circle(cr, x, y, r, fill, edge, lw);
        return;
    }
    /* The state ov__circle leaves. */
    ov__set_rgb(cr, lw > 0.0 ? edge : fill, 1.0);
    if (lw > 0.0)
        cairo_set_line_width(cr, lw);
}

void
ov__sprite_star(ov__sprites *sp, cairo_t *cr, double x, double y, double r,
                double s)
{
    if (!composite(sp, cr, STAR, x, y, r, OV__WHITE, OV__BLACK, 1.2 * s)) {
        ov__star(cr, x, y, r, s);
        return;
    }
    /* The state ov__star leaves. */
    ov__set_rgb(cr, OV__BLACK, 1.0);
    cairo_set_line_width(cr, 1.2 * s);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
}
