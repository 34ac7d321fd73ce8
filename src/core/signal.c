/*
 * signal.c: seed 001's gradient signals and the optimizers' responses to
 * them (signal.h).
 *
 * The definitions are the seed's script, term for term (its X runs over
 * 0..299); only the noise generator differs, the portable SplitMix64
 * stream instead of numpy's, so a figure depends on --seed alone.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <optviz/rng.h>
#include <optviz/signal.h>

#include "alloc_private.h"
#include "error_private.h"
#include "optim_private.h"

typedef enum kind {
    SPIKES,
    RECTANGLES,
    NOISY_SIN,
    VERY_NOISY_SIN,
    SAWTOOTH,
    SATURATION,
    N_SIGNALS
} kind;

static const char *const names[N_SIGNALS] = {
    "spikes", "rectangles", "noisy-sin", "very-noisy-sin", "sawtooth",
    "saturation"
};

static const char *const formulas[N_SIGNALS] = {
    "1 when t mod 60 = 0, else 0",
    "1 when t mod 40 < 20, else -1",
    "sin(t/20) + U - 0.5, U uniform in [0, 1) from --seed",
    "sin(t/20)/5 + U - 0.5, U uniform in [0, 1) from --seed",
    "(t mod 20)/5 up to t = 80, then (t mod 20)/20 (uneven sawtooth)",
    "1 when t mod 80 < 40, else 0"
};

size_t
ov_signal_count(void)
{
    return N_SIGNALS;
}

const char *
ov_signal_name(size_t i)
{
    return i < N_SIGNALS ? names[i] : NULL;
}

const char *
ov_signal_formula(size_t i)
{
    return i < N_SIGNALS ? formulas[i] : NULL;
}

/* Compares ignoring case, with '-', '_' and ' ' all equal. */
static int
same_name(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca == '_' || ca == ' ')
            ca = '-';
        if (cb == '_' || cb == ' ')
            cb = '-';
        if (tolower(ca) != tolower(cb))
            return 0;
        if (ca == '\0')
            return 1;
    }
}

ov_status
ov_signal_find(const char *name, size_t *index)
{
    size_t i;

    if (!name)
        return OV_ERR_NOT_FOUND;
    for (i = 0; i < N_SIGNALS; i++)
        if (same_name(name, names[i])) {
            if (index)
                *index = i;
            return OV_OK;
        }
    if (same_name(name, "uneven-sawtooth")) {
        if (index)
            *index = SAWTOOTH;
        return OV_OK;
    }
    return OV_ERR_NOT_FOUND;
}

ov_status
ov_signal_generate(size_t index, uint64_t seed, double *out, size_t n)
{
    ov_rng rng;
    size_t t;

    if (index >= N_SIGNALS || (n > 0 && !out))
        return OV_ERR_INVALID_ARG;
    ov_rng_seed(&rng, seed);
    for (t = 0; t < n; t++) {
        double x = (double)t;
        switch ((kind)index) {
        case SPIKES:
            out[t] = t % 60 == 0 ? 1.0 : 0.0;
            break;
        case RECTANGLES:
            out[t] = t % 40 < 20 ? 1.0 : -1.0;
            break;
        case NOISY_SIN:
            /* The seed's order: sin + U, then - 0.5. */
            out[t] = sin(x / 20.0) + ov_rng_uniform(&rng) - 0.5;
            break;
        case VERY_NOISY_SIN:
            out[t] = sin(x / 20.0) / 5.0 + ov_rng_uniform(&rng) - 0.5;
            break;
        case SAWTOOTH:
            out[t] = (double)(t % 20) / (t > 80 ? 20.0 : 5.0);
            break;
        case SATURATION:
            out[t] = t % 80 < 40 ? 1.0 : 0.0;
            break;
        default:
            return OV_ERR_INVALID_ARG;
        }
    }
    return OV_OK;
}

double
ov_signal_recommended_lr(ov_algo algo)
{
    const ov__algo_row *row = ov__algo_row_of(algo);

    /* Rows name their rate only where the common one does not suit. */
    return row && row->response_lr > 0 ? row->response_lr : 0.25;
}

/* The parameter as shown (nag's Sutskever form moves the point). */
static double
shown(const ov_optim *opt, const double *theta)
{
    double p[2] = { theta[0], 0.0 };

    ov_optim_display_point(opt, theta, p);
    return p[0];
}

