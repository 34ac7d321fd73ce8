/*
 * plane.c: planes through N-dimensional parameters (plane.h), and the
 * 2-D loss on one that the views draw.
 *
 * The directions of pca and hessian are the extreme eigenvectors of a
 * symmetric operator (the rows' scatter matrix, the Hessian), found by
 * Lanczos iteration with full reorthogonalisation: the operator is applied
 * as a function (never stored: N may be large), the small tridiagonal
 * matrix is diagonalised by cyclic Jacobi rotations.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <optviz/plane.h>
#include <optviz/rng.h>

#include "alloc_private.h"
#include "error_private.h"
#include "loss_private.h"

#define LANCZOS_STEPS 120

struct ov_plane {
    ov_plane_kind kind;
    const ov_loss *loss;
    size_t n;
    double *o, *d[2];       /* origin, directions: n each, one block */
    double explained[2];
    double gram[3];         /* d1.d1, d1.d2, d2.d2 */
    ov_tune_map_fn map;
    void *map_payload;
    size_t grid_n;          /* finest grid evaluated (ov_plane_set_grid) */
    char text[256];
    char origin_label[64];
};

const char *
ov_plane_kind_name(ov_plane_kind kind)
{
    switch (kind) {
    case OV_PLANE_PCA:
        return "pca";
    case OV_PLANE_RANDOM:
        return "random";
    case OV_PLANE_HESSIAN:
        return "hessian";
    }
    return "unknown";
}

ov_status
ov_plane_kind_from_name(const char *name, ov_plane_kind *out)
{
    int k;

    for (k = OV_PLANE_PCA; k <= OV_PLANE_HESSIAN; k++)
        if (name && strcmp(name, ov_plane_kind_name((ov_plane_kind)k)) == 0) {
            *out = (ov_plane_kind)k;
            return OV_OK;
        }
    return OV_ERR_NOT_FOUND;
}

