/*
 * run.c: one optimizer on one loss, step by step, with torch's batching.
 *
 * The order of draws from the random stream is the one of
 * tools/torch_ref.py: data losses draw one permutation at the start of
 * every epoch and nothing else; synthetic losses draw one Box-Muller pair
 * per step, only when noise is on.  Each run has its own stream seeded
 * with rc->seed, so an optimizer's trajectory does not depend on which
 * others run beside it.  The noise pair is drawn once per step, before
 * the optimizer step; lbfgs's closure adds the same pair at every
 * evaluation of its step.  A loss of N > 2 parameters draws ceil(N/2)
 * pairs per step, coordinate 2i from pair i's first value, 2i+1 from its
 * second.
 *
 * Vectors are dim long, but never shorter than 2: the losses of one
 * parameter read and write a second coordinate (ov_loss_eval).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <optviz/rng.h>
#include <optviz/run.h>

#include "alloc_private.h"
#include "error_private.h"
#include "loss_private.h"

#define DEFAULT_STEPS 100
#define DIVERGENCE_FACTOR 1e6

static long
effective_batch(const ov_loss *loss, const ov_optim_config *cfg)
{
    size_t n = ov_loss_example_count(loss);

    if (!n || cfg->batch_size <= 0 || (size_t)cfg->batch_size >= n)
        return 0;   /* full batch, natural order */
    return cfg->batch_size;
}

long
ov_run_steps_per_epoch(const ov_loss *loss, const ov_optim_config *cfg,
                       const ov_run_config *rc)
{
    size_t n = ov_loss_example_count(loss);
    long b = effective_batch(loss, cfg);

    if (!n || b == 0)
        return 1;
    if (rc->drop_last)
        return (long)(n / (size_t)b);
    return (long)((n + (size_t)b - 1) / (size_t)b);
}

long
ov_run_step_count(const ov_loss *loss, const ov_optim_config *cfg,
                  const ov_run_config *rc)
{
    long per_epoch;

    if (rc->steps >= 0)
        return rc->steps;
    if (rc->epochs < 0)
        return DEFAULT_STEPS;
    per_epoch = ov_run_steps_per_epoch(loss, cfg, rc);
    if (rc->epochs > 0 && per_epoch > OV_MAX_STEPS / rc->epochs)
        return OV_MAX_STEPS + 1;
    return rc->epochs * per_epoch;
}

void
ov_trajectory_destroy(ov_trajectory *traj)
{
    if (!traj)
        return;
    ov__free(traj->rows);
    ov__free(traj->params);
    ov__free(traj->grads);
    ov__free(traj);
}

/* The distance from @p c to the farther end of [lo, hi]. */
static double
reach(double lo, double hi, double c)
{
    return fmax(fabs(lo - c), fabs(hi - c));
}

/* The bound's scale without the minima: the domain, the start, the view's
 * limits. */
static double
scale_without_minima(const ov_loss *loss, const ov_run_config *rc,
                     const double *start, double center[3])
{
    int dim = ov_loss_dim(loss), k;
    double xlim[2], ylim[2], scale;

    ov_loss_domain(loss, xlim, ylim);
    center[0] = 0.5 * (xlim[0] + xlim[1]);
    center[1] = dim == 2 ? 0.5 * (ylim[0] + ylim[1]) : 0.0;
    /* More than two parameters: every coordinate from the first's centre
     * (the domain of such a loss is one interval for all of them). */
    center[2] = center[0];
    if (dim > 2)
        center[1] = center[0];
    scale = fmax(xlim[1] - xlim[0], dim == 2 ? ylim[1] - ylim[0] : 0.0);
    for (k = 0; k < dim; k++)
        scale = fmax(scale, fabs(start[k] - center[k < 2 ? k : 2]));
    if (rc->has_xlim)
        scale = fmax(scale, reach(rc->xlim[0], rc->xlim[1], center[0]));
    if (rc->has_ylim && dim == 2)
        scale = fmax(scale, reach(rc->ylim[0], rc->ylim[1], center[1]));
    return scale;
}

/* @p scale widened to every known minimum (fmax is exact, so the order in
 * which the distances are taken does not matter). */
