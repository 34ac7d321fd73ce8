/*
 * test_expr.c: expression losses.  Written-out formulas must agree with
 * the hand-coded catalogue entries (values, gradients, whole trajectories);
 * the parser's precedence, its error reports (status, column, message) and
 * the derivative conventions at kinks are checked one by one.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <optviz/optviz.h>

#include "check.h"
#include "core/alloc_private.h"
#include "core/expr_private.h"

/* |a - b| <= tol * max(|a|, |b|), exact equality included. */
static int
rel_close(double a, double b, double tol)
{
    double m = fmax(fabs(a), fabs(b));

    if (a == b)
        return 1;
    return fabs(a - b) <= tol * m;
}

static ov_loss *
make(const char *text)
{
    ov_loss *l = NULL;
    ov_error err;
    ov_status st = ov_loss_create(&l, text, NULL, OV_REDUCTION_MEAN, &err);

    CHECK_MSG(st == OV_OK, "'%s': %s (column %ld: %s)", text,
              ov_status_str(st), err.column, err.what);
    return st == OV_OK ? l : NULL;
}

static const struct {
    const char *builtin;
    const char *expr;
} pairs[] = {
    { "rosenbrock", "(1-x)^2+100*(y-x^2)^2" },
    { "beale", "(1.5-x+x*y)^2+(2.25-x+x*y^2)^2+(2.625-x+x*y^3)^2" },
    { "himmelblau", "(x^2+y-11)^2 + (x+y^2-7)^2" },
    { "wobbly", "(x^2+y^2)/3 + abs(x)*sqrt(abs(x)+0.1) + 3*sin(x+y) + 3"
                " + 8*exp(-2*((x+1)^2+(y+2)^2))" },
    { "two_minimums", "4-0.5*exp(-((x+2.5)^2+(y+2.5)^2))-3*exp(-(x^2+y^2))" },
    { "hills_and_canyon",
      "(x**2+y**2)/3 + 3*exp(-((x+1)**2+(y+2)**2))"
      " + exp(-1.5*(2*(x+2)**2+(y-0.5)**2))"
      " + 3*exp(-1.5*((x-1)**2+2*(y+1.5)**2))"
      " + 1.5*exp(-((x+1.5)**2+3*(y+0.5)**2)) + 4*(1-exp(-(x+y)**2))" },
    { "cosine", "x*cos(0.15*pi*x)" },
    { "parabola", "x^2" },
};

#define N_PAIRS (sizeof pairs / sizeof pairs[0])

/*
 * Gradients are compared relative to the size of the terms they sum, not
 * to their own size: near a stationary point two large terms cancel and
 * the last few bits depend on the order of additions.  The scale is the
 * gradient's magnitude one grid cell away.
 */
