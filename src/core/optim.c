/*
 * optim.c: the optimizers, with torch.optim 1.13's exact semantics.
 *
 * Each update below follows the operation order of torch 1.13's
 * _single_tensor_* functions as written in optimizers.md §2-§7, so that a
 * build with -ffp-contract=off reproduces torch's plain (non-AVX2) kernels
 * bit for bit.  Notation of the comments: torch's a.add(b, alpha=s) is
 * a + s*b, a.addcmul(b, c, value=s) is a + (s*b)*c and a.addcdiv(b, c,
 * value=s) is a + (s*b)/c; the C expressions keep exactly those groupings.
 */
#include <optviz/optim.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "error_private.h"

/* Per-coordinate state; every update is elementwise. */
struct ov_optim {
    ov_optim_config cfg;
    size_t dim;
    long step;          /* step() calls so far; torch's state['step'] */
    int has_state;      /* torch creates most state lazily on step 1 */
    int nesterov;       /* effective: cfg.nesterov or algo nag */
    double buf[2];      /* sgd/rmsprop momentum_buffer */
    double s1[2];       /* adagrad sum, rmsprop/adadelta square_avg, adam m */
    double s2[2];       /* rmsprop grad_avg, adadelta acc_delta, adam v,
                           adamax exp_inf */
    double s3[2];       /* adam max_exp_avg_sq */
};

static const char *const algo_names[OV_ALGO_COUNT] = {
    "gd", "sgd", "minibatch", "momentum", "nag",
    "adagrad", "rmsprop", "adadelta", "adam", "adamax"
};

static const char *const algo_summaries[OV_ALGO_COUNT] = {
    "gradient descent: torch SGD on the full batch",
    "stochastic gradient descent: torch SGD, batch size 1",
    "minibatch SGD: torch SGD, batch size 32 by default",
    "heavy-ball momentum: torch SGD(momentum=0.9)",
    "Nesterov momentum: torch SGD(momentum=0.9, nesterov=True)",
    "Adagrad: torch Adagrad (eps outside the square root)",
    "RMSprop: torch RMSprop (alpha 0.99; optional momentum, centered)",
    "Adadelta: torch Adadelta (rho 0.9, eps inside both square roots)",
    "Adam: torch Adam (optional AMSGrad)",
    "Adamax: torch Adamax (infinity-norm Adam)"
};

static int
is_sgd_family(ov_algo algo)
{
    return algo == OV_ALGO_GD || algo == OV_ALGO_SGD
        || algo == OV_ALGO_MINIBATCH || algo == OV_ALGO_MOMENTUM
        || algo == OV_ALGO_NAG;
}

static int
valid_algo(ov_algo algo)
{
    return (int)algo >= 0 && algo < OV_ALGO_COUNT;
}

void
ov_optim_config_init(ov_optim_config *cfg, ov_algo algo)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->algo = algo;
    cfg->nag_form = OV_NAG_TORCH;
    /* Fields of other classes still get torch's values, so that a config
     * switched to another algo later is not left with zeros. */
    cfg->alpha = 0.99;
    cfg->rho = 0.9;
    cfg->beta1 = 0.9;
    cfg->beta2 = 0.999;
    cfg->eps = 1e-8;
    switch (algo) {
    case OV_ALGO_GD:
    case OV_ALGO_SGD:
    case OV_ALGO_MINIBATCH:
    case OV_ALGO_MOMENTUM:
    case OV_ALGO_NAG:
        /* Torch 1.13 requires lr; 1e-3 is torch >= 2.2's default. */
        cfg->lr = 1e-3;
        break;
    case OV_ALGO_ADAGRAD:
        cfg->lr = 1e-2;
        cfg->eps = 1e-10;
        break;
    case OV_ALGO_RMSPROP:
        cfg->lr = 1e-2;
        break;
    case OV_ALGO_ADADELTA:
        cfg->lr = 1.0;
        cfg->eps = 1e-6;
        break;
    case OV_ALGO_ADAM:
        cfg->lr = 1e-3;
        break;
    case OV_ALGO_ADAMAX:
        cfg->lr = 2e-3;
        break;
    default:
        break;
    }
    /* Torch's momentum 0 would turn these into GD (optimizers.md §0.10). */
    if (algo == OV_ALGO_MOMENTUM || algo == OV_ALGO_NAG)
        cfg->momentum = 0.9;
    if (algo == OV_ALGO_NAG)
        cfg->nesterov = 1;
    if (algo == OV_ALGO_SGD)
        cfg->batch_size = 1;
    else if (algo == OV_ALGO_MINIBATCH)
        cfg->batch_size = 32;
}