ov_status
ov_signal_response(const ov_optim_config *cfg, const double *g, size_t n,
                   double *out, ov_error *err)
{
    ov_optim *opt = NULL;
    double theta[2] = { 0.0, 0.0 }, prev;
    ov_status st;
    size_t t;

    if (!cfg || (n > 0 && (!g || !out)))
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "NULL argument");
    st = ov_optim_config_validate(cfg, err);
    if (st != OV_OK)
        return st;
    if (ov__algo_row_of(cfg->algo)->closure_step)
        return ov__error_set(err, OV_ERR_UNSUPPORTED, 0, 0,
                             "%s evaluates the loss, and a signal has none",
                             ov_algo_name(cfg->algo));
    st = ov_optim_create(&opt, cfg, 1);
    if (st != OV_OK)
        return ov__error_set(err, st, 0, 0, "%s", ov_status_str(st));
    prev = shown(opt, theta);
    for (t = 0; t < n; t++) {
        double grad[2] = { g[t], 0.0 }, now;

        ov_optim_step(opt, theta, grad);
        now = shown(opt, theta);
        out[t] = prev - now;
        if (!isfinite(now)) {
            for (; t < n; t++)
                out[t] = NAN;
            break;
        }
        prev = now;
    }
    ov_optim_destroy(opt);
    return OV_OK;
}

ov_status
ov_signal_run(ov_trajectory **out, size_t index, long steps, uint64_t seed,
              const ov_optim_config *cfg, ov_error *err)
{
    ov_trajectory *traj = NULL;
    ov_optim *opt = NULL;
    double theta[2] = { 0.0, 0.0 }, *g = NULL;
    ov_status st;
    long t;

    if (!out || !cfg)
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "NULL argument");
    *out = NULL;
    if (index >= N_SIGNALS)
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "no signal %zu",
                             index);
    if (steps <= 0)
        steps = OV_SIGNAL_DEFAULT_STEPS;
    if (steps > OV_MAX_STEPS)
        return ov__error_set(err, OV_ERR_TOO_LARGE, 0, 0,
                             "more than %ld steps", OV_MAX_STEPS);
    st = ov_optim_config_validate(cfg, err);
    if (st != OV_OK)
        return st;
    /* A signal is gradients only: nothing an optimizer that evaluates
     * the loss itself (lbfgs's closure) could call. */
    if (ov__algo_row_of(cfg->algo)->closure_step)
        return ov__error_set(err, OV_ERR_UNSUPPORTED, 0, 0,
                             "%s evaluates the loss, and a signal has none",
                             ov_algo_name(cfg->algo));

    traj = ov__calloc(1, sizeof *traj);
    g = ov__malloc3((size_t)steps + 1, 1, sizeof *g);
    if (!traj || !g) {
        st = OV_ERR_NOMEM;
        goto fail;
    }
    traj->rows = ov__malloc3((size_t)steps + 1, 1, sizeof(ov_traj_row));
    if (!traj->rows) {
        st = OV_ERR_NOMEM;
        goto fail;
    }
    st = ov_optim_create(&opt, cfg, 1);
    if (st != OV_OK)
        goto fail;
    ov_signal_generate(index, seed, g, (size_t)steps + 1);
    snprintf(traj->label, sizeof traj->label, "%s", ov_algo_name(cfg->algo));
    traj->config = *cfg;
    traj->dim = 1;
    traj->steps_per_epoch = 1;
    traj->diverged_at = -1;

    for (t = 0; t <= steps; t++) {
        ov_traj_row *row = &traj->rows[t];

        if (t > 0) {
            double grad[2] = { g[t - 1], 0.0 };
            ov_optim_step(opt, theta, grad);
        }
        memset(row, 0, sizeof *row);
        row->step = t;
        row->epoch = t;
        row->theta[0] = shown(opt, theta);
        row->grad[0] = g[t];
        row->d_estimate = ov_optim_d_estimate(opt);
        if (!isfinite(row->theta[0])) {
            traj->diverged_at = t;
            traj->diverged_why = OV_DIVERGED_POINT;
            traj->diverged_row = *row;
            break;
        }
        traj->n_rows++;
    }
    ov_optim_destroy(opt);
    ov__free(g);
    *out = traj;
    return OV_OK;

fail:
    if (st == OV_ERR_NOMEM)
        ov__error_set(err, st, 0, 0, "out of memory");
    ov_optim_destroy(opt);
    ov__free(g);
    ov_trajectory_destroy(traj);
    return st;
}