static void
test_matches_builtins(void)
{
    size_t k;

    for (k = 0; k < N_PAIRS; k++) {
        ov_loss *b = make(pairs[k].builtin), *e = make(pairs[k].expr);
        double xl[2], yl[2], worst_v = 0, worst_g = 0;
        int i, j, n = 41, dim;

        if (!b || !e)
            continue;
        dim = ov_loss_dim(b);
        CHECK_EQ_INT(ov_loss_dim(e), dim);
        ov_loss_domain(b, xl, yl);
        for (j = 0; j < (dim == 2 ? n : 1); j++) {
            for (i = 0; i < n; i++) {
                double t[2], gb[2], ge[2], vb, ve, scale;
                t[0] = xl[0] + (xl[1] - xl[0]) * i / (n - 1);
                t[1] = dim == 2 ? yl[0] + (yl[1] - yl[0]) * j / (n - 1) : 0;
                vb = ov_loss_eval(b, t, gb);
                ve = ov_loss_eval(e, t, ge);
                CHECK_MSG(rel_close(ve, vb, 1e-12),
                          "%s at (%g, %g): %.17g vs %.17g",
                          pairs[k].builtin, t[0], t[1], ve, vb);
                /* value-only path (grids) equals the dual path */
                CHECK_EQ_BITS(ov_loss_eval(e, t, NULL), ve);
                worst_v = fmax(worst_v, fabs(ve - vb) / fmax(fabs(vb), 1e-300));
                scale = fmax(fabs(gb[0]), fabs(gb[1]));
                {
                    double u[2] = { t[0] + 0.05, t[1] + (dim == 2 ? 0.05 : 0) };
                    double gu[2];
                    ov_loss_eval(b, u, gu);
                    scale = fmax(scale, fmax(fabs(gu[0]), fabs(gu[1])));
                }
                CHECK_MSG(fabs(ge[0] - gb[0]) <= 1e-12 * scale &&
                          fabs(ge[1] - gb[1]) <= 1e-12 * scale,
                          "%s grad at (%g, %g): (%.17g, %.17g) vs "
                          "(%.17g, %.17g)",
                          pairs[k].builtin, t[0], t[1], ge[0], ge[1], gb[0],
                          gb[1]);
                if (scale > 0)
                    worst_g = fmax(worst_g, fmax(fabs(ge[0] - gb[0]),
                                                 fabs(ge[1] - gb[1])) / scale);
            }
        }
        printf("  %-16s max rel diff: value %.2e, gradient %.2e\n",
               pairs[k].builtin, worst_v, worst_g);
        ov_loss_destroy(b);
        ov_loss_destroy(e);
    }
}

static void
test_trajectories(void)
{
    static const ov_algo algos[] = { OV_ALGO_GD, OV_ALGO_ADAM,
                                     OV_ALGO_MOMENTUM };
    size_t k, a;

    for (k = 0; k < N_PAIRS; k++) {
        ov_loss *b = make(pairs[k].builtin), *e = make(pairs[k].expr);
        if (!b || !e)
            continue;
        for (a = 0; a < sizeof algos / sizeof algos[0]; a++) {
            ov_optim_config cfg;
            ov_run_config rc = OV_RUN_CONFIG_INIT;
            ov_trajectory *tb = NULL, *te = NULL;
            ov_error err;
            double worst = 0;
            size_t r;

            ov_optim_config_init(&cfg, algos[a]);
            cfg.lr = ov_loss_recommended_lr(b, algos[a]);
            rc.steps = 100;
            /* the built-in's start, as the expression's default differs */
            rc.has_start = 1;
            ov_loss_default_start(b, rc.start);
            CHECK(ov_run(&tb, b, &cfg, &rc, &err) == OV_OK);
            CHECK(ov_run(&te, e, &cfg, &rc, &err) == OV_OK);
            if (!tb || !te) {
                ov_trajectory_destroy(tb);
                ov_trajectory_destroy(te);
                continue;
            }
            CHECK_EQ_INT(te->n_rows, tb->n_rows);
            CHECK_EQ_INT(te->diverged_at, tb->diverged_at);
            for (r = 0; r < tb->n_rows && r < te->n_rows; r++) {
                int c;
                for (c = 0; c < 2; c++) {
                    double d = fabs(te->rows[r].theta[c] - tb->rows[r].theta[c])
                             / fmax(1.0, fabs(tb->rows[r].theta[c]));
                    worst = fmax(worst, d);
                }
                CHECK_MSG(rel_close(te->rows[r].loss, tb->rows[r].loss, 1e-12)
                          || fabs(te->rows[r].loss - tb->rows[r].loss) < 1e-14,
                          "%s %s step %zu: loss %.17g vs %.17g",
                          pairs[k].builtin, ov_algo_name(algos[a]), r,
                          te->rows[r].loss, tb->rows[r].loss);
            }
            CHECK_MSG(worst <= 1e-12, "%s %s: theta differs by %.3g",
                      pairs[k].builtin, ov_algo_name(algos[a]), worst);
            ov_trajectory_destroy(tb);
            ov_trajectory_destroy(te);
        }
        ov_loss_destroy(b);
        ov_loss_destroy(e);
    }
}

