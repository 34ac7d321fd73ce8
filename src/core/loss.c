/*
 * loss.c: the ov_loss object: lookup, evaluation, and the facts a figure
 * needs.  The definitions live in loss_synthetic.c and loss_data.c.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "alloc_private.h"
#include "error_private.h"
#include "expr_private.h"
#include "loss_private.h"

/* Ids for the evaluation memo; 0 is never handed out. */
static atomic_ullong next_id = 1;

/* Where a thread waits for another's ov__loss_once: blocked, not spinning
 * (a sched_yield loop took the second core's whole time while the first
 * searched a 1e6-row loss for its minimum). */
static pthread_mutex_t once_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t once_done = PTHREAD_COND_INITIALIZER;

void
ov__loss_once(const struct ov_loss *cl, atomic_int *state,
              void (*fn)(struct ov_loss *))
{
    int expect = 0;

    if (atomic_load_explicit(state, memory_order_acquire) == 2)
        return;
    if (atomic_compare_exchange_strong(state, &expect, 1)) {
        /* The object is the caller's; only the lazily filled members
         * change, once, behind @p state. */
        fn((struct ov_loss *)cl);
        pthread_mutex_lock(&once_lock);
        atomic_store_explicit(state, 2, memory_order_release);
        pthread_cond_broadcast(&once_done);
        pthread_mutex_unlock(&once_lock);
        return;
    }
    pthread_mutex_lock(&once_lock);
    while (atomic_load_explicit(state, memory_order_acquire) != 2)
        pthread_cond_wait(&once_done, &once_lock);
    pthread_mutex_unlock(&once_lock);
}

size_t
ov_loss_catalogue_count(void)
{
    return ov__data_loss_count() + ov__synthetic_count();
}

const char *
ov_loss_catalogue_name(size_t i)
{
    size_t nd = ov__data_loss_count();

    if (i < nd)
        return ov__data_loss_at(i)->name;
    if (i - nd < ov__synthetic_count())
        return ov__synthetic_at(i - nd)->name;
    return NULL;
}

/*
 * An upper bound of the curvature at @p t: the largest absolute row sum of
 * the Hessian, by central differences of the exact gradient.  It only
 * scales a recommended learning rate, never a trajectory.  NaN when the
 * gradient is not finite there.
 */
static double
expr_curvature(const ov__expr *e, int dim, const double *t)
{
    double H[2][2] = { { 0, 0 }, { 0, 0 } };
    int k;

    for (k = 0; k < dim; k++) {
        double h = 1e-5 * fmax(1.0, fabs(t[k]));
        double p[2] = { t[0], t[1] }, q[2] = { t[0], t[1] }, gp[2], gq[2];
        p[k] += h;
        q[k] -= h;
        ov__expr_eval(e, p, gp);
        ov__expr_eval(e, q, gq);
        H[0][k] = (gp[0] - gq[0]) / (p[k] - q[k]);
        H[1][k] = (gp[1] - gq[1]) / (p[k] - q[k]);
    }
    return fmax(fabs(H[0][0]) + fabs(H[0][1]), fabs(H[1][0]) + fabs(H[1][1]));
}

/* The largest of 1, 2, 5 times a power of ten not above @p v: a rate a
 * legend can show ("lr=5e-05"). */
static double
round_down_nice(double v)
{
    double p = pow(10.0, floor(log10(v)));
    double m = v / p;

    return (m >= 5.0 ? 5.0 : m >= 2.0 ? 2.0 : 1.0) * p;
}

/*
 * A name outside the catalogue is read as an expression in x and y.  Its
 * definition is per instance: domain [-5, 5] (squared), a start away from
 * the centre, no known minima, and cautious learning rates, since nothing
 * is known of the surface's scale.  Plain and momentum SGD are lowered
 * further where the curvature L at the start would make them unstable
 * (gd needs lr < 2/L; heavy-ball and Nesterov momentum 0.9 less): rosenbrock
 * written out has L ~ 1e4 at (-3, 4); so is RAdam, whose first steps are
 * lr times the gradient.  Adaptive methods take steps of about lr whatever
 * the scale, so theirs stay.
 */
