/*
 * loss_data.c: losses over an (x, y) data set.
 *
 * Per-example values and gradients follow tools/torch_ref.py's analytic
 * form; ov_loss_eval_batch() sums them in index order and divides by the
 * batch size under the mean reduction (optimizers.md §9.2, §9.3).
 *
 *   ols      theta = (intercept a, slope b),  l_i = (a + b x_i - y_i)^2
 *   sigmoid  theta = (w, b),  s_i = 1/(1 + exp(-(w x_i + b))),
 *            l_i = (s_i - y_i)^2 / 2
 */
#include <math.h>
#include <string.h>

#include "loss_private.h"
#include "name_private.h"

static double
ols_example(double p0, double p1, double x, double y, double *g0, double *g1)
{
    double r = p0 + p1 * x - y;

    *g0 = 2.0 * r;
    *g1 = 2.0 * r * x;
    return r * r;
}

static double
sigmoid_example(double p0, double p1, double x, double y, double *g0,
                double *g1)
{
    /* The plain 1/(1+exp(-z)), as the seeds write it, not a "stable"
     * variant: the trajectories must match theirs. */
    double s = 1.0 / (1.0 + exp(-(p0 * x + p1)));
    double e = s - y;
    double d = e * s * (1.0 - s);

    *g0 = d * x;
    *g1 = d;
    return 0.5 * e * e;
}

/* lr columns (ov__lr_column): plain sample momentum adagrad rmsprop
 * adadelta adam radam */
static const ov__loss_def table[] = {
    { "ols", 2, "mean_i (a + b x_i - y_i)^2  (seed 000's data by default)",
      "Intercept", "Slope", "Loss",
      { -10, 10 }, { -10, 10 }, { 2, 9 }, 0, { 0 },
      { 0.1, 0.01, 0.02, 2.0, 0.1, 100.0, 0.2, 0.2 },
      NULL, ols_example, OV_DATA_SEED000_OLS, "sqrt" },
    { "sigmoid", 2,
      "mean_i (1/(1+exp(-(w x_i + b))) - y_i)^2 / 2"
      "  (seed 002's data by default)",
      "w", "b", "Error",
      { -7, 5 }, { -7, 5 }, { -2, -2 }, 0, { 0 },
      { 5.0, 5.0, 2.0, 2.0, 0.1, 100.0, 0.2, 0.2 },
      NULL, sigmoid_example, OV_DATA_SEED002_SIGMOID, NULL },
};

size_t
ov__data_loss_count(void)
{
    return sizeof table / sizeof table[0];
}

const ov__loss_def *
ov__data_loss_at(size_t i)
{
    return i < ov__data_loss_count() ? &table[i] : NULL;
}

const ov__loss_def *
ov__data_loss_find(const char *name)
{
    size_t i;

    for (i = 0; i < ov__data_loss_count(); i++)
        if (ov__same_name(table[i].name, name))
            return &table[i];
    return NULL;
}

/*
 * Newton's method with backtracking from the best point of a coarse grid,
 * for data losses without a closed-form minimum.  The Hessian comes from
 * central differences of the analytic gradient: only the marker position
 * depends on it, never a trajectory.
 */