static double
scale_with_minima(const ov_loss *loss, const double *center, double scale)
{
    int dim = ov_loss_dim(loss), k;
    const double *mins;
    size_t n = dim <= 2 ? ov_loss_minima(loss, &mins) : 0, i;

    for (i = 0; i < n; i++)
        for (k = 0; k < dim; k++)
            scale = fmax(scale, fabs(mins[2 * i + k] - center[k]));
    return scale;
}

double
ov_run_bound(const ov_loss *loss, const ov_run_config *rc,
             const double *start, double center[3])
{
    double scale = scale_without_minima(loss, rc, start, center);
    return DIVERGENCE_FACTOR * scale_with_minima(loss, center, scale);
}

/*
 * The bound a run checks its points against.  A data loss finds its
 * minimum by a search over every row (sigmoid on 1e6 rows: 26 passes),
 * which the bound needs only for a point beyond the bound without it (the
 * minima can only widen it): so the run starts with that one and takes
 * the minima in when a point goes beyond it, the same test as with the
 * whole bound from the start.
 */
typedef struct run_bound {
    const ov_loss *loss;
    double center[3];
    double scale;       /* without the minima until whole */
    double value;
    int whole;
} run_bound;

static void
bound_init(run_bound *b, const ov_loss *loss, const ov_run_config *rc,
           const double *start)
{
    b->loss = loss;
    b->scale = scale_without_minima(loss, rc, start, b->center);
    b->whole = !ov__loss_minima_search_pending(loss);
    if (b->whole)
        b->scale = scale_with_minima(loss, b->center, b->scale);
    b->value = DIVERGENCE_FACTOR * b->scale;
}

/* Whether coordinate @p v of axis @p k is beyond the bound. */
static int
bound_beyond(run_bound *b, int k, double v)
{
    if (!(fabs(v - b->center[k < 2 ? k : 2]) > b->value))
        return 0;
    if (!b->whole) {
        b->scale = scale_with_minima(b->loss, b->center, b->scale);
        b->value = DIVERGENCE_FACTOR * b->scale;
        b->whole = 1;
    }
    return fabs(v - b->center[k < 2 ? k : 2]) > b->value;
}

/*
 * Records row @p r of @p traj: the shown point (params), its loss and
 * gradient (grads); theta and grad too for one or two parameters.
 * @p shown is scratch of max(dim, 2).  @return OV_DIVERGED_NO when the
 * run goes on.  A non-finite gradient at a finite point with a finite loss
 * does not stop the run: the row is kept as torch would keep the
 * parameter, and the step that follows shows what the optimizer makes of
 * it.  @p start_loss is INFINITY for the start itself.
 */
static ov_divergence
record(const ov_loss *loss, const ov_optim *opt, const double *theta,
       int dim, run_bound *bound, double start_loss, ov_trajectory *traj,
       size_t r, double *shown)
{
    ov_traj_row *row = &traj->rows[r];
    double *p = traj->params + r * (size_t)dim;
    double *g = traj->grads + r * (size_t)dim;
    int far = 0;
    int k;

    memcpy(shown, theta, (size_t)dim * sizeof *shown);
    if (dim == 1)
        shown[1] = 0.0;
    ov_optim_display_point(opt, theta, shown);
    if (dim == 1)
        shown[1] = 0.0;
    row->d_estimate = ov_optim_d_estimate(opt);
    if (dim <= 2) {
        row->theta[0] = shown[0];
        row->theta[1] = shown[1];
        row->loss = ov_loss_eval(loss, shown, row->grad);
        if (dim == 1)
            row->grad[1] = 0.0;
        memcpy(g, row->grad, (size_t)dim * sizeof *g);
    } else {
        row->theta[0] = row->theta[1] = 0.0;
        row->grad[0] = row->grad[1] = 0.0;
        row->loss = ov_loss_eval(loss, shown, g);
    }
    memcpy(p, shown, (size_t)dim * sizeof *p);
    for (k = 0; k < dim; k++) {
        if (!isfinite(shown[k]))
            return OV_DIVERGED_POINT;
        if (!far && bound_beyond(bound, k, shown[k]))
            far = 1;
    }
    if (!isfinite(row->loss))
        return OV_DIVERGED_LOSS;
    /* Far away and worse than the start: going, not converging.  (The
     * start's loss is finite, or the run would not have begun.) */
    if (far && !(row->loss < start_loss))
        return OV_DIVERGED_BOUND;
    return OV_DIVERGED_NO;
}