static ov_status
create_expression(ov_loss **out, const char *text, ov_reduction red,
                  ov_error *err)
{
    static const double lr[OV__LR_COLUMNS] = {
        [OV__LR_PLAIN] = 0.01, [OV__LR_SAMPLE] = 0.01,
        [OV__LR_MOMENTUM] = 0.01, [OV__LR_ADAGRAD] = 0.3,
        [OV__LR_RMSPROP] = 0.1, [OV__LR_ADADELTA] = 10.0,
        [OV__LR_ADAM] = 0.1, [OV__LR_RADAM] = 0.1
    };
    struct ov_loss *loss;
    ov__loss_def *d;
    ov__expr *e;
    ov_status st;

    st = ov__expr_compile(&e, text, err);
    if (st != OV_OK)
        return st;
    loss = ov__calloc(1, sizeof *loss);
    if (!loss) {
        ov__expr_destroy(e);
        return OV_ERR_NOMEM;
    }
    loss->expr = e;
    loss->red = red;
    loss->id = atomic_fetch_add(&next_id, 1);
    atomic_init(&loss->minima_state, 2);
    atomic_init(&loss->rows_state, 0);
    d = &loss->expr_def;
    d->name = ov__expr_text(e);
    d->formula = ov__expr_text(e);
    d->dim = ov__expr_dim(e);
    d->xname = "x";
    d->yname = d->dim == 2 ? "y" : "";
    d->zname = "f";
    d->xlim[0] = -5.0;
    d->xlim[1] = 5.0;
    d->ylim[0] = d->dim == 2 ? -5.0 : 0.0;
    d->ylim[1] = d->dim == 2 ? 5.0 : 0.0;
    d->start[0] = -3.0;
    d->start[1] = d->dim == 2 ? 4.0 : 0.0;
    memcpy(d->lr, lr, sizeof d->lr);
    {
        double L = expr_curvature(e, d->dim, d->start);
        if (isfinite(L) && L > 0.0) {
            d->lr[OV__LR_PLAIN] = fmin(d->lr[OV__LR_PLAIN],
                                       round_down_nice(1.0 / L));
            d->lr[OV__LR_SAMPLE] = fmin(d->lr[OV__LR_SAMPLE],
                                        round_down_nice(1.0 / L));
            d->lr[OV__LR_MOMENTUM] = fmin(d->lr[OV__LR_MOMENTUM],
                                          round_down_nice(0.5 / L));
            /* RAdam's first steps are lr times the (averaged) gradient. */
            d->lr[OV__LR_RADAM] = fmin(d->lr[OV__LR_RADAM],
                                       round_down_nice(1.0 / L));
        }
    }
    loss->def = d;
    *out = loss;
    return OV_OK;
}

/* "mlp:..." and the "NAME:dim=N..." surfaces: objects of their own
 * (loss_mlp.c, loss_ndim.c). */
static ov_status
create_nd(ov_loss **out, const char *spec, ov_reduction red, uint64_t seed,
          ov_error *err)
{
    struct ov_loss *loss = ov__calloc(1, sizeof *loss);
    ov_status st;

    if (!loss)
        return OV_ERR_NOMEM;
    loss->red = red;
    if (strncmp(spec, "mlp", 3) == 0 && (spec[3] == ':' || !spec[3]))
        st = ov__mlp_create(loss, spec, seed, err);
    else
        st = ov__ndim_create(loss, spec, err);
    if (st != OV_OK) {
        ov_loss_destroy(loss);
        return st;
    }
    loss->def = &loss->nd_def;
    *out = loss;
    return OV_OK;
}

