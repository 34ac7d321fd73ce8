/*
 * test_signal.c: seed 001's gradient signals and the responses to them.
 *
 * Signals against their definitions (spikes where t mod 60 = 0, the
 * rectangles' levels, the sawtooth's two ramps, the noise as the portable
 * stream's draws) and deterministic per seed; responses against
 * independent recursions (momentum, Adagrad, Adadelta) and against
 * tests/data/response_seed001.csv: seed 001's own numpy sketches where
 * torch's API expresses them exactly, torch 1.13 for RMSprop and Adam
 * (made by tests/data/response_seed001.py).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/optviz.h>

#include "check.h"

#define N 300

static size_t
find(const char *name)
{
    size_t i = 99;
    CHECK_EQ_INT(ov_signal_find(name, &i), OV_OK);
    return i;
}

static void
test_catalogue(void)
{
    static const char *const want[] = { "spikes", "rectangles", "noisy-sin",
                                        "very-noisy-sin", "sawtooth",
                                        "saturation" };
    size_t i, k = 0;

    CHECK_EQ_INT(ov_signal_count(), 6);
    for (i = 0; i < 6; i++) {
        CHECK_EQ_STR(ov_signal_name(i), want[i]);
        CHECK(ov_signal_formula(i) && strlen(ov_signal_formula(i)) > 10);
        CHECK_EQ_INT(find(want[i]), i);
    }
    CHECK(ov_signal_name(6) == NULL && ov_signal_formula(6) == NULL);
    CHECK_EQ_INT(find("Noisy_Sin"), 2);
    CHECK_EQ_INT(find("very noisy sin"), 3);
    CHECK_EQ_INT(find("uneven_sawtooth"), 4);
    CHECK_EQ_INT(ov_signal_find("spike", &k), OV_ERR_NOT_FOUND);
    CHECK_EQ_INT(ov_signal_find("", &k), OV_ERR_NOT_FOUND);
    CHECK_EQ_INT(ov_signal_find(NULL, &k), OV_ERR_NOT_FOUND);
}

static void
test_definitions(void)
{
    double g[N];
    size_t t;
    int ok;

    CHECK_EQ_INT(ov_signal_generate(find("spikes"), 7, g, N), OV_OK);
    ok = 1;
    for (t = 0; t < N; t++)
        ok &= g[t] == ((t == 0 || t == 60 || t == 120 || t == 180 || t == 240)
                       ? 1.0 : 0.0);
    CHECK_MSG(ok, "spikes only at 0, 60, ..., 240");

    CHECK_EQ_INT(ov_signal_generate(find("rectangles"), 7, g, N), OV_OK);
    CHECK(g[0] == 1.0 && g[19] == 1.0 && g[20] == -1.0 && g[39] == -1.0 &&
          g[40] == 1.0 && g[260] == -1.0 && g[299] == 1.0);
    ok = 1;
    for (t = 0; t < N; t++)
        ok &= fabs(g[t]) == 1.0;
    CHECK_MSG(ok, "rectangles take only the levels -1 and 1");

    CHECK_EQ_INT(ov_signal_generate(find("sawtooth"), 7, g, N), OV_OK);
    /* Steep ramps to 3.8 up to t = 80, then shallow ones to 0.95. */
    CHECK_EQ_BITS(g[0], 0.0);
    CHECK_EQ_BITS(g[5], 1.0);
    CHECK_EQ_BITS(g[19], 3.8);
    CHECK_EQ_BITS(g[20], 0.0);
    CHECK_EQ_BITS(g[79], 3.8);
    CHECK_EQ_BITS(g[80], 0.0);
    CHECK_EQ_BITS(g[81], 0.05);
    CHECK_EQ_BITS(g[99], 0.95);
    CHECK_EQ_BITS(g[299], 0.95);
    ok = 1;
    for (t = 1; t < N; t++)
        if (t % 20 != 0)
            ok &= g[t] > g[t - 1];
    CHECK_MSG(ok, "sawtooth rises within each tooth");

    CHECK_EQ_INT(ov_signal_generate(find("saturation"), 7, g, N), OV_OK);
    CHECK(g[0] == 1.0 && g[39] == 1.0 && g[40] == 0.0 && g[79] == 0.0 &&
          g[80] == 1.0 && g[299] == 0.0);

    /* Noise: the t-th uniform draw of the stream seeded with the seed. */
    for (int k = 0; k < 2; k++) {
        double amp = k == 0 ? 1.0 : 0.2;
        ov_rng rng;
        ov_rng_seed(&rng, 413);
        CHECK_EQ_INT(ov_signal_generate(find(k == 0 ? "noisy-sin"
                                                   : "very-noisy-sin"),
                                        413, g, N), OV_OK);
        ok = 1;
        double lo = 1.0, hi = -1.0;
        for (t = 0; t < N; t++) {
            double u = ov_rng_uniform(&rng);
            double base = k == 0 ? sin(t / 20.0) : sin(t / 20.0) / 5.0;
            ok &= g[t] == base + u - 0.5;
            lo = fmin(lo, g[t] - amp * sin(t / 20.0));
            hi = fmax(hi, g[t] - amp * sin(t / 20.0));
        }
        CHECK_MSG(ok, "noisy signal %d is sin plus the stream's uniforms", k);
        /* 300 uniforms spread over nearly all of [-0.5, 0.5). */
        CHECK(lo >= -0.5 - 1e-12 && lo < -0.45 && hi < 0.5 + 1e-12
              && hi > 0.45);
    }
}