static double
dot(const double *a, const double *b, size_t n)
{
    double s = 0.0;
    size_t i;

    for (i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

/* ---- symmetric eigenproblems ------------------------------------------- */

/* Cyclic Jacobi on the symmetric k x k matrix A (destroyed): eigenvalues
 * into w, eigenvectors into the columns of V (row-major k x k). */
static void
jacobi(double *A, size_t k, double *w, double *V)
{
    size_t i, j, p, q;
    int sweep;

    for (i = 0; i < k; i++)
        for (j = 0; j < k; j++)
            V[i * k + j] = i == j ? 1.0 : 0.0;
    for (sweep = 0; sweep < 100; sweep++) {
        double off = 0.0, norm = 0.0;
        for (i = 0; i < k; i++)
            for (j = 0; j < k; j++) {
                norm += A[i * k + j] * A[i * k + j];
                if (i != j)
                    off += A[i * k + j] * A[i * k + j];
            }
        if (off <= 1e-30 * norm || off == 0.0)
            break;
        for (p = 0; p < k; p++)
            for (q = p + 1; q < k; q++) {
                double apq = A[p * k + q], app, aqq, theta, t, c, s;
                if (apq == 0.0)
                    continue;
                app = A[p * k + p];
                aqq = A[q * k + q];
                theta = (aqq - app) / (2.0 * apq);
                t = (theta >= 0 ? 1.0 : -1.0)
                    / (fabs(theta) + sqrt(theta * theta + 1.0));
                c = 1.0 / sqrt(t * t + 1.0);
                s = t * c;
                for (i = 0; i < k; i++) {   /* A <- A J */
                    double aip = A[i * k + p], aiq = A[i * k + q];
                    A[i * k + p] = c * aip - s * aiq;
                    A[i * k + q] = s * aip + c * aiq;
                }
                for (i = 0; i < k; i++) {   /* A <- J^T A */
                    double api = A[p * k + i], aqi = A[q * k + i];
                    A[p * k + i] = c * api - s * aqi;
                    A[q * k + i] = s * api + c * aqi;
                }
                for (i = 0; i < k; i++) {   /* V <- V J */
                    double vip = V[i * k + p], viq = V[i * k + q];
                    V[i * k + p] = c * vip - s * viq;
                    V[i * k + q] = s * vip + c * viq;
                }
            }
    }
    for (i = 0; i < k; i++)
        w[i] = A[i * k + i];
}

/* Its largest component (the first of equals) positive. */
static void
fix_sign(double *v, size_t n)
{
    size_t i, best = 0;

    for (i = 1; i < n; i++)
        if (fabs(v[i]) > fabs(v[best]))
            best = i;
    if (v[best] < 0)
        for (i = 0; i < n; i++)
            v[i] = -v[i];
}

typedef void (*op_fn)(void *ctx, const double *v, double *out);

/*
 * The two eigenpairs of the operator with the eigenvalues largest in
 * magnitude (the larger value first on ties): Lanczos from a fixed start,
 * min(n, LANCZOS_STEPS) steps, every new vector orthogonalised twice
 * against all before it, stopped early when the Krylov space closes.
 * A space of one dimension gives a second vector orthogonal to the first
 * and eigenvalue 0.
 */
static ov_status
lanczos_top2(op_fn op, void *ctx, size_t n, double vals[2], double *v1,
             double *v2)
{
    size_t m = n < LANCZOS_STEPS ? n : LANCZOS_STEPS, k = 0, i, j, r;
    double *V = ov__malloc3(m + 1, n, sizeof(double));
    double *w = ov__malloc3(n, 1, sizeof(double));
    double *T = ov__malloc3(m, m, sizeof(double));
    double *S = ov__malloc3(m, m, sizeof(double));
    double *ev = ov__malloc3(m, 1, sizeof(double));
    double alpha, beta = 0.0, scale = 0.0, nrm;
    size_t pick[2] = { 0, 0 };
    ov_status st = OV_OK;

    if (!V || !w || !T || !S || !ev) {
        st = OV_ERR_NOMEM;
        goto done;
    }
    memset(T, 0, m * m * sizeof *T);
    for (i = 0; i < n; i++)
        V[i] = 1.0 + 0.5 * sin(1.0 + (double)i);
    nrm = sqrt(dot(V, V, n));
    for (i = 0; i < n; i++)
        V[i] /= nrm;
    for (j = 0; j < m; j++) {
        double *vj = V + j * n;
        int pass;

        op(ctx, vj, w);
        alpha = dot(vj, w, n);
        T[j * m + j] = alpha;
        for (i = 0; i < n; i++)
            w[i] -= alpha * vj[i];
        if (j)
            for (i = 0; i < n; i++)
                w[i] -= beta * V[(j - 1) * n + i];
        for (pass = 0; pass < 2; pass++)
            for (r = 0; r <= j; r++) {
                double c = dot(V + r * n, w, n);
                for (i = 0; i < n; i++)
                    w[i] -= c * V[r * n + i];
            }
        beta = sqrt(dot(w, w, n));
        scale = fmax(scale, fabs(alpha) + beta);
        k = j + 1;
        if (!isfinite(beta) || !isfinite(alpha)) {
            st = OV_ERR_NONFINITE;
            goto done;
        }
        if (j + 1 == m || beta <= 1e-12 * scale)
            break;
        T[j * m + j + 1] = T[(j + 1) * m + j] = beta;
        for (i = 0; i < n; i++)
            V[(j + 1) * n + i] = w[i] / beta;
    }
    /* T's leading k x k block, compacted */
    for (i = 0; i < k; i++)
        for (j = 0; j < k; j++)
            S[i * k + j] = T[i * m + j];
    memcpy(T, S, k * k * sizeof *T);
    jacobi(T, k, ev, S);
    for (i = 1; i < k; i++) {
        double a = fabs(ev[i]), b = fabs(ev[pick[0]]);
        if (a > b || (a == b && ev[i] > ev[pick[0]]))
            pick[0] = i;
    }
    pick[1] = pick[0] == 0 && k > 1 ? 1 : 0;
    for (i = 0; i < k; i++) {
        double a = fabs(ev[i]), b = fabs(ev[pick[1]]);
        if (i == pick[0])
            continue;
        if (a > b || (a == b && ev[i] > ev[pick[1]]))
            pick[1] = i;
    }
    for (r = 0; r < 2; r++) {
        double *out = r ? v2 : v1;
        if (r == 1 && k < 2) {
            /* one dimension only: any unit vector orthogonal to v1 */
            for (i = 0; i < n; i++)
                out[i] = cos(2.0 + (double)i);
            nrm = dot(v1, out, n);
            for (i = 0; i < n; i++)
                out[i] -= nrm * v1[i];
            vals[1] = 0.0;
        } else {
            for (i = 0; i < n; i++) {
                double s = 0.0;
                for (j = 0; j < k; j++)
                    s += V[j * n + i] * S[j * k + pick[r]];
                out[i] = s;
            }
            vals[r] = ev[pick[r]];
        }
        nrm = sqrt(dot(out, out, n));
        for (i = 0; i < n; i++)
            out[i] /= nrm;
        fix_sign(out, n);
    }
done:
    ov__free(V);
    ov__free(w);
    ov__free(T);
    ov__free(S);
    ov__free(ev);
    return st;
}

/* ---- pca ----------------------------------------------------------------*/

typedef struct pca_ctx {
    const ov_trajectory *const *trajs;
    size_t nt, n;
    const double *mean;
} pca_ctx;

/* out = sum over rows r of ((p_r - mean) . v) (p_r - mean) */
static void
pca_op(void *ctx, const double *v, double *out)
{
    const pca_ctx *c = ctx;
    size_t t, r, i, n = c->n;

    memset(out, 0, n * sizeof *out);
    for (t = 0; t < c->nt; t++)
        for (r = 0; r < c->trajs[t]->n_rows; r++) {
            const double *p = c->trajs[t]->params + r * n;
            double s = 0.0;
            for (i = 0; i < n; i++)
                s += (p[i] - c->mean[i]) * v[i];
            for (i = 0; i < n; i++)
                out[i] += s * (p[i] - c->mean[i]);
        }
}

static ov_status
make_pca(ov_plane *pl, const ov_trajectory *const *trajs, size_t nt,
         ov_error *err)
{
    size_t n = pl->n, t, r, i, rows = 0;
    double *mean = ov__calloc(n, sizeof *mean), total = 0.0, vals[2];
    pca_ctx c;
    ov_status st;

    if (!mean)
        return OV_ERR_NOMEM;
    for (t = 0; t < nt; t++)
        for (r = 0; r < trajs[t]->n_rows; r++, rows++)
            for (i = 0; i < n; i++)
                mean[i] += trajs[t]->params[r * n + i];
    for (i = 0; i < n; i++)
        mean[i] /= (double)rows;
    for (t = 0; t < nt; t++)
        for (r = 0; r < trajs[t]->n_rows; r++)
            for (i = 0; i < n; i++) {
                double e = trajs[t]->params[r * n + i] - mean[i];
                total += e * e;
            }
    if (!(total > 0.0)) {
        ov__free(mean);
        return ov__error_set(err, OV_ERR_EMPTY, 0, 0, "the trajectories "
                             "stay at one point: no principal components");
    }
    c.trajs = trajs;
    c.nt = nt;
    c.n = n;
    c.mean = mean;
    st = lanczos_top2(pca_op, &c, n, vals, pl->d[0], pl->d[1]);
    ov__free(mean);
    if (st != OV_OK)
        return ov__error_set(err, st, 0, 0, "principal components failed");
    pl->explained[0] = vals[0] / total;
    pl->explained[1] = vals[1] / total;
    return OV_OK;
}

/* ---- hessian ------------------------------------------------------------*/

typedef struct hess_ctx {
    const ov_loss *loss;
    const double *o;
    size_t n;
    double h;
    double *p, *gp, *gm;
} hess_ctx;

static void
hess_op(void *ctx, const double *v, double *out)
{
    hess_ctx *c = ctx;
    size_t i;

    for (i = 0; i < c->n; i++)
        c->p[i] = c->o[i] + c->h * v[i];
    ov_loss_eval(c->loss, c->p, c->gp);
    for (i = 0; i < c->n; i++)
        c->p[i] = c->o[i] - c->h * v[i];
    ov_loss_eval(c->loss, c->p, c->gm);
    for (i = 0; i < c->n; i++)
        out[i] = (c->gp[i] - c->gm[i]) / (2.0 * c->h);
}

static ov_status
make_hessian(ov_plane *pl, ov_error *err)
{
    size_t n = pl->n, i;
    double vals[2], big = 1.0;
    hess_ctx c;
    ov_status st;

    /* scratch of at least 2: a loss of N >= 2 writes n values */
    c.p = ov__malloc3(n < 2 ? 2 : n, 3, sizeof(double));
    if (!c.p)
        return OV_ERR_NOMEM;
    c.gp = c.p + (n < 2 ? 2 : n);
    c.gm = c.gp + (n < 2 ? 2 : n);
    for (i = 0; i < n; i++)
        big = fmax(big, fabs(pl->o[i]));
    c.loss = pl->loss;
    c.o = pl->o;
    c.n = n;
    c.h = 1e-5 * big;
    st = lanczos_top2(hess_op, &c, n, vals, pl->d[0], pl->d[1]);
    ov__free(c.p);
    if (st != OV_OK)
        return ov__error_set(err, st, 0, 0, "the Hessian is not finite at "
                             "the last point");
    pl->explained[0] = vals[0];
    pl->explained[1] = vals[1];
    return OV_OK;
}

/* ---- random -------------------------------------------------------------*/

static void
make_random(ov_plane *pl, uint64_t seed)
{
    const ov_param_block *blocks;
    size_t nb = ov_loss_param_blocks(pl->loss, &blocks), n = pl->n, i, b;
    ov_rng rng;
    int k;

    ov_rng_seed(&rng, seed);
    for (k = 0; k < 2; k++) {
        double *d = pl->d[k];
        for (i = 0; i < n; i += 2) {
            double z0, z1;
            ov_rng_normal_pair(&rng, &z0, &z1);
            d[i] = z0;
            if (i + 1 < n)
                d[i + 1] = z1;
        }
        if (nb == 0) {
            double nrm = sqrt(dot(d, d, n));
            for (i = 0; i < n; i++)
                d[i] /= nrm;
            continue;
        }
        for (b = 0; b < nb; b++) {
            const ov_param_block *bl = &blocks[b];
            size_t row, c;
            if (bl->is_bias) {
                for (c = 0; c < bl->cols; c++)
                    d[bl->offset + c] = 0.0;
                continue;
            }
            for (row = 0; row < bl->rows; row++) {
                double *dr = d + bl->offset + row * bl->cols;
                const double *orow = pl->o + bl->offset + row * bl->cols;
                double dn = sqrt(dot(dr, dr, bl->cols));
                double on = sqrt(dot(orow, orow, bl->cols));
                double f = on / (dn + 1e-10);
                for (c = 0; c < bl->cols; c++)
                    dr[c] = dr[c] * f;
            }
        }
    }
    pl->explained[0] = pl->explained[1] = NAN;
}

/* ---- the plane ----------------------------------------------------------*/

ov_status
ov_plane_create(ov_plane **out, const ov_loss *loss, ov_plane_kind kind,
                const ov_trajectory *const *trajs, size_t nt, uint64_t seed,
                ov_error *err)
{
    size_t n = (size_t)ov_loss_dim(loss), t, i;
    const ov_trajectory *first;
    ov_plane *pl;
    ov_status st = OV_OK;

    *out = NULL;
    if (nt == 0)
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                             "a plane needs a trajectory");
    for (t = 0; t < nt; t++)
        if (!trajs[t]->params || (size_t)trajs[t]->dim != n
            || trajs[t]->n_rows == 0)
            return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                                 "trajectory '%s' has no vectors of %zu "
                                 "values", trajs[t]->label, n);
    if (kind < OV_PLANE_PCA || kind > OV_PLANE_HESSIAN)
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "no such plane");
    pl = ov__calloc(1, sizeof *pl);
    if (!pl)
        return OV_ERR_NOMEM;
    pl->kind = kind;
    pl->loss = loss;
    pl->n = n;
    pl->grid_n = OV_PLANE_GRID_DEFAULT;
    pl->o = ov__malloc3(n, 3, sizeof(double));
    if (!pl->o) {
        ov__free(pl);
        return OV_ERR_NOMEM;
    }
    pl->d[0] = pl->o + n;
    pl->d[1] = pl->o + 2 * n;
    first = trajs[0];
    memcpy(pl->o, first->params + (first->n_rows - 1) * n, n * sizeof(double));
    snprintf(pl->origin_label, sizeof pl->origin_label, "%s", first->label);
    for (i = 0; i < n; i++)
        if (!isfinite(pl->o[i])) {
            ov_plane_destroy(pl);
            return ov__error_set(err, OV_ERR_NONFINITE, 0, 0, "the last "
                                 "point of '%s' is not finite", first->label);
        }
    if (kind == OV_PLANE_PCA)
        st = make_pca(pl, trajs, nt, err);
    else if (kind == OV_PLANE_HESSIAN)
        st = make_hessian(pl, err);
    else
        make_random(pl, seed);
    if (st != OV_OK) {
        ov_plane_destroy(pl);
        return st;
    }
    pl->gram[0] = dot(pl->d[0], pl->d[0], n);
    pl->gram[1] = dot(pl->d[0], pl->d[1], n);
    pl->gram[2] = dot(pl->d[1], pl->d[1], n);
    if (kind == OV_PLANE_PCA)
        snprintf(pl->text, sizeof pl->text, "PCA plane through %s's last "
                 "point: PC1 %.1f%%, PC2 %.1f%% of the variance; axes in "
                 "parameter-space distance", pl->origin_label,
                 100.0 * pl->explained[0], 100.0 * pl->explained[1]);
    else if (kind == OV_PLANE_HESSIAN)
        snprintf(pl->text, sizeof pl->text, "Hessian plane at %s's last "
                 "point: eigenvalues %.4g, %.4g; axes in parameter-space "
                 "distance", pl->origin_label, pl->explained[0],
                 pl->explained[1]);
    else
        snprintf(pl->text, sizeof pl->text, "random plane through %s's "
                 "last point (seed %llu)%s", pl->origin_label,
                 (unsigned long long)seed,
                 loss->n_blocks ? ", filter-normalised: 1 = each filter's norm"
                 : ", unit directions");
    *out = pl;
    return OV_OK;
}