/* ---- the gradient of a step: batch, noise, clipping --------------------- */

/* What optimizer.step(closure)'s closure sees during one step. */
typedef struct step_closure {
    const ov_loss *loss;
    const ov_run_config *rc;
    int dim;
    const size_t *batch;        /* NULL: the full loss */
    size_t batch_len;
    int has_noise;
    const double *noise;        /* dim values added to the gradient */
    double *th, *g;             /* scratch of max(dim, 2) */
    /* The last recorded row: its point, full-data loss and gradient.  A
     * full-batch evaluation at that very point (bit for bit) is that row's
     * result: the same function of the same input, not evaluated twice. */
    const double *last_p, *last_g;
    double last_f;
} step_closure;

/* torch.nn.utils.clip_grad_norm_ (2-norm, 1e-6, clamp to 1) and then
 * clip_grad_value_, on the gradient as p.grad holds it. */
static void
clip_gradient(const ov_run_config *rc, int dim, double *g)
{
    int k;

    if (rc->clip_norm) {
        double sq = g[0] * g[0], total;

        for (k = 1; k < dim; k++)
            sq = sq + g[k] * g[k];
        total = sqrt(sq);
        /* max_norm / tensor is Tensor.__rtruediv__: reciprocal, then
         * times max_norm (not one division). */
        double coef = (1.0 / (total + 1e-6)) * rc->clip_norm_max;

        if (coef > 1.0)     /* torch.clamp(max=1.0): NaN stays */
            coef = 1.0;
        for (k = 0; k < dim; k++)
            g[k] = g[k] * coef;
    }
    if (rc->clip_value) {
        double v = rc->clip_value_max;

        for (k = 0; k < dim; k++) {
            if (g[k] < -v)
                g[k] = -v;
            else if (g[k] > v)
                g[k] = v;
        }
    }
}

static double
closure_eval(void *payload, const double *theta, double *g)
{
    const step_closure *c = payload;
    double *th = c->th, *cg = c->g, f;
    int n = c->dim < 2 ? 2 : c->dim, k;

    memcpy(th, theta, (size_t)c->dim * sizeof *th);
    if (c->dim == 1)
        th[1] = 0.0;
    memset(cg, 0, (size_t)n * sizeof *cg);
    if (c->batch)
        f = ov_loss_eval_batch(c->loss, th, c->batch, c->batch_len, cg);
    else if (c->last_p && memcmp(th, c->last_p,
                                 (size_t)c->dim * sizeof *th) == 0) {
        f = c->last_f;
        memcpy(cg, c->last_g, (size_t)c->dim * sizeof *cg);
    } else
        f = ov_loss_eval(c->loss, th, cg);
    if (c->has_noise)
        for (k = 0; k < n; k++)
            cg[k] = cg[k] + c->noise[k];
    if (c->dim == 1)
        cg[1] = 0.0;
    clip_gradient(c->rc, c->dim, cg);
    memcpy(g, cg, (size_t)c->dim * sizeof *g);
    return f;
}

