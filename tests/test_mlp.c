/*
 * test_mlp.c: the network losses against torch (tests/data/mlp, made by
 * tools/mlp_ref.py from the documented data, init and network, with torch
 * autograd and torch.optim in float64).
 *
 * g_* cases: the initial parameters bit for bit, the loss and gradient at
 * random points to 1e-12 relative (the gradient relative to its largest
 * component).  r_* cases: full-dimensional runs step by step.  Torch sums
 * a matrix product and a mean in its own order, so the last bits differ
 * and a run's differences grow with the steps; each row must agree to
 * 1e-9 relative (the vector's largest component, at least 1).  lbfgs's
 * twenty iterations a step amplify them more (its two-loop recursion
 * divides by small curvature pairs): 1e-8 for it; r_lbfgs1, one iteration
 * a step, stays within 1e-12 over 40 steps, which shows the rule itself
 * is torch's.
 * Also: the N-dimensional synthetic losses' gradients by central
 * differences, spec errors, and that a 2-D loss's trajectory carries its
 * full vectors.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/optviz.h>

#include "check.h"

#define MAXPAR 4096

typedef struct ref_case {
    char name[64];
    char loss[256];
    char algo[32];
    double lr;
    long steps, batch, max_iter;
    int wolfe;
    unsigned long seed;
} ref_case;

static int
parse_case(const char *line, ref_case *c)
{
    char buf[1024], *tok, *save = NULL, *prev = NULL;

    memset(c, 0, sizeof *c);
    c->steps = 20;
    snprintf(buf, sizeof buf, "%s", line);
    tok = strtok_r(buf, " \t\n", &save);
    if (!tok || tok[0] == '#')
        return 0;
    snprintf(c->name, sizeof c->name, "%s", tok);
    while ((tok = strtok_r(NULL, " \t\n", &save))) {
        if (prev) {
            if (!strcmp(prev, "--loss"))
                snprintf(c->loss, sizeof c->loss, "%s", tok);
            else if (!strcmp(prev, "--algo"))
                snprintf(c->algo, sizeof c->algo, "%s", tok);
            else if (!strcmp(prev, "--lr"))
                c->lr = atof(tok);
            else if (!strcmp(prev, "--steps"))
                c->steps = atol(tok);
            else if (!strcmp(prev, "--batch-size"))
                c->batch = atol(tok);
            else if (!strcmp(prev, "--max-iter"))
                c->max_iter = atol(tok);
            else if (!strcmp(prev, "--line-search"))
                c->wolfe = 1;
            else if (!strcmp(prev, "--seed"))
                c->seed = strtoul(tok, NULL, 10);
        }
        prev = tok;
    }
    return 1;
}

static ov_loss *
make(const ref_case *c)
{
    ov_loss *loss = NULL;
    ov_error err;

    memset(&err, 0, sizeof err);
    CHECK_MSG(ov_loss_create_seeded(&loss, c->loss, NULL, OV_REDUCTION_MEAN,
                                    c->seed, &err) == OV_OK, "%s: %s",
              c->loss, err.what);
    return loss;
}

static double worst_loss, worst_grad, worst_run;

static void
grad_case(const ref_case *c)
{
    char path[512], line[512];
    ov_loss *loss = make(c);
    FILE *f;
    int dim, point = -3, npts = 0;
    double theta[MAXPAR], gref[MAXPAR], g[MAXPAR], start[MAXPAR], fref = 0;

    if (!loss)
        return;
    dim = ov_loss_dim(loss);
    CHECK(dim > 2 && dim <= MAXPAR);
    ov_loss_start(loss, start);
    snprintf(path, sizeof path, "%s/mlp/%s.csv", OV_TEST_DATA, c->name);
    f = fopen(path, "r");
    CHECK_MSG(f != NULL, "%s", path);
    if (!f)
        goto done;
    if (!fgets(line, sizeof line, f))
        goto done;
    for (;;) {
        int pt = -3, k = 0, more;
        double a = 0, b = 0, d = 0;

        more = fgets(line, sizeof line, f) != NULL;
        if (more)
            CHECK(sscanf(line, "%d,%d,%lf,%lf,%lf", &pt, &k, &a, &b, &d)
                  == 5);
        if (point >= 0 && pt != point) {
            /* point `point` complete: compare */
            double fl = ov_loss_eval(loss, theta, g), gmax = 0, gerr = 0;
            int i;
            for (i = 0; i < dim; i++) {
                gmax = fmax(gmax, fabs(gref[i]));
                gerr = fmax(gerr, fabs(g[i] - gref[i]));
            }
            worst_loss = fmax(worst_loss, fabs(fl - fref) / fabs(fref));
            worst_grad = fmax(worst_grad, gerr / gmax);
            CHECK_MSG(fabs(fl - fref) <= 1e-12 * fabs(fref),
                      "%s point %d: loss %.17g, torch %.17g", c->name, point,
                      fl, fref);
            CHECK_MSG(gerr <= 1e-12 * gmax, "%s point %d: gradient off by "
                      "%.3g of %.3g", c->name, point, gerr, gmax);
            npts++;
        }
        if (!more)
            break;
        point = pt;
        if (pt == -2) {
            CHECK(k < dim);
            if (k < dim)
                CHECK_EQ_BITS(start[k], a);
        } else if (pt >= 0 && k < dim) {
            theta[k] = a;
            fref = b;
            gref[k] = d;
        }
    }
    CHECK(npts >= 2);