/* Parsing: precedence, associativity, number forms, constants. */
static void
test_values(void)
{
    static const struct {
        const char *expr;
        double x, y, want;
    } cases[] = {
        { "-x^2", 3, 0, -9 },
        { "-2^2", 0, 0, -4 },
        { "2^3^2", 0, 0, 512 },
        { "2^-1", 0, 0, 0.5 },
        { "2**-x**2", 1, 0, 0.5 },
        { "x**3", -2, 0, -8 },
        { "x^-2", 2, 0, 0.25 },
        { "(x^0.5)", 2.25, 0, 1.5 },
        { "2*-x", 3, 0, -6 },
        { "--x", 3, 0, 3 },
        { "+x", 3, 0, 3 },
        { "1 - 2 - 3", 0, 0, -4 },
        { "8 / 4 / 2", 0, 0, 1 },
        { "2 + 3 * 4", 0, 0, 14 },
        { "(2 + 3) * 4", 0, 0, 20 },
        { "1e-3*x + .5 + 2.5E+1 + 3.", 1000, 0, 29.5 },
        { "pi", 0, 0, 3.141592653589793 },
        { "e", 0, 0, 2.718281828459045 },
        { "exp(1)", 0, 0, 2.718281828459045 },
        { "2exp(0)", 0, 0, NAN },   /* not implicit multiplication */
        { "max(x, y) - min(x, y)", 2, 5, 3 },
        { "pow(x, y)", 2, 10, 1024 },
        { "sigmoid(0) + tanh(0) + abs(-x)", 4, 0, 4.5 },
        { "log(e^2) + sqrt(16) + tan(0) + sin(0) + cos(0)", 0, 0, 7 },
        { " x\t*\n y ", 3, 4, 12 },
        { "x - y", 5, 2, 3 },
    };
    size_t k;

    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        ov_loss *l = NULL;
        ov_error err;
        ov_status st = ov_loss_create(&l, cases[k].expr, NULL,
                                      OV_REDUCTION_MEAN, &err);
        if (isnan(cases[k].want)) {
            CHECK_MSG(st == OV_ERR_FORMAT, "'%s' accepted", cases[k].expr);
            ov_loss_destroy(l);
            continue;
        }
        CHECK_MSG(st == OV_OK, "'%s': %s", cases[k].expr, err.what);
        if (st == OV_OK) {
            double t[2] = { cases[k].x, cases[k].y }, g[2];
            double v = ov_loss_eval(l, t, g);
            CHECK_MSG(fabs(v - cases[k].want) <= 1e-15 * fmax(1, fabs(v)),
                      "'%s' = %.17g, want %.17g", cases[k].expr, v,
                      cases[k].want);
            CHECK_EQ_BITS(ov_loss_eval(l, t, NULL), v);
        }
        ov_loss_destroy(l);
    }
}

/* Forward-mode gradients of every function against central differences. */
static void
test_gradients_fd(void)
{
    static const char *exprs[] = {
        "sin(x)*cos(y) + tan(x/3)",
        "exp(x/2 - y/3) + log(x^2 + y^2 + 1)",
        "sqrt(x^2 + 2*y^2 + 1) + abs(x - 0.3) + tanh(x*y)",
        "sigmoid(2*x - y) / (1 + y^2)",
        "pow(x^2 + 1, y/2) + 2^(x/3) + (y^2+1)^x",
        "max(x^2, y) + min(sin(x), cos(y))",
        "x^3 - 3*x*y^2 + (x - y)^-2",
        "(x^2+1)^1.5 - x/(y^2 + 2)",
    };
    size_t k;
    int i, j;

    for (k = 0; k < sizeof exprs / sizeof exprs[0]; k++) {
        ov_loss *l = make(exprs[k]);
        double worst = 0;
        if (!l)
            continue;
        for (j = 0; j < 9; j++) {
            for (i = 0; i < 9; i++) {
                /* off-grid points, away from kinks and ties */
                double t[2] = { -2.13 + 0.517 * i, -1.87 + 0.473 * j };
                double g[2], h = 1e-6;
                int c;
                ov_loss_eval(l, t, g);
                for (c = 0; c < 2; c++) {
                    double p[2] = { t[0], t[1] }, m[2] = { t[0], t[1] }, fd;
                    p[c] += h;
                    m[c] -= h;
                    fd = (ov_loss_eval(l, p, NULL) - ov_loss_eval(l, m, NULL))
                       / (2 * h);
                    if (!isfinite(g[c]) || !isfinite(fd))
                        continue;   /* (x-y)^-2 at x = y never happens */
                    worst = fmax(worst, fabs(fd - g[c]) / fmax(1, fabs(g[c])));
                    CHECK_MSG(fabs(fd - g[c]) <= 1e-6 * fmax(1, fabs(g[c])),
                              "'%s' d/d%c at (%g, %g): %.12g vs fd %.12g",
                              exprs[k], "xy"[c], t[0], t[1], g[c], fd);
                }
            }
        }
        ov_loss_destroy(l);
    }
}