ov_status
ov_run(ov_trajectory **out, const ov_loss *loss, const ov_optim_config *cfg,
       const ov_run_config *rc, ov_error *err)
{
    size_t n_examples = ov_loss_example_count(loss);
    int dim = ov_loss_dim(loss), k;
    size_t vlen = dim < 2 ? 2 : (size_t)dim;
    long steps = ov_run_step_count(loss, cfg, rc);
    long per_epoch = ov_run_steps_per_epoch(loss, cfg, rc);
    long batch = effective_batch(loss, cfg);
    double start_loss, noise_scale = 0.0;
    run_bound bound;
    double *theta = NULL, *scratch = NULL, *noise, *shown;
    size_t *perm = NULL, cursor = 0;
    ov_trajectory *traj = NULL;
    ov_optim *opt = NULL;
    ov_schedule *sched = NULL;
    step_closure sc;
    ov_rng rng;
    ov_status st;
    long step;

    if (ov_loss_is_grid(loss))
        return ov__error_set(err, OV_ERR_UNSUPPORTED, 0, 0,
                             "optimizers cannot run on a precomputed grid "
                             "(it is drawn under imported runs)");
    st = ov_optim_config_validate(cfg, err);
    if (st != OV_OK)
        return st;
    if (steps > OV_MAX_STEPS) {
        char msg[96];
        snprintf(msg, sizeof msg, "more than %ld steps", OV_MAX_STEPS);
        ov__error_set(err, OV_ERR_TOO_LARGE, 0, 0, "%s", msg);
        return OV_ERR_TOO_LARGE;
    }
    if ((size_t)dim > OV_OPTIM_MAX_DIM
        || (size_t)(steps + 1) > OV_MAX_TRAJ_BYTES / (2 * sizeof(double))
                                 / (size_t)dim) {
        ov__error_set(err, OV_ERR_TOO_LARGE, 0, 0, "%ld steps of %d "
                      "parameters are too many to keep", steps, dim);
        return OV_ERR_TOO_LARGE;
    }
    /* theta, the closure's point and gradient, the noise, the shown
     * point: five vectors of vlen. */
    scratch = ov__malloc3(vlen, 5, sizeof(double));
    if (!scratch)
        return ov__error_set(err, OV_ERR_NOMEM, 0, 0, "out of memory");
    theta = scratch;
    noise = scratch + 3 * vlen;
    shown = scratch + 4 * vlen;
    memset(scratch, 0, 5 * vlen * sizeof(double));
    if (rc->start_vec) {
        memcpy(theta, rc->start_vec, (size_t)dim * sizeof *theta);
    } else if (rc->has_start && dim <= 2) {
        theta[0] = rc->start[0];
        theta[1] = dim == 2 ? rc->start[1] : 0.0;
    } else {
        ov_loss_start(loss, theta);
        if (dim == 1)
            theta[1] = 0.0;
    }
    for (k = 0; k < (int)vlen; k++)
        if (!isfinite(theta[k])) {
            ov__free(scratch);
            ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                          "start point is not finite");
            return OV_ERR_INVALID_ARG;
        }
    if (!(rc->noise_std >= 0.0) || !isfinite(rc->noise_std)) {
        ov__free(scratch);
        ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "noise-std must be >= 0");
        return OV_ERR_INVALID_ARG;
    }
    if ((rc->clip_norm && !(rc->clip_norm_max >= 0.0))
        || (rc->clip_value && !(rc->clip_value_max >= 0.0))) {
        ov__free(scratch);
        ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                      "clipping bounds must be >= 0");
        return OV_ERR_INVALID_ARG;
    }
    bound_init(&bound, loss, rc, theta);
    if (!n_examples && rc->noise_std > 0.0)
        noise_scale = rc->noise_std /
                      sqrt((double)(cfg->batch_size > 1 ? cfg->batch_size
                                                        : 1));

    traj = ov__calloc(1, sizeof *traj);
    if (!traj) {
        st = OV_ERR_NOMEM;
        goto fail;
    }
    traj->rows = ov__malloc3((size_t)steps + 1, 1, sizeof(ov_traj_row));
    traj->params = ov__malloc3((size_t)steps + 1, (size_t)dim,
                               sizeof(double));
    traj->grads = ov__malloc3((size_t)steps + 1, (size_t)dim,
                              sizeof(double));
    if (!traj->rows || !traj->params || !traj->grads) {
        st = OV_ERR_NOMEM;
        goto fail;
    }
    if (batch > 0) {
        perm = ov__malloc3(n_examples, 1, sizeof(size_t));
        if (!perm) {
            st = OV_ERR_NOMEM;
            goto fail;
        }
    }
    st = ov_optim_create(&opt, cfg, (size_t)dim);
    if (st != OV_OK)
        goto fail;
    st = ov_schedule_create(&sched, &rc->schedule, cfg, steps, err);
    if (st != OV_OK)
        goto fail;
    snprintf(traj->label, sizeof traj->label, "%s", ov_algo_name(cfg->algo));
    traj->config = *cfg;
    traj->dim = dim;
    traj->steps_per_epoch = per_epoch;
    traj->diverged_at = -1;
    ov_rng_seed(&rng, rc->seed);

    traj->rows[0].step = 0;
    traj->rows[0].epoch = 0;
    traj->rows[0].lr = ov_schedule_initial_lr(sched);
    /* The start is within the bound by construction; only a non-finite
     * loss refuses it (a non-finite gradient is the first step's
     * business: clipping may tame it). */
    if (record(loss, opt, theta, dim, &bound, INFINITY, traj, 0,
               shown) != OV_DIVERGED_NO) {
        ov__error_set(err, OV_ERR_NONFINITE, 0, 0,
                      "loss is not finite at the start point");
        st = OV_ERR_NONFINITE;
        goto fail;
    }
    start_loss = traj->rows[0].loss;
    traj->n_rows = 1;

    for (step = 1; step <= steps; step++) {
        ov_traj_row *row = &traj->rows[traj->n_rows];
        ov_momentum_slot slot;
        double m;

        memset(&sc, 0, sizeof sc);
        sc.loss = loss;
        sc.rc = rc;
        sc.dim = dim;
        sc.th = scratch + vlen;
        sc.g = scratch + 2 * vlen;
        sc.noise = noise;
        sc.last_p = traj->params + (traj->n_rows - 1) * (size_t)dim;
        sc.last_g = traj->grads + (traj->n_rows - 1) * (size_t)dim;
        sc.last_f = traj->rows[traj->n_rows - 1].loss;
        if (batch > 0) {
            /* A new epoch starts where the previous permutation ran out
             * (or, with drop_last, where no full batch is left). */
            long in_epoch = (step - 1) % per_epoch;
            if (in_epoch == 0) {
                if (rc->shuffle)
                    ov_rng_permutation(&rng, perm, n_examples);
                else {
                    size_t i;
                    for (i = 0; i < n_examples; i++)
                        perm[i] = i;
                }
                cursor = 0;
            }
            sc.batch = perm + cursor;
            sc.batch_len = n_examples - cursor < (size_t)batch
                ? n_examples - cursor : (size_t)batch;
            cursor += sc.batch_len;
        }
        if (noise_scale > 0.0) {
            for (k = 0; k < (int)vlen; k += 2) {
                double z0, z1;
                ov_rng_normal_pair(&rng, &z0, &z1);
                noise[k] = noise_scale * z0;
                if (k + 1 < (int)vlen)
                    noise[k + 1] = noise_scale * z1;
            }
            sc.has_noise = 1;
        }
        /* The schedule's lr and momentum for this step, then
         * optimizer.step(closure) and scheduler.step(). */
        ov_optim_set_lr(opt, ov_schedule_lr(sched));
        slot = ov_schedule_momentum(sched, &m);
        if (slot != OV_MOMENTUM_NONE)
            ov_optim_set_momentum(opt, slot, m);
        row->lr = ov_schedule_lr(sched);
        ov_optim_step_closure(opt, theta, closure_eval, &sc);
        ov_schedule_step(sched);
        row->step = step;
        row->epoch = (step - 1) / per_epoch + 1;
        traj->diverged_why = record(loss, opt, theta, dim, &bound,
                                    start_loss, traj, traj->n_rows, shown);
        if (traj->diverged_why != OV_DIVERGED_NO) {
            traj->diverged_at = step;
            traj->diverged_row = *row;
            break;
        }
        traj->n_rows++;
    }
    traj->bound = bound.value;
    ov_schedule_destroy(sched);
    ov_optim_destroy(opt);
    ov__free(perm);
    ov__free(scratch);
    *out = traj;
    return OV_OK;

fail:
    if (st == OV_ERR_NOMEM)
        ov__error_set(err, st, 0, 0, "out of memory");
    ov_schedule_destroy(sched);
    ov_optim_destroy(opt);
    ov__free(perm);
    ov__free(scratch);
    ov_trajectory_destroy(traj);
    return st;
}