void
ov_plane_destroy(ov_plane *pl)
{
    if (!pl)
        return;
    ov__free(pl->o);
    ov__free(pl);
}

ov_plane_kind
ov_plane_kind_of(const ov_plane *pl)
{
    return pl->kind;
}

size_t
ov_plane_dim(const ov_plane *pl)
{
    return pl->n;
}

const double *
ov_plane_origin(const ov_plane *pl)
{
    return pl->o;
}

const double *
ov_plane_direction(const ov_plane *pl, int k)
{
    return pl->d[k ? 1 : 0];
}

double
ov_plane_explained(const ov_plane *pl, int k)
{
    return pl->explained[k ? 1 : 0];
}

const char *
ov_plane_describe(const ov_plane *pl)
{
    return pl->text;
}

void
ov_plane_set_grid(ov_plane *pl, size_t n)
{
    pl->grid_n = n < 2 ? 2 : n;
}

void
ov_plane_set_map(ov_plane *pl, ov_tune_map_fn map, void *payload)
{
    pl->map = map;
    pl->map_payload = payload;
}

/* Least squares: the (a, b) minimising |a d1 + b d2 - (theta - o)|. */
void
ov_plane_coords(const ov_plane *pl, const double *theta, double ab[2])
{
    double r0 = 0.0, r1 = 0.0, det;
    size_t i;

    for (i = 0; i < pl->n; i++) {
        double e = theta[i] - pl->o[i];
        r0 += pl->d[0][i] * e;
        r1 += pl->d[1][i] * e;
    }
    det = pl->gram[0] * pl->gram[2] - pl->gram[1] * pl->gram[1];
    ab[0] = (pl->gram[2] * r0 - pl->gram[1] * r1) / det;
    ab[1] = (pl->gram[0] * r1 - pl->gram[1] * r0) / det;
}