static void
test_determinism(void)
{
    double a[N], b[N], c[N], d[50];
    size_t s = find("noisy-sin");

    CHECK_EQ_INT(ov_signal_generate(s, 1, a, N), OV_OK);
    CHECK_EQ_INT(ov_signal_generate(s, 1, b, N), OV_OK);
    CHECK_EQ_INT(ov_signal_generate(s, 2, c, N), OV_OK);
    CHECK_EQ_INT(ov_signal_generate(s, 1, d, 50), OV_OK);
    CHECK(memcmp(a, b, sizeof a) == 0);
    CHECK(memcmp(a, c, sizeof a) != 0);
    CHECK_MSG(memcmp(a, d, sizeof d) == 0, "a shorter signal is a prefix");
    /* Deterministic signals do not depend on the seed. */
    CHECK_EQ_INT(ov_signal_generate(find("rectangles"), 1, a, N), OV_OK);
    CHECK_EQ_INT(ov_signal_generate(find("rectangles"), 99, b, N), OV_OK);
    CHECK(memcmp(a, b, sizeof a) == 0);
    CHECK_EQ_INT(ov_signal_generate(6, 1, a, N), OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_signal_generate(0, 1, NULL, 3), OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_signal_generate(0, 1, NULL, 0), OV_OK);
}

static double
max_rel(const double *a, const double *b, size_t n)
{
    double m = 0.0;
    for (size_t i = 0; i < n; i++) {
        double d = fabs(a[i] - b[i]) / fmax(fabs(b[i]), 1e-3);
        if (!(d <= m))
            m = d;
    }
    return m;
}