done:
    if (f)
        fclose(f);
    ov_loss_destroy(loss);
}

static void
run_case(const ref_case *c)
{
    char path[512];
    static char line[1 << 16];
    ov_loss *loss = make(c);
    ov_optim_config cfg;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_trajectory *tr = NULL;
    ov_algo algo;
    ov_error err;
    FILE *f = NULL;
    long rows = 0;

    if (!loss)
        return;
    CHECK(ov_algo_from_name(c->algo, &algo) == OV_OK);
    ov_optim_config_init(&cfg, algo);
    cfg.lr = c->lr;
    cfg.batch_size = c->batch;
    if (c->max_iter)
        cfg.max_iter = c->max_iter;
    if (c->wolfe)
        cfg.line_search = OV_LINE_SEARCH_STRONG_WOLFE;
    rc.steps = c->steps;
    rc.seed = c->seed;
    memset(&err, 0, sizeof err);
    CHECK_MSG(ov_run(&tr, loss, &cfg, &rc, &err) == OV_OK, "%s: %s",
              c->name, err.what);
    if (!tr)
        goto done;
    CHECK_EQ_INT(tr->n_rows, c->steps + 1);
    CHECK_EQ_INT(tr->dim, ov_loss_dim(loss));
    snprintf(path, sizeof path, "%s/mlp/%s.csv", OV_TEST_DATA, c->name);
    f = fopen(path, "r");
    CHECK_MSG(f != NULL, "%s", path);
    if (!f || !fgets(line, sizeof line, f))
        goto done;
    while (fgets(line, sizeof line, f)) {
        char *p = line, *e;
        long step = strtol(p, &e, 10);
        double fl, err_max = 0, scale = 1;
        double tol = algo == OV_ALGO_LBFGS && c->max_iter != 1 ? 1e-8 : 1e-9;
        int k;

        if (step < 0 || (size_t)step >= tr->n_rows)
            break;
        fl = strtod(e + 1, &e);
        for (k = 0; k < tr->dim; k++) {
            double v = strtod(e + 1, &e);
            double mine = tr->params[(size_t)step * (size_t)tr->dim +
                                     (size_t)k];
            scale = fmax(scale, fabs(v));
            err_max = fmax(err_max, fabs(mine - v));
        }
        worst_run = fmax(worst_run, err_max / scale);
        if (getenv("MLP_VERBOSE"))
            printf("%s %ld %.3g\n", c->name, step, err_max / scale);
        CHECK_MSG(err_max <= tol * scale, "%s step %ld: parameters off by "
                  "%.3g", c->name, step, err_max);
        CHECK_MSG(fabs(tr->rows[step].loss - fl) <= tol * fmax(1, fabs(fl)),
                  "%s step %ld: loss %.17g, torch %.17g", c->name, step,
                  tr->rows[step].loss, fl);
        rows++;
    }
    CHECK_EQ_INT(rows, c->steps + 1);
done:
    if (f)
        fclose(f);
    ov_trajectory_destroy(tr);
    ov_loss_destroy(loss);
}

static void
test_references(void)
{
    char path[512], line[1024];
    FILE *f;
    int ng = 0, nr = 0;

    snprintf(path, sizeof path, "%s/mlp/cases.txt", OV_TEST_DATA);
    f = fopen(path, "r");
    CHECK(f != NULL);
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        ref_case c;
        if (!parse_case(line, &c))
            continue;
        if (c.name[0] == 'g') {
            grad_case(&c);
            ng++;
        } else if (c.name[0] == 'r') {
            run_case(&c);
            nr++;
        }
    }
    fclose(f);
    CHECK(ng >= 5);
    CHECK(nr >= 10);
    printf("worst relative: loss %.3g, gradient %.3g, run %.3g\n",
           worst_loss, worst_grad, worst_run);
}

/* The N-dimensional surfaces: their gradients by central differences. */
static void
test_ndim_gradients(void)
{
    static const char *const specs[] = {
        "quadratic:dim=7:cond=50", "rosenbrock:dim=6", "saddle:dim=5",
        "mlp:layers=3:data=blobs:n=9"
    };
    size_t s;

    for (s = 0; s < sizeof specs / sizeof *specs; s++) {
        ov_loss *loss = NULL;
        double x[16], g[16], p[16], q[16];
        int n, k;

        CHECK(ov_loss_create(&loss, specs[s], NULL, OV_REDUCTION_MEAN, NULL)
              == OV_OK);
        if (!loss)
            continue;
        n = ov_loss_dim(loss);
        CHECK(n <= 16);
        ov_loss_start(loss, x);
        for (k = 0; k < n; k++)
            x[k] += 0.1 * sin(3.0 * k + 1.0);
        ov_loss_eval(loss, x, g);
        for (k = 0; k < n; k++) {
            double h = 1e-6, fd;
            memcpy(p, x, sizeof p);
            memcpy(q, x, sizeof q);
            p[k] += h;
            q[k] -= h;
            fd = (ov_loss_eval(loss, p, NULL) - ov_loss_eval(loss, q, NULL))
                 / (2 * h);
            CHECK_MSG(fabs(fd - g[k]) <= 1e-6 * fmax(1, fabs(g[k])),
                      "%s: d/dx%d %.10g, differences %.10g", specs[s], k,
                      g[k], fd);
        }
        ov_loss_destroy(loss);
    }
}

