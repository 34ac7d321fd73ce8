/*
 * test_run.c: the runner's batching, epochs, noise and divergence, each
 * checked against a trajectory computed independently in this file.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/optviz.h>

#include "check.h"

static ov_trajectory *
run(const ov_loss *loss, ov_optim_config *cfg, ov_run_config *rc)
{
    ov_trajectory *t = NULL;
    ov_error err;
    ov_status st = ov_run(&t, loss, cfg, rc, &err);

    CHECK_MSG(st == OV_OK, "ov_run: %s (%s)", ov_status_str(st), err.what);
    return t;
}

/* Minibatch GD on a 10-point OLS set, B = 4, seed 42: the batches are the
 * slices of the Fisher-Yates vectors of optimizers.md §9.2. */
static void
test_minibatch_batches(void)
{
    static const size_t perm1[10] = { 0, 9, 5, 8, 6, 4, 7, 2, 1, 3 };
    static const size_t perm2[10] = { 0, 9, 3, 2, 5, 7, 1, 6, 8, 4 };
    double xs[10], ys[10], a = 0.5, b = -1.0, lr = 0.01;
    ov_dataset *d;
    ov_loss *loss;
    ov_optim_config cfg;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_trajectory *t;
    size_t i, k;
    long step;

    for (i = 0; i < 10; i++) {
        xs[i] = (double)i / 3.0 - 1.0;
        ys[i] = 1.0 + 2.0 * xs[i] + ((int)(i % 3) - 1) * 0.1;
    }
    CHECK(ov_dataset_from_arrays(&d, xs, ys, 10, "ten") == OV_OK);
    CHECK(ov_loss_create(&loss, "ols", d, OV_REDUCTION_MEAN, NULL) == OV_OK);
    ov_optim_config_init(&cfg, OV_ALGO_MINIBATCH);
    cfg.batch_size = 4;
    cfg.lr = lr;
    rc.epochs = 2;
    rc.seed = 42;
    rc.has_start = 1;
    rc.start[0] = a;
    rc.start[1] = b;
    CHECK_EQ_INT(ov_run_steps_per_epoch(loss, &cfg, &rc), 3);
    CHECK_EQ_INT(ov_run_step_count(loss, &cfg, &rc), 6);
    t = run(loss, &cfg, &rc);
    if (t) {
        int exact = 1;
        CHECK_EQ_INT(t->n_rows, 7);
        for (step = 1; step <= 6 && t->n_rows == 7; step++) {
            const size_t *perm = step <= 3 ? perm1 : perm2;
            size_t first = (size_t)((step - 1) % 3) * 4;
            size_t len = first + 4 > 10 ? 10 - first : 4;
            double g0 = 0, g1 = 0;
            for (k = 0; k < len; k++) {
                size_t j = perm[first + k];
                double r = a + b * xs[j] - ys[j];
                g0 += 2.0 * r;
                g1 += 2.0 * r * xs[j];
            }
            g0 /= (double)len;
            g1 /= (double)len;
            a = a + -lr * g0;
            b = b + -lr * g1;
            exact &= t->rows[step].theta[0] == a && t->rows[step].theta[1] == b;
            CHECK_EQ_INT(t->rows[step].epoch, step <= 3 ? 1 : 2);
        }
        CHECK_MSG(exact, "minibatch trajectory differs from the hand-made one");
        CHECK_EQ_INT(t->rows[0].epoch, 0);
        ov_trajectory_destroy(t);
    }
    /* drop_last: floor(10/4) = 2 batches per epoch. */
    rc.drop_last = 1;
    CHECK_EQ_INT(ov_run_steps_per_epoch(loss, &cfg, &rc), 2);
    /* B >= N is full batch. */
    cfg.batch_size = 10;
    CHECK_EQ_INT(ov_run_steps_per_epoch(loss, &cfg, &rc), 1);
    ov_loss_destroy(loss);
    ov_dataset_destroy(d);
}

/* GD on the quadratic: x_k = x_0 (1 - 2 lr)^k exactly when 1 - 2lr is a
 * power of two; lr = 1.5 multiplies by -2 and must be stopped. */
