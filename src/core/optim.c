/*
 * optim.c: optimizer objects and configs, run from the rows of
 * optim_algos.c and the keys of param.c.
 *
 * Nothing here names an optimizer: defaults, the keys an optimizer takes,
 * the order torch checks them in, its state and its step all come from its
 * row, so a new optimizer is a new row.
 */
#include <optviz/optim.h>
#include <optviz/param.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "error_private.h"
#include "name_private.h"
#include "optim_private.h"

void
ov_optim_config_init(ov_optim_config *cfg, ov_algo algo)
{
    const ov__algo_row *row = ov__algo_row_of(algo);

    memset(cfg, 0, sizeof *cfg);
    if (row)
        *cfg = row->defaults;
    cfg->algo = algo;
}

const char *
ov_algo_name(ov_algo algo)
{
    const ov__algo_row *row = ov__algo_row_of(algo);

    return row ? row->name : "unknown";
}

ov_status
ov_algo_from_name(const char *name, ov_algo *out)
{
    int i;

    if (!name)
        return OV_ERR_NOT_FOUND;
    for (i = 0; i < OV_ALGO_COUNT; i++) {
        if (ov__same_name(ov__algo_row_of((ov_algo)i)->name, name)) {
            *out = (ov_algo)i;
            return OV_OK;
        }
    }
    return OV_ERR_NOT_FOUND;
}

const char *
ov_algo_summary(ov_algo algo)
{
    const ov__algo_row *row = ov__algo_row_of(algo);

    return row ? row->summary : "unknown algorithm";
}

uint32_t
ov_algo_color(ov_algo algo)
{
    const ov__algo_row *row = ov__algo_row_of(algo);

    return row ? row->color : 0x808080;
}

int
ov_algo_takes_param(ov_algo algo, const char *key)
{
    const ov__algo_row *row = ov__algo_row_of(algo);
    int p = key ? ov_param_find(key) : -1;
    size_t k;

    if (!row || p < 0)
        return 0;
    for (k = 0; k < OV__MAX_KEYS && row->keys[k]; k++)
        if (ov_param_find(row->keys[k]) == p)
            return 1;
    return 0;
}

/* ---- validation ---------------------------------------------------------- */

/*
 * The shortest decimal that reads back to the same double, laid out as
 * Python's repr() lays it out (fixed for exponents -4..15), so messages show
 * "-1", "0.1" and "1e-10" rather than "0.10000000000000001".
 */
void
ov__format_number(char *out, size_t size, double v)
{
    char sci[40];
    int prec, exp10;

    if (v != v) {
        snprintf(out, size, "nan");
        return;
    }
    if (isinf(v)) {
        snprintf(out, size, v < 0 ? "-inf" : "inf");
        return;
    }
    for (prec = 0; prec < 16; prec++) {
        snprintf(sci, sizeof sci, "%.*e", prec, v);
        if (strtod(sci, NULL) == v)
            break;
    }
    snprintf(sci, sizeof sci, "%.*e", prec, v);
    exp10 = atoi(strchr(sci, 'e') + 1);
    if (exp10 >= -4 && exp10 < 16)
        snprintf(out, size, "%.*f", prec > exp10 ? prec - exp10 : 0, v);
    else
        snprintf(out, size, "%s", sci);
}

ov_status
ov__reject_number(ov_error *err, const char *prefix, double v)
{
    char num[40];

    ov__format_number(num, sizeof num, v);
    return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "%s%s", prefix, num);
}

static ov_status
reject_text(ov_error *err, const char *text)
{
    return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "%s", text);
}

ov_status
ov_optim_config_validate(const ov_optim_config *cfg, ov_error *err)
{
    const ov__algo_row *row;
    size_t k;

    if (!cfg)
        return reject_text(err, "no optimizer configuration");
    row = ov__algo_row_of(cfg->algo);
    if (!row)
        return ov__reject_number(err, "Invalid algorithm: ",
                                 (double)cfg->algo);
    /* The keys in the order of torch's constructor, so the first
     * complaint is the one torch would raise. */
    for (k = 0; k < OV__MAX_KEYS && row->keys[k]; k++) {
        int p = ov_param_find(row->keys[k]);
        double v = ov_optim_config_get(cfg, (size_t)p);

        if (!ov_param_in_range((size_t)p, v))
            return ov__param_reject(err, (size_t)p, cfg);
    }
    return row->check ? row->check(cfg, err) : OV_OK;
}

/* ---- state --------------------------------------------------------------- */