static int
numeric_minimum(const struct ov_loss *loss, double *best)
{
    const ov__loss_def *def = loss->def;
    double t[2], g[2], f;
    int i, j, it;

    f = INFINITY;
    for (j = 0; j <= 60; j++) {
        for (i = 0; i <= 60; i++) {
            double p[2], v;
            p[0] = def->xlim[0] + (def->xlim[1] - def->xlim[0]) * i / 60.0;
            p[1] = def->ylim[0] + (def->ylim[1] - def->ylim[0]) * j / 60.0;
            v = ov_loss_eval(loss, p, NULL);
            if (v < f) {
                f = v;
                t[0] = p[0];
                t[1] = p[1];
            }
        }
    }
    for (it = 0; it < 200; it++) {
        double h = 1e-5, H[2][2], det, d0, d1, step = 1.0;
        double gp[2], gm[2];
        int k;

        f = ov_loss_eval(loss, t, g);
        if (fabs(g[0]) + fabs(g[1]) < 1e-13)
            break;
        for (k = 0; k < 2; k++) {
            double p[2] = { t[0], t[1] };
            p[k] += h;
            ov_loss_eval(loss, p, gp);
            p[k] -= 2 * h;
            ov_loss_eval(loss, p, gm);
            H[0][k] = (gp[0] - gm[0]) / (2 * h);
            H[1][k] = (gp[1] - gm[1]) / (2 * h);
        }
        det = H[0][0] * H[1][1] - H[0][1] * H[1][0];
        if (det > 0 && H[0][0] > 0) {
            d0 = -(H[1][1] * g[0] - H[0][1] * g[1]) / det;
            d1 = -(-H[1][0] * g[0] + H[0][0] * g[1]) / det;
        } else {
            d0 = -g[0];
            d1 = -g[1];
        }
        for (;;) {
            double p[2] = { t[0] + step * d0, t[1] + step * d1 };
            if (ov_loss_eval(loss, p, NULL) <= f || step < 1e-12) {
                t[0] = p[0];
                t[1] = p[1];
                break;
            }
            step *= 0.5;
        }
    }
    ov_loss_eval(loss, t, g);
    if (!(fabs(g[0]) + fabs(g[1]) < 1e-9) || !isfinite(t[0]) || !isfinite(t[1]))
        return 0;
    /* A minimum far outside the plotted domain is no use as a marker. */
    double wx = def->xlim[1] - def->xlim[0], wy = def->ylim[1] - def->ylim[0];
    if (t[0] < def->xlim[0] - wx || t[0] > def->xlim[1] + wx ||
        t[1] < def->ylim[0] - wy || t[1] > def->ylim[1] + wy)
        return 0;
    best[0] = t[0];
    best[1] = t[1];
    return 1;
}

void
ov__data_loss_prepare(struct ov_loss *loss)
{
    const ov_dataset *d = loss->data;
    double n = (double)d->n, sx = 0, sxx = 0, sy = 0, sxy = 0, syy = 0;
    size_t i;

    for (i = 0; i < d->n; i++) {
        sx += d->x[i];
        sxx += d->x[i] * d->x[i];
        sy += d->y[i];
        sxy += d->x[i] * d->y[i];
        syy += d->y[i] * d->y[i];
    }
    loss->stats[0] = n;
    loss->stats[1] = sx;
    loss->stats[2] = sxx;
    loss->stats[3] = sy;
    loss->stats[4] = sxy;
    loss->stats[5] = syy;
    loss->n_minima = 0;
    if (loss->def->example == ols_example) {
        /* Normal equations; a set with one distinct x has a line of minima. */
        double mx = sx / n, my = sy / n;
        double vxx = sxx / n - mx * mx, vxy = sxy / n - mx * my;
        if (vxx > 1e-300 * (1 + sxx)) {
            loss->minima[1] = vxy / vxx;
            loss->minima[0] = my - loss->minima[1] * mx;
            loss->n_minima = 1;
        }
    } else if (numeric_minimum(loss, loss->minima)) {
        loss->n_minima = 1;
    }
}

/* Grid values through sufficient statistics: O(1) per point for ols. */
double
ov__ols_value_fast(const struct ov_loss *loss, double a, double b)
{
    const double *s = loss->stats;
    double v = s[5] - 2 * a * s[3] - 2 * b * s[4] + s[0] * a * a
             + 2 * a * b * s[1] + b * b * s[2];

    if (v < 0)
        v = 0;   /* cancellation near the minimum */
    return loss->red == OV_REDUCTION_MEAN ? v / s[0] : v;
}

int
ov__is_ols(const struct ov_loss *loss)
{
    return loss->def->example == ols_example;
}