const char *
ov_algo_name(ov_algo algo)
{
    return valid_algo(algo) ? algo_names[algo] : "unknown";
}

ov_status
ov_algo_from_name(const char *name, ov_algo *out)
{
    int i;

    if (!name)
        return OV_ERR_NOT_FOUND;
    for (i = 0; i < OV_ALGO_COUNT; i++) {
        if (strcmp(name, algo_names[i]) == 0) {
            *out = (ov_algo)i;
            return OV_OK;
        }
    }
    return OV_ERR_NOT_FOUND;
}

const char *
ov_algo_summary(ov_algo algo)
{
    return valid_algo(algo) ? algo_summaries[algo] : "unknown algorithm";
}

int
ov_algo_takes_param(ov_algo algo, const char *key)
{
    if (!valid_algo(algo) || !key)
        return 0;
    if (strcmp(key, "lr") == 0 || strcmp(key, "weight-decay") == 0
        || strcmp(key, "maximize") == 0 || strcmp(key, "batch-size") == 0)
        return 1;
    if (strcmp(key, "momentum") == 0)
        return is_sgd_family(algo) || algo == OV_ALGO_RMSPROP;
    if (strcmp(key, "dampening") == 0 || strcmp(key, "nesterov") == 0)
        return is_sgd_family(algo);
    if (strcmp(key, "nag-form") == 0)
        return algo == OV_ALGO_NAG || algo == OV_ALGO_MOMENTUM;
    if (strcmp(key, "alpha") == 0 || strcmp(key, "centered") == 0)
        return algo == OV_ALGO_RMSPROP;
    if (strcmp(key, "rho") == 0 || strcmp(key, "initial-acc-delta") == 0)
        return algo == OV_ALGO_ADADELTA;
    if (strcmp(key, "beta1") == 0 || strcmp(key, "beta2") == 0)
        return algo == OV_ALGO_ADAM || algo == OV_ALGO_ADAMAX;
    if (strcmp(key, "eps") == 0)
        return !is_sgd_family(algo);
    if (strcmp(key, "amsgrad") == 0)
        return algo == OV_ALGO_ADAM;
    if (strcmp(key, "lr-decay") == 0
        || strcmp(key, "initial-accumulator-value") == 0)
        return algo == OV_ALGO_ADAGRAD;
    return 0;
}

/* ---- validation ---------------------------------------------------------- */

/*
 * The shortest decimal that reads back to the same double, laid out as
 * Python's repr() lays it out (fixed for exponents -4..15), so messages show
 * "-1", "0.1" and "1e-10" rather than "0.10000000000000001".
 */
static void
format_number(char *out, size_t size, double v)
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

static ov_status
reject(ov_error *err, const char *prefix, double v)
{
    char num[40];

    format_number(num, sizeof num, v);
    return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "%s%s", prefix, num);
}

static ov_status
reject_text(ov_error *err, const char *text)
{
    return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "%s", text);
}

/*
 * Torch writes its checks as `not 0.0 <= v`, which also rejects NaN (SGD's
 * `v < 0.0` does not; we reject NaN there too).  Infinities pass torch's
 * checks but only ever produce NaN trajectories, so they are refused as well.
 */
static int
nonneg(double v)
{
    return isfinite(v) && v >= 0.0;
}