/* Conventions at kinks follow torch's autograd (checked in torch 1.13). */
static void
test_kinks(void)
{
    static const struct {
        const char *expr;
        double x, y, gx, gy;
    } cases[] = {
        { "abs(x)", 0, 0, 0, 0 },
        { "abs(x) + abs(y)", -1, 1, -1, 1 },
        { "max(x, y)", 1, 1, 0.5, 0.5 },
        { "min(x, y)", 1, 1, 0.5, 0.5 },
        { "max(x, y)", 2, 1, 1, 0 },
        { "min(x, y)", 2, 1, 0, 1 },
        { "max(x^2, 2*y)", 2, 2, 2, 1 },       /* tie: half of 4 and of 2 */
        { "sqrt(x)", 0, 0, INFINITY, 0 },
        { "x^2", 0, 0, 0, 0 },
        { "x^0", 0, 0, 0, 0 },
        { "pow(x, y)", 0, 2, 0, 0 },           /* a = 0, b >= 0: log term 0 */
        { "x^y", 3, 0, 0, 1.0986122886681098 }, /* b = 0: base term 0 */
    };
    size_t k;

    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        ov_loss *l = make(cases[k].expr);
        double t[2] = { cases[k].x, cases[k].y }, g[2];
        if (!l)
            continue;
        ov_loss_eval(l, t, g);
        CHECK_MSG(g[0] == cases[k].gx && fabs(g[1] - cases[k].gy) < 1e-15,
                  "'%s' at (%g, %g): grad (%.17g, %.17g), want (%g, %g)",
                  cases[k].expr, t[0], t[1], g[0], g[1], cases[k].gx,
                  cases[k].gy);
        ov_loss_destroy(l);
    }
    /* negative base, variable exponent: torch's NaN */
    {
        ov_loss *l = make("x^y");
        double t[2] = { -2, 2 }, g[2];
        if (l) {
            CHECK_EQ_BITS(ov_loss_eval(l, t, g), 4.0);
            CHECK(g[0] == -4.0);
            CHECK(isnan(g[1]));
        }
        ov_loss_destroy(l);
    }
}

