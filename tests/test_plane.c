/*
 * test_plane.c: planes (plane.h) against numpy and torch.
 *
 * tests/data/plane holds trajectories made by optviz (the input) and the
 * directions tools/plane_ref.py computed from them with numpy (PCA by
 * SVD, random directions from the documented stream and normalisation);
 * tests/data/mlp/h_moons.csv torch's Hessian eigenvectors.  Also: the
 * plane's loss against the full loss at the same points, its gradient by
 * the chain rule, its grid (threads or not, interpolated or not), and the
 * projection.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/optviz.h>

#include "check.h"

#define MAXT 4
#define MAXROWS 512
#define MAXP 64

typedef struct trajs {
    ov_trajectory t[MAXT];
    const ov_trajectory *p[MAXT];
    size_t n;
    int dim;
} trajs;

/* A trajectory CSV as optviz writes it for N parameters. */
static int
read_trajs(const char *name, trajs *out)
{
    char path[512], line[8192];
    FILE *f;
    size_t k;

    memset(out, 0, sizeof *out);
    snprintf(path, sizeof path, "%s/plane/%s", OV_TEST_DATA, name);
    f = fopen(path, "r");
    CHECK_MSG(f != NULL, "%s", path);
    if (!f || !fgets(line, sizeof line, f))
        return 0;
    {
        char *p = strstr(line, ",p0");
        int d = 0;
        while (p && (p = strstr(p, ",p")))
            d++, p++;
        out->dim = d;
    }
    while (fgets(line, sizeof line, f)) {
        char *c = strchr(line, ','), *e;
        ov_trajectory *t;
        int col;

        *c = '\0';
        if (out->n == 0 || strcmp(out->t[out->n - 1].label, line) != 0) {
            CHECK(out->n < MAXT);
            t = &out->t[out->n++];
            snprintf(t->label, sizeof t->label, "%.63s", line);
            t->dim = out->dim;
            t->params = calloc(MAXROWS * (size_t)out->dim, sizeof(double));
            t->rows = calloc(MAXROWS, sizeof(ov_traj_row));
            t->diverged_at = -1;
            t->steps_per_epoch = 1;
        }
        t = &out->t[out->n - 1];
        e = c + 1;
        for (col = 1; col < 9; col++)
            e = strchr(e, ',') + 1;
        for (k = 0; k < (size_t)out->dim; k++)
            t->params[t->n_rows * (size_t)out->dim + k] = strtod(e, &e),
            e += *e == ',';
        t->rows[t->n_rows].step = (long)t->n_rows;
        t->n_rows++;
    }
    fclose(f);
    for (k = 0; k < out->n; k++)
        out->p[k] = &out->t[k];
    return out->n > 0;
}

static void
free_trajs(trajs *t)
{
    size_t k;

    for (k = 0; k < t->n; k++) {
        free(t->t[k].params);
        free(t->t[k].rows);
    }
}

/* which,k,value rows: origin, d1, d2, explained. */
static void
read_ref(const char *path, double *o, double *d1, double *d2, double *ex,
         int dim)
{
    char line[256], which[32];
    FILE *f = fopen(path, "r");
    int k;
    double v;

    CHECK_MSG(f != NULL, "%s", path);
    if (!f)
        return;
    if (!fgets(line, sizeof line, f)) {
        fclose(f);
        return;
    }
    while (fgets(line, sizeof line, f)) {
        char *c1 = strchr(line, ','), *c2;
        if (!c1)
            continue;
        *c1 = '\0';
        snprintf(which, sizeof which, "%.31s", line);
        k = (int)strtol(c1 + 1, &c2, 10);
        v = strtod(c2 + 1, NULL);
        if (k < 0 || k >= dim)
            continue;
        if (!strcmp(which, "origin") && o)
            o[k] = v;
        else if (!strcmp(which, "d1") || !strcmp(which, "vector0"))
            d1[k] = v;
        else if (!strcmp(which, "d2") || !strcmp(which, "vector1"))
            d2[k] = v;
        else if ((!strcmp(which, "explained") || !strcmp(which, "eigenvalue"))
                 && k < 2)
            ex[k] = v;
    }
    fclose(f);
}

static double
max_diff(const double *a, const double *b, int n)
{
    double m = 0;
    int k;

    for (k = 0; k < n; k++)
        m = fmax(m, fabs(a[k] - b[k]));
    return m;
}