ov_status
ov_plane_project(const ov_plane *pl, ov_trajectory *tr)
{
    size_t r, n = pl->n;

    if (!tr->params || (size_t)tr->dim != n)
        return OV_ERR_INVALID_ARG;
    for (r = 0; r < tr->n_rows; r++) {
        ov_traj_row *row = &tr->rows[r];
        ov_plane_coords(pl, tr->params + r * n, row->theta);
        if (tr->grads) {
            row->grad[0] = dot(pl->d[0], tr->grads + r * n, n);
            row->grad[1] = dot(pl->d[1], tr->grads + r * n, n);
        }
    }
    return OV_OK;
}

/* ---- the loss on the plane -----------------------------------------------*/

/* The last fine grid a view asked for is kept: a figure's views (the
 * contour view's grids, the surface's mesh and floor) ask for the same
 * rectangle again.  The one mutable part of the loss,
 * under its lock. */
typedef struct plane_loss {
    const ov_plane *pl;
    pthread_mutex_t lock;
    double rect[4];
    double *cache;          /* grid_n x grid_n over rect, or NULL */
} plane_loss;

static double
pl_eval(const void *impl, const double *ab, double *grad)
{
    const ov_plane *pl = ((const plane_loss *)impl)->pl;
    size_t n = pl->n, i;
    double *p = ov__malloc3(n, grad ? 2 : 1, sizeof(double)), f;

    if (!p) {
        if (grad)
            grad[0] = grad[1] = NAN;
        return NAN;
    }
    for (i = 0; i < n; i++)
        p[i] = pl->o[i] + ab[0] * pl->d[0][i] + ab[1] * pl->d[1][i];
    f = ov_loss_eval(pl->loss, p, grad ? p + n : NULL);
    if (grad) {
        grad[0] = dot(pl->d[0], p + n, n);
        grad[1] = dot(pl->d[1], p + n, n);
    }
    ov__free(p);
    return f;
}