static void
test_recursions(void)
{
    double g[N], r[N], want[N];
    ov_optim_config c;
    ov_error err;

    /* Momentum: v = mu v + g, response lr v (seed 001's EDM). */
    static const double mus[3] = { 0.25, 0.9, 0.975 };
    static const char *const sigs[3] = { "spikes", "rectangles", "noisy-sin" };
    for (int s = 0; s < 3; s++) {
        CHECK_EQ_INT(ov_signal_generate(find(sigs[s]), 5, g, N), OV_OK);
        for (int k = 0; k < 3; k++) {
            ov_optim_config_init(&c, OV_ALGO_MOMENTUM);
            c.lr = 0.25;
            c.momentum = mus[k];
            CHECK_EQ_INT(ov_signal_response(&c, g, N, r, &err), OV_OK);
            double v = 0.0;
            for (size_t t = 0; t < N; t++) {
                v = mus[k] * v + g[t];
                want[t] = 0.25 * v;
            }
            CHECK_MSG(max_rel(r, want, N) < 1e-11, "momentum %g on %s: %g",
                      mus[k], sigs[s], max_rel(r, want, N));
        }
    }
    /* By hand: mu = 0.9 on spikes. */
    CHECK_EQ_INT(ov_signal_generate(find("spikes"), 0, g, N), OV_OK);
    ov_optim_config_init(&c, OV_ALGO_MOMENTUM);
    c.lr = 0.25;
    CHECK_EQ_INT(ov_signal_response(&c, g, N, r, &err), OV_OK);
    CHECK_NEAR(r[0], 0.25, 1e-15);
    CHECK_NEAR(r[1], 0.225, 1e-15);
    CHECK_NEAR(r[60], 0.25 * (1.0 + pow(0.9, 60)), 1e-13);

    /* Adagrad with eps inside the sqrt (seed 001) is torch's Adagrad with
     * initial_accumulator_value = eps and eps = 0. */
    CHECK_EQ_INT(ov_signal_generate(find("very-noisy-sin"), 3, g, N), OV_OK);
    ov_optim_config_init(&c, OV_ALGO_ADAGRAD);
    c.lr = 2.5;
    c.eps = 0.0;
    c.initial_accumulator_value = 0.1;
    CHECK_EQ_INT(ov_signal_response(&c, g, N, r, &err), OV_OK);
    double G = 0.0;
    for (size_t t = 0; t < N; t++) {
        G += g[t] * g[t];
        want[t] = 2.5 / sqrt(G + 0.1) * g[t];
    }
    CHECK_MSG(max_rel(r, want, N) < 1e-11, "adagrad: %g", max_rel(r, want, N));

    /* RMSprop as torch: v = a v + (1-a) g^2, lr g/(sqrt v + eps). */
    CHECK_EQ_INT(ov_signal_generate(find("sawtooth"), 3, g, N), OV_OK);
    ov_optim_config_init(&c, OV_ALGO_RMSPROP);
    c.lr = 0.25;
    c.alpha = 0.975;
    CHECK_EQ_INT(ov_signal_response(&c, g, N, r, &err), OV_OK);
    double sq = 0.0;
    for (size_t t = 0; t < N; t++) {
        sq = 0.975 * sq + 0.025 * g[t] * g[t];
        want[t] = 0.25 * g[t] / (sqrt(sq) + 1e-8);
    }
    CHECK_MSG(max_rel(r, want, N) < 1e-11, "rmsprop: %g", max_rel(r, want, N));

    /* Adadelta with a big start (seed 001's BigStart, u0 = 50). */
    CHECK_EQ_INT(ov_signal_generate(find("saturation"), 3, g, N), OV_OK);
    ov_optim_config_init(&c, OV_ALGO_ADADELTA);
    c.lr = 1.0;
    c.rho = 0.9;
    c.eps = 1e-3;
    c.initial_acc_delta = 50.0;
    CHECK_EQ_INT(ov_signal_response(&c, g, N, r, &err), OV_OK);
    double eg = 0.0, ed = 50.0;
    for (size_t t = 0; t < N; t++) {
        eg = 0.9 * eg + 0.1 * g[t] * g[t];
        double v = sqrt(ed + 1e-3) / sqrt(eg + 1e-3) * g[t];
        want[t] = v;
        ed = 0.9 * ed + 0.1 * v * v;
    }
    CHECK_MSG(max_rel(r, want, N) < 1e-11, "adadelta: %g", max_rel(r, want, N));
    /* The big first step the seed shows: sqrt(50.001)/sqrt(0.101). */
    CHECK_NEAR(r[0], sqrt(50.001) / sqrt(0.101), 1e-12);
}

/* The reference file: case,t,value. */
static void
test_reference(void)
{
    FILE *f = fopen(OV_TEST_DATA "/response_seed001.csv", "r");
    CHECK(f != NULL);
    if (!f)
        return;
    char line[256], cur[64] = "";
    double want[N], g[N], r[N];
    int ncases = 0;
    size_t n = 0;
    CHECK(fgets(line, sizeof line, f) != NULL);   /* header */
    for (;;) {
        char name[64] = "";
        int t = -1;
        double v = 0.0;
        int got = fgets(line, sizeof line, f) != NULL;
        if (got)
            CHECK(sscanf(line, "%63[^,],%d,%lf", name, &t, &v) == 3);
        if ((!got || strcmp(name, cur) != 0) && cur[0]) {
            /* Finish the case in cur: "<algo>_<param>_<signal>". */
            char algo[32], sig[32];
            double p;
            CHECK(sscanf(cur, "%31[^_]_%lf_%31s", algo, &p, sig) == 3);
            CHECK_EQ_INT(n, N);
            ov_optim_config c;
            if (strcmp(algo, "momentum") == 0) {
                ov_optim_config_init(&c, OV_ALGO_MOMENTUM);
                c.lr = 0.25;
                c.momentum = p;
            } else if (strcmp(algo, "adagrad") == 0) {
                ov_optim_config_init(&c, OV_ALGO_ADAGRAD);
                c.lr = 2.5;
                c.eps = 0.0;
                c.initial_accumulator_value = p;
            } else if (strncmp(algo, "adadelta", 8) == 0) {
                ov_optim_config_init(&c, OV_ALGO_ADADELTA);
                c.rho = p;
                c.eps = 1e-3;
                c.initial_acc_delta = strcmp(algo, "adadeltabig") == 0 ? 50.0
                                                                        : 0.0;
            } else if (strcmp(algo, "rmsprop") == 0) {
                ov_optim_config_init(&c, OV_ALGO_RMSPROP);
                c.lr = 0.25;
                c.alpha = p;
            } else {
                CHECK_EQ_STR(algo, "adam");
                ov_optim_config_init(&c, OV_ALGO_ADAM);
                c.lr = 0.25;
                c.beta1 = p;
            }
            ov_error err;
            CHECK_EQ_INT(ov_signal_generate(find(sig), 0, g, N), OV_OK);
            CHECK_EQ_INT(ov_signal_response(&c, g, N, r, &err), OV_OK);
            double m = max_rel(r, want, N);
            CHECK_MSG(m < 1e-12, "%s: relative error %g", cur, m);
            ncases++;
            n = 0;
        }
        if (!got)
            break;
        snprintf(cur, sizeof cur, "%s", name);
        if (t >= 0 && t < N)
            want[t] = v;
        CHECK_EQ_INT(t, (int)n);
        n++;
    }
    fclose(f);
    CHECK_EQ_INT(ncases, 7);
}