ov_status
ov_optim_config_validate(const ov_optim_config *cfg, ov_error *err)
{
    ov_algo a;

    if (!cfg)
        return reject_text(err, "no optimizer configuration");
    a = cfg->algo;
    if (!valid_algo(a))
        return reject(err, "Invalid algorithm: ", (double)a);
    /* Checks in the order of torch's constructors, so the first
     * complaint is the one torch would raise. */
    if (!nonneg(cfg->lr))
        return reject(err, "Invalid learning rate: ", cfg->lr);
    if (is_sgd_family(a)) {
        if (!nonneg(cfg->momentum))
            return reject(err, "Invalid momentum value: ", cfg->momentum);
        if (!nonneg(cfg->weight_decay))
            return reject(err, "Invalid weight_decay value: ",
                          cfg->weight_decay);
        /* Torch does not check dampening at all; only refuse what cannot
         * give a number. */
        if (!isfinite(cfg->dampening))
            return reject(err, "Invalid dampening value: ", cfg->dampening);
        if ((cfg->nesterov || a == OV_ALGO_NAG)
            && (cfg->momentum <= 0 || cfg->dampening != 0))
            return reject_text(err, "Nesterov momentum requires a momentum "
                               "and zero dampening");
        if (cfg->nag_form != OV_NAG_TORCH && cfg->nag_form != OV_NAG_SUTSKEVER)
            return reject(err, "Invalid nag_form value: ",
                          (double)cfg->nag_form);
    }
    switch (a) {
    case OV_ALGO_ADAGRAD:
        if (!nonneg(cfg->lr_decay))
            return reject(err, "Invalid lr_decay value: ", cfg->lr_decay);
        if (!nonneg(cfg->weight_decay))
            return reject(err, "Invalid weight_decay value: ",
                          cfg->weight_decay);
        if (!nonneg(cfg->initial_accumulator_value))
            return reject(err, "Invalid initial_accumulator_value value: ",
                          cfg->initial_accumulator_value);
        if (!nonneg(cfg->eps))
            return reject(err, "Invalid epsilon value: ", cfg->eps);
        break;
    case OV_ALGO_RMSPROP:
        if (!nonneg(cfg->eps))
            return reject(err, "Invalid epsilon value: ", cfg->eps);
        if (!nonneg(cfg->momentum))
            return reject(err, "Invalid momentum value: ", cfg->momentum);
        if (!nonneg(cfg->weight_decay))
            return reject(err, "Invalid weight_decay value: ",
                          cfg->weight_decay);
        /* Torch sets no upper bound on alpha. */
        if (!nonneg(cfg->alpha))
            return reject(err, "Invalid alpha value: ", cfg->alpha);
        break;
    case OV_ALGO_ADADELTA:
        if (!(cfg->rho >= 0.0 && cfg->rho <= 1.0))
            return reject(err, "Invalid rho value: ", cfg->rho);
        if (!nonneg(cfg->eps))
            return reject(err, "Invalid epsilon value: ", cfg->eps);
        if (!nonneg(cfg->weight_decay))
            return reject(err, "Invalid weight_decay value: ",
                          cfg->weight_decay);
        /* Not torch: a negative u0 would take the square root of < 0. */
        if (!nonneg(cfg->initial_acc_delta))
            return reject(err, "Invalid initial_acc_delta value: ",
                          cfg->initial_acc_delta);
        break;
    case OV_ALGO_ADAM:
    case OV_ALGO_ADAMAX:
        if (!nonneg(cfg->eps))
            return reject(err, "Invalid epsilon value: ", cfg->eps);
        if (!(cfg->beta1 >= 0.0 && cfg->beta1 < 1.0))
            return reject(err, "Invalid beta parameter at index 0: ",
                          cfg->beta1);
        if (!(cfg->beta2 >= 0.0 && cfg->beta2 < 1.0))
            return reject(err, "Invalid beta parameter at index 1: ",
                          cfg->beta2);
        if (!nonneg(cfg->weight_decay))
            return reject(err, "Invalid weight_decay value: ",
                          cfg->weight_decay);
        break;
    default:
        break;
    }
    if (cfg->batch_size < 0)
        return reject(err, "Invalid batch_size value: ",
                      (double)cfg->batch_size);
    return OV_OK;
}