ov_status
ov_loss_create(ov_loss **out, const char *name, const ov_dataset *data,
               ov_reduction red, ov_error *err)
{
    return ov_loss_create_seeded(out, name, data, red, 0, err);
}

ov_status
ov_loss_create_seeded(ov_loss **out, const char *name,
                      const ov_dataset *data, ov_reduction red,
                      uint64_t seed, ov_error *err)
{
    const ov__loss_def *def;
    struct ov_loss *loss;
    ov_status st;

    if (ov__is_nd_spec(name))
        return create_nd(out, name, red, seed, err);
    def = ov__synthetic_find(name);
    if (!def)
        def = ov__data_loss_find(name);
    /* A bare word ("rosenbrok", "six-hump-camle") is a mistyped name,
     * never a formula: those need a variable, a number or a '('. */
    if (!def && !ov__expr_name_like(name))
        return create_expression(out, name, red, err);
    if (!def) {
        return ov__error_set(err, OV_ERR_NOT_FOUND, 0, 0, "%s", name);
    }
    loss = ov__calloc(1, sizeof *loss);
    if (!loss)
        return OV_ERR_NOMEM;
    loss->def = def;
    loss->red = red;
    loss->id = atomic_fetch_add(&next_id, 1);
    atomic_init(&loss->minima_state, 2);
    atomic_init(&loss->rows_state, 0);
    if (def->example) {
        if (data)
            st = ov_dataset_from_arrays(&loss->data, data->x, data->y,
                                        data->n, data->name);
        else
            st = ov_dataset_builtin(&loss->data, def->builtin);
        if (st != OV_OK) {
            ov__free(loss);
            return st;
        }
        ov__data_loss_prepare(loss);
        if (!ov__is_ols(loss))
            atomic_init(&loss->minima_state, 0);
    } else {
        loss->n_minima = def->n_minima;
        memcpy(loss->minima, def->minima, sizeof loss->minima);
    }
    *out = loss;
    return OV_OK;
}

void
ov_loss_destroy(ov_loss *loss)
{
    if (!loss)
        return;
    ov_dataset_destroy(loss->data);
    ov__field_rows_free(loss->sorted);
    ov__expr_destroy(loss->expr);
    ov__grid_free(loss->grid);
    if (loss->nd_ops && loss->nd)
        loss->nd_ops->destroy(loss->nd);
    ov__free(loss->nd_start);
    ov__free(loss->blocks);
    ov__free(loss);
}

const char *
ov_loss_name(const ov_loss *loss)
{
    return loss->def->name;
}

const char *
ov_loss_display_name(const ov_loss *loss)
{
    return loss->def->display ? loss->def->display : loss->def->name;
}

const char *
ov_loss_formula(const ov_loss *loss)
{
    return loss->def->formula;
}

int
ov_loss_dim(const ov_loss *loss)
{
    return loss->def->dim;
}

size_t
ov_loss_example_count(const ov_loss *loss)
{
    if (loss->nd_ops)
        return loss->n_examples;
    return loss->data ? loss->data->n : 0;
}

void
ov_loss_start(const ov_loss *loss, double *start)
{
    if (loss->nd_ops) {
        memcpy(start, loss->nd_start,
               (size_t)loss->def->dim * sizeof *start);
        return;
    }
    ov_loss_default_start(loss, start);
}

size_t
ov_loss_param_blocks(const ov_loss *loss, const ov_param_block **blocks)
{
    *blocks = loss->blocks;
    return loss->n_blocks;
}

const ov_dataset *
ov_loss_dataset(const ov_loss *loss)
{
    return loss->data;
}

ov_reduction
ov_loss_reduction(const ov_loss *loss)
{
    return loss->red;
}