static void
test_spec_errors(void)
{
    static const struct { const char *spec; long column; } bad[] = {
        { "mlp:layers=0", 12 }, { "mlp:act=gelu", 9 }, { "mlp:out=ce", 9 },
        { "mlp:n=1", 7 }, { "mlp:noise=-1", 11 }, { "mlp:width=3", 5 },
        { "mlp:layers", 5 }, { "quadratic:dim=1", 15 },
        { "quadratic:cond=0.5", 16 }, { "rosenbrock:cond=3", 12 },
        { "mlp:layers=4x", 12 },
    };
    size_t i;

    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        ov_loss *loss = NULL;
        ov_error err;
        memset(&err, 0, sizeof err);
        CHECK_MSG(ov_loss_create(&loss, bad[i].spec, NULL,
                                 OV_REDUCTION_MEAN, &err) == OV_ERR_FORMAT,
                  "%s", bad[i].spec);
        CHECK_MSG(err.column == bad[i].column, "%s: column %ld",
                  bad[i].spec, err.column);
        CHECK(loss == NULL);
        ov_loss_destroy(loss);
    }
    {
        ov_loss *loss = NULL;
        ov_error err;
        memset(&err, 0, sizeof err);
        CHECK(ov_loss_create(&loss, "mlp:data=/nonexistent.csv", NULL,
                             OV_REDUCTION_MEAN, &err) == OV_ERR_IO);
        CHECK(loss == NULL);
    }
}

/* A two-parameter loss: params and grads repeat theta and grad. */
static void
test_full_vectors_2d(void)
{
    ov_loss *loss = NULL;
    ov_optim_config cfg;
    ov_run_config rc = OV_RUN_CONFIG_INIT;
    ov_trajectory *tr = NULL;
    size_t r;

    CHECK(ov_loss_create(&loss, "rosenbrock", NULL, OV_REDUCTION_MEAN, NULL)
          == OV_OK);
    ov_optim_config_init(&cfg, OV_ALGO_ADAM);
    cfg.lr = 0.05;
    rc.steps = 20;
    CHECK(ov_run(&tr, loss, &cfg, &rc, NULL) == OV_OK);
    if (tr) {
        CHECK(tr->params && tr->grads);
        for (r = 0; r < tr->n_rows; r++) {
            CHECK_EQ_BITS(tr->params[2 * r], tr->rows[r].theta[0]);
            CHECK_EQ_BITS(tr->params[2 * r + 1], tr->rows[r].theta[1]);
            CHECK_EQ_BITS(tr->grads[2 * r], tr->rows[r].grad[0]);
            CHECK_EQ_BITS(tr->grads[2 * r + 1], tr->rows[r].grad[1]);
        }
    }
    ov_trajectory_destroy(tr);
    ov_loss_destroy(loss);
}

/* data=FILE.csv: blobs30.csv holds g_blobs's points as mlp_ref.py wrote
 * them, so the network on it is the built-in one, bit for bit. */
static void
test_csv_data(void)
{
    char spec[600];
    ov_loss *a = NULL, *b = NULL;
    ov_error err;
    double th[64], ga[64], gb[64];
    int k, n;

    snprintf(spec, sizeof spec, "mlp:layers=5:data=%s/mlp/blobs30.csv",
             OV_TEST_DATA);
    memset(&err, 0, sizeof err);
    CHECK_MSG(ov_loss_create_seeded(&a, spec, NULL, OV_REDUCTION_MEAN, 2,
                                    &err) == OV_OK, "%s", err.what);
    CHECK(ov_loss_create_seeded(&b, "mlp:layers=5:data=blobs:n=30:noise=0",
                                NULL, OV_REDUCTION_MEAN, 2, NULL) == OV_OK);
    if (a && b) {
        n = ov_loss_dim(a);
        CHECK_EQ_INT(n, 21);
        CHECK_EQ_INT(ov_loss_example_count(a), 30);
        ov_loss_start(a, th);
        for (k = 0; k < n; k++)
            th[k] += 0.3 * cos(k);
        CHECK_EQ_BITS(ov_loss_eval(a, th, ga), ov_loss_eval(b, th, gb));
        for (k = 0; k < n; k++)
            CHECK_EQ_BITS(ga[k], gb[k]);
    }
    ov_loss_destroy(a);
    ov_loss_destroy(b);
}

int
main(void)
{
    test_csv_data();
    test_references();
    test_ndim_gradients();
    test_spec_errors();
    test_full_vectors_2d();
    return check_report("mlp");
}
