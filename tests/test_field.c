/*
 * test_field.c: the data losses at scale.  The sigmoid grid over many rows
 * comes from a summary of the data (src/core/loss_field.c); it is compared
 * node by node with the exact loss (ov_loss_eval: every row, the sum torch
 * checks in test_parity) and must stay within its stated bound, itself
 * within 1e-4 D^2.  The evaluation memo and the lazy minimum search must
 * give exactly what a fresh pass gives.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "optviz/optviz.h"
#include "loss_private.h"

/* n rows: x ~ N(mu, sd) (with @p outliers far out), y 0/1 from a logistic
 * model, or y continuous in [-1, 2] when @p cont. */
static ov_loss *
make_sigmoid(size_t n, double mu, double sd, size_t outliers, int cont,
             ov_reduction red, uint64_t seed)
{
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    ov_rng r;
    ov_loss *loss = NULL;
    ov_dataset *d = NULL;

    ov_rng_seed(&r, seed);
    for (size_t i = 0; i < n; i += 2) {
        double z0, z1;
        ov_rng_normal_pair(&r, &z0, &z1);
        x[i] = mu + sd * z0;
        if (i + 1 < n)
            x[i + 1] = mu + sd * z1;
    }
    for (size_t i = 0; i < outliers && i < n; i++)
        x[i] = (i % 2 ? -1 : 1) * (50.0 + 10.0 * (double)i);
    for (size_t i = 0; i < n; i++) {
        double p = 1.0 / (1.0 + exp(-(1.5 * x[i] - 0.5)));
        y[i] = cont ? -1.0 + 3.0 * ov_rng_uniform(&r)
                    : (ov_rng_uniform(&r) < p ? 1.0 : 0.0);
    }
    CHECK_EQ_INT(ov_dataset_from_arrays(&d, x, y, n, "t"), OV_OK);
    CHECK_EQ_INT(ov_loss_create(&loss, "sigmoid", d, red, NULL), OV_OK);
    ov_dataset_destroy(d);
    free(x);
    free(y);
    return loss;
}

/* The grid against the exact loss at every node. */
static void
check_grid(ov_loss *loss, double D, double x0, double x1, double y0,
           double y1)
{
    enum { NX = 41, NY = 33 };
    static double g[NX * NY];
    double bound = -1.0, worst = 0.0;
    size_t n = ov_loss_dataset(loss)->n;
    double scale = ov_loss_reduction(loss) == OV_REDUCTION_MEAN ? 1.0
                                                                : (double)n;

    CHECK(ov__field_sigmoid_grid(loss, x0, x1, NX, y0, y1, NY, g, &bound));
    CHECK_MSG(bound >= 0.0 && bound <= 1e-4 * D * D * scale,
              "bound %g", bound);
    for (size_t j = 0; j < NY; j++)
        for (size_t i = 0; i < NX; i++) {
            double t[2] = { x0 + (x1 - x0) * (double)i / (NX - 1),
                            y0 + (y1 - y0) * (double)j / (NY - 1) };
            double e = ov_loss_eval(loss, t, NULL);
            worst = fmax(worst, fabs(g[j * NX + i] - e));
        }
    /* The bound holds (a little slack for the rounding of two sums of a
     * million terms), and it is not vacuous: the summary is not exact. */
    CHECK_MSG(worst <= bound + 1e-12 * scale, "error %g > bound %g", worst,
              bound);
    /* ov_loss_eval_grid is the same grid. */
    static double h[NX * NY];
    ov_loss_eval_grid(loss, x0, x1, NX, y0, y1, NY, h);
    CHECK(memcmp(g, h, sizeof g) == 0);
}

static void
test_grids(void)
{
    ov_loss *l;

    /* 0/1 labels, the default domain. */
    l = make_sigmoid(20000, 0.0, 2.0, 0, 0, OV_REDUCTION_MEAN, 1);
    check_grid(l, 1.0, -7, 5, -7, 5);
    ov_loss_destroy(l);
    /* Continuous targets in [-1, 2] (D = 2), a shifted x, sum reduction. */
    l = make_sigmoid(5000, 3.0, 0.5, 0, 1, OV_REDUCTION_SUM, 2);
    check_grid(l, 2.0, -3, 3, -10, 2);
    ov_loss_destroy(l);
    /* Outliers far out: cells follow the sorted rows, not a fixed range. */
    l = make_sigmoid(20000, 0.0, 1.0, 6, 0, OV_REDUCTION_MEAN, 3);
    check_grid(l, 1.0, -2, 2, -2, 2);
    ov_loss_destroy(l);
}

/* Few rows: exact (the caller's loop), no summary. */
static void
test_small_exact(void)
{
    ov_loss *l = make_sigmoid(50, 0.0, 2.0, 0, 0, OV_REDUCTION_MEAN, 4);
    double g[4], bound;
    CHECK(!ov__field_sigmoid_grid(l, -1, 1, 2, -1, 1, 2, g, &bound));
    ov_loss_eval_grid(l, -1, 1, 2, -1, 1, 2, g);
    double t[2] = { 1, 1 };
    CHECK_EQ_BITS(g[3], ov_loss_eval(l, t, NULL));
    ov_loss_destroy(l);
}

/* The memo returns what a pass returns, and never another loss's value. */
static void
test_memo(void)
{
    double t[2] = { 0.3, -0.2 }, ga[2], gb[2], gc[2];
    ov_loss *a = make_sigmoid(1000, 0.0, 2.0, 0, 0, OV_REDUCTION_MEAN, 5);
    size_t n = ov_loss_dataset(a)->n;
    double fa = ov_loss_eval(a, t, ga);
    double fb = ov_loss_eval_batch(a, t, NULL, n, gb);
    CHECK_EQ_BITS(fa, fb);
    CHECK_EQ_BITS(ga[0], gb[0]);
    CHECK_EQ_BITS(ga[1], gb[1]);
    CHECK_EQ_BITS(ov_loss_eval(a, t, NULL), fb);
    ov_loss_destroy(a);
    /* Likely the same address, other data. */
    ov_loss *c = make_sigmoid(1000, 1.0, 2.0, 0, 0, OV_REDUCTION_MEAN, 6);
    double fc = ov_loss_eval(c, t, gc);
    CHECK_EQ_BITS(fc, ov_loss_eval_batch(c, t, NULL, n, gb));
    CHECK(fc != fa);
    ov_loss_destroy(c);
}

/* The minimum, found when asked: the exact gradient vanishes there. */
static void
test_minimum(void)
{
    ov_loss *l = make_sigmoid(100000, 0.0, 2.0, 0, 0, OV_REDUCTION_MEAN, 7);
    CHECK_EQ_INT(atomic_load(&l->minima_state), 0);   /* not yet searched */
    const double *m;
    CHECK_EQ_INT(ov_loss_minima(l, &m), 1);
    CHECK_EQ_INT(atomic_load(&l->minima_state), 2);
    double g[2];
    ov_loss_eval(l, m, g);
    CHECK_MSG(fabs(g[0]) + fabs(g[1]) < 1e-9, "gradient %g %g", g[0], g[1]);
    /* The logistic model the labels came from: w 1.5, b -0.5. */
    CHECK_NEAR(m[0], 1.5, 0.1);
    CHECK_NEAR(m[1], -0.5, 0.1);
    ov_loss_destroy(l);
}

int
main(void)
{
    test_grids();
    test_small_exact();
    test_memo();
    test_minimum();
    return check_report("test_field");
}