double
ov_loss_eval_batch(const ov_loss *loss, const double *theta,
                   const size_t *idx, size_t n, double *grad)
{
    double f, g[2];

    if (loss->nd_ops) {
        if (loss->nd_ops->eval_batch)
            return loss->nd_ops->eval_batch(loss->nd, theta, idx, n,
                                            loss->red, grad);
        return loss->nd_ops->eval(loss->nd, theta, grad);
    }
    f = ov__data_loss_sum(loss, theta, idx, n, g);
    if (loss->red == OV_REDUCTION_MEAN) {
        double m = (double)n;
        f = f / m;
        g[0] = g[0] / m;
        g[1] = g[1] / m;
    }
    if (grad) {
        grad[0] = g[0];
        grad[1] = g[1];
    }
    return f;
}

/*
 * The last full-data evaluation of this thread.  The runner evaluates
 * each point twice (the row it records after a step, then the next
 * step's closure at the same point), and over a data set each is a pass
 * over every row.  The value is a pure function of the loss and the
 * point's bits, so a hit returns exactly what the pass would; per
 * thread, so runs on other threads neither race nor evict it.
 */
typedef struct eval_memo {
    unsigned long long id;      /* 0: empty */
    double theta[2], f, g[2];
} eval_memo;

static _Thread_local eval_memo memo;

static double
data_eval(const ov_loss *loss, const double *theta, double *grad)
{
    eval_memo *m = &memo;
    double g[2], f;

    if (loss->id == 0 || m->id != loss->id
        || memcmp(m->theta, theta, sizeof m->theta) != 0) {
        f = ov_loss_eval_batch(loss, theta, NULL, loss->data->n, g);
        m->id = loss->id;
        memcpy(m->theta, theta, sizeof m->theta);
        m->f = f;
        m->g[0] = g[0];
        m->g[1] = g[1];
    }
    if (grad) {
        grad[0] = m->g[0];
        grad[1] = m->g[1];
    }
    return m->f;
}

double
ov_loss_eval(const ov_loss *loss, const double *theta, double *grad)
{
    if (loss->expr)
        return ov__expr_eval(loss->expr, theta, grad);
    if (loss->grid)
        return ov__grid_eval(loss->grid, theta, grad);
    if (loss->nd_ops)
        return loss->nd_ops->eval(loss->nd, theta, grad);
    if (loss->def->example)
        return data_eval(loss, theta, grad);
    if (loss->def->dim == 1) {
        double t[2] = { theta[0], 0.0 };
        return loss->def->eval(t, grad);
    }
    return loss->def->eval(theta, grad);
}

void
ov_loss_eval_plane(const ov_loss *loss, const double *origin,
                   const double *d1, const double *d2, const double *a,
                   size_t nx, const double *b, size_t ny, double *out)
{
    size_t n = (size_t)(loss->def->dim < 2 ? 2 : loss->def->dim), i, j, k;
    double *p;

    if (loss->nd_ops && loss->nd_ops->eval_plane) {
        loss->nd_ops->eval_plane(loss->nd, origin, d1, d2, a, nx, b, ny,
                                 out);
        return;
    }
    p = ov__malloc3(n, 1, sizeof *p);
    if (!p) {
        for (k = 0; k < nx * ny; k++)
            out[k] = NAN;
        return;
    }
    memset(p, 0, n * sizeof *p);
    for (j = 0; j < ny; j++)
        for (i = 0; i < nx; i++) {
            for (k = 0; k < (size_t)loss->def->dim; k++)
                p[k] = origin[k] + a[i] * d1[k] + b[j] * d2[k];
            out[j * nx + i] = ov_loss_eval(loss, p, NULL);
        }
    ov__free(p);
}