/* ---- state --------------------------------------------------------------- */

ov_status
ov_optim_create(ov_optim **out, const ov_optim_config *cfg, size_t dim)
{
    ov_optim *opt;
    ov_status st;

    *out = NULL;
    if (dim != 1 && dim != 2)
        return OV_ERR_INVALID_ARG;
    st = ov_optim_config_validate(cfg, NULL);
    if (st != OV_OK)
        return st;
    opt = ov__calloc(1, sizeof *opt);
    if (!opt)
        return OV_ERR_NOMEM;
    opt->cfg = *cfg;
    opt->dim = dim;
    opt->nesterov = is_sgd_family(cfg->algo)
        && (cfg->nesterov || cfg->algo == OV_ALGO_NAG);
    /* Adagrad alone creates its state in the constructor. */
    if (cfg->algo == OV_ALGO_ADAGRAD) {
        opt->s1[0] = opt->s1[1] = cfg->initial_accumulator_value;
        opt->has_state = 1;
    }
    *out = opt;
    return OV_OK;
}

void
ov_optim_destroy(ov_optim *opt)
{
    ov__free(opt);
}

long
ov_optim_step_count(const ov_optim *opt)
{
    return opt->step;
}

/* Lazily created state, as torch's first step() makes it. */
static void
init_state(ov_optim *o)
{
    size_t i;

    for (i = 0; i < 2; i++) {
        o->buf[i] = 0.0;
        o->s1[i] = 0.0;
        o->s2[i] = 0.0;
        o->s3[i] = 0.0;
    }
    /* Not torch: seed 001's AdadeltaBigStart pre-fills acc_delta, which
     * torch_ref.py emulates by writing optimizer.state. */
    if (o->cfg.algo == OV_ALGO_ADADELTA)
        o->s2[0] = o->s2[1] = o->cfg.initial_acc_delta;
    o->has_state = 1;
}

/* torch.maximum / torch.amax: a NaN in either operand wins. */
static double
nan_max(double a, double b)
{
    if (a != a)
        return a;
    if (b != b)
        return b;
    return a > b ? a : b;
}

static void
step_sgd(ov_optim *o, size_t i, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double d = g;

    if (c->momentum != 0) {
        if (o->step == 1)
            o->buf[i] = d;      /* clone: no dampening on the first step */
        else
            o->buf[i] = o->buf[i] * c->momentum + (1 - c->dampening) * d;
        if (o->nesterov)
            d = d + c->momentum * o->buf[i];
        else
            d = o->buf[i];
    }
    theta[i] = theta[i] + (-c->lr) * d;
}

static void
step_adagrad(ov_optim *o, size_t i, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double step = (double)o->step;
    double clr = c->lr / (1 + (step - 1) * c->lr_decay);
    double std;

    o->s1[i] = o->s1[i] + (1 * g) * g;
    std = sqrt(o->s1[i]) + c->eps;
    theta[i] = theta[i] + ((-clr) * g) / std;
}

static void
step_rmsprop(ov_optim *o, size_t i, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double avg;

    o->s1[i] = o->s1[i] * c->alpha + ((1 - c->alpha) * g) * g;
    if (c->centered) {
        o->s2[i] = o->s2[i] * c->alpha + (1 - c->alpha) * g;
        avg = sqrt(o->s1[i] + ((-1.0) * o->s2[i]) * o->s2[i]);
    } else {
        avg = sqrt(o->s1[i]);
    }
    avg = avg + c->eps;
    if (c->momentum > 0) {
        o->buf[i] = o->buf[i] * c->momentum + (1 * g) / avg;
        theta[i] = theta[i] + (-c->lr) * o->buf[i];
    } else {
        theta[i] = theta[i] + ((-c->lr) * g) / avg;
    }
}

