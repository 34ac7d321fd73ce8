/*
 * loss_grid.c: a loss given as values on a rectangular grid, a landscape
 * another tool computed (import.h reads the files).  Between the points
 * it is the bilinear interpolant, so read-outs at imported iterates and
 * the figure's own, finer, grid are continuous; the gradient is the
 * bilinear patch's, for the gradient arrows.  Nothing runs on it: the
 * runner refuses a grid loss (run.c), since a trajectory on an
 * interpolant would show the interpolation, not the model.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc_private.h"
#include "error_private.h"
#include "loss_private.h"

struct ov__grid {
    size_t nx, ny;
    double *x, *y, *z;      /* z[j*nx + i] */
    char *name, *formula;
};

void
ov__grid_free(struct ov__grid *g)
{
    if (!g)
        return;
    ov__free(g->x);
    ov__free(g->y);
    ov__free(g->z);
    ov__free(g->name);
    ov__free(g->formula);
    ov__free(g);
}

/* The cell [k, k+1] of @p a holding @p v (clamped) and the fraction in
 * it; *inside is 0 when @p v was outside and clamped. */
static size_t
cell(const double *a, size_t n, double v, double *t, int *inside)
{
    size_t lo = 0, hi = n - 1;

    *inside = 1;
    if (!(v > a[0])) {
        *inside = v == a[0];
        *t = 0.0;
        return 0;
    }
    if (!(v < a[n - 1])) {
        *inside = v == a[n - 1];
        *t = 1.0;
        return n - 2;
    }
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] <= v)
            lo = mid;
        else
            hi = mid;
    }
    *t = (v - a[lo]) / (a[lo + 1] - a[lo]);
    return lo;
}

double
ov__grid_eval(const struct ov__grid *g, const double *theta, double *grad)
{
    double tx, ty;
    int inx, iny;
    size_t i = cell(g->x, g->nx, theta[0], &tx, &inx);
    size_t j = cell(g->y, g->ny, theta[1], &ty, &iny);
    const double *r0 = g->z + j * g->nx, *r1 = r0 + g->nx;
    double z00 = r0[i], z10 = r0[i + 1], z01 = r1[i], z11 = r1[i + 1];
    double lo = z00 + (z10 - z00) * tx, hi = z01 + (z11 - z01) * tx;

    if (grad) {
        double dx = g->x[i + 1] - g->x[i], dy = g->y[j + 1] - g->y[j];
        grad[0] = inx ? ((z10 - z00) * (1.0 - ty) + (z11 - z01) * ty) / dx
                      : 0.0;
        grad[1] = iny ? (hi - lo) / dy : 0.0;
    }
    return lo + (hi - lo) * ty;
}

static ov_status
check_axis(const double *a, size_t n, const char *name, ov_error *err)
{
    size_t k;

    if (n < 2)
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                             "%s: %zu coordinate(s); need at least 2", name,
                             n);
    for (k = 0; k < n; k++) {
        if (!isfinite(a[k]))
            return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                                 "%s[%zu] is not finite", name, k);
        if (k && !(a[k] > a[k - 1]))
            return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                                 "%s is not strictly increasing at [%zu] "
                                 "(%.17g after %.17g)", name, k, a[k],
                                 a[k - 1]);
    }
    return OV_OK;
}

static const char *
base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

ov_status
ov_loss_from_grid(ov_loss **out, const char *name, const double *x,
                  size_t nx, const double *y, size_t ny, const double *z,
                  ov_error *err)
{
    struct ov_loss *loss;
    struct ov__grid *g;
    ov__loss_def *d;
    ov_status st;
    size_t k, best = (size_t)-1, n;
    double lo = INFINITY, hi = -INFINITY;
    char formula[96];

    if ((st = check_axis(x, nx, "x", err)) != OV_OK
        || (st = check_axis(y, ny, "y", err)) != OV_OK)
        return st;
    if (ny > (size_t)OV_GRID_MAX_POINTS / nx)
        return ov__error_set(err, OV_ERR_TOO_LARGE, 0, 0,
                             "%zu x %zu points; at most %ld", nx, ny,
                             (long)OV_GRID_MAX_POINTS);
    n = nx * ny;
    for (k = 0; k < n; k++) {
        if (isinf(z[k]))
            return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                                 "loss at (x[%zu], y[%zu]) is infinite",
                                 k % nx, k / nx);
        if (z[k] == z[k]) {
            if (z[k] < lo)
                lo = z[k], best = k;
            if (z[k] > hi)
                hi = z[k];
        }
    }
    if (best == (size_t)-1)
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                             "no finite loss value in the grid");
    loss = ov__calloc(1, sizeof *loss);
    g = ov__calloc(1, sizeof *g);
    if (!loss || !g) {
        ov__free(loss);
        ov__free(g);
        return OV_ERR_NOMEM;
    }
    loss->grid = g;
    g->nx = nx;
    g->ny = ny;
    g->x = ov__malloc3(nx, 1, sizeof(double));
    g->y = ov__malloc3(ny, 1, sizeof(double));
    g->z = ov__malloc3(nx, ny, sizeof(double));
    snprintf(formula, sizeof formula, "%zu x %zu grid, loss %.4g to %.4g",
             nx, ny, lo, hi);
    g->name = ov__strdup(base_name(name ? name : "grid"));
    g->formula = ov__strdup(formula);
    if (!g->x || !g->y || !g->z || !g->name || !g->formula) {
        ov_loss_destroy(loss);
        return OV_ERR_NOMEM;
    }
    memcpy(g->x, x, nx * sizeof(double));
    memcpy(g->y, y, ny * sizeof(double));
    memcpy(g->z, z, n * sizeof(double));

    d = &loss->expr_def;
    d->name = g->name;
    d->formula = g->formula;
    d->dim = 2;
    d->xname = "x";
    d->yname = "y";
    d->zname = "loss";
    d->xlim[0] = x[0];
    d->xlim[1] = x[nx - 1];
    d->ylim[0] = y[0];
    d->ylim[1] = y[ny - 1];
    d->start[0] = 0.5 * (x[0] + x[nx - 1]);
    d->start[1] = 0.5 * (y[0] + y[ny - 1]);
    /* Landscapes of networks span decades above a floor near zero. */
    d->zscale = lo > 0.0 && hi / lo > 100.0 ? "log" : NULL;
    loss->def = d;
    loss->red = OV_REDUCTION_MEAN;
    loss->n_minima = 1;
    loss->minima[0] = x[best % nx];
    loss->minima[1] = y[best / nx];
    *out = loss;
    return OV_OK;
}

int
ov_loss_is_grid(const ov_loss *loss)
{
    return loss && loss->grid != NULL;
}