static void
test_errors(void)
{
    static const struct {
        const char *expr;
        ov_status st;
        long column;
        const char *what;
    } cases[] = {
        { "sinn(x)", OV_ERR_FORMAT, 1, "unknown function 'sinn'" },
        { "x + sinn (x)", OV_ERR_FORMAT, 5, "unknown function 'sinn'" },
        { "x+z", OV_ERR_FORMAT, 3, "unknown variable 'z'" },
        { "x-z", OV_ERR_FORMAT, 3, "unknown variable 'z'" },
        { "X^2", OV_ERR_FORMAT, 1, "unknown variable 'X'" },
        { "(x+1))", OV_ERR_FORMAT, 6, "unexpected ')'" },
        { "(x+1", OV_ERR_FORMAT, 5, "expected ')'" },
        { "exp(x", OV_ERR_FORMAT, 6, "expected ')'" },
        { "max(x y)", OV_ERR_FORMAT, 7, "expected ')'" },
        { "x+", OV_ERR_FORMAT, 3, "unexpected end of expression" },
        { "x**", OV_ERR_FORMAT, 4, "unexpected end of expression" },
        { "x+*y", OV_ERR_FORMAT, 3, "unexpected '*'" },
        { "()", OV_ERR_FORMAT, 2, "unexpected ')'" },
        { "max(x,)", OV_ERR_FORMAT, 7, "unexpected ')'" },
        { "x,y", OV_ERR_FORMAT, 2, "unexpected ','" },
        { "2x", OV_ERR_FORMAT, 2, "unexpected 'x' (missing operator?)" },
        { "x y", OV_ERR_FORMAT, 3, "unexpected 'y' (missing operator?)" },
        { "pi(2)", OV_ERR_FORMAT, 3, "unexpected '(' (missing operator?)" },
        { "x*#", OV_ERR_FORMAT, 3, "unexpected character '#'" },
        { "x\x01", OV_ERR_FORMAT, 2, "unexpected byte 0x01" },
        { "1.2.3*x", OV_ERR_FORMAT, 1, "malformed number '1.2.3'" },
        { "x+1e+", OV_ERR_FORMAT, 3, "malformed number '1e+'" },
        { "x*1e", OV_ERR_FORMAT, 3, "malformed number '1e'" },
        { "1e999*x", OV_ERR_FORMAT, 1, "number out of range '1e999'" },
        { "max(x)", OV_ERR_FORMAT, 1, "'max' takes 2 arguments" },
        { "sin(x,y)", OV_ERR_FORMAT, 6, "'sin' takes 1 argument" },
        { "sin x", OV_ERR_FORMAT, 5, "expected '(' after 'sin'" },
        { "", OV_ERR_FORMAT, 1, "empty expression" },
        { "   ", OV_ERR_FORMAT, 1, "empty expression" },
        /* bare words are names, for the CLI's "did you mean" */
        { "rosenbrok", OV_ERR_NOT_FOUND, 0, "rosenbrok" },
        { "six-hump-camle", OV_ERR_NOT_FOUND, 0, "six-hump-camle" },
        { "sin", OV_ERR_NOT_FOUND, 0, "sin" },
        { "z", OV_ERR_NOT_FOUND, 0, "z" },
    };
    size_t k;

    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        ov_loss *l = NULL;
        ov_error err;
        ov_status st;

        memset(&err, 0x55, sizeof err);
        st = ov_loss_create(&l, cases[k].expr, NULL, OV_REDUCTION_MEAN, &err);
        CHECK_MSG(st == cases[k].st, "'%s': status %s", cases[k].expr,
                  ov_status_str(st));
        CHECK(l == NULL);
        if (st != cases[k].st)
            continue;
        CHECK_EQ_INT(err.status, st);
        CHECK_MSG(err.column == cases[k].column, "'%s': column %ld, want %ld",
                  cases[k].expr, err.column, cases[k].column);
        CHECK_EQ_STR(err.what, cases[k].what);
        ov_loss_destroy(l);
    }
}

