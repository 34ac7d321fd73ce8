/*
 * occupancy.c: the occupancy grid (occupancy.h), shared by the contour
 * view's labels and every view's legend placement.
 */
#include <math.h>

#include "alloc_private.h"
#include "occupancy.h"

ov_status
ov__occ_init(ov__occ *o, int W, int H, double cell)
{
    o->W = W;
    o->H = H;
    o->cell = cell;
    o->ow = (int)(W / cell) + 1;
    o->oh = (int)(H / cell) + 1;
    o->g = ov__calloc((size_t)o->ow * (size_t)o->oh, 1);
    return o->g ? OV_OK : OV_ERR_NOMEM;
}

void
ov__occ_free(ov__occ *o)
{
    ov__free(o->g);
    o->g = NULL;
}

/* The cells [i0, i1] x [j0, j1] that box b covers, clamped to the grid;
 * returns whether b lay wholly inside the grid. */
static int
cells(const ov__occ *o, ov__box b, int c[4])
{
    int i0 = (int)floor(b.x0 / o->cell), i1 = (int)floor(b.x1 / o->cell);
    int j0 = (int)floor(b.y0 / o->cell), j1 = (int)floor(b.y1 / o->cell);
    int inside = i0 >= 0 && j0 >= 0 && i1 < o->ow && j1 < o->oh;
    c[0] = i0 < 0 ? 0 : i0;
    c[1] = i1 >= o->ow ? o->ow - 1 : i1;
    c[2] = j0 < 0 ? 0 : j0;
    c[3] = j1 >= o->oh ? o->oh - 1 : j1;
    return inside;
}

void
ov__occ_mark_box(ov__occ *o, ov__box b)
{
    int c[4];
    cells(o, b, c);
    for (int j = c[2]; j <= c[3]; j++)
        for (int i = c[0]; i <= c[1]; i++)
            o->g[j * o->ow + i] = 1;
}

int
ov__occ_is_free(const ov__occ *o, ov__box b)
{
    int c[4];
    if (!cells(o, b, c))
        return 0;
    for (int j = c[2]; j <= c[3]; j++)
        for (int i = c[0]; i <= c[1]; i++)
            if (o->g[j * o->ow + i])
                return 0;
    return 1;
}

int
ov__occ_count(const ov__occ *o, ov__box b)
{
    int n = 0, c[4];
    cells(o, b, c);
    for (int j = c[2]; j <= c[3]; j++)
        for (int i = c[0]; i <= c[1]; i++)
            n += o->g[j * o->ow + i];
    return n;
}

void
ov__occ_mark_segment(ov__occ *o, double xa, double ya, double xb, double yb,
                     double pad)
{
    double len = hypot(xb - xa, yb - ya);
    if (!isfinite(len))
        return;
    if (len > 4.0 * (o->W + o->H))
        return;   /* far outside: clipped away anyway */
    int n = (int)(len / 2.0) + 1;
    for (int k = 0; k <= n; k++) {
        double t = (double)k / n;
        double x = xa + (xb - xa) * t, y = ya + (yb - ya) * t;
        ov__box b = { x - pad, y - pad, x + pad, y + pad };
        if (x > -pad && y > -pad && x < o->W + pad && y < o->H + pad)
            ov__occ_mark_box(o, b);
    }
}

void
ov__occ_mark_polyline(ov__occ *o, const double *xy, size_t n, double pad)
{
    for (size_t k = 1; k < n; k++)
        ov__occ_mark_segment(o, xy[2 * k - 2], xy[2 * k - 1], xy[2 * k],
                             xy[2 * k + 1], pad);
    if (n == 1)
        ov__occ_mark_segment(o, xy[0], xy[1], xy[0], xy[1], pad);
}

void
ov__occ_mark_mask(ov__occ *o, cairo_surface_t *mask, double pad)
{
    cairo_surface_flush(mask);
    const unsigned char *d = cairo_image_surface_get_data(mask);
    int stride = cairo_image_surface_get_stride(mask);
    int w = cairo_image_surface_get_width(mask);
    int h = cairo_image_surface_get_height(mask);
    for (int y = 0; y < h && y < o->H; y++)
        for (int x = 0; x < w && x < o->W; x++)
            if (d[(size_t)y * stride + x]) {
                ov__box b = { x - pad, y - pad, x + pad, y + pad };
                ov__occ_mark_box(o, b);
                /* the rest of this cell's row is marked already */
                x += (int)o->cell - 1 - x % (int)o->cell;
            }
}

ov_status
ov__occ_best_spot(const ov__occ *o, double bw, double bh, ov__box r,
                  ov__box *out, int *count)
{
    *out = ov__box_empty();
    *count = 0;
    if (!(r.x1 - r.x0 >= bw && r.y1 - r.y0 >= bh))
        return OV_OK;
    /* sum[j][i]: taken cells above and left of cell (i, j) */
    size_t sw = (size_t)o->ow + 1;
    int *sum = ov__calloc(sw * ((size_t)o->oh + 1), sizeof *sum);
    if (!sum)
        return OV_ERR_NOMEM;
    for (int j = 0; j < o->oh; j++)
        for (int i = 0; i < o->ow; i++)
            sum[(j + 1) * sw + i + 1] = o->g[j * o->ow + i] +
                                        sum[j * sw + i + 1] +
                                        sum[(j + 1) * sw + i] -
                                        sum[j * sw + i];
    double step = o->cell;
    int nx = (int)floor((r.x1 - r.x0 - bw) / step),
        ny = (int)floor((r.y1 - r.y0 - bh) / step);
    double best = INFINITY;
    for (int b = 0; b <= ny; b++)
        for (int a = 0; a <= nx; a++) {
            /* flush with the far edges on the last step */
            double x0 = a == nx ? r.x1 - bw : r.x0 + a * step;
            double y0 = b == ny ? r.y1 - bh : r.y0 + b * step;
            ov__box bx = { x0, y0, x0 + bw, y0 + bh };
            int c[4];
            cells(o, bx, c);
            int n = sum[(c[3] + 1) * sw + c[1] + 1] - sum[c[2] * sw + c[1] + 1] -
                    sum[(c[3] + 1) * sw + c[0]] + sum[c[2] * sw + c[0]];
            /* distance to the nearest corner of r, the upper right
             * slightly preferred, then the upper left */
            double dr = r.x1 - bx.x1, dl = bx.x0 - r.x0;
            double dt = bx.y0 - r.y0, db = r.y1 - bx.y1;
            double d = fmin(fmin(hypot(dr, dt), hypot(dl, dt) + 1.0),
                            fmin(hypot(dr, db) + 2.0, hypot(dl, db) + 3.0));
            double cost = n * 1e6 + d;
            if (cost < best) {
                best = cost;
                *out = bx;
                *count = n;
            }
        }
    ov__free(sum);
    return OV_OK;
}