ov_status
ov_optim_create(ov_optim **out, const ov_optim_config *cfg, size_t dim)
{
    const ov__algo_row *row;
    ov_optim *opt;
    ov_status st;
    size_t i;

    *out = NULL;
    if (dim < 1 || dim > OV_OPTIM_MAX_DIM)
        return OV_ERR_INVALID_ARG;
    st = ov_optim_config_validate(cfg, NULL);
    if (st != OV_OK)
        return st;
    opt = ov__calloc(1, sizeof *opt);
    if (!opt)
        return OV_ERR_NOMEM;
    opt->cfg = *cfg;
    opt->dim = dim;
    opt->state = ov__malloc3(dim, 1, sizeof *opt->state);
    opt->grad = ov__malloc3(dim, 1, sizeof *opt->grad);
    if (!opt->state || !opt->grad) {
        ov_optim_destroy(opt);
        return OV_ERR_NOMEM;
    }
    memset(opt->state, 0, dim * sizeof *opt->state);
    row = ov__algo_row_of(cfg->algo);
    /* Torch's NAdam has no maximize and its Rprop no weight_decay: a key
     * the row does not take changes nothing. */
    opt->flip = cfg->maximize && ov_algo_takes_param(cfg->algo, "maximize");
    opt->l2 = cfg->weight_decay != 0 && !row->own_decay
        && ov_algo_takes_param(cfg->algo, "weight-decay");
    if (row->init_state)
        for (i = 0; i < dim; i++)
            row->init_state(cfg, opt->state[i]);
    if (row->whole_size) {
        opt->whole = ov__calloc(1, row->whole_size(cfg, dim));
        if (!opt->whole) {
            ov_optim_destroy(opt);
            return OV_ERR_NOMEM;
        }
    }
    *out = opt;
    return OV_OK;
}

void
ov_optim_destroy(ov_optim *opt)
{
    if (!opt)
        return;
    ov__free(opt->whole);
    ov__free(opt->state);
    ov__free(opt->grad);
    ov__free(opt);
}

double
ov_optim_d_estimate(const ov_optim *opt)
{
    if (opt->cfg.algo != OV_ALGO_PRODIGY)
        return NAN;
    /* shared[0] is Prodigy's d (optim_algos.c), set by the first step. */
    return opt->step > 0 ? opt->shared[0] : opt->cfg.d0;
}

long
ov_optim_step_count(const ov_optim *opt)
{
    return opt->step;
}

void
ov_optim_step(ov_optim *opt, double *theta, const double *grad)
{
    const ov_optim_config *c = &opt->cfg;
    const ov__algo_row *row = ov__algo_row_of(c->algo);
    double *g = opt->grad;
    size_t i;

    if (!row->step && !row->step_all)
        return;         /* closure_step optimizers need the loss */
    opt->step++;
    for (i = 0; i < opt->dim; i++) {
        g[i] = grad[i];
        /* The common prologue: maximize before weight decay. */
        if (opt->flip)
            g[i] = -g[i];
        if (opt->l2)
            g[i] = g[i] + c->weight_decay * theta[i];
    }
    if (row->step_all) {
        row->step_all(opt, theta, g);
        return;
    }
    for (i = 0; i < opt->dim; i++)
        row->step(opt, opt->state[i], &theta[i], g[i]);
}

void
ov_optim_display_point(const ov_optim *opt, const double *theta,
                       double *shown)
{
    const ov__algo_row *row = ov__algo_row_of(opt->cfg.algo);
    size_t i;

    if (row->display) {
        row->display(opt, theta, shown);
        return;
    }
    for (i = 0; i < opt->dim; i++)
        shown[i] = theta[i];
}

/* ---- closures and changing hyper-parameters ----------------------------- */

void
ov_optim_step_closure(ov_optim *opt, double *theta, ov_closure_fn fn,
                      void *payload)
{
    const ov__algo_row *row = ov__algo_row_of(opt->cfg.algo);
    double *g = opt->grad;

    if (row->closure_step) {
        opt->step++;
        row->closure_step(opt, theta, fn, payload);
        return;
    }
    memset(g, 0, opt->dim * sizeof *g);
    fn(payload, theta, g);
    /* ov_optim_step() copies g into the same scratch: elementwise, in
     * place, before anything reads it back. */
    ov_optim_step(opt, theta, g);
}

void
ov_optim_set_lr(ov_optim *opt, double lr)
{
    opt->cfg.lr = lr;
}

void
ov_optim_set_momentum(ov_optim *opt, ov_momentum_slot slot, double m)
{
    if (slot == OV_MOMENTUM_MOMENTUM)
        opt->cfg.momentum = m;
    else if (slot == OV_MOMENTUM_BETA1)
        opt->cfg.beta1 = m;
}