typedef struct grid_task {
    const ov_plane *pl;
    const double *a;
    size_t nx;
    double y0, dy;
    double *out;
} grid_task;

static void
grid_row(void *task, size_t j)
{
    const grid_task *g = task;
    double b = g->y0 + g->dy * (double)j;

    ov_loss_eval_plane(g->pl->loss, g->pl->o, g->pl->d[0], g->pl->d[1], g->a,
                       g->nx, &b, 1, g->out + j * g->nx);
}

static void
eval_grid_now(const ov_plane *pl, double x0, double x1, size_t nx, double y0,
              double y1, size_t ny, double *out)
{
    double *a = ov__malloc3(nx, 1, sizeof(double));
    grid_task g;
    size_t i, j;

    if (!a) {
        for (i = 0; i < nx * ny; i++)
            out[i] = NAN;
        return;
    }
    for (i = 0; i < nx; i++)
        a[i] = x0 + (nx > 1 ? (x1 - x0) / (double)(nx - 1) : 0.0) * (double)i;
    g.pl = pl;
    g.a = a;
    g.nx = nx;
    g.y0 = y0;
    g.dy = ny > 1 ? (y1 - y0) / (double)(ny - 1) : 0.0;
    g.out = out;
    if (pl->map)
        pl->map(pl->map_payload, ny, grid_row, &g);
    else
        for (j = 0; j < ny; j++)
            grid_row(&g, j);
    ov__free(a);
}