static void
test_gd_and_divergence(void)
{
    ov_loss *loss;
    ov_optim_config cfg;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_trajectory *t;

    CHECK(ov_loss_create(&loss, "quadratic", NULL, OV_REDUCTION_MEAN, NULL)
          == OV_OK);
    ov_optim_config_init(&cfg, OV_ALGO_GD);
    cfg.lr = 0.25;
    rc.steps = 50;
    t = run(loss, &cfg, &rc);
    if (t) {
        long k;
        int exact = 1;
        CHECK_EQ_INT(t->n_rows, 51);
        CHECK_EQ_INT(t->diverged_at, -1);
        for (k = 0; k <= 50; k++)
            exact &= t->rows[k].theta[0] == ldexp(-4.0, (int)-k) &&
                     t->rows[k].theta[1] == ldexp(3.0, (int)-k);
        CHECK(exact);
        CHECK_EQ_BITS(t->rows[1].loss, 4.0 + 2.25);
        CHECK_EQ_BITS(t->rows[1].grad[0], -4.0);
        ov_trajectory_destroy(t);
    }
    cfg.lr = 1.5;
    rc.steps = 100;
    t = run(loss, &cfg, &rc);
    if (t) {
        /* |x_k| = 4 * 2^k passes the bound 1e6 * 10 at k = 22. */
        CHECK_EQ_INT(t->diverged_at, 22);
        CHECK_EQ_INT(t->n_rows, 22);
        ov_trajectory_destroy(t);
    }
    /* Steps beyond the cap are refused before anything is allocated. */
    rc.steps = OV_MAX_STEPS + 1;
    {
        ov_trajectory *tt = NULL;
        ov_error err;
        CHECK(ov_run(&tt, loss, &cfg, &rc, &err) == OV_ERR_TOO_LARGE);
        CHECK(tt == NULL);
    }
    /* A config torch rejects is rejected here. */
    rc.steps = 10;
    cfg.lr = -1;
    {
        ov_trajectory *tt = NULL;
        ov_error err;
        CHECK(ov_run(&tt, loss, &cfg, &rc, &err) == OV_ERR_INVALID_ARG);
    }
    ov_loss_destroy(loss);
}

/* Noise: g = grad f + sigma/sqrt(B) z with one Box-Muller pair per step. */
static void
test_noise(void)
{
    ov_loss *loss;
    ov_optim_config cfg;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_trajectory *t;
    ov_rng rng;

    CHECK(ov_loss_create(&loss, "quadratic", NULL, OV_REDUCTION_MEAN, NULL)
          == OV_OK);
    ov_optim_config_init(&cfg, OV_ALGO_MINIBATCH);
    cfg.batch_size = 4;
    cfg.lr = 0.1;
    rc.steps = 20;
    rc.noise_std = 0.5;
    rc.seed = 3;
    t = run(loss, &cfg, &rc);
    if (t) {
        double x = -4, y = 3, s = 0.5 / sqrt(4.0);
        int k, exact = 1;
        ov_rng_seed(&rng, 3);
        for (k = 1; k <= 20; k++) {
            double z0, z1, g0, g1;
            ov_rng_normal_pair(&rng, &z0, &z1);
            g0 = 2.0 * x + s * z0;
            g1 = 2.0 * y + s * z1;
            x = x + -0.1 * g0;
            y = y + -0.1 * g1;
            exact &= t->rows[k].theta[0] == x && t->rows[k].theta[1] == y;
        }
        CHECK_MSG(exact, "noisy trajectory differs");
        /* the recorded loss stays noise-free */
        CHECK_EQ_BITS(t->rows[20].loss, x * x + y * y);
        ov_trajectory_destroy(t);
    }
    ov_loss_destroy(loss);
}

/* 1-D losses: y stays 0, grad_y 0; seed 004's parabola with lr 0.1. */
static void
test_one_dimensional(void)
{
    ov_loss *loss;
    ov_optim_config cfg;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_trajectory *t;

    CHECK(ov_loss_create(&loss, "parabola", NULL, OV_REDUCTION_MEAN, NULL)
          == OV_OK);
    CHECK_EQ_INT(ov_loss_dim(loss), 1);
    ov_optim_config_init(&cfg, OV_ALGO_GD);
    cfg.lr = 0.1;
    rc.steps = 10;
    t = run(loss, &cfg, &rc);
    if (t) {
        double x = 10;
        int k, exact = 1;
        CHECK_EQ_INT(t->dim, 1);
        for (k = 1; k <= 10; k++) {
            x = x + -0.1 * (2.0 * x);
            exact &= t->rows[k].theta[0] == x && t->rows[k].theta[1] == 0.0 &&
                     t->rows[k].grad[1] == 0.0;
        }
        CHECK(exact);
        ov_trajectory_destroy(t);
    }
    ov_loss_destroy(loss);
}

/* Seed 003's GD run (optimizers.md §8): sum reduction, lr 1, start (-2,-2),
 * 1000 steps ends at (1.7917..., -2.2821...) with a loss of about 2.4e-11. */