static void
test_limits(void)
{
    static char buf[OV__EXPR_MAX_LEN + 64];
    ov_loss *l = NULL;
    ov_error err;
    int i, n;

    /* nesting far beyond the cap: an error, not a stack overflow */
    n = 0;
    for (i = 0; i < 1000; i++)
        buf[n++] = '(';
    buf[n++] = 'x';
    for (i = 0; i < 1000; i++)
        buf[n++] = ')';
    buf[n] = '\0';
    CHECK(ov_loss_create(&l, buf, NULL, OV_REDUCTION_MEAN, &err)
          == OV_ERR_FORMAT);
    CHECK_EQ_STR(err.what, "expression nested too deeply");
    n = 0;
    for (i = 0; i < 1000; i++)
        buf[n++] = '-';
    buf[n++] = 'x';
    buf[n] = '\0';
    CHECK(ov_loss_create(&l, buf, NULL, OV_REDUCTION_MEAN, &err)
          == OV_ERR_FORMAT);
    /* moderate nesting is fine */
    n = 0;
    for (i = 0; i < 100; i++)
        buf[n++] = '(';
    buf[n++] = 'x';
    for (i = 0; i < 100; i++)
        buf[n++] = ')';
    buf[n] = '\0';
    l = make(buf);
    ov_loss_destroy(l);
    /* a long flat sum is fine up to the length cap, then refused */
    n = 0;
    buf[n++] = 'x';
    while (n + 2 <= OV__EXPR_MAX_LEN) {
        buf[n++] = '+';
        buf[n++] = 'y';
    }
    buf[n] = '\0';
    l = make(buf);
    if (l) {
        double t[2] = { 1, 2 }, g[2];
        CHECK_NEAR(ov_loss_eval(l, t, g), 1 + 2 * ((n - 1) / 2), 0);
        CHECK_EQ_INT(g[1], (n - 1) / 2);
    }
    ov_loss_destroy(l);
    strcat(buf, "+y+y");
    CHECK(ov_loss_create(&l, buf, NULL, OV_REDUCTION_MEAN, &err)
          == OV_ERR_FORMAT);
    CHECK_EQ_INT(err.column, OV__EXPR_MAX_LEN + 1);
}

/* Random junk never crashes; every outcome is OK, FORMAT or NOT_FOUND. */
static void
test_junk(void)
{
    static const char alphabet[] = "xy()+-*/^,.e0123456789 pisncomaqrtlgbdhE#";
    uint64_t s = 0x9E3779B97F4A7C15u;
    int k, ok = 0, bad = 0;

    for (k = 0; k < 20000; k++) {
        char text[40];
        int n, i;
        ov_loss *l = NULL;
        ov_error err;
        ov_status st;

        s = s * 6364136223846793005u + 1442695040888963407u;
        n = (int)(s >> 59) + 1;
        for (i = 0; i < n; i++) {
            s = s * 6364136223846793005u + 1442695040888963407u;
            text[i] = alphabet[(s >> 33) % (sizeof alphabet - 1)];
        }
        text[n] = '\0';
        st = ov_loss_create(&l, text, NULL, OV_REDUCTION_MEAN, &err);
        if (st == OV_OK) {
            double t[2] = { 0.7, -1.3 }, g[2];
            ov_loss_eval(l, t, g);
            ok++;
        } else {
            CHECK_MSG(st == OV_ERR_FORMAT || st == OV_ERR_NOT_FOUND,
                      "'%s': %s", text, ov_status_str(st));
            if (st == OV_ERR_FORMAT)
                CHECK_MSG(err.column >= 1 && err.column <= n + 1 &&
                          err.what[0] != '\0', "'%s': column %ld", text,
                          err.column);
            bad++;
        }
        ov_loss_destroy(l);
    }
    CHECK(ok > 100 && bad > 100);
}

