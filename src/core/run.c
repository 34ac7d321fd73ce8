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
 * evaluation of its step.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <optviz/rng.h>
#include <optviz/run.h>

#include "alloc_private.h"
#include "error_private.h"

#define DEFAULT_STEPS 100
#define DIVERGENCE_FACTOR 1e6

static long
effective_batch(const ov_loss *loss, const ov_optim_config *cfg)
{
    const ov_dataset *d = ov_loss_dataset(loss);

    if (!d || cfg->batch_size <= 0 || (size_t)cfg->batch_size >= d->n)
        return 0;   /* full batch, natural order */
    return cfg->batch_size;
}

long
ov_run_steps_per_epoch(const ov_loss *loss, const ov_optim_config *cfg,
                       const ov_run_config *rc)
{
    const ov_dataset *d = ov_loss_dataset(loss);
    long b = effective_batch(loss, cfg);

    if (!d || b == 0)
        return 1;
    if (rc->drop_last)
        return (long)(d->n / (size_t)b);
    return (long)((d->n + (size_t)b - 1) / (size_t)b);
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
    ov__free(traj);
}

static int
record(const ov_loss *loss, const ov_optim *opt, const double *theta,
       int dim, double bound, const double *center, ov_traj_row *row)
{
    double shown[2] = { theta[0], dim == 2 ? theta[1] : 0.0 };
    int k;

    ov_optim_display_point(opt, theta, shown);
    if (dim == 1)
        shown[1] = 0.0;
    row->theta[0] = shown[0];
    row->theta[1] = shown[1];
    row->d_estimate = ov_optim_d_estimate(opt);
    row->loss = ov_loss_eval(loss, shown, row->grad);
    if (dim == 1)
        row->grad[1] = 0.0;
    for (k = 0; k < dim; k++)
        if (!isfinite(shown[k]) || fabs(shown[k] - center[k]) > bound ||
            !isfinite(row->grad[k]))
            return 0;
    return isfinite(row->loss);
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
    double noise[2];            /* added to the gradient */
} step_closure;

/* torch.nn.utils.clip_grad_norm_ (2-norm, 1e-6, clamp to 1) and then
 * clip_grad_value_, on the gradient as p.grad holds it. */