static void
test_seed003(void)
{
    ov_dataset *d;
    ov_loss *loss;
    ov_optim_config cfg;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_trajectory *t;

    CHECK(ov_dataset_builtin(&d, OV_DATA_SEED003_SIGMOID) == OV_OK);
    CHECK(ov_loss_create(&loss, "sigmoid", d, OV_REDUCTION_SUM, NULL) == OV_OK);
    ov_optim_config_init(&cfg, OV_ALGO_GD);
    cfg.lr = 1.0;
    rc.steps = 1000;
    rc.has_start = 1;
    rc.start[0] = rc.start[1] = -2;
    t = run(loss, &cfg, &rc);
    if (t) {
        const ov_traj_row *last = &t->rows[1000];
        CHECK_NEAR(last->theta[0], 1.7917, 1e-4);
        CHECK_NEAR(last->theta[1], -2.2821, 1e-4);
        CHECK(last->loss < 1e-10 && last->loss > 1e-12);
        ov_trajectory_destroy(t);
    }
    /* Its minimum is where the sigmoid fits both points exactly. */
    {
        const double *m;
        size_t n = ov_loss_minima(loss, &m);
        CHECK_EQ_INT(n, 1);
        if (n == 1) {
            CHECK_NEAR(m[0], (log(9.0) + log(4.0)) / 2.0, 1e-8);
            CHECK_NEAR(m[1], -log(4.0) - 0.5 * m[0], 1e-8);
        }
    }
    ov_loss_destroy(loss);
    ov_dataset_destroy(d);
}

/* Prodigy's d in every row: d0 at the start, never decreasing (growth
 * rate inf keeps the largest estimate), grown by orders of magnitude on
 * the way to a minimum; NaN for the other optimizers. */
static void
test_d_estimate(void)
{
    ov_loss *loss;
    ov_optim_config cfg;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_trajectory *t;
    size_t k;

    CHECK(ov_loss_create(&loss, "himmelblau", NULL, OV_REDUCTION_MEAN, NULL)
          == OV_OK);
    ov_optim_config_init(&cfg, OV_ALGO_PRODIGY);
    rc.steps = 60;
    t = run(loss, &cfg, &rc);
    if (t) {
        int monotone = 1;

        CHECK_EQ_BITS(t->rows[0].d_estimate, 1e-6);
        for (k = 1; k < t->n_rows; k++)
            monotone &= t->rows[k].d_estimate >= t->rows[k - 1].d_estimate;
        CHECK(monotone);
        CHECK(t->rows[t->n_rows - 1].d_estimate > 1e-2);
    }
    ov_trajectory_destroy(t);
    ov_optim_config_init(&cfg, OV_ALGO_ADAM);
    t = run(loss, &cfg, &rc);
    if (t)
        CHECK(isnan(t->rows[5].d_estimate));
    ov_trajectory_destroy(t);
    ov_loss_destroy(loss);
}

/* Clipping by hand on x^2 + y^2 from (3, 4), gd lr 1: g = (6, 8), |g| =
 * 10.  clip_grad_value_ 1 gives g = (1, 1) and (2, 3); clip_grad_norm_ 5
 * scales by (1 / (10 + 1e-6)) * 5 (torch's reciprocal, then product);
 * both: the norm first, then the clamp.  The lr column is the lr. */
static void
test_clipping(void)
{
    ov_loss *loss;
    ov_optim_config cfg;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_trajectory *t;
    double c = (1.0 / (10.0 + 1e-6)) * 5.0;

    CHECK(ov_loss_create(&loss, "quadratic", NULL, OV_REDUCTION_MEAN, NULL)
          == OV_OK);
    ov_optim_config_init(&cfg, OV_ALGO_GD);
    cfg.lr = 1.0;
    rc.steps = 1;
    rc.has_start = 1;
    rc.start[0] = 3.0;
    rc.start[1] = 4.0;
    rc.clip_value = 1;
    rc.clip_value_max = 1.0;
    t = run(loss, &cfg, &rc);
    if (t) {
        CHECK_EQ_BITS(t->rows[1].theta[0], 2.0);
        CHECK_EQ_BITS(t->rows[1].theta[1], 3.0);
        CHECK_EQ_BITS(t->rows[0].lr, 1.0);
        CHECK_EQ_BITS(t->rows[1].lr, 1.0);
    }
    ov_trajectory_destroy(t);
    rc.clip_value = 0;
    rc.clip_norm = 1;
    rc.clip_norm_max = 5.0;
    t = run(loss, &cfg, &rc);
    if (t) {
        CHECK_EQ_BITS(t->rows[1].theta[0], 3.0 + (-1.0) * (6.0 * c));
        CHECK_EQ_BITS(t->rows[1].theta[1], 4.0 + (-1.0) * (8.0 * c));
    }
    ov_trajectory_destroy(t);
    rc.clip_value = 1;
    rc.clip_value_max = 3.5;      /* after the norm: (3.0000, 3.5) */
    t = run(loss, &cfg, &rc);
    if (t) {
        CHECK_EQ_BITS(t->rows[1].theta[0], 3.0 + (-1.0) * (6.0 * c));
        CHECK_EQ_BITS(t->rows[1].theta[1], 0.5);
    }
    ov_trajectory_destroy(t);
    rc.clip_norm_max = -1.0;
    CHECK_EQ_INT(ov_run(&t, loss, &cfg, &rc, NULL), OV_ERR_INVALID_ARG);
    ov_loss_destroy(loss);
}

int
main(void)
{
    test_minibatch_batches();
    test_gd_and_divergence();
    test_noise();
    test_one_dimensional();
    test_seed003();
    test_d_estimate();
    test_clipping();
    return check_report("test_run");
}