static void
step_adadelta(ov_optim *o, size_t i, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double std, delta;

    o->s1[i] = o->s1[i] * c->rho + ((1 - c->rho) * g) * g;
    std = sqrt(o->s1[i] + c->eps);
    delta = (sqrt(o->s2[i] + c->eps) / std) * g;
    /* The unscaled delta is accumulated; lr is applied last. */
    o->s2[i] = o->s2[i] * c->rho + ((1 - c->rho) * delta) * delta;
    theta[i] = theta[i] + (-c->lr) * delta;
}

static void
step_adam(ov_optim *o, size_t i, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double step = (double)o->step;
    double bc1, bc2, step_size, bc2_sqrt, denom;

    o->s1[i] = o->s1[i] * c->beta1 + (1 - c->beta1) * g;
    o->s2[i] = o->s2[i] * c->beta2 + ((1 - c->beta2) * g) * g;
    /* pow(), never a running product: the two differ in the last bit. */
    bc1 = 1 - pow(c->beta1, step);
    bc2 = 1 - pow(c->beta2, step);
    step_size = c->lr / bc1;
    bc2_sqrt = sqrt(bc2);
    if (c->amsgrad) {
        /* Torch 1.13 takes the max over the biased v (issue #142323). */
        o->s3[i] = nan_max(o->s3[i], o->s2[i]);
        denom = sqrt(o->s3[i]) / bc2_sqrt + c->eps;
    } else {
        denom = sqrt(o->s2[i]) / bc2_sqrt + c->eps;
    }
    theta[i] = theta[i] + ((-step_size) * o->s1[i]) / denom;
}

static void
step_adamax(ov_optim *o, size_t i, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double step = (double)o->step;
    double clr;

    o->s1[i] = o->s1[i] * c->beta1 + (1 - c->beta1) * g;
    /* eps inside the max, as torch's amax over [u*beta2, |g|+eps]. */
    o->s2[i] = nan_max(o->s2[i] * c->beta2, fabs(g) + c->eps);
    clr = c->lr / (1 - pow(c->beta1, step));
    theta[i] = theta[i] + ((-clr) * o->s1[i]) / o->s2[i];
}

void
ov_optim_step(ov_optim *opt, double *theta, const double *grad)
{
    const ov_optim_config *c = &opt->cfg;
    size_t i;

    if (!opt->has_state)
        init_state(opt);
    opt->step++;
    for (i = 0; i < opt->dim; i++) {
        double g = grad[i];

        /* The common prologue: maximize before weight decay. */
        if (c->maximize)
            g = -g;
        if (c->weight_decay != 0)
            g = g + c->weight_decay * theta[i];
        switch (c->algo) {
        case OV_ALGO_ADAGRAD:  step_adagrad(opt, i, theta, g);  break;
        case OV_ALGO_RMSPROP:  step_rmsprop(opt, i, theta, g);  break;
        case OV_ALGO_ADADELTA: step_adadelta(opt, i, theta, g); break;
        case OV_ALGO_ADAM:     step_adam(opt, i, theta, g);     break;
        case OV_ALGO_ADAMAX:   step_adamax(opt, i, theta, g);   break;
        default:               step_sgd(opt, i, theta, g);      break;
        }
    }
}

void
ov_optim_display_point(const ov_optim *opt, const double *theta,
                       double *shown)
{
    const ov_optim_config *c = &opt->cfg;
    size_t i;
    int sutskever = opt->nesterov && c->nag_form == OV_NAG_SUTSKEVER
        && c->momentum != 0 && opt->step > 0;

    for (i = 0; i < opt->dim; i++) {
        /* theta_t = p_t + mu*lr*buf_t (optimizers.md §2.3); before the
         * first step buf is absent and both forms show the start. */
        shown[i] = sutskever ? theta[i] + c->momentum * c->lr * opt->buf[i]
                             : theta[i];
    }
}
