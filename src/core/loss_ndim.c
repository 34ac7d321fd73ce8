/*
 * loss_ndim.c: surfaces of N parameters, to show what a plane hides.
 *
 *   quadratic:dim=N:cond=K   f = 1/2 sum_i l_i x_i^2, l_i = K^(i/(N-1))
 *                            (1 to K, log-spaced: condition number K);
 *                            start x_i = 1, minimum 0 at the origin
 *   rosenbrock:dim=N         f = sum_{i<N-1} 100 (x_{i+1} - x_i^2)^2 +
 *                            (1 - x_i)^2; start -1.2, 1, -1.2, ...;
 *                            minimum 0 at (1, ..., 1)
 *   saddle:dim=N             f = 1/2 sum_{i<N-1} x_i^2 + x_{N-1}^4/4 -
 *                            x_{N-1}^2/2: a saddle at the origin with one
 *                            direction of negative curvature, minima -1/4
 *                            at x_{N-1} = +-1; start x_i = 1, x_{N-1} =
 *                            1e-3
 *
 * dim defaults to 10 (2 to 100000), cond to 10 (>= 1).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "error_private.h"
#include "loss_private.h"

#define NDIM_MAX 100000

typedef enum { ND_QUADRATIC, ND_ROSENBROCK, ND_SADDLE } nd_kind;

typedef struct ndim {
    nd_kind kind;
    size_t n;
    double *lambda;     /* quadratic: the curvatures */
} ndim;

static const char *const kind_names[] = { "quadratic", "rosenbrock",
                                          "saddle" };

int
ov__is_nd_spec(const char *spec)
{
    size_t k, len;

    if (strncmp(spec, "mlp", 3) == 0 && (spec[3] == ':' || !spec[3]))
        return 1;
    for (k = 0; k < sizeof kind_names / sizeof *kind_names; k++) {
        len = strlen(kind_names[k]);
        if (strncmp(spec, kind_names[k], len) == 0 && spec[len] == ':')
            return 1;
    }
    return 0;
}

static double
nd_eval(const void *impl, const double *x, double *g)
{
    const ndim *m = impl;
    size_t n = m->n, i;
    double f = 0.0;

    switch (m->kind) {
    case ND_QUADRATIC:
        for (i = 0; i < n; i++) {
            f += 0.5 * m->lambda[i] * x[i] * x[i];
            if (g)
                g[i] = m->lambda[i] * x[i];
        }
        break;
    case ND_ROSENBROCK:
        if (g)
            memset(g, 0, n * sizeof *g);
        for (i = 0; i + 1 < n; i++) {
            double a = x[i + 1] - x[i] * x[i], b = 1.0 - x[i];
            f += 100.0 * a * a + b * b;
            if (g) {
                g[i] += -400.0 * a * x[i] - 2.0 * b;
                g[i + 1] += 200.0 * a;
            }
        }
        break;
    case ND_SADDLE:
        for (i = 0; i + 1 < n; i++) {
            f += 0.5 * x[i] * x[i];
            if (g)
                g[i] = x[i];
        }
        {
            double z = x[n - 1];
            f += 0.25 * z * z * z * z - 0.5 * z * z;
            if (g)
                g[n - 1] = z * z * z - z;
        }
        break;
    }
    return f;
}

static void
nd_destroy(void *impl)
{
    ndim *m = impl;

    if (!m)
        return;
    ov__free(m->lambda);
    ov__free(m);
}

static const ov__nd_ops nd_ops = { nd_eval, NULL, NULL, nd_destroy, NULL };

static double
nice_below(double v)
{
    double p = pow(10.0, floor(log10(v)));
    double q = v / p;

    return (q >= 5.0 ? 5.0 : q >= 2.0 ? 2.0 : 1.0) * p;
}

