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