static void
test_loss_facts(void)
{
    ov_loss *l = make("(1-x)^2+100*(y-x^2)^2");
    ov_loss *c = make("x*cos(0.15*pi*x)");
    double xl[2], yl[2], st[2];
    const double *m;
    const char *xn, *yn, *zn;

    if (l) {
        CHECK_EQ_STR(ov_loss_name(l), "(1-x)^2+100*(y-x^2)^2");
        CHECK_EQ_STR(ov_loss_formula(l), "(1-x)^2+100*(y-x^2)^2");
        CHECK_EQ_INT(ov_loss_dim(l), 2);
        CHECK(ov_loss_dataset(l) == NULL);
        ov_loss_domain(l, xl, yl);
        CHECK(xl[0] == -5 && xl[1] == 5 && yl[0] == -5 && yl[1] == 5);
        ov_loss_default_start(l, st);
        CHECK(st[0] == -3 && st[1] == 4);
        CHECK_EQ_INT(ov_loss_minima(l, &m), 0);
        ov_loss_axis_names(l, &xn, &yn, &zn);
        CHECK_EQ_STR(xn, "x");
        CHECK_EQ_STR(yn, "y");
        CHECK_EQ_STR(zn, "f");
        /* curvature ~1e4 at (-3, 4): gd 1/L, momentum 0.5/L, rounded */
        CHECK(ov_loss_recommended_lr(l, OV_ALGO_GD) == 5e-5);
        CHECK(ov_loss_recommended_lr(l, OV_ALGO_NAG) == 2e-5);
        CHECK(ov_loss_recommended_lr(l, OV_ALGO_ADAGRAD) == 0.3);
        CHECK(ov_loss_recommended_lr(l, OV_ALGO_ADAM) == 0.1);
        CHECK(ov_loss_recommended_lr(l, OV_ALGO_ADADELTA) == 10.0);
    }
    if (c) {
        CHECK_EQ_INT(ov_loss_dim(c), 1);
        /* gentle curvature: the plain cautious rates */
        CHECK(ov_loss_recommended_lr(c, OV_ALGO_GD) == 0.01);
        CHECK(ov_loss_recommended_lr(c, OV_ALGO_MOMENTUM) == 0.01);
        ov_loss_domain(c, xl, yl);
        CHECK(xl[0] == -5 && xl[1] == 5);
        ov_loss_default_start(c, st);
        CHECK(st[0] == -3 && st[1] == 0);
    }
    ov_loss_destroy(l);
    ov_loss_destroy(c);

    /* 1-D detection */
    {
        static const struct { const char *e; int dim; } d[] = {
            { "x^2", 1 }, { "x*cos(0.15*pi*x)", 1 }, { "3", 1 },
            { "exp(-x)*pi", 1 }, { "y", 2 }, { "x^2 + 0*y", 2 },
            { "x + y", 2 }, { "max(x, y)", 2 },
        };
        size_t k;
        for (k = 0; k < sizeof d / sizeof d[0]; k++) {
            ov_loss *e = make(d[k].e);
            if (e) {
                double t[2] = { 1.5, NAN }, g[2] = { 7, 7 };
                CHECK_MSG(ov_loss_dim(e) == d[k].dim, "'%s' dim %d", d[k].e,
                          ov_loss_dim(e));
                if (d[k].dim == 1) {
                    /* theta[1] is never read, grad[1] is 0 */
                    CHECK(isfinite(ov_loss_eval(e, t, g)));
                    CHECK(g[1] == 0.0);
                }
            }
            ov_loss_destroy(e);
        }
    }
    /* hyphenated catalogue names */
    l = make("six-hump-camel");
    if (l)
        CHECK_EQ_STR(ov_loss_name(l), "six_hump_camel");
    ov_loss_destroy(l);
}

/*
 * Default learning rates of expressions: from the default start, every
 * optimizer runs 100 steps without diverging and lowers the loss, even on
 * steep formulas (gd and momentum scale theirs down by the curvature).
 */
