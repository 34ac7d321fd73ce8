/*
 * param.c: the hyper-parameter table (param.h) and configs read and
 * written through it.
 *
 * A row joins the public description of a key to where it lives in
 * ov_optim_config.  Ranges are torch's: its constructors write `not 0.0 <=
 * v`, which also refuses NaN; infinities pass torch's checks but only ever
 * give NaN trajectories, so the ranges refuse them as well.
 */
#include <optviz/number.h>
#include <optviz/param.h>

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error_private.h"
#include "name_private.h"
#include "optim_private.h"

typedef struct param_row {
    ov_param info;
    size_t offset;      /* in ov_optim_config; its C type follows info.type */
    /* Keys torch checks and names together, "Invalid eta values: 0.5, 1"
     * (NULL: the key alone). */
    const char *pair[2];
} param_row;

static const char *const nag_forms[] = { "torch", "sutskever", NULL };
static const char *const sf_points[] = { "x", "y", "z", NULL };
static const char *const line_searches[] = { "none", "strong_wolfe", NULL };

/* Values a key takes, as its range. */
#define NONNEG .min = 0.0, .max = INFINITY, .max_open = 1
#define ANY .min = -INFINITY, .max = INFINITY, .min_open = 1, .max_open = 1
#define ETAS .pair = { "eta-minus", "eta-plus" }
#define FIELD(f) .offset = offsetof(ov_optim_config, f)