static void
clip_gradient(const ov_run_config *rc, int dim, double *g)
{
    int k;

    if (rc->clip_norm) {
        double total = sqrt(dim == 2 ? g[0] * g[0] + g[1] * g[1]
                                     : g[0] * g[0]);
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
    double th[2] = { theta[0], c->dim == 2 ? theta[1] : 0.0 }, f;

    g[0] = g[1] = 0.0;
    if (c->batch)
        f = ov_loss_eval_batch(c->loss, th, c->batch, c->batch_len, g);
    else
        f = ov_loss_eval(c->loss, th, g);
    if (c->has_noise) {
        g[0] = g[0] + c->noise[0];
        g[1] = g[1] + c->noise[1];
    }
    if (c->dim == 1)
        g[1] = 0.0;
    clip_gradient(c->rc, c->dim, g);
    return f;
}

ov_status
ov_run(ov_trajectory **out, const ov_loss *loss, const ov_optim_config *cfg,
       const ov_run_config *rc, ov_error *err)
{
    const ov_dataset *data = ov_loss_dataset(loss);
    int dim = ov_loss_dim(loss);
    long steps = ov_run_step_count(loss, cfg, rc);
    long per_epoch = ov_run_steps_per_epoch(loss, cfg, rc);
    long batch = effective_batch(loss, cfg);
    double theta[2], xlim[2], ylim[2], center[2], bound, noise_scale = 0.0;
    size_t *perm = NULL, cursor = 0;
    ov_trajectory *traj = NULL;
    ov_optim *opt = NULL;
    ov_schedule *sched = NULL;
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
    if (rc->has_start) {
        theta[0] = rc->start[0];
        theta[1] = dim == 2 ? rc->start[1] : 0.0;
    } else {
        ov_loss_default_start(loss, theta);
        if (dim == 1)
            theta[1] = 0.0;
    }
    if (!isfinite(theta[0]) || !isfinite(theta[1])) {
        ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                      "start point is not finite");
        return OV_ERR_INVALID_ARG;
    }
    if (!(rc->noise_std >= 0.0) || !isfinite(rc->noise_std)) {
        ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "noise-std must be >= 0");
        return OV_ERR_INVALID_ARG;
    }
    if ((rc->clip_norm && !(rc->clip_norm_max >= 0.0))
        || (rc->clip_value && !(rc->clip_value_max >= 0.0))) {
        ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                      "clipping bounds must be >= 0");
        return OV_ERR_INVALID_ARG;
    }
    ov_loss_domain(loss, xlim, ylim);
    center[0] = 0.5 * (xlim[0] + xlim[1]);
    center[1] = 0.5 * (ylim[0] + ylim[1]);
    bound = DIVERGENCE_FACTOR * fmax(xlim[1] - xlim[0],
                                     dim == 2 ? ylim[1] - ylim[0] : 0.0);
    /* Start far outside the domain: keep the bound relative to it. */
    bound = fmax(bound, DIVERGENCE_FACTOR * fmax(fabs(theta[0] - center[0]),
                                                 fabs(theta[1] - center[1])));
    if (!data && rc->noise_std > 0.0)
        noise_scale = rc->noise_std /
                      sqrt((double)(cfg->batch_size > 1 ? cfg->batch_size
                                                        : 1));

    traj = ov__calloc(1, sizeof *traj);
    if (!traj)
        return OV_ERR_NOMEM;
    traj->rows = ov__malloc3((size_t)steps + 1, 1, sizeof(ov_traj_row));
    if (!traj->rows) {
        st = OV_ERR_NOMEM;
        goto fail;
    }
    if (batch > 0) {
        perm = ov__malloc3(data->n, 1, sizeof(size_t));
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
    if (!record(loss, opt, theta, dim, bound, center, &traj->rows[0])) {
        ov__error_set(err, OV_ERR_NONFINITE, 0, 0,
                      "loss is not finite at the start point");
        st = OV_ERR_NONFINITE;
        goto fail;
    }
    traj->n_rows = 1;

    for (step = 1; step <= steps; step++) {
        ov_traj_row *row = &traj->rows[traj->n_rows];
        step_closure sc;
        ov_momentum_slot slot;
        double m;

        memset(&sc, 0, sizeof sc);
        sc.loss = loss;
        sc.rc = rc;
        sc.dim = dim;
        if (batch > 0) {
            /* A new epoch starts where the previous permutation ran out
             * (or, with drop_last, where no full batch is left). */
            long in_epoch = (step - 1) % per_epoch;
            if (in_epoch == 0) {
                if (rc->shuffle)
                    ov_rng_permutation(&rng, perm, data->n);
                else {
                    size_t i;
                    for (i = 0; i < data->n; i++)
                        perm[i] = i;
                }
                cursor = 0;
            }
            sc.batch = perm + cursor;
            sc.batch_len = data->n - cursor < (size_t)batch
                ? data->n - cursor : (size_t)batch;
            cursor += sc.batch_len;
        }
        if (noise_scale > 0.0) {
            double z0, z1;
            ov_rng_normal_pair(&rng, &z0, &z1);
            sc.has_noise = 1;
            sc.noise[0] = noise_scale * z0;
            sc.noise[1] = noise_scale * z1;
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
        if (!record(loss, opt, theta, dim, bound, center, row)) {
            traj->diverged_at = step;
            break;
        }
        traj->n_rows++;
    }
    ov_schedule_destroy(sched);
    ov_optim_destroy(opt);
    ov__free(perm);
    *out = traj;
    return OV_OK;

fail:
    if (st == OV_ERR_NOMEM)
        ov__error_set(err, st, 0, 0, "out of memory");
    ov_schedule_destroy(sched);
    ov_optim_destroy(opt);
    ov__free(perm);
    ov_trajectory_destroy(traj);
    return st;
}