ov_status
ov__ndim_create(struct ov_loss *loss, const char *spec, ov_error *err)
{
    ov__loss_def *d = &loss->nd_def;
    const char *p;
    long dim = 10;
    double cond = 10.0;
    size_t k, i;
    ndim *m;

    for (k = 0; k < sizeof kind_names / sizeof *kind_names; k++)
        if (strncmp(spec, kind_names[k], strlen(kind_names[k])) == 0)
            break;
    if (k == sizeof kind_names / sizeof *kind_names)
        return ov__error_set(err, OV_ERR_NOT_FOUND, 0, 0, "%s", spec);
    m = ov__calloc(1, sizeof *m);
    if (!m)
        return OV_ERR_NOMEM;
    loss->nd = m;
    loss->nd_ops = &nd_ops;
    m->kind = (nd_kind)k;
    p = spec + strlen(kind_names[k]);
    while (*p == ':') {
        const char *key = p + 1, *val, *end = strchr(key, ':');
        char *e;

        if (!end)
            end = key + strlen(key);
        if (strncmp(key, "dim=", 4) == 0) {
            val = key + 4;
            dim = strtol(val, &e, 10);
            if (e == val || e != end || dim < 2 || dim > NDIM_MAX)
                return ov__error_set(err, OV_ERR_FORMAT, 0,
                                     (long)(val - spec) + 1, "dim: a whole "
                                     "number, 2 to %d", NDIM_MAX);
        } else if (k == ND_QUADRATIC && strncmp(key, "cond=", 5) == 0) {
            val = key + 5;
            cond = strtod(val, &e);
            if (e == val || e != end || !(cond >= 1.0) || !isfinite(cond))
                return ov__error_set(err, OV_ERR_FORMAT, 0,
                                     (long)(val - spec) + 1,
                                     "cond: a number >= 1");
        } else {
            return ov__error_set(err, OV_ERR_FORMAT, 0, (long)(key - spec) + 1,
                                 "unknown key '%.*s' (%s)", (int)(end - key),
                                 key, k == ND_QUADRATIC ? "dim, cond"
                                                        : "dim");
        }
        p = end;
    }
    if (*p)
        return ov__error_set(err, OV_ERR_FORMAT, 0, (long)(p - spec) + 1,
                             "expected ':KEY=VALUE'");
    m->n = (size_t)dim;
    loss->nd_start = ov__malloc3(m->n, 1, sizeof(double));
    if (!loss->nd_start)
        return OV_ERR_NOMEM;
    if (k == ND_QUADRATIC) {
        m->lambda = ov__malloc3(m->n, 1, sizeof(double));
        if (!m->lambda)
            return OV_ERR_NOMEM;
        for (i = 0; i < m->n; i++)
            m->lambda[i] = pow(cond, (double)i / (double)(m->n - 1));
    }
    for (i = 0; i < m->n; i++)
        loss->nd_start[i] = k == ND_ROSENBROCK ? (i % 2 ? 1.0 : -1.2) : 1.0;
    if (k == ND_SADDLE)
        loss->nd_start[m->n - 1] = 1e-3;
    snprintf(loss->nd_name, sizeof loss->nd_name, "%s", spec);
    if (k == ND_QUADRATIC)
        snprintf(loss->nd_formula, sizeof loss->nd_formula, "1/2 sum_i "
                 "K^(i/(N-1)) x_i^2, N = %ld, K = %g", dim, cond);
    else if (k == ND_ROSENBROCK)
        snprintf(loss->nd_formula, sizeof loss->nd_formula, "sum_i 100 "
                 "(x_{i+1} - x_i^2)^2 + (1 - x_i)^2, N = %ld", dim);
    else
        snprintf(loss->nd_formula, sizeof loss->nd_formula, "1/2 sum_{i<N-1}"
                 " x_i^2 + x_{N-1}^4/4 - x_{N-1}^2/2, N = %ld", dim);
    if (k == ND_QUADRATIC)
        snprintf(loss->nd_short, sizeof loss->nd_short, "quadratic N=%ld, "
                 "K=%g", dim, cond);
    else
        snprintf(loss->nd_short, sizeof loss->nd_short, "%s N=%ld",
                 kind_names[k], dim);
    d->name = loss->nd_name;
    d->formula = loss->nd_formula;
    d->dim = (int)dim;
    d->xname = "d1";
    d->yname = "d2";
    d->zname = "f";
    d->xlim[0] = d->ylim[0] = k == ND_ROSENBROCK ? -2.0 : -2.0;
    d->xlim[1] = d->ylim[1] = 2.0;
    {
        /* the largest curvature at the start, roughly: gd needs lr < 2/L */
        double L = k == ND_QUADRATIC ? cond : k == ND_ROSENBROCK ? 1000.0
                                                                : 1.0;
        double lr[OV__LR_COLUMNS] = {
            [OV__LR_PLAIN] = nice_below(1.0 / L),
            [OV__LR_SAMPLE] = nice_below(1.0 / L),
            [OV__LR_MOMENTUM] = nice_below(0.5 / L),
            [OV__LR_ADAGRAD] = 0.3, [OV__LR_RMSPROP] = 0.01,
            [OV__LR_ADADELTA] = 10.0, [OV__LR_ADAM] = 0.05,
            [OV__LR_RADAM] = 0.05
        };
        memcpy(d->lr, lr, sizeof d->lr);
    }
    if (k == ND_QUADRATIC) {
        loss->n_minima = 0;
    }
    d->zscale = k == ND_ROSENBROCK ? "log" : NULL;
    return OV_OK;
}