static const param_row rows[] = {
    { { .key = "lr", .value_name = "RATE",
        .help = "learning rate; default the loss's recommendation per "
                "optimizer",
        NONNEG, .invalid = "Invalid learning rate: " }, FIELD(lr) },
    { { .key = "momentum", .value_name = "M",
        .help = "momentum (sgd family, rmsprop); 0.9 for momentum and nag",
        NONNEG, .invalid = "Invalid momentum value: " }, FIELD(momentum) },
    /* Torch does not check dampening; only refuse what gives no number. */
    { { .key = "dampening", .value_name = "D",
        .help = "momentum dampening (sgd family)",
        .min = -INFINITY, .max = INFINITY, .min_open = 1, .max_open = 1,
        .invalid = "Invalid dampening value: " }, FIELD(dampening) },
    { { .key = "nesterov", .type = OV_PARAM_FLAG,
        .help = "Nesterov momentum (sgd family)" }, FIELD(nesterov) },
    { { .key = "weight-decay", .value_name = "WD",
        .help = "L2 penalty added to the gradient",
        NONNEG, .invalid = "Invalid weight_decay value: " },
      FIELD(weight_decay) },
    /* rmsprop's smoothing constant and asgd's power: one key, each
     * optimizer's default in its row.  Torch checks it for RMSprop only;
     * a negative power would make asgd's rate grow, refused for both. */
    { { .key = "alpha", .value_name = "A",
        .help = "%A: rmsprop's smoothing constant (0.99), asgd's eta "
                "power (0.75), ademamix's slow-EMA weight (2)",
        NONNEG, .invalid = "Invalid alpha value: " }, FIELD(alpha) },
    { { .key = "centered", .type = OV_PARAM_FLAG, .help = "centered %A" },
      FIELD(centered) },
    { { .key = "rho", .value_name = "R", .help = "%A decay (0.9)",
        .min = 0.0, .max = 1.0, .invalid = "Invalid rho value: " },
      FIELD(rho) },
    { { .key = "beta1", .value_name = "B1",
        .help = "%A first-moment decay (0.9)",
        .min = 0.0, .max = 1.0, .max_open = 1,
        .invalid = "Invalid beta parameter at index 0: " }, FIELD(beta1) },
    { { .key = "beta2", .value_name = "B2",
        .help = "%A second-moment decay (0.999)",
        .min = 0.0, .max = 1.0, .max_open = 1,
        .invalid = "Invalid beta parameter at index 1: " }, FIELD(beta2) },
    { { .key = "eps", .value_name = "EPS",
        .help = "denominator term of adaptive methods",
        NONNEG, .invalid = "Invalid epsilon value: " }, FIELD(eps) },
    { { .key = "amsgrad", .type = OV_PARAM_FLAG,
        .help = "AMSGrad variant of %A" }, FIELD(amsgrad) },
    { { .key = "lr-decay", .value_name = "D",
        .help = "%A learning-rate decay",
        NONNEG, .invalid = "Invalid lr_decay value: " }, FIELD(lr_decay) },
    { { .key = "initial-accumulator-value", .value_name = "V",
        .help = "%A's initial sum of squares",
        NONNEG, .invalid = "Invalid initial_accumulator_value value: " },
      FIELD(initial_accumulator_value) },
    /* Not torch: a negative u0 would take the square root of < 0. */
    { { .key = "initial-acc-delta", .value_name = "V",
        .help = "%A's initial accumulated update (not torch)",
        NONNEG, .invalid = "Invalid initial_acc_delta value: " },
      FIELD(initial_acc_delta) },
    { { .key = "momentum-decay", .value_name = "PSI",
        .help = "%A momentum decay (4e-3)",
        NONNEG, .invalid = "Invalid momentum_decay value: " },
      FIELD(momentum_decay) },
    /* Torch does not check ASGD's lambd and t0. */
    { { .key = "lambd", .value_name = "L",
        .help = "%A eta decay (1e-4)", ANY,
        .invalid = "Invalid lambd value: " }, FIELD(lambd) },
    { { .key = "t0", .value_name = "T",
        .help = "%A step at which averaging starts (1e6)", ANY,
        .invalid = "Invalid t0 value: " }, FIELD(t0) },
    /* Torch's Rprop checks 0 < etas[0] < 1 < etas[1] at once. */
    { { .key = "eta-minus", .value_name = "E",
        .help = "%A step size factor after a sign change (0.5)",
        .min = 0.0, .max = 1.0, .min_open = 1, .max_open = 1,
        .invalid = "Invalid eta values: " }, FIELD(eta_minus), ETAS },
    { { .key = "eta-plus", .value_name = "E",
        .help = "%A step size factor while the sign holds (1.2)",
        .min = 1.0, .max = INFINITY, .min_open = 1, .max_open = 1,
        .invalid = "Invalid eta values: " }, FIELD(eta_plus), ETAS },
    /* Torch does not check the step sizes. */
    { { .key = "step-size-min", .value_name = "S",
        .help = "%A smallest step size (1e-6)", ANY,
        .invalid = "Invalid step_size_min value: " }, FIELD(step_size_min) },
    { { .key = "step-size-max", .value_name = "S",
        .help = "%A largest step size (50)", ANY,
        .invalid = "Invalid step_size_max value: " }, FIELD(step_size_max) },
    { { .key = "maximize", .type = OV_PARAM_FLAG,
        .help = "maximize instead of minimize" }, FIELD(maximize) },
    { { .key = "nag-form", .type = OV_PARAM_ENUM,
        .value_name = "torch|sutskever",
        .help = "point shown for nag: torch's parameter or Sutskever's "
                "theta",
        .choices = nag_forms, .min = OV_NAG_TORCH, .max = OV_NAG_SUTSKEVER,
        .invalid = "Invalid nag_form value: " }, FIELD(nag_form) },
    { { .key = "beta3", .value_name = "B3",
        .help = "%A third decay: adan 0.99, ademamix 0.9999, prodigy "
                "none (sqrt(beta2))",
        .min = 0.0, .max = 1.0, .max_open = 1, .none = 1,
        .invalid = "Invalid beta parameter at index 2: " }, FIELD(beta3) },
    { { .key = "t-alpha-beta3", .type = OV_PARAM_LONG, .value_name = "T",
        .help = "%A warm-up steps of alpha and beta3 (none)",
        NONNEG, .none = 1, .invalid = "Invalid t_alpha_beta3 value: " },
      FIELD(t_alpha_beta3) },
    { { .key = "d0", .value_name = "D0",
        .help = "%A initial step-size estimate (1e-6)",
        .min = 0.0, .max = INFINITY, .min_open = 1, .max_open = 1,
        .invalid = "Invalid d0 value: " }, FIELD(d0) },
    { { .key = "d-coef", .value_name = "C",
        .help = "%A factor on the step-size estimate (1)",
        .min = -INFINITY, .max = INFINITY, .min_open = 1, .max_open = 1,
        .invalid = "Invalid d_coef value: " }, FIELD(d_coef) },
    { { .key = "warmup-steps", .type = OV_PARAM_LONG, .value_name = "N",
        .help = "%A linear learning-rate warm-up steps (0)",
        NONNEG, .invalid = "Invalid warmup_steps value: " },
      FIELD(warmup_steps) },
    { { .key = "r", .value_name = "R",
        .help = "%A power of the step in the averaging weights (0)",
        .min = -INFINITY, .max = INFINITY, .min_open = 1, .max_open = 1,
        .invalid = "Invalid r value: " }, FIELD(r) },
    { { .key = "weight-lr-power", .value_name = "P",
        .help = "%A power of lr_max in the averaging weights (2)",
        .min = -INFINITY, .max = INFINITY, .min_open = 1, .max_open = 1,
        .invalid = "Invalid weight_lr_power value: " },
      FIELD(weight_lr_power) },
    { { .key = "show", .type = OV_PARAM_ENUM, .value_name = "x|y|z",
        .help = "%A sequence shown: x (the average, default), y (where "
                "gradients are taken) or z",
        .choices = sf_points, .min = OV_SF_SHOW_X, .max = OV_SF_SHOW_Z,
        .invalid = "Invalid show value: " }, FIELD(sf_show) },
    /* ---- lbfgs: torch checks none of these; the ranges keep its loops
     * finite and its history allocatable. */
    { { .key = "max-iter", .type = OV_PARAM_LONG, .value_name = "N",
        .help = "%A iterations per step (20)",
        .min = 1, .max = 100000, .invalid = "Invalid max_iter value: " },
      FIELD(max_iter) },
    { { .key = "max-eval", .type = OV_PARAM_LONG, .value_name = "N",
        .help = "%A loss evaluations per step; 0: max-iter*5/4 "
                "(default)",
        .min = 0, .max = 1000000, .invalid = "Invalid max_eval value: " },
      FIELD(max_eval) },
    { { .key = "tolerance-grad", .value_name = "TOL",
        .help = "%A: stop when every |gradient| is below (1e-7)",
        NONNEG, .invalid = "Invalid tolerance_grad value: " },
      FIELD(tolerance_grad) },
    { { .key = "tolerance-change", .value_name = "TOL",
        .help = "%A: stop when loss or step change less (1e-9)",
        NONNEG, .invalid = "Invalid tolerance_change value: " },
      FIELD(tolerance_change) },
    { { .key = "history-size", .type = OV_PARAM_LONG, .value_name = "N",
        .help = "%A update pairs kept (100)",
        .min = 1, .max = 1000000, .invalid = "Invalid history_size value: " },
      FIELD(history_size) },
    { { .key = "line-search", .type = OV_PARAM_ENUM,
        .value_name = "none|strong_wolfe",
        .help = "%A line search (default none)",
        .choices = line_searches, .min = OV_LINE_SEARCH_NONE,
        .max = OV_LINE_SEARCH_STRONG_WOLFE,
        .invalid = "Invalid line_search_fn value: " }, FIELD(line_search) },
    { { .key = "batch-size", .type = OV_PARAM_LONG,
        .group = OV_PARAM_GROUP_RUNNER, .value_name = "B",
        .help = "examples per step (0 = all); sgd 1, minibatch 32",
        NONNEG, .invalid = "Invalid batch_size value: " },
      FIELD(batch_size) },
};