static void
test_expression_lrs(void)
{
    static const char *exprs[] = {
        "(1-x)^2+100*(y-x^2)^2",
        "(1.5-x+x*y)^2+(2.25-x+x*y^2)^2+(2.625-x+x*y^3)^2",
        "(x^2+y-11)^2 + (x+y^2-7)^2",
        "x^2 + y^2", "100*x^2 + y^2", "x^4 + y^4", "abs(x) + abs(y)",
        "x*cos(0.15*pi*x)", "(x-1)^2", "1000*(x^2+y^2)",
        "-20*exp(-0.2*sqrt(0.5*(x^2+y^2)))-exp(0.5*(cos(2*pi*x)+cos(2*pi*y)))"
        "+e+20",
    };
    size_t k;
    int a;

    for (k = 0; k < sizeof exprs / sizeof exprs[0]; k++) {
        ov_loss *l = make(exprs[k]);
        double st[2], f0;
        if (!l)
            continue;
        ov_loss_default_start(l, st);
        f0 = ov_loss_eval(l, st, NULL);
        for (a = 0; a < OV_ALGO_COUNT; a++) {
            ov_optim_config cfg;
            ov_run_config rc = OV_RUN_CONFIG_INIT;
            ov_trajectory *t = NULL;
            ov_error err;
            double lr = ov_loss_recommended_lr(l, (ov_algo)a);

            ov_optim_config_init(&cfg, (ov_algo)a);
            cfg.lr = lr;
            rc.steps = 100;
            CHECK(lr > 0 && lr <= 10.0);
            if (ov_run(&t, l, &cfg, &rc, &err) != OV_OK) {
                CHECK_MSG(0, "%s: %s", exprs[k], err.what);
                continue;
            }
            /* ackley is a field of local traps: only no divergence */
            CHECK_MSG(t->diverged_at == -1 &&
                      (t->rows[t->n_rows - 1].loss < f0 ||
                       strstr(exprs[k], "cos(2*pi*x)") != NULL),
                      "'%s' %s lr %g: diverged at %ld, loss %g from %g",
                      exprs[k], ov_algo_name((ov_algo)a), lr, t->diverged_at,
                      t->rows[t->n_rows - 1].loss, f0);
            ov_trajectory_destroy(t);
        }
        ov_loss_destroy(l);
    }
}

static void
test_alloc_failure(void)
{
    unsigned long n;
    int saw_ok = 0;

    for (n = 1; n < 20 && !saw_ok; n++) {
        ov_loss *l = NULL;
        ov_error err;
        ov_status st;
        ov__alloc_fail_after(n);
        st = ov_loss_create(&l, "sin(x)*y + 1", NULL, OV_REDUCTION_MEAN, &err);
        ov__alloc_fail_after(0);
        CHECK(st == OV_OK || st == OV_ERR_NOMEM);
        CHECK((st == OV_OK) == (l != NULL));
        saw_ok = st == OV_OK;
        ov_loss_destroy(l);
    }
    CHECK(saw_ok);
}

static double
seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Prints, does not assert: machines differ. */
static void
test_grid_timing(void)
{
    static double gb[400 * 400], ge[400 * 400];
    ov_loss *b = make("rosenbrock"), *e = make("(1-x)^2+100*(y-x^2)^2");
    double t0, t1, t2, t3, t4, same = 0;
    int rep, i, reps = 5;

    if (!b || !e)
        return;
    t0 = seconds();
    for (rep = 0; rep < reps; rep++)
        ov_loss_eval_grid(b, -2, 2, 400, -1, 3, 400, gb);
    t1 = seconds();
    for (rep = 0; rep < reps; rep++)
        ov_loss_eval_grid(e, -2, 2, 400, -1, 3, 400, ge);
    t2 = seconds();
    for (i = 0; i < 400 * 400; i++)
        same = fmax(same, fabs(ge[i] - gb[i]) / fmax(fabs(gb[i]), 1e-300));
    CHECK(same <= 1e-12);
    /* value and gradient, as a trajectory needs */
    t3 = seconds();
    for (i = 0; i < 400 * 400; i++) {
        double t[2] = { -2 + 0.01 * (i % 400), -1 + 0.01 * (i / 400) }, g[2];
        ge[i] = ov_loss_eval(e, t, g) + g[0];
    }
    t4 = seconds();
    printf("  400x400 rosenbrock grid: built-in %.2f ms, expression %.2f ms "
           "(x%.1f); expression with gradient %.2f ms\n",
           1e3 * (t1 - t0) / reps, 1e3 * (t2 - t1) / reps,
           (t2 - t1) / fmax(t1 - t0, 1e-9), 1e3 * (t4 - t3));
    ov_loss_destroy(b);
    ov_loss_destroy(e);
}

int
main(void)
{
    test_matches_builtins();
    test_trajectories();
    test_values();
    test_gradients_fd();
    test_kinks();
    test_errors();
    test_limits();
    test_junk();
    test_loss_facts();
    test_expression_lrs();
    test_alloc_failure();
    test_grid_timing();
    return check_report("test_expr");
}
