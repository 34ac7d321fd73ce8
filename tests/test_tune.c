/*
 * test_tune.c: the learning-rate search (optviz/tune.h): the grid, the
 * winner against a brute-force loop over ov_run, the same result on one,
 * two or four threads (the tool's map function) and in any order, the
 * distance objective, how diverged runs rank, and the checks of the
 * config.
 */
#include <math.h>
#include <string.h>

#include <optviz/optviz.h>

#include "check.h"
#include "testutil.h"
#include "cli_private.h"

/* ---- map functions ------------------------------------------------------ */

/* Last task first. */
static void
map_reverse(void *payload, size_t n, ov_tune_task_fn fn, void *task)
{
    (void)payload;
    for (size_t i = n; i-- > 0;)
        fn(task, i);
}

/* ---- helpers ------------------------------------------------------------ */

static ov_tune_result *
search(const ov_loss *loss, const ov_optim_config *cfgs, size_t n,
       const ov_run_config *rc, const ov_tune_config *tc, ov_tune_map_fn map,
       void *payload)
{
    ov_tune_result *r = NULL;
    ov_error err;
    memset(&err, 0, sizeof err);
    ov_status st = ov_tune_search(&r, loss, cfgs, n, rc, tc, map, payload,
                                  &err);
    CHECK_MSG(st == OV_OK, "search: %s %s", ov_status_str(st), err.what);
    return r;
}

static int
same_points(const ov_tune_point *a, const ov_tune_point *b)
{
    return memcmp(&a->lr, &b->lr, sizeof a->lr) == 0
           && memcmp(&a->objective, &b->objective, sizeof a->objective) == 0
           && memcmp(&a->final_loss, &b->final_loss, sizeof(double)) == 0
           && a->diverged_at == b->diverged_at;
}

static int
same_results(const ov_tune_result *a, const ov_tune_result *b)
{
    if (!a || !b || a->n != b->n || a->config.n != b->config.n)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        if (a->series[i].best != b->series[i].best
            || !same_points(&a->series[i].def, &b->series[i].def))
            return 0;
        for (int k = 0; k < a->config.n; k++)
            if (!same_points(&a->series[i].grid[k], &b->series[i].grid[k]))
                return 0;
    }
    return 1;
}

static ov_tune_config
grid(double lo, double hi, int n, ov_tune_objective obj)
{
    ov_tune_config tc = OV_TUNE_CONFIG_INIT;
    tc.lr_lo = lo;
    tc.lr_hi = hi;
    tc.n = n;
    tc.objective = obj;
    return tc;
}

static ov_optim_config
config(ov_algo algo, double lr)
{
    ov_optim_config c;
    ov_optim_config_init(&c, algo);
    c.lr = lr;
    return c;
}

static ov_run_config
steps(long n)
{
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    rc.steps = n;
    return rc;
}

/* ---- tests -------------------------------------------------------------- */

static void
test_grid(void)
{
    static const struct { double lo, hi; int n; } g[] = {
        { 1e-4, 1.0, 41 }, { 0.3, 7.0, 2 }, { 1e-6, 10.0, 1000 },
        { 2e-3, 2.5e-3, 3 },
    };
    for (size_t c = 0; c < sizeof g / sizeof g[0]; c++) {
        ov_tune_config tc = grid(g[c].lo, g[c].hi, g[c].n,
                                 OV_TUNE_FINAL_LOSS);
        for (int k = 0; k < tc.n; k++)
            CHECK_EQ_BITS(ov_tune_grid_lr(&tc, k),
                          g[c].lo * pow(g[c].hi / g[c].lo,
                                        (double)k / (double)(g[c].n - 1)));
        CHECK_EQ_BITS(ov_tune_grid_lr(&tc, 0), g[c].lo);
        CHECK_NEAR(ov_tune_grid_lr(&tc, tc.n - 1), g[c].hi, 1e-15 * g[c].hi);
        for (int k = 1; k < tc.n; k++)
            CHECK(ov_tune_grid_lr(&tc, k) > ov_tune_grid_lr(&tc, k - 1));
    }
}

