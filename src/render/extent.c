/*
 * extent.c: what every view needs of its trajectories' extent: the rows
 * that can be drawn, and the data limits of a 2-D figure (extent.h).
 */
#include <math.h>

#include "optviz/loss.h"
#include "draw.h"
#include "extent.h"

size_t
ov__finite_rows(const ov_trajectory *t)
{
    size_t k = 0;
    while (k < t->n_rows && isfinite(t->rows[k].theta[0]) &&
           isfinite(t->rows[k].theta[1]) && isfinite(t->rows[k].loss))
        k++;
    return k;
}

ov_status
ov__limits2d(const ov_loss *loss, const ov_trajectory *const *trajs, size_t n,
             const ov_figure_spec *spec, double lim[4], ov_error *err)
{
    double xl[2], yl[2];
    ov_loss_domain(loss, xl, yl);
    double bx0 = xl[0], bx1 = xl[1], by0 = yl[0], by1 = yl[1];
    double wx = bx1 - bx0, wy = by1 - by0;
    double gx0 = bx0, gx1 = bx1, gy0 = by0, gy1 = by1;
    for (size_t i = 0; i < n; i++) {
        const ov_trajectory *t = trajs[i];
        size_t nr = ov__finite_rows(t);
        int diverged = t->diverged_at >= 0 || nr < t->n_rows;
        for (size_t k = 0; k < nr; k++) {
            double x = t->rows[k].theta[0], y = t->rows[k].theta[1];
            /* A diverging run widens the view only near the domain. */
            if (diverged && (x < bx0 - wx || x > bx1 + wx ||
                             y < by0 - wy || y > by1 + wy))
                continue;
            if (x < gx0) gx0 = x;
            if (x > gx1) gx1 = x;
            if (y < gy0) gy0 = y;
            if (y > gy1) gy1 = y;
        }
    }
    double mx = 0.05 * (gx1 - gx0), my = 0.05 * (gy1 - gy0);
    if (gx0 < bx0) bx0 = gx0 - mx;
    if (gx1 > bx1) bx1 = gx1 + mx;
    if (gy0 < by0) by0 = gy0 - my;
    if (gy1 > by1) by1 = gy1 + my;
    if (spec->has_xlim) {
        bx0 = spec->xlim[0];
        bx1 = spec->xlim[1];
    }
    if (spec->has_ylim) {
        by0 = spec->ylim[0];
        by1 = spec->ylim[1];
    }
    if (!(isfinite(bx0) && isfinite(bx1) && bx1 > bx0)) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "xlim");
        return OV_ERR_INVALID_ARG;
    }
    if (!(isfinite(by0) && isfinite(by1) && by1 > by0)) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "ylim");
        return OV_ERR_INVALID_ARG;
    }
    lim[0] = bx0;
    lim[1] = bx1;
    lim[2] = by0;
    lim[3] = by1;
    return OV_OK;
}

ov_status
ov__grid_limits2d(ov_figure_spec *cs, const ov_loss *loss,
                  const ov_trajectory *const *trajs, size_t n,
                  const ov_figure_spec *spec, ov_error *err)
{
    double lim[4];
    ov_status st = ov__limits2d(loss, trajs, n, spec, lim, err);
    if (st)
        return st;
    cs->has_xlim = cs->has_ylim = 1;
    cs->xlim[0] = lim[0];
    cs->xlim[1] = lim[1];
    cs->ylim[0] = lim[2];
    cs->ylim[1] = lim[3];
    return OV_OK;
}