static void
check_against(const char *traj_name, const char *loss_spec,
              ov_plane_kind kind, uint64_t seed, const char *ref,
              double tol)
{
    trajs t;
    ov_loss *loss = NULL;
    ov_plane *pl = NULL;
    ov_error err;
    double o[MAXP], d1[MAXP], d2[MAXP], ex[2] = { NAN, NAN };
    char path[512];

    if (!read_trajs(traj_name, &t))
        return;
    CHECK(ov_loss_create(&loss, loss_spec, NULL, OV_REDUCTION_MEAN, NULL)
          == OV_OK);
    CHECK_EQ_INT(ov_loss_dim(loss), t.dim);
    memset(&err, 0, sizeof err);
    CHECK_MSG(ov_plane_create(&pl, loss, kind, t.p, t.n, seed, &err) == OV_OK,
              "%s", err.what);
    snprintf(path, sizeof path, "%s/plane/%s", OV_TEST_DATA, ref);
    read_ref(path, o, d1, d2, ex, t.dim);
    if (pl) {
        double e0 = max_diff(ov_plane_origin(pl), o, t.dim);
        double e1 = max_diff(ov_plane_direction(pl, 0), d1, t.dim);
        double e2 = max_diff(ov_plane_direction(pl, 1), d2, t.dim);
        CHECK_MSG(e0 == 0, "%s: origin off by %g", ref, e0);
        CHECK_MSG(e1 <= tol, "%s: d1 off by %g", ref, e1);
        CHECK_MSG(e2 <= tol, "%s: d2 off by %g", ref, e2);
        printf("%s: directions within %.2g, %.2g\n", ref, e1, e2);
        if (kind == OV_PLANE_PCA) {
            CHECK_NEAR(ov_plane_explained(pl, 0), ex[0], 1e-12);
            CHECK_NEAR(ov_plane_explained(pl, 1), ex[1], 1e-12);
        } else {
            CHECK(isnan(ov_plane_explained(pl, 0)));
        }
    }
    ov_plane_destroy(pl);
    ov_loss_destroy(loss);
    free_trajs(&t);
}

/* torch's Hessian at the network's init (mlp_ref.py --mode hessian): a
 * one-row trajectory at the init puts the plane's origin there. */
static void
test_hessian_mlp(void)
{
    ov_loss *loss = NULL;
    ov_plane *pl = NULL;
    ov_trajectory t;
    const ov_trajectory *tp = &t;
    ov_traj_row row;
    double start[MAXP], d1[MAXP], d2[MAXP], ev[2] = { 0, 0 };
    char path[512];
    int n;

    CHECK(ov_loss_create(&loss, "mlp:layers=8:data=moons:n=64", NULL,
                         OV_REDUCTION_MEAN, NULL) == OV_OK);
    if (!loss)
        return;
    n = ov_loss_dim(loss);
    ov_loss_start(loss, start);
    memset(&t, 0, sizeof t);
    memset(&row, 0, sizeof row);
    snprintf(t.label, sizeof t.label, "init");
    t.dim = n;
    t.n_rows = 1;
    t.rows = &row;
    t.params = start;
    CHECK(ov_plane_create(&pl, loss, OV_PLANE_HESSIAN, &tp, 1, 0, NULL)
          == OV_OK);
    snprintf(path, sizeof path, "%s/mlp/h_moons.csv", OV_TEST_DATA);
    read_ref(path, NULL, d1, d2, ev, n);
    if (pl) {
        double e1 = max_diff(ov_plane_direction(pl, 0), d1, n);
        double e2 = max_diff(ov_plane_direction(pl, 1), d2, n);
        printf("hessian: eigenvalues %.12g %.12g (torch %.12g %.12g), "
               "vectors within %.2g %.2g\n", ov_plane_explained(pl, 0),
               ov_plane_explained(pl, 1), ev[0], ev[1], e1, e2);
        /* central differences of the exact gradient: ~1e-10 */
        CHECK(fabs(ov_plane_explained(pl, 0) - ev[0]) <= 1e-7 * fabs(ev[0]));
        CHECK(fabs(ov_plane_explained(pl, 1) - ev[1]) <= 1e-7 * fabs(ev[0]));
        CHECK(e1 <= 1e-6);
        CHECK(e2 <= 1e-6);
    }
    ov_plane_destroy(pl);
    ov_loss_destroy(loss);
}