/*
 * Grids up to grid_n a side are evaluated as asked; finer ones are the
 * bilinear interpolation of the grid_n x grid_n grid over the same
 * rectangle (kept for the next request): the plane's resolution is
 * grid_n, however large the figure.
 */
static void
pl_grid(const void *impl, double x0, double x1, size_t nx, double y0,
        double y1, size_t ny, double *out)
{
    plane_loss *p = (plane_loss *)impl;
    size_t g = p->pl->grid_n, i, j;

    if (nx <= g && ny <= g) {
        eval_grid_now(p->pl, x0, x1, nx, y0, y1, ny, out);
        return;
    }
    pthread_mutex_lock(&p->lock);
    if (!p->cache || p->rect[0] != x0 || p->rect[1] != x1 || p->rect[2] != y0
        || p->rect[3] != y1) {
        ov__free(p->cache);
        p->cache = ov__malloc3(g, g, sizeof(double));
        if (!p->cache) {
            for (i = 0; i < nx * ny; i++)
                out[i] = NAN;
            pthread_mutex_unlock(&p->lock);
            return;
        }
        eval_grid_now(p->pl, x0, x1, g, y0, y1, g, p->cache);
        p->rect[0] = x0;
        p->rect[1] = x1;
        p->rect[2] = y0;
        p->rect[3] = y1;
    }
    for (j = 0; j < ny; j++) {
        double v = ny > 1 ? (double)j * (double)(g - 1) / (double)(ny - 1)
                          : 0.0;
        size_t j0 = (size_t)v < g - 1 ? (size_t)v : g - 2;
        double fy = v - (double)j0;
        for (i = 0; i < nx; i++) {
            double u = nx > 1 ? (double)i * (double)(g - 1) / (double)(nx - 1)
                              : 0.0;
            size_t i0 = (size_t)u < g - 1 ? (size_t)u : g - 2;
            double fx = u - (double)i0;
            const double *c = p->cache + j0 * g + i0;
            out[j * nx + i] = (1 - fy) * ((1 - fx) * c[0] + fx * c[1])
                              + fy * ((1 - fx) * c[g] + fx * c[g + 1]);
        }
    }
    pthread_mutex_unlock(&p->lock);
}

static void
pl_destroy(void *impl)
{
    plane_loss *p = impl;

    pthread_mutex_destroy(&p->lock);
    ov__free(p->cache);
    ov__free(p);
}

static const ov__nd_ops plane_ops = {
    pl_eval, NULL, NULL, pl_destroy, pl_grid
};