void
ov_loss_eval_grid(const ov_loss *loss, double x0, double x1, size_t nx,
                  double y0, double y1, size_t ny, double *out)
{
    size_t i, j;
    double dx = nx > 1 ? (x1 - x0) / (double)(nx - 1) : 0.0;
    double dy = ny > 1 ? (y1 - y0) / (double)(ny - 1) : 0.0;
    int ols = loss->def->example && ov__is_ols(loss);
    double bound;

    if (loss->nd_ops && loss->nd_ops->eval_grid) {
        loss->nd_ops->eval_grid(loss->nd, x0, x1, nx, y0, y1, ny, out);
        return;
    }
    if (loss->def->dim > 2) {       /* no grid without a plane */
        for (i = 0; i < nx * ny; i++)
            out[i] = NAN;
        return;
    }
    if (loss->def->example && !loss->nd_ops && ov__is_sigmoid(loss)
        && ov__field_sigmoid_grid(loss, x0, x1, nx, y0, y1, ny, out, &bound))
        return;
    for (j = 0; j < ny; j++) {
        double y = y0 + dy * (double)j;
        for (i = 0; i < nx; i++) {
            double t[2] = { x0 + dx * (double)i, y };
            out[j * nx + i] = ols ? ov__ols_value_fast(loss, t[0], t[1])
                                  : ov_loss_eval(loss, t, NULL);
        }
    }
}

void
ov_loss_domain(const ov_loss *loss, double xlim[2], double ylim[2])
{
    xlim[0] = loss->def->xlim[0];
    xlim[1] = loss->def->xlim[1];
    ylim[0] = loss->def->ylim[0];
    ylim[1] = loss->def->ylim[1];
}

void
ov_loss_default_start(const ov_loss *loss, double start[2])
{
    if (loss->nd_ops && loss->def->dim <= 2) {
        start[0] = loss->nd_start[0];
        start[1] = loss->def->dim == 2 ? loss->nd_start[1] : 0.0;
        return;
    }
    start[0] = loss->def->start[0];
    start[1] = loss->def->start[1];
}

/* Only data losses without a closed form search (the others' minima are
 * set when they are made). */
static int
minima_searched(const ov_loss *loss)
{
    return loss->def->example && !loss->nd_ops && !loss->expr
           && !ov__is_ols(loss);
}

int
ov__loss_minima_search_pending(const ov_loss *loss)
{
    return minima_searched(loss)
           && atomic_load_explicit((atomic_int *)&loss->minima_state,
                                   memory_order_acquire) != 2;
}

size_t
ov_loss_minima(const ov_loss *loss, const double **pts)
{
    if (minima_searched(loss))
        ov__loss_once(loss, (atomic_int *)&loss->minima_state,
                      ov__data_loss_search_minimum);
    *pts = loss->minima;
    return loss->n_minima;
}

size_t
ov_loss_local_minima(const ov_loss *loss, const double **pts)
{
    *pts = NULL;
    if (loss->nd_ops || loss->expr || loss->def->example)
        return 0;
    return ov__synthetic_local_minima(loss->def, pts);
}

void
ov_loss_axis_names(const ov_loss *loss, const char **xname,
                   const char **yname, const char **zname)
{
    if (xname)
        *xname = loss->def->xname;
    if (yname)
        *yname = loss->def->yname;
    if (zname)
        *zname = loss->def->zname;
}

double
ov_loss_recommended_lr(const ov_loss *loss, ov_algo algo)
{
    const ov__algo_row *row = ov__algo_row_of(algo);

    if (!row)
        return 0.0;
    /* lbfgs: torch's default lr whatever the loss. */
    if (row->lr_column == OV__LR_TORCH)
        return row->defaults.lr;
    /* A rate fixed for every loss (Prodigy's factor on its own step-size
     * estimate) holds where there is a minimum to estimate the distance
     * to; without one (saddle, expressions) d grows without bound and the
     * row's column is the cautious choice. */
    if (row->lr_fixed != 0) {
        const double *pts;
        if (ov_loss_minima(loss, &pts) > 0)
            return row->lr_fixed;
    }
    return loss->def->lr[row->lr_column];
}

const char *
ov_loss_zscale_hint(const ov_loss *loss)
{
    return loss->def->zscale ? loss->def->zscale : "linear";
}