/* quadratic:dim=N:cond=K: the Hessian is diag(K^(i/(N-1))): the top two
 * eigenvectors are the last two axes. */
static void
test_hessian_quadratic(void)
{
    ov_loss *loss = NULL;
    ov_plane *pl = NULL;
    trajs t;

    if (!read_trajs("traj_quad.csv", &t))
        return;
    CHECK(ov_loss_create(&loss, "quadratic:dim=12:cond=30", NULL,
                         OV_REDUCTION_MEAN, NULL) == OV_OK);
    CHECK(ov_plane_create(&pl, loss, OV_PLANE_HESSIAN, t.p, t.n, 0, NULL)
          == OV_OK);
    if (pl) {
        const double *a = ov_plane_direction(pl, 0);
        const double *b = ov_plane_direction(pl, 1);
        CHECK_NEAR(a[11], 1.0, 1e-9);
        CHECK_NEAR(b[10], 1.0, 1e-9);
        CHECK_NEAR(ov_plane_explained(pl, 0), 30.0, 1e-6);
        CHECK_NEAR(ov_plane_explained(pl, 1), pow(30.0, 10.0 / 11.0), 1e-6);
    }
    ov_plane_destroy(pl);
    ov_loss_destroy(loss);
    free_trajs(&t);
}

static void
serial_map(void *payload, size_t n, ov_tune_task_fn fn, void *task)
{
    size_t i;

    (*(int *)payload)++;
    for (i = n; i-- > 0;)   /* any order: rows are independent */
        fn(task, i);
}

/* The plane's loss: the full loss at o + a d1 + b d2, its gradient by
 * the chain rule, its grids; and the projection. */
static void
test_plane_loss(void)
{
    trajs t;
    ov_loss *loss = NULL, *pls = NULL;
    ov_plane *pl = NULL;
    int n, calls = 0, i, j;
    double xl[2], yl[2];
    static double g1[101 * 101], g2[201 * 151];

    if (!read_trajs("traj_mlp.csv", &t))
        return;
    CHECK(ov_loss_create(&loss, "mlp:layers=8:data=moons:n=64", NULL,
                         OV_REDUCTION_MEAN, NULL) == OV_OK);
    CHECK(ov_plane_create(&pl, loss, OV_PLANE_RANDOM, t.p, t.n, 5, NULL)
          == OV_OK);
    if (!pl)
        goto done;
    n = t.dim;
    CHECK(ov_plane_loss(pl, t.p, t.n, &pls) == OV_OK);
    CHECK_EQ_INT(ov_loss_dim(pls), 2);
    ov_loss_domain(pls, xl, yl);
    /* random: [-1, 1]^2 and the projected points, with a margin */
    CHECK(xl[0] < -1 && xl[1] > 1 && yl[0] < -1 && yl[1] > 1);
    {
        double ab[2] = { 0.3, -0.7 }, p[MAXP], g[MAXP], gp[2], f, fp;
        const double *o = ov_plane_origin(pl);
        const double *d1 = ov_plane_direction(pl, 0);
        const double *d2 = ov_plane_direction(pl, 1);
        double c[2], ga = 0, gb = 0;
        int k;

        for (k = 0; k < n; k++)
            p[k] = o[k] + ab[0] * d1[k] + ab[1] * d2[k];
        f = ov_loss_eval(loss, p, g);
        fp = ov_loss_eval(pls, ab, gp);
        CHECK_EQ_BITS(fp, f);
        for (k = 0; k < n; k++) {
            ga += d1[k] * g[k];
            gb += d2[k] * g[k];
        }
        CHECK_NEAR(gp[0], ga, 1e-14 * fabs(ga) + 1e-300);
        CHECK_NEAR(gp[1], gb, 1e-14 * fabs(gb) + 1e-300);
        /* the random directions are not orthogonal: least squares */
        ov_plane_coords(pl, p, c);
        CHECK_NEAR(c[0], 0.3, 1e-12);
        CHECK_NEAR(c[1], -0.7, 1e-12);
    }
    /* grids: each node the loss there (the grid's tanh within 1e-15);
     * with a map function, every row through it */
    ov_plane_set_map(pl, serial_map, &calls);
    ov_loss_eval_grid(pls, -1, 1, 101, -2, 0.5, 101, g1);
    CHECK_EQ_INT(calls, 1);
    for (j = 0; j < 101; j += 10)
        for (i = 0; i < 101; i += 10) {
            double ab[2] = { -1 + 2.0 * i / 100.0, -2 + 2.5 * j / 100.0 };
            double f = ov_loss_eval(pls, ab, NULL);
            CHECK_MSG(fabs(g1[j * 101 + i] - f) <= 1e-13 * fabs(f),
                      "grid (%d, %d): %.17g vs %.17g", i, j, g1[j * 101 + i],
                      f);
        }
    /* finer than 101: the 101 grid, interpolated (nodes that coincide
     * are its values) */
    ov_loss_eval_grid(pls, -1, 1, 201, -2, 0.5, 151, g2);
    CHECK_EQ_INT(calls, 2);
    CHECK_EQ_BITS(g2[0], g1[0]);
    CHECK_EQ_BITS(g2[150 * 201 + 200], g1[100 * 101 + 100]);
    CHECK_EQ_BITS(g2[150 * 201 + 2 * 37], g1[100 * 101 + 37]);
    /* the same rectangle again: no evaluation */
    ov_loss_eval_grid(pls, -1, 1, 201, -2, 0.5, 151, g2);
    CHECK_EQ_INT(calls, 2);
    /* projection: theta of every row = its coordinates, loss unchanged */
    {
        ov_trajectory *tr = &t.t[0];
        double l0 = tr->rows[5].loss, c[2];
        CHECK(ov_plane_project(pl, tr) == OV_OK);
        ov_plane_coords(pl, tr->params + 5 * (size_t)n, c);
        CHECK_EQ_BITS(tr->rows[5].theta[0], c[0]);
        CHECK_EQ_BITS(tr->rows[5].theta[1], c[1]);
        CHECK_EQ_BITS(tr->rows[5].loss, l0);
    }
done:
    ov_loss_destroy(pls);
    ov_plane_destroy(pl);
    ov_loss_destroy(loss);
    free_trajs(&t);
}

