/*
 * rects.c: dirty rectangles of the frame pipeline (rects.h).
 */
#include <math.h>
#include <string.h>

#include "rects.h"

ov_rect
ov__to_rect(ov__box b, int W, int H)
{
    ov_rect r = { 0, 0, 0, 0 };
    if (ov__box_is_empty(&b))
        return r;
    double x0 = floor(b.x0), y0 = floor(b.y0), x1 = ceil(b.x1), y1 = ceil(b.y1);
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > W) x1 = W;
    if (y1 > H) y1 = H;
    if (!(x1 > x0 && y1 > y0))
        return r;
    r.x = (int)x0;
    r.y = (int)y0;
    r.w = (int)x1 - r.x;
    r.h = (int)y1 - r.y;
    return r;
}

static int
rect_touch(ov_rect a, ov_rect b)
{
    return a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h &&
           b.y <= a.y + a.h;
}

ov_rect
ov__rect_union(ov_rect a, ov_rect b)
{
    int x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
    int x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
    ov_rect r = { x0, y0, x1 - x0, y1 - y0 };
    return r;
}

void
ov__rects_add(ov_rect *list, size_t *n, size_t cap, ov_rect r)
{
    if (r.w <= 0 || r.h <= 0 || cap == 0)
        return;
    for (;;) {
        size_t k;
        for (k = 0; k < *n; k++)
            if (rect_touch(list[k], r))
                break;
        if (k == *n)
            break;
        r = ov__rect_union(r, list[k]);
        list[k] = list[--*n];
    }
    if (*n < cap) {
        list[(*n)++] = r;
        return;
    }
    for (size_t k = 0; k < *n; k++)
        r = ov__rect_union(r, list[k]);
    list[0] = r;
    *n = 1;
}

void
ov__copy_rect(cairo_surface_t *dst, cairo_surface_t *src, ov_rect r)
{
    unsigned char *d = cairo_image_surface_get_data(dst);
    const unsigned char *s = cairo_image_surface_get_data(src);
    int stride = cairo_image_surface_get_stride(dst);
    for (int y = r.y; y < r.y + r.h; y++)
        memcpy(d + (size_t)y * stride + 4 * (size_t)r.x,
               s + (size_t)y * stride + 4 * (size_t)r.x, 4 * (size_t)r.w);
}

void
ov__rects_merge(ov_rect *out, size_t *nout, size_t cap, const ov_rect *list,
                size_t nl)
{
    size_t n = 0;
    for (size_t k = 0; k < nl; k++)
        ov__rects_add(out, &n, cap, list[k]);
    *nout = n;
}

int
ov__boxes_meet(ov__box a, ov__box b)
{
    return !ov__box_is_empty(&a) && !ov__box_is_empty(&b) &&
           a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}
