/*
 * loss_field.c: the sigmoid loss on a grid of (w, b) over many rows, from a
 * summary of the data, with a bound on its error.
 *
 * Exactly, a grid of N nodes over n rows costs N*n exponentials: the
 * 75,000 nodes of an 800x600 figure over 1,000,000 rows are an hour.  A row
 * enters the loss only through z = w x + b, so rows with nearly the same x
 * weigh in nearly alike.  The rows, sorted by x, are cut into cells no
 * wider than h; a cell keeps its count m, centroid xc, mean yc and
 *
 *   Syy = sum (y - yc)^2,  Sxy = sum (x - xc)(y - yc),  Sxx = sum (x - xc)^2.
 *
 * With l(z, y) = (s(z) - y)^2 / 2, s = 1/(1+e^-z), s' = s(1-s),
 * zc = w xc + b and d = x - xc, Taylor's theorem gives per cell
 *
 *   sum l(w x + b, y) = (m (s(zc) - yc)^2 + Syy) / 2 - w s'(zc) Sxy + R,
 *   |R| <= (L2 / 2) w^2 Sxx,
 *
 * where L2 bounds |l_zz| = |s'^2 + (s - y) s'(1 - 2s)| <= 1/16 + D/(6 sqrt 3)
 * and D = max over rows of max(|y|, |1 - y|) bounds |s - y|.  So the value
 * at a node is off by at most (L2/2) w_max^2 sum(Sxx) (divided by n under
 * the mean), w_max the largest |w| of the grid.  h is chosen so that this
 * bound is at most TOL * D^2 (D^2/2 is the largest a row can weigh): for
 * 0/1 labels 1e-4, against bands about 0.02 apart with the default 25
 * levels, so 0.5 % of a band.  tests/test_field.c compares with the exact
 * grid.  Trajectories never come here; only drawings do.
 *
 * Along b the exponentials of a cell are e^-(zc + j db) = e^-zc q_j with
 * q_j = e^-(j db) computed once per grid, so a node costs a product and a
 * division instead of exp(), independent of its neighbours (relative
 * error 1e-16, far below the bound).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "loss_private.h"

/* Below this many rows the exact grid is cheap enough. */
#define EXACT_ROWS 64
#define TOL 1e-4

typedef struct row2 {
    double x, y;
} row2;

struct ov__field_rows {
    size_t n;
    row2 r[];
};

typedef struct cell {
    double m, xc, yc, syy, sxy, sxx;
} cell;

void
ov__field_rows_free(struct ov__field_rows *r)
{
    ov__free(r);
}

static int
by_x(const void *a, const void *b)
{
    const row2 *p = a, *q = b;

    return (p->x > q->x) - (p->x < q->x);
}

/* x's bits as an unsigned key in x's order: -0.0 as +0.0 (by_x calls
 * them equal). */
static uint64_t
x_key(double x)
{
    uint64_t u;
    if (x == 0.0)
        x = 0.0;
    memcpy(&u, &x, sizeof u);
    return u >> 63 ? ~u : u | UINT64_C(1) << 63;
}

/*
 * Sorts @p r by x keeping rows of equal x in their order, as the merge
 * sort behind glibc's qsort does, so the cells are summed in the same
 * order: LSD radix, 11 bits a pass, a pass skipped where every row has
 * the same digit.  qsort took 0.17 s of 1e6 rows (5 % of a sigmoid GIF).
 * 0 when out of memory or an x is NaN (qsort then).
 */