static void
test_errors(void)
{
    ov_loss *loss = NULL;
    ov_plane *pl = NULL;
    ov_trajectory t;
    const ov_trajectory *tp = &t;
    ov_traj_row rows[3];
    double p[3 * 12];
    ov_plane_kind k;
    int i;

    CHECK(ov_loss_create(&loss, "quadratic:dim=12", NULL, OV_REDUCTION_MEAN,
                         NULL) == OV_OK);
    memset(&t, 0, sizeof t);
    memset(rows, 0, sizeof rows);
    t.dim = 12;
    t.n_rows = 3;
    t.rows = rows;
    CHECK(ov_plane_create(&pl, loss, OV_PLANE_PCA, &tp, 1, 0, NULL)
          == OV_ERR_INVALID_ARG);           /* no vectors */
    for (i = 0; i < 36; i++)
        p[i] = 1.0;
    t.params = p;
    CHECK(ov_plane_create(&pl, loss, OV_PLANE_PCA, &tp, 1, 0, NULL)
          == OV_ERR_EMPTY);                 /* one point */
    CHECK(ov_plane_create(&pl, loss, OV_PLANE_PCA, &tp, 0, 0, NULL)
          == OV_ERR_INVALID_ARG);
    CHECK(pl == NULL);
    CHECK(ov_plane_kind_from_name("hessian", &k) == OV_OK
          && k == OV_PLANE_HESSIAN);
    CHECK(ov_plane_kind_from_name("pc", &k) == OV_ERR_NOT_FOUND);
    ov_loss_destroy(loss);
}

int
main(void)
{
    check_against("traj_mlp.csv", "mlp:layers=8:data=moons:n=64",
                  OV_PLANE_PCA, 0, "pca_mlp.csv", 1e-9);
    check_against("traj_quad.csv", "quadratic:dim=12:cond=30", OV_PLANE_PCA,
                  0, "pca_quad.csv", 1e-9);
    check_against("traj_mlp.csv", "mlp:layers=8:data=moons:n=64",
                  OV_PLANE_RANDOM, 7, "random_mlp.csv", 1e-15);
    check_against("traj_quad.csv", "quadratic:dim=12:cond=30",
                  OV_PLANE_RANDOM, 3, "random_quad.csv", 1e-15);
    test_hessian_mlp();
    test_hessian_quadratic();
    test_plane_loss();
    test_errors();
    return check_report("plane");
}