/* The winner and every point equal a plain loop over ov_run. */
static void
test_brute_force(ov_tune_objective obj)
{
    ov_loss *loss = tu_loss("rosenbrock");
    const double *mins;
    size_t nm = ov_loss_minima(loss, &mins);
    ov_optim_config cfgs[3];
    ov_algo algos[3] = { OV_ALGO_GD, OV_ALGO_ADAM, OV_ALGO_MOMENTUM };
    for (int i = 0; i < 3; i++) {
        ov_optim_config_init(&cfgs[i], algos[i]);
        cfgs[i].lr = ov_loss_recommended_lr(loss, algos[i]);
    }
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    rc.steps = 60;
    ov_tune_config tc = grid(1e-4, 1.0, 13, obj);
    ov_tune_result *r = search(loss, cfgs, 3, &rc, &tc, NULL, NULL);
    CHECK(nm > 0);
    for (size_t i = 0; r && i < 3; i++) {
        int best = -1, best_div = 1;
        double best_obj = INFINITY;
        for (int k = 0; k <= tc.n; k++) {
            ov_optim_config c = cfgs[i];
            if (k < tc.n)
                c.lr = tc.lr_lo * pow(tc.lr_hi / tc.lr_lo,
                                      (double)k / (tc.n - 1));
            ov_trajectory *t = NULL;
            ov_error err;
            CHECK_EQ_INT(ov_run(&t, loss, &c, &rc, &err), OV_OK);
            if (!t)
                continue;
            const ov_traj_row *last = &t->rows[t->n_rows - 1];
            double o = last->loss;
            if (obj == OV_TUNE_DISTANCE) {
                o = INFINITY;
                for (size_t m = 0; m < nm; m++)
                    o = fmin(o, hypot(last->theta[0] - mins[2 * m],
                                      last->theta[1] - mins[2 * m + 1]));
            }
            int div = t->diverged_at >= 0;
            const ov_tune_point *p = k < tc.n ? &r->series[i].grid[k]
                                              : &r->series[i].def;
            CHECK_EQ_BITS(p->lr, c.lr);
            CHECK_EQ_INT(p->diverged_at, t->diverged_at);
            CHECK_EQ_BITS(p->final_loss, last->loss);
            if (!div)
                CHECK_EQ_BITS(p->objective, o);
            else
                CHECK(isinf(p->objective));
            /* strictly better only: ties stay with the smaller rate */
            if (k < tc.n && (best < 0 || (best_div && !div)
                             || (!div && !best_div && o < best_obj))) {
                best = k;
                best_div = div;
                best_obj = o;
            }
            ov_trajectory_destroy(t);
        }
        CHECK_EQ_INT(r->series[i].best, best);
        CHECK_EQ_INT(r->series[i].grid[best].diverged_at >= 0, best_div);
    }
    ov_tune_result_destroy(r);
    ov_loss_destroy(loss);
}

/* One thread, two threads, four, backwards: the same bits. */
static void
test_threads(void)
{
    ov_loss *loss = tu_loss("rastrigin");
    ov_optim_config cfgs[4];
    ov_algo algos[4] = { OV_ALGO_GD, OV_ALGO_MOMENTUM, OV_ALGO_RMSPROP,
                         OV_ALGO_ADAM };
    for (int i = 0; i < 4; i++) {
        ov_optim_config_init(&cfgs[i], algos[i]);
        cfgs[i].lr = ov_loss_recommended_lr(loss, algos[i]);
    }
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    rc.steps = 100;
    rc.noise_std = 0.5;          /* seeded noise: still the same bits */
    rc.seed = 7;
    ov_tune_config tc = OV_TUNE_CONFIG_INIT;
    tc.n = 25;
    long one = 1, two = 2, four = 4;     /* the tool's map function */
    ov_tune_result *a = search(loss, cfgs, 4, &rc, &tc, NULL, NULL);
    ov_tune_result *b = search(loss, cfgs, 4, &rc, &tc,
                               ov__cli_tune_map, &one);
    ov_tune_result *c = search(loss, cfgs, 4, &rc, &tc,
                               ov__cli_tune_map, &two);
    ov_tune_result *d = search(loss, cfgs, 4, &rc, &tc,
                               ov__cli_tune_map, &four);
    ov_tune_result *e = search(loss, cfgs, 4, &rc, &tc, map_reverse, NULL);
    CHECK(same_results(a, b));
    CHECK(same_results(a, c));
    CHECK(same_results(a, d));
    CHECK(same_results(a, e));
    ov_tune_result_destroy(a);
    ov_tune_result_destroy(b);
    ov_tune_result_destroy(c);
    ov_tune_result_destroy(d);
    ov_tune_result_destroy(e);
    ov_loss_destroy(loss);
}

