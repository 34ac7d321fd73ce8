/*
 * run.c: one optimizer on one loss, step by step, with torch's batching.
 *
 * The order of draws from the random stream is the one of
 * tools/torch_ref.py: data losses draw one permutation at the start of
 * every epoch and nothing else; synthetic losses draw one Box-Muller pair
 * per step, only when noise is on.  Each run has its own stream seeded
 * with rc->seed, so an optimizer's trajectory does not depend on which
 * others run beside it.
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
    ov_rng rng;
    ov_status st;
    long step;

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
    snprintf(traj->label, sizeof traj->label, "%s", ov_algo_name(cfg->algo));
    traj->config = *cfg;
    traj->dim = dim;
    traj->steps_per_epoch = per_epoch;
    traj->diverged_at = -1;
    ov_rng_seed(&rng, rc->seed);

    traj->rows[0].step = 0;
    traj->rows[0].epoch = 0;
    if (!record(loss, opt, theta, dim, bound, center, &traj->rows[0])) {
        ov__error_set(err, OV_ERR_NONFINITE, 0, 0,
                      "loss is not finite at the start point");
        st = OV_ERR_NONFINITE;
        goto fail;
    }
    traj->n_rows = 1;

    for (step = 1; step <= steps; step++) {
        double g[2] = { 0.0, 0.0 };
        ov_traj_row *row = &traj->rows[traj->n_rows];

        if (batch > 0) {
            /* A new epoch starts where the previous permutation ran out
             * (or, with drop_last, where no full batch is left). */
            long in_epoch = (step - 1) % per_epoch;
            size_t len;
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
            len = data->n - cursor < (size_t)batch ? data->n - cursor
                                                   : (size_t)batch;
            ov_loss_eval_batch(loss, theta, perm + cursor, len, g);
            cursor += len;
        } else {
            ov_loss_eval(loss, theta, g);
        }
        if (noise_scale > 0.0) {
            double z0, z1;
            ov_rng_normal_pair(&rng, &z0, &z1);
            g[0] = g[0] + noise_scale * z0;
            g[1] = g[1] + noise_scale * z1;
        }
        if (dim == 1)
            g[1] = 0.0;
        ov_optim_step(opt, theta, g);
        row->step = step;
        row->epoch = (step - 1) / per_epoch + 1;
        if (!record(loss, opt, theta, dim, bound, center, row)) {
            traj->diverged_at = step;
            break;
        }
        traj->n_rows++;
    }
    ov_optim_destroy(opt);
    ov__free(perm);
    *out = traj;
    return OV_OK;

fail:
    if (st == OV_ERR_NOMEM)
        ov__error_set(err, st, 0, 0, "out of memory");
    ov_optim_destroy(opt);
    ov__free(perm);
    ov_trajectory_destroy(traj);
    return st;
}