#define N_ROWS (sizeof rows / sizeof rows[0])

size_t
ov_param_count(void)
{
    return N_ROWS;
}

const ov_param *
ov_param_info(size_t i)
{
    return i < N_ROWS ? &rows[i].info : NULL;
}

int
ov_param_find(const char *key)
{
    size_t i;

    if (!key)
        return -1;
    for (i = 0; i < N_ROWS; i++)
        /* torch's spelling too: weight_decay. */
        if (ov__same_name(rows[i].info.key, key))
            return (int)i;
    return -1;
}

size_t
ov_param_help(size_t i, char *out, size_t size)
{
    const char *h = i < N_ROWS ? rows[i].info.help : "";
    size_t len = 0;

    /* Written through a helper that counts past the end, as snprintf. */
#define PUT(c) do { if (len + 1 < size) out[len] = (c); len++; } while (0)
    for (; *h; h++) {
        int a, first = 1;

        if (h[0] != '%' || h[1] != 'A') {
            PUT(*h);
            continue;
        }
        h++;
        for (a = 0; a < OV_ALGO_COUNT; a++) {
            const char *name = ov_algo_name((ov_algo)a);

            if (!ov_algo_takes_param((ov_algo)a, rows[i].info.key))
                continue;
            if (!first)
                PUT('/');
            first = 0;
            for (; *name; name++)
                PUT(*name);
        }
    }
#undef PUT
    if (size > 0)
        out[len < size ? len : size - 1] = '\0';
    return len;
}

int
ov_param_in_range(size_t i, double v)
{
    const ov_param *p = ov_param_info(i);

    if (!p || !p->invalid)
        return 1;
    if (v != v)
        return p->none;
    if (p->min_open ? !(v > p->min) : !(v >= p->min))
        return 0;
    return p->max_open ? v < p->max : v <= p->max;
}

static ov_status
bad_value(ov_error *err, const char *text, const char *what)
{
    return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "'%s' is not %s",
                         text, what);
}

