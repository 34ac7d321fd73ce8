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

#include "exp_private.h"
#include "loss_private.h"
#include "name_private.h"

static inline double
ols_example(double p0, double p1, double x, double y, double *g0, double *g1)
{
    double r = p0 + p1 * x - y;

    *g0 = 2.0 * r;
    *g1 = 2.0 * r * x;
    return r * r;
}

/* The row's terms given its e^-(w x + b) (sum_sigmoid computes those for
 * a block of rows first). */
static inline double
sigmoid_terms(double ez, double y, double x, double *g0, double *g1)
{
    double s = 1.0 / (1.0 + ez);
    double e = s - y;
    double d = e * s * (1.0 - s);

    *g0 = d * x;
    *g1 = d;
    return 0.5 * e * e;
}

static inline double
sigmoid_example(double p0, double p1, double x, double y, double *g0,
                double *g1)
{
    /* The plain 1/(1+exp(-z)), as the seeds write it, not a "stable"
     * variant: the trajectories must match theirs. */
    return sigmoid_terms(exp(-(p0 * x + p1)), y, x, g0, g1);
}

typedef double (*example_fn)(double, double, double, double, double *,
                             double *);

/*
 * The sum over rows, in row order, as tools/torch_ref.py adds them.  Called
 * below with each kernel by name, so the compiler inlines the kernel into
 * the loop (a call through the table's pointer per row cost more than
 * the arithmetic); the operations and their order are the same.
 */
static inline double
sum_rows(example_fn ex, const ov_dataset *d, const double *theta,
         const size_t *idx, size_t n, double g[2])
{
    const double *x = d->x, *y = d->y;
    double p0 = theta[0], p1 = theta[1];
    double f = 0.0, g0 = 0.0, g1 = 0.0, e0, e1;
    size_t k;

    if (idx) {
        for (k = 0; k < n; k++) {
            size_t i = idx[k];
            f += ex(p0, p1, x[i], y[i], &e0, &e1);
            g0 += e0;
            g1 += e1;
        }
    } else {
        for (k = 0; k < n; k++) {
            f += ex(p0, p1, x[k], y[k], &e0, &e1);
            g0 += e0;
            g1 += e1;
        }
    }
    g[0] = g0;
    g[1] = g1;
    return f;
}

/* lr columns (ov__lr_column): plain sample momentum adagrad rmsprop
 * adadelta adam radam */
static const ov__loss_def table[] = {
    { "ols", "OLS", 2,
      "mean_i (a + b x_i - y_i)^2  (seed 000's data by default)",
      "Intercept", "Slope", "Loss",
      { -10, 10 }, { -10, 10 }, { 2, 9 }, 0, { 0 },
      { 0.1, 0.01, 0.02, 2.0, 0.1, 100.0, 0.2, 0.2 },
      NULL, ols_example, OV_DATA_SEED000_OLS, "sqrt" },
    { "sigmoid", "Sigmoid", 2,
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
 * sigmoid's sum, a block of rows at a time: first every exp() of the block,
 * then the terms and the running sums.  With the call inside the loop the
 * three sums lived on the stack across it (a store and a load on each
 * one's chain); the operations and their order are those of
 * sigmoid_example.
 */
static double
sum_sigmoid(const ov_dataset *d, const double *theta, const size_t *idx,
            size_t n, double g[2])
{
    enum { BLOCK = 256 };
    const double *x = d->x, *y = d->y;
    double p0 = theta[0], p1 = theta[1];
    double f = 0.0, g0 = 0.0, g1 = 0.0, e0, e1, ez[BLOCK];
    /* exp() bit for bit, without glibc's errno wrapper (exp.c). */
    ov__exp_fn ex = ov__exp_kernel();
    size_t k, b;

    for (b = 0; b < n; b += BLOCK) {
        size_t m = n - b < BLOCK ? n - b : BLOCK;
        if (idx) {
            for (k = 0; k < m; k++)
                ez[k] = ex(-(p0 * x[idx[b + k]] + p1));
            for (k = 0; k < m; k++) {
                size_t i = idx[b + k];
                f += sigmoid_terms(ez[k], y[i], x[i], &e0, &e1);
                g0 += e0;
                g1 += e1;
            }
        } else {
            for (k = 0; k < m; k++)
                ez[k] = ex(-(p0 * x[b + k] + p1));
            for (k = 0; k < m; k++) {
                f += sigmoid_terms(ez[k], y[b + k], x[b + k], &e0, &e1);
                g0 += e0;
                g1 += e1;
            }
        }
    }
    g[0] = g0;
    g[1] = g1;
    return f;
}

double
ov__data_loss_sum(const struct ov_loss *loss, const double *theta,
                  const size_t *idx, size_t n, double g[2])
{
    example_fn ex = loss->def->example;

    if (ex == ols_example)
        return sum_rows(ols_example, loss->data, theta, idx, n, g);
    if (ex == sigmoid_example)
        return sum_sigmoid(loss->data, theta, idx, n, g);
    return sum_rows(ex, loss->data, theta, idx, n, g);
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
    double t[2], g[2], f, grid[61 * 61];
    int i, j, it;

    /* The coarse grid only picks the start: over many rows it comes
     * from the data's summary (ov_loss_eval_grid), and Newton below then
     * runs on the exact loss. */
    ov_loss_eval_grid(loss, def->xlim[0], def->xlim[1], 61, def->ylim[0],
                      def->ylim[1], 61, grid);
    f = INFINITY;
    t[0] = def->xlim[0];
    t[1] = def->ylim[0];
    for (j = 0; j <= 60; j++) {
        for (i = 0; i <= 60; i++) {
            double v = grid[j * 61 + i];
            if (v < f) {
                f = v;
                t[0] = def->xlim[0] + (def->xlim[1] - def->xlim[0]) * i / 60.0;
                t[1] = def->ylim[0] + (def->ylim[1] - def->ylim[0]) * j / 60.0;
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
            /* Near the minimum f changes below its rounding (over many
             * rows, 1e-16 f and more): a step that keeps f within that
             * is taken whole, or the search would halve every Newton
             * step and crawl. */
            if (ov_loss_eval(loss, p, NULL) <= f + 1e-15 * fabs(f)
                || step < 1e-12) {
                /* Stop once a step is far below what a marker can show:
                 * over many rows the gradient's rounding stays above
                 * 1e-13. */
                int still = fabs(p[0] - t[0]) <= 1e-12 * (1 + fabs(t[0]))
                            && fabs(p[1] - t[1]) <= 1e-12 * (1 + fabs(t[1]));
                t[0] = p[0];
                t[1] = p[1];
                if (still)
                    it = 200;
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
    }
}

void
ov__data_loss_search_minimum(struct ov_loss *loss)
{
    if (numeric_minimum(loss, loss->minima))
        loss->n_minima = 1;
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

int
ov__is_sigmoid(const struct ov_loss *loss)
{
    return loss->def->example == sigmoid_example;
}