ov_status
ov_plane_loss(const ov_plane *pl, const ov_trajectory *const *trajs,
              size_t nt, ov_loss **out)
{
    struct ov_loss *loss = ov__calloc(1, sizeof *loss);
    plane_loss *impl = ov__calloc(1, sizeof *impl);
    ov__loss_def *d;
    double lo[2] = { 0.0, 0.0 }, hi[2] = { 0.0, 0.0 }, ab[2];
    size_t t, r;
    int k;

    *out = NULL;
    if (!loss || !impl) {
        ov__free(loss);
        ov__free(impl);
        return OV_ERR_NOMEM;
    }
    impl->pl = pl;
    if (pthread_mutex_init(&impl->lock, NULL) != 0) {
        ov__free(loss);
        ov__free(impl);
        return OV_ERR_NOMEM;
    }
    loss->nd = impl;
    loss->nd_ops = &plane_ops;
    loss->red = ov_loss_reduction(pl->loss);
    loss->nd_start = ov__calloc(2, sizeof(double));
    if (!loss->nd_start) {
        ov_loss_destroy(loss);
        return OV_ERR_NOMEM;
    }
    if (pl->kind == OV_PLANE_RANDOM) {
        lo[0] = lo[1] = -1.0;
        hi[0] = hi[1] = 1.0;
    }
    for (t = 0; t < nt; t++)
        for (r = 0; r < trajs[t]->n_rows; r++) {
            if (trajs[t]->params && (size_t)trajs[t]->dim == pl->n)
                ov_plane_coords(pl, trajs[t]->params + r * pl->n, ab);
            else
                continue;
            for (k = 0; k < 2; k++)
                if (isfinite(ab[k])) {
                    lo[k] = fmin(lo[k], ab[k]);
                    hi[k] = fmax(hi[k], ab[k]);
                }
        }
    d = &loss->nd_def;
    for (k = 0; k < 2; k++) {
        double span = hi[k] - lo[k], pad;
        if (!(span > 0))
            span = 1e-3;
        pad = 0.25 * span;
        (k ? d->ylim : d->xlim)[0] = lo[k] - pad;
        (k ? d->ylim : d->xlim)[1] = hi[k] + pad;
    }
    /* the plane's start: the first trajectory's */
    if (nt && trajs[0]->params && (size_t)trajs[0]->dim == pl->n)
        ov_plane_coords(pl, trajs[0]->params, loss->nd_start);
    snprintf(loss->nd_name, sizeof loss->nd_name, "%s: %s plane",
             pl->loss->nd_short[0] ? pl->loss->nd_short
                                   : ov_loss_name(pl->loss),
             pl->kind == OV_PLANE_PCA ? "PCA"
             : pl->kind == OV_PLANE_HESSIAN ? "Hessian" : "random");
    snprintf(loss->nd_formula, sizeof loss->nd_formula, "%s", pl->text);
    d->name = loss->nd_name;
    d->formula = loss->nd_formula;
    d->dim = 2;
    if (pl->kind == OV_PLANE_PCA) {
        snprintf(loss->nd_xname, sizeof loss->nd_xname, "PC1 (%.1f%%)",
                 100.0 * pl->explained[0]);
        snprintf(loss->nd_yname, sizeof loss->nd_yname, "PC2 (%.1f%%)",
                 100.0 * pl->explained[1]);
    } else if (pl->kind == OV_PLANE_HESSIAN) {
        snprintf(loss->nd_xname, sizeof loss->nd_xname,
                 "v1 (eigenvalue %.3g)", pl->explained[0]);
        snprintf(loss->nd_yname, sizeof loss->nd_yname,
                 "v2 (eigenvalue %.3g)", pl->explained[1]);
    } else {
        snprintf(loss->nd_xname, sizeof loss->nd_xname, "%s",
                 pl->loss->n_blocks ? "d1 (filter-normalised)" : "d1");
        snprintf(loss->nd_yname, sizeof loss->nd_yname, "%s",
                 pl->loss->n_blocks ? "d2 (filter-normalised)" : "d2");
    }
    d->xname = loss->nd_xname;
    d->yname = loss->nd_yname;
    d->zname = pl->loss->def->zname;
    memcpy(d->lr, pl->loss->def->lr, sizeof d->lr);
    d->zscale = pl->loss->def->zscale;
    loss->def = d;
    *out = loss;
    return OV_OK;
}