static void
test_run(void)
{
    ov_optim_config c;
    ov_trajectory *t = NULL;
    ov_error err;
    double g[N + 1], r[N];

    ov_optim_config_init(&c, OV_ALGO_ADAM);
    c.lr = 0.25;
    CHECK_EQ_INT(ov_signal_run(&t, find("noisy-sin"), 0, 11, &c, &err), OV_OK);
    if (t) {
        CHECK_EQ_INT(t->n_rows, N + 1);
        CHECK_EQ_INT(t->dim, 1);
        CHECK_EQ_INT(t->diverged_at, -1);
        CHECK_EQ_STR(t->label, "adam");
        CHECK(t->config.lr == 0.25);
        CHECK_EQ_INT(ov_signal_generate(find("noisy-sin"), 11, g, N + 1),
                     OV_OK);
        CHECK_EQ_INT(ov_signal_response(&c, g, N, r, &err), OV_OK);
        int ok = t->rows[0].theta[0] == 0.0;
        for (size_t k = 0; k <= N; k++) {
            const ov_traj_row *row = &t->rows[k];
            ok &= row->step == (long)k && row->grad[0] == g[k] &&
                  row->theta[1] == 0.0 && row->loss == 0.0;
            if (k < N)
                ok &= t->rows[k].theta[0] - t->rows[k + 1].theta[0] == r[k];
        }
        CHECK_MSG(ok, "rows: the signal and theta, differences = responses");
        ov_trajectory_destroy(t);
    }
    t = NULL;
    CHECK_EQ_INT(ov_signal_run(&t, 0, 25, 0, &c, &err), OV_OK);
    CHECK(t && t->n_rows == 26);
    ov_trajectory_destroy(t);

    /* Errors. */
    t = NULL;
    CHECK_EQ_INT(ov_signal_run(&t, 6, 10, 0, &c, &err), OV_ERR_INVALID_ARG);
    CHECK_EQ_INT(ov_signal_run(&t, 0, OV_MAX_STEPS + 1, 0, &c, &err),
                 OV_ERR_TOO_LARGE);
    c.lr = -1.0;
    memset(&err, 0, sizeof err);
    CHECK_EQ_INT(ov_signal_run(&t, 0, 10, 0, &c, &err), OV_ERR_INVALID_ARG);
    CHECK_MSG(strstr(err.what, "learning rate") != NULL, "%s", err.what);
    CHECK_EQ_INT(ov_signal_response(&c, g, 10, r, &err), OV_ERR_INVALID_ARG);
    CHECK(t == NULL);

    /* Divergence: momentum with an enormous lr overflows to infinity. */
    ov_optim_config_init(&c, OV_ALGO_MOMENTUM);
    c.lr = 1e308;
    CHECK_EQ_INT(ov_signal_run(&t, find("rectangles"), 50, 0, &c, &err), OV_OK);
    if (t) {
        CHECK(t->diverged_at > 0 && t->diverged_at < 10);
        CHECK_EQ_INT(t->n_rows, t->diverged_at);
        ov_trajectory_destroy(t);
    }
    CHECK_EQ_INT(ov_signal_generate(find("rectangles"), 0, g, 50), OV_OK);
    CHECK_EQ_INT(ov_signal_response(&c, g, 50, r, &err), OV_OK);
    CHECK(isnan(r[49]));

    CHECK(ov_signal_recommended_lr(OV_ALGO_ADAGRAD) == 2.5);
    CHECK(ov_signal_recommended_lr(OV_ALGO_ADADELTA) == 1.0);
    CHECK(ov_signal_recommended_lr(OV_ALGO_MOMENTUM) == 0.25);
    CHECK(ov_signal_recommended_lr(OV_ALGO_ADAM) == 0.25);
}

int
main(void)
{
    test_catalogue();
    test_definitions();
    test_determinism();
    test_recursions();
    test_reference();
    test_run();
    return check_report("test_signal");
}