static int
word_is(const char *text, const char *const *words)
{
    for (; *words; words++)
        if (ov__same_name(*words, text))
            return 1;
    return 0;
}

ov_status
ov_param_parse(size_t i, const char *text, double *out, ov_error *err)
{
    static const char *const yes[] = { "", "1", "true", "yes", "on", NULL };
    static const char *const no[] = { "0", "false", "no", "off", NULL };
    const ov_param *p = ov_param_info(i);
    char choices[160] = "";
    size_t k;
    double v;

    if (!p || !text)
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "no value");
    switch (p->type) {
    case OV_PARAM_FLAG:
        if (word_is(text, yes) || word_is(text, no)) {
            *out = word_is(text, yes);
            return OV_OK;
        }
        return bad_value(err, text, "a yes/no value (use 1 or 0)");
    case OV_PARAM_ENUM:
        for (k = 0; p->choices[k]; k++) {
            if (ov__same_name(p->choices[k], text)) {
                *out = (double)k;
                return OV_OK;
            }
            snprintf(choices + strlen(choices),
                     sizeof choices - strlen(choices), "%s%s",
                     k == 0 ? "" : p->choices[k + 1] ? ", " : " or ",
                     p->choices[k]);
        }
        return bad_value(err, text, choices);
    case OV_PARAM_DOUBLE:
    case OV_PARAM_LONG:
        break;
    }
    if (p->none && ov__same_name("none", text)) {
        *out = NAN;
        return OV_OK;
    }
    switch (ov_number_parse(text, &v)) {
    case OV_NUMBER_OK:
        break;
    case OV_NUMBER_NONFINITE:
        return bad_value(err, text, "a finite number");
    case OV_NUMBER_OVERFLOW:
    case OV_NUMBER_UNDERFLOW:
        return bad_value(err, text, "a number a double can hold");
    default:
        return bad_value(err, text, "a number");
    }
    if (p->type == OV_PARAM_LONG && (v != floor(v) || fabs(v) > 9.2e18))
        return bad_value(err, text, "an integer");
    *out = v;
    return OV_OK;
}

double
ov_optim_config_get(const ov_optim_config *cfg, size_t i)
{
    const char *field;

    if (i >= N_ROWS)
        return NAN;
    field = (const char *)cfg + rows[i].offset;
    switch (rows[i].info.type) {
    case OV_PARAM_FLAG:
        return *(const int *)field != 0;
    case OV_PARAM_ENUM:
        return (double)*(const int *)field;
    case OV_PARAM_LONG:
        return (double)*(const long *)field;
    case OV_PARAM_DOUBLE:
        break;
    }
    return *(const double *)field;
}

void
ov_optim_config_set_value(ov_optim_config *cfg, size_t i, double v)
{
    char *field;

    if (i >= N_ROWS)
        return;
    field = (char *)cfg + rows[i].offset;
    switch (rows[i].info.type) {
    case OV_PARAM_FLAG:
        *(int *)field = v != 0;
        break;
    case OV_PARAM_ENUM:
        *(int *)field = (int)v;
        break;
    case OV_PARAM_LONG:
        /* "none" (NaN) is 0 for an integer. */
        *(long *)field = v == v ? (long)v : 0;
        break;
    case OV_PARAM_DOUBLE:
        *(double *)field = v;
        break;
    }
}

ov_status
ov__param_reject(ov_error *err, size_t i, const ov_optim_config *cfg)
{
    const param_row *r = &rows[i];
    char a[40], b[40];

    if (!r->pair[0])
        return ov__reject_number(err, r->info.invalid,
                                 ov_optim_config_get(cfg, i));
    ov__format_number(a, sizeof a, ov_optim_config_get(cfg, (size_t)
                                           ov_param_find(r->pair[0])));
    ov__format_number(b, sizeof b, ov_optim_config_get(cfg, (size_t)
                                           ov_param_find(r->pair[1])));
    return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "%s%s, %s",
                         r->info.invalid, a, b);
}

ov_status
ov_optim_config_set(ov_optim_config *cfg, const char *key, const char *text,
                    ov_error *err)
{
    int p = ov_param_find(key);
    double v;
    ov_status st;

    if (p < 0)
        return ov__error_set(err, OV_ERR_NOT_FOUND, 0, 0,
                             "unknown key '%s'", key ? key : "");
    st = ov_param_parse((size_t)p, text, &v, err);
    if (st == OV_OK)
        ov_optim_config_set_value(cfg, (size_t)p, v);
    return st;
}