static int
radix_by_x(row2 *r, size_t n)
{
    enum { BITS = 11, BINS = 1 << BITS };
    for (size_t i = 0; i < n; i++)
        if (isnan(r[i].x))
            return 0;
    row2 *tmp = ov__malloc3(n, 1, sizeof *tmp);
    size_t *count = ov__malloc3(BINS, 1, sizeof *count);
    if (!tmp || !count) {
        ov__free(tmp);
        ov__free(count);
        return 0;
    }
    row2 *src = r, *dst = tmp;
    for (int shift = 0; shift < 64; shift += BITS) {
        memset(count, 0, BINS * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[x_key(src[i].x) >> shift & (BINS - 1)]++;
        if (count[x_key(src[0].x) >> shift & (BINS - 1)] == n)
            continue;
        size_t at = 0;
        for (size_t b = 0; b < BINS; b++) {
            size_t c = count[b];
            count[b] = at;
            at += c;
        }
        for (size_t i = 0; i < n; i++)
            dst[count[x_key(src[i].x) >> shift & (BINS - 1)]++] = src[i];
        row2 *t = src;
        src = dst;
        dst = t;
    }
    if (src != r)
        memcpy(r, src, n * sizeof *r);
    ov__free(tmp);
    ov__free(count);
    return 1;
}

static void
sort_rows(struct ov_loss *loss)
{
    const ov_dataset *d = loss->data;
    struct ov__field_rows *r;

    r = ov__malloc(sizeof *r + d->n * sizeof r->r[0]);
    if (!r)
        return;   /* the exact grid then */
    r->n = d->n;
    for (size_t i = 0; i < d->n; i++) {
        r->r[i].x = d->x[i];
        r->r[i].y = d->y[i];
    }
    if (!radix_by_x(r->r, r->n))
        qsort(r->r, r->n, sizeof r->r[0], by_x);
    loss->sorted = r;
}

/* Cuts the sorted rows into cells at most @p h wide; returns how many
 * (at most @p cap; cap + 1 when more would be needed) and the sum of Sxx. */
static size_t
make_cells(const struct ov__field_rows *r, double h, cell *c, size_t cap,
           double *sxx_total)
{
    size_t nc = 0, i = 0;
    double total = 0.0;

    while (i < r->n) {
        size_t a = i;
        double x0 = r->r[a].x, sx = 0.0, sy = 0.0;
        if (nc == cap)
            return cap + 1;
        while (i < r->n && r->r[i].x - x0 <= h) {
            sx += r->r[i].x;
            sy += r->r[i].y;
            i++;
        }
        cell *k = &c[nc++];
        k->m = (double)(i - a);
        k->xc = sx / k->m;
        k->yc = sy / k->m;
        k->syy = k->sxy = k->sxx = 0.0;
        for (size_t t = a; t < i; t++) {
            double dx = r->r[t].x - k->xc, dy = r->r[t].y - k->yc;
            k->syy += dy * dy;
            k->sxy += dx * dy;
            k->sxx += dx * dx;
        }
        total += k->sxx;
    }
    *sxx_total = total;
    return nc;
}

int
ov__field_sigmoid_grid(const struct ov_loss *loss, double x0, double x1,
                       size_t nx, double y0, double y1, size_t ny,
                       double *out, double *bound)
{
    const ov_dataset *d = loss->data;
    double n = (double)d->n, D = 0.0, L2, wmax, tol, h, sxx, err;
    size_t cap, nc = 0;
    cell *c;

    *bound = 0.0;
    if (d->n <= EXACT_ROWS || nx == 0 || ny == 0)
        return 0;
    ov__loss_once(loss, (atomic_int *)&loss->rows_state, sort_rows);
    if (!loss->sorted)
        return 0;
    for (size_t i = 0; i < d->n; i++)
        D = fmax(D, fmax(fabs(d->y[i]), fabs(1.0 - d->y[i])));
    if (!isfinite(D))
        return 0;
    L2 = 1.0 / 16.0 + D / (6.0 * sqrt(3.0));
    wmax = fmax(fabs(x0), fabs(x1));
    tol = TOL * D * D;
    /* A summary with more than half as many cells as rows saves little. */
    cap = d->n / 2;
    c = ov__malloc3(cap + 1, 1, sizeof *c);
    if (!c)
        return 0;
    /* First guess: rows spread evenly in a cell, mean d^2 = h^2 / 12. */
    h = wmax > 0.0 ? sqrt(24.0 * tol / (L2 * wmax * wmax)) : INFINITY;
    for (;;) {
        nc = make_cells(loss->sorted, h, c, cap, &sxx);
        if (nc > cap) {
            ov__free(c);
            return 0;
        }
        err = 0.5 * L2 * wmax * wmax * sxx / n;
        if (err <= tol)
            break;
        h *= 0.5;
    }

    double dx = nx > 1 ? (x1 - x0) / (double)(nx - 1) : 0.0;
    double dy = ny > 1 ? (y1 - y0) / (double)(ny - 1) : 0.0;
    double syy = 0.0, scale = loss->red == OV_REDUCTION_MEAN ? 1.0 / n : 1.0;
    double *acc = ov__malloc3(ny, 2, sizeof *acc), *qj = acc + ny;
    if (!acc) {
        ov__free(c);
        return 0;
    }
    /* e^-(z0 + j dy) = e^-z0 q_j with q_j = e^-(j dy) computed once: the
     * nodes of a column are then independent (the compiler vectorises
     * the loop) and carry no accumulated rounding. */
    for (size_t j = 0; j < ny; j++)
        qj[j] = exp(-dy * (double)j);
    for (size_t k = 0; k < nc; k++)
        syy += c[k].syy;
    for (size_t i = 0; i < nx; i++) {
        double w = x0 + dx * (double)i;
        for (size_t j = 0; j < ny; j++)
            acc[j] = 0.0;
        for (size_t k = 0; k < nc; k++) {
            const cell *ck = &c[k];
            double z0 = w * ck->xc + y0, z1 = z0 + dy * (double)(ny - 1);
            double a = 0.5 * ck->m, b = w * ck->sxy, yc = ck->yc;
            if (fabs(z0) < 700.0 && fabs(z1) < 700.0) {
                double e0 = exp(-z0);
                for (size_t j = 0; j < ny; j++) {
                    double s = 1.0 / (1.0 + e0 * qj[j]), r = s - yc;
                    acc[j] += a * r * r - b * s * (1.0 - s);
                }
            } else {
                /* e^-z out of range somewhere along the column. */
                for (size_t j = 0; j < ny; j++) {
                    double s = 1.0 / (1.0 + exp(-(z0 + dy * (double)j)));
                    double r = s - yc;
                    acc[j] += a * r * r - b * s * (1.0 - s);
                }
            }
        }
        for (size_t j = 0; j < ny; j++)
            out[j * nx + i] = (acc[j] + 0.5 * syy) * scale;
    }
    ov__free(acc);
    ov__free(c);
    *bound = err * (loss->red == OV_REDUCTION_MEAN ? 1.0 : n);
    return 1;
}