static void
test_ranking(void)
{
    ov_tune_point fin = { 0.1, 2.0, 2.0, -1 };
    ov_tune_point fin_small = { 0.01, 2.0, 2.0, -1 };
    ov_tune_point better = { 1.0, 1.0, 1.0, -1 };
    ov_tune_point div = { 1e-5, INFINITY, 3.0, 4 };
    ov_tune_point div2 = { 1e-6, INFINITY, 1e9, 2 };
    ov_tune_point nan_obj = { 1e-6, NAN, NAN, -1 };
    CHECK(ov_tune_point_compare(&better, &fin) < 0);
    CHECK(ov_tune_point_compare(&fin, &better) > 0);
    CHECK(ov_tune_point_compare(&fin_small, &fin) < 0);   /* tie: smaller lr */
    CHECK(ov_tune_point_compare(&fin, &div) < 0);         /* diverged last */
    CHECK(ov_tune_point_compare(&div2, &div) < 0);        /* both: smaller */
    CHECK(ov_tune_point_compare(&fin, &nan_obj) < 0);
    CHECK(ov_tune_point_compare(&fin, &fin) == 0);

    /* gd on rosenbrock: the large rates diverge and rank last; a grid
     * where every rate diverges gives its smallest. */
    ov_loss *loss = tu_loss("rosenbrock");
    ov_optim_config cfg = config(OV_ALGO_GD, 1e-3);
    ov_run_config rc = steps(100);
    ov_tune_config tc = grid(1e-4, 1.0, 9, OV_TUNE_FINAL_LOSS);
    ov_tune_result *r = search(loss, &cfg, 1, &rc, &tc, NULL, NULL);
    if (r) {
        const ov_tune_series *s = &r->series[0];
        CHECK(s->grid[tc.n - 1].diverged_at >= 0);
        CHECK(isinf(s->grid[tc.n - 1].objective));
        CHECK(s->grid[s->best].diverged_at < 0);
        for (int k = 0; k < tc.n; k++)
            CHECK(ov_tune_point_compare(&s->grid[s->best], &s->grid[k]) <= 0);
    }
    ov_tune_result_destroy(r);
    tc = grid(10.0, 100.0, 4, OV_TUNE_FINAL_LOSS);
    r = search(loss, &cfg, 1, &rc, &tc, NULL, NULL);
    if (r) {
        for (int k = 0; k < tc.n; k++)
            CHECK(r->series[0].grid[k].diverged_at >= 0);
        CHECK_EQ_INT(r->series[0].best, 0);
    }
    ov_tune_result_destroy(r);
    ov_loss_destroy(loss);
}

static void
test_errors(void)
{
    ov_loss *loss = tu_loss("rosenbrock");
    ov_optim_config cfg = config(OV_ALGO_GD, 1e-3);
    ov_run_config rc = steps(5);
    static const struct { double lo, hi; int n; const char *what; } bad[] = {
        { 0.0, 1.0, 5, "lr" }, { -1.0, 1.0, 5, "lr" }, { 1.0, 1.0, 5, "lr" },
        { 2.0, 1.0, 5, "lr" }, { 1e-3, INFINITY, 5, "lr" },
        { 1e-3, 1.0, 1, "n" }, { 1e-3, 1.0, 1001, "n" },
    };
    for (size_t c = 0; c < sizeof bad / sizeof bad[0]; c++) {
        ov_tune_config tc = grid(bad[c].lo, bad[c].hi, bad[c].n,
                                 OV_TUNE_FINAL_LOSS);
        ov_tune_result *r = (ov_tune_result *)&tc;
        ov_error err;
        memset(&err, 0, sizeof err);
        CHECK_EQ_INT(ov_tune_search(&r, loss, &cfg, 1, &rc, &tc, NULL, NULL,
                                    &err), OV_ERR_INVALID_ARG);
        CHECK(r == NULL);
        CHECK_EQ_STR(err.what, bad[c].what);
    }
    /* distance needs a known minimum: an expression has none */
    ov_loss *expr = tu_loss("x*x + y");
    const double *pts;
    CHECK_EQ_INT(ov_loss_minima(expr, &pts), 0);
    ov_tune_config tc = OV_TUNE_CONFIG_INIT;
    tc.objective = OV_TUNE_DISTANCE;
    ov_tune_result *r = NULL;
    ov_error err;
    memset(&err, 0, sizeof err);
    CHECK_EQ_INT(ov_tune_search(&r, expr, &cfg, 1, &rc, &tc, NULL, NULL,
                                &err), OV_ERR_UNSUPPORTED);
    CHECK_EQ_STR(err.what, "distance");
    tc.objective = OV_TUNE_FINAL_LOSS;
    r = search(expr, &cfg, 1, &rc, &tc, NULL, NULL);
    ov_tune_result_destroy(r);

    ov_tune_objective o = OV_TUNE_DISTANCE;
    CHECK_EQ_INT(ov_tune_objective_find("final-loss", &o), OV_OK);
    CHECK_EQ_INT(o, OV_TUNE_FINAL_LOSS);
    CHECK_EQ_INT(ov_tune_objective_find("distance", &o), OV_OK);
    CHECK_EQ_INT(o, OV_TUNE_DISTANCE);
    CHECK_EQ_INT(ov_tune_objective_find("loss", &o), OV_ERR_NOT_FOUND);
    CHECK_EQ_STR(ov_tune_objective_name(OV_TUNE_FINAL_LOSS), "final-loss");
    ov_tune_result_destroy(NULL);
    ov_loss_destroy(expr);
    ov_loss_destroy(loss);
}

int
main(void)
{
    test_grid();
    test_brute_force(OV_TUNE_FINAL_LOSS);
    test_brute_force(OV_TUNE_DISTANCE);
    test_threads();
    test_ranking();
    test_errors();
    return check_report("tune");
}
