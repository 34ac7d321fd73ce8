/*
 * optim_algos.c: the optimizers, one row each, with torch.optim 1.13's
 * exact semantics.
 *
 * Each update below follows the operation order of torch 1.13's
 * _single_tensor_* functions as written in optimizers.md §2-§7, so that a
 * build with -ffp-contract=off reproduces torch's plain (non-AVX2) kernels
 * bit for bit.  Notation of the comments: torch's a.add(b, alpha=s) is
 * a + s*b, a.addcmul(b, c, value=s) is a + (s*b)*c and a.addcdiv(b, c,
 * value=s) is a + (s*b)/c; the C expressions keep exactly those groupings.
 *
 * Adding an optimizer: its enum value (optim.h, at the end), its step
 * function and its row here, its tests.  Nothing else names optimizers.
 */
#include <math.h>
#include <stddef.h>

#include "error_private.h"
#include "optim_private.h"

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

/* ---- SGD: gd, sgd, minibatch, momentum, nag ------------------------------*/

/* nag is Nesterov whatever its nesterov key says. */
static int
nesterov_of(const ov_optim_config *c)
{
    return c->nesterov || c->algo == OV_ALGO_NAG;
}

/* State: the momentum buffer. */
static void
step_sgd(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double d = g;

    if (c->momentum != 0) {
        if (o->step == 1)
            s[0] = d;           /* clone: no dampening on the first step */
        else
            s[0] = s[0] * c->momentum + (1 - c->dampening) * d;
        if (nesterov_of(c))
            d = d + c->momentum * s[0];
        else
            d = s[0];
    }
    *theta = *theta + (-c->lr) * d;
}

static void
display_sgd(const struct ov_optim *o, const double *theta, double *shown)
{
    const ov_optim_config *c = &o->cfg;
    int sutskever = nesterov_of(c) && c->nag_form == OV_NAG_SUTSKEVER
        && c->momentum != 0 && o->step > 0;
    size_t i;

    for (i = 0; i < o->dim; i++) {
        /* theta_t = p_t + mu*lr*buf_t (optimizers.md §2.3); before the
         * first step buf is absent and both forms show the start. */
        shown[i] = sutskever
            ? theta[i] + c->momentum * c->lr * o->state[i][0]
            : theta[i];
    }
}

static ov_status
check_sgd(const ov_optim_config *c, ov_error *err)
{
    if (nesterov_of(c) && (c->momentum <= 0 || c->dampening != 0))
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, "Nesterov "
                             "momentum requires a momentum and zero "
                             "dampening");
    return OV_OK;
}

/* ---- Adagrad -------------------------------------------------------------*/

/* Adagrad alone creates its state (the sum) in the constructor. */
static void
init_adagrad(const ov_optim_config *c, double *s)
{
    s[0] = c->initial_accumulator_value;
}

static void
step_adagrad(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double step = (double)o->step;
    double clr = c->lr / (1 + (step - 1) * c->lr_decay);
    double std;

    s[0] = s[0] + (1 * g) * g;
    std = sqrt(s[0]) + c->eps;
    *theta = *theta + ((-clr) * g) / std;
}

/* ---- RMSprop: square_avg, grad_avg, momentum_buffer ----------------------*/

static void
step_rmsprop(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double avg;

    s[0] = s[0] * c->alpha + ((1 - c->alpha) * g) * g;
    if (c->centered) {
        s[1] = s[1] * c->alpha + (1 - c->alpha) * g;
        avg = sqrt(s[0] + ((-1.0) * s[1]) * s[1]);
    } else {
        avg = sqrt(s[0]);
    }
    avg = avg + c->eps;
    if (c->momentum > 0) {
        s[2] = s[2] * c->momentum + (1 * g) / avg;
        *theta = *theta + (-c->lr) * s[2];
    } else {
        *theta = *theta + ((-c->lr) * g) / avg;
    }
}

/* ---- Adadelta: square_avg, acc_delta -------------------------------------*/

/* Not torch: seed 001's AdadeltaBigStart pre-fills acc_delta, which
 * torch_ref.py emulates by writing optimizer.state. */
static void
init_adadelta(const ov_optim_config *c, double *s)
{
    s[1] = c->initial_acc_delta;
}

static void
step_adadelta(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double std, delta;

    s[0] = s[0] * c->rho + ((1 - c->rho) * g) * g;
    std = sqrt(s[0] + c->eps);
    delta = (sqrt(s[1] + c->eps) / std) * g;
    /* The unscaled delta is accumulated; lr is applied last. */
    s[1] = s[1] * c->rho + ((1 - c->rho) * delta) * delta;
    *theta = *theta + (-c->lr) * delta;
}

/* ---- Adam family: exp_avg, exp_avg_sq, max_exp_avg_sq --------------------*/

/* exp_avg.mul_(beta1).add_(g, alpha=1-beta1) and
 * exp_avg_sq.mul_(beta2).addcmul_(g, g, value=1-beta2), in s[0], s[1]:
 * Adam's, AdamW's, NAdam's and RAdam's moments. */
static void
adam_moments(const ov_optim_config *c, double *s, double g)
{
    s[0] = s[0] * c->beta1 + (1 - c->beta1) * g;
    s[1] = s[1] * c->beta2 + ((1 - c->beta2) * g) * g;
}

static void
step_adam(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double step = (double)o->step;
    double bc1, bc2, step_size, bc2_sqrt, denom;

    adam_moments(c, s, g);
    /* pow(), never a running product: the two differ in the last bit. */
    bc1 = 1 - pow(c->beta1, step);
    bc2 = 1 - pow(c->beta2, step);
    step_size = c->lr / bc1;
    bc2_sqrt = sqrt(bc2);
    if (c->amsgrad) {
        /* Torch 1.13 takes the max over the biased v (issue #142323). */
        s[2] = nan_max(s[2], s[1]);
        denom = sqrt(s[2]) / bc2_sqrt + c->eps;
    } else {
        denom = sqrt(s[1]) / bc2_sqrt + c->eps;
    }
    *theta = *theta + ((-step_size) * s[0]) / denom;
}

/* exp_avg, exp_inf */
static void
step_adamax(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double step = (double)o->step;
    double clr;

    s[0] = s[0] * c->beta1 + (1 - c->beta1) * g;
    /* eps inside the max, as torch's amax over [u*beta2, |g|+eps]. */
    s[1] = nan_max(s[1] * c->beta2, fabs(g) + c->eps);
    clr = c->lr / (1 - pow(c->beta1, step));
    *theta = *theta + ((-clr) * s[0]) / s[1];
}

/* AdamW (torch 1.13's _single_tensor_adamw): the parameter decays by
 * itself first, p * (1 - lr*wd), and Adam's update then uses the raw
 * gradient; the row's own_decay keeps the prologue's L2 term out. */
static void
step_adamw(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;

    *theta = *theta * (1 - c->lr * c->weight_decay);
    step_adam(o, s, theta, g);
}

/* NAdam (torch 1.13's _single_tensor_nadam): exp_avg, exp_avg_sq and
 * mu_product (torch keeps one per tensor; every coordinate's copy holds the
 * same value).  Torch 1.13 computes mu_product_next as mu_product * mu *
 * mu_next, mu counted twice (later versions dropped one); so does this. */
static void
init_nadam(const ov_optim_config *c, double *s)
{
    (void)c;
    s[2] = 1.0;
}

static void
step_nadam(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double step = (double)o->step;
    double bc2 = 1 - pow(c->beta2, step);
    double mu, mu_next, mu_product_next, denom;

    mu = c->beta1 * (1. - 0.5 * pow(0.96, step * c->momentum_decay));
    mu_next = c->beta1
        * (1. - 0.5 * pow(0.96, (step + 1) * c->momentum_decay));
    s[2] = s[2] * mu;
    mu_product_next = s[2] * mu * mu_next;
    adam_moments(c, s, g);
    denom = sqrt(s[1] / bc2) + c->eps;
    *theta = *theta + ((-c->lr * (1. - mu) / (1. - s[2])) * g) / denom;
    *theta = *theta
        + ((-c->lr * mu_next / (1. - mu_product_next)) * s[0]) / denom;
}

/* RAdam (torch 1.13's _single_tensor_radam): exp_avg, exp_avg_sq.  While
 * the approximated SMA length rho_t is at most 5 (the first five steps at
 * beta2 0.999) the step is lr times the bias-corrected momentum, without
 * the adaptive term. */
static void
step_radam(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double step = (double)o->step;
    double bc1 = 1 - pow(c->beta1, step);
    double bc2 = 1 - pow(c->beta2, step);
    double m_hat, rho_inf, rho_t;

    adam_moments(c, s, g);
    m_hat = s[0] / bc1;
    rho_inf = 2 / (1 - c->beta2) - 1;
    rho_t = rho_inf - 2 * step * pow(c->beta2, step) / bc2;
    if (rho_t > 5.) {
        double rect = sqrt((rho_t - 4) * (rho_t - 2) * rho_inf
                           / ((rho_inf - 4) * (rho_inf - 2) * rho_t));
        /* torch's scalar / tensor is tensor.reciprocal() * scalar. */
        double adaptive_lr = (1 / (sqrt(s[1]) + c->eps)) * sqrt(bc2);

        *theta = *theta + (-1.0) * (m_hat * c->lr * adaptive_lr * rect);
    } else {
        *theta = *theta + (-1.0) * (m_hat * c->lr);
    }
}

/* ASGD (torch 1.13's _single_tensor_asgd): eta, mu (one per tensor in
 * torch: every coordinate's copy holds the same value) and the average ax.
 * Torch makes the state on the first step, eta from the lr of that moment.
 * The figure shows the parameter, not ax. */
static void
step_asgd(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double step = (double)o->step;

    if (o->step == 1) {
        s[0] = c->lr;
        s[1] = 1.0;
        s[2] = 0.0;
    }
    *theta = *theta * (1 - c->lambd * s[0]);
    *theta = *theta + (-s[0]) * g;
    if (s[1] != 1)
        s[2] = s[2] + (*theta - s[2]) * s[1];
    else
        s[2] = *theta;
    s[0] = c->lr / pow(1 + c->lambd * c->lr * step, c->alpha);
    /* Python's max(1, step - t0): 1 unless the difference is larger. */
    s[1] = 1 / (step - c->t0 > 1 ? step - c->t0 : 1);
}

/* Rprop (torch 1.13's _single_tensor_rprop): prev (the last gradient, 0
 * after a sign change) and step_size, made on the first step (step_size
 * from the lr of that moment).  torch.sign(NaN) is 0 there. */
static void
step_rprop(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double p, f, sign_g;

    if (o->step == 1) {
        s[0] = 0.0;
        s[1] = c->lr;
    }
    p = g * s[0];
    f = p > 0 ? c->eta_plus : p < 0 ? c->eta_minus : 1;
    /* clamp_(min, max): min(max(x, lo), hi); NaN stays NaN. */
    s[1] = s[1] * f;
    if (s[1] < c->step_size_min)
        s[1] = c->step_size_min;
    if (s[1] > c->step_size_max)
        s[1] = c->step_size_max;
    /* After a sign change no step, and no sign change next time. */
    if (f == c->eta_minus)
        g = 0;
    sign_g = (double)((0 < g) - (g < 0));
    *theta = *theta + ((-1) * sign_g) * s[1];
    s[0] = g;
}

/* ---- the table -----------------------------------------------------------*/

/* Every row gives the keys of the other classes torch's values too, so
 * that a config switched to another algorithm later has no zeros there.
 * eps differs per class and is in each row. */
#define SHARED .rho = 0.9, .beta1 = 0.9, .beta2 = 0.999, \
    .momentum_decay = 4e-3, .lambd = 1e-4, .t0 = 1e6, .eta_minus = 0.5, \
    .eta_plus = 1.2, .step_size_min = 1e-6, .step_size_max = 50
#define OTHERS SHARED, .alpha = 0.99

/* Torch's SGD checks lr, momentum and weight_decay; dampening (only
 * refused when not finite) and the Nesterov condition follow. */
#define SGD_KEYS "lr", "momentum", "weight-decay", "dampening", "nesterov", \
    "maximize", "batch-size"

/* seed 000's SGD white, momentum blue, RMSprop green, Adam red. */
static const ov__algo_row rows[OV_ALGO_COUNT] = {
    [OV_ALGO_GD] = {
        .name = "gd",
        .summary = "gradient descent: torch SGD on the full batch",
        /* Torch 1.13 requires lr; 1e-3 is torch >= 2.2's default. */
        .defaults = { OTHERS, .lr = 1e-3, .eps = 1e-8 },
        .keys = { SGD_KEYS },
        .state_size = 1, .step = step_sgd, .display = display_sgd,
        .check = check_sgd,
        .color = 0xFFFFFF, .lr_column = OV__LR_PLAIN,
    },
    [OV_ALGO_SGD] = {
        .name = "sgd",
        .summary = "stochastic gradient descent: torch SGD, batch size 1",
        .defaults = { OTHERS, .lr = 1e-3, .eps = 1e-8, .batch_size = 1 },
        .keys = { SGD_KEYS },
        .state_size = 1, .step = step_sgd, .display = display_sgd,
        .check = check_sgd,
        .color = 0xFF9F1C, .lr_column = OV__LR_SAMPLE,
    },
    [OV_ALGO_MINIBATCH] = {
        .name = "minibatch",
        .summary = "minibatch SGD: torch SGD, batch size 32 by default",
        .defaults = { OTHERS, .lr = 1e-3, .eps = 1e-8, .batch_size = 32 },
        .keys = { SGD_KEYS },
        .state_size = 1, .step = step_sgd, .display = display_sgd,
        .check = check_sgd,
        .color = 0xFFE14D, .lr_column = OV__LR_PLAIN,
    },
    [OV_ALGO_MOMENTUM] = {
        .name = "momentum",
        .summary = "heavy-ball momentum: torch SGD(momentum=0.9)",
        /* Torch's momentum 0 would make it gd (optimizers.md §0.10). */
        .defaults = { OTHERS, .lr = 1e-3, .eps = 1e-8, .momentum = 0.9 },
        .keys = { SGD_KEYS, "nag-form" },
        .state_size = 1, .step = step_sgd, .display = display_sgd,
        .check = check_sgd,
        .color = 0x3D7EFF, .lr_column = OV__LR_MOMENTUM,
    },
    [OV_ALGO_NAG] = {
        .name = "nag",
        .summary = "Nesterov momentum: torch SGD(momentum=0.9, "
                   "nesterov=True)",
        .defaults = { OTHERS, .lr = 1e-3, .eps = 1e-8, .momentum = 0.9,
                      .nesterov = 1 },
        .keys = { SGD_KEYS, "nag-form" },
        .state_size = 1, .step = step_sgd, .display = display_sgd,
        .check = check_sgd,
        .color = 0x00D5E6, .lr_column = OV__LR_MOMENTUM,
    },
    [OV_ALGO_ADAGRAD] = {
        .name = "adagrad",
        .summary = "Adagrad: torch Adagrad (eps outside the square root)",
        .defaults = { OTHERS, .lr = 1e-2, .eps = 1e-10 },
        .keys = { "lr", "lr-decay", "weight-decay",
                  "initial-accumulator-value", "eps", "maximize",
                  "batch-size" },
        .state_size = 1, .init_state = init_adagrad, .step = step_adagrad,
        .color = 0xFF5CC8, .lr_column = OV__LR_ADAGRAD,
        .response_lr = 2.5,
    },
    [OV_ALGO_RMSPROP] = {
        .name = "rmsprop",
        .summary = "RMSprop: torch RMSprop (alpha 0.99; optional momentum, "
                   "centered)",
        .defaults = { OTHERS, .lr = 1e-2, .eps = 1e-8 },
        /* Torch sets no upper bound on alpha. */
        .keys = { "lr", "eps", "momentum", "weight-decay", "alpha",
                  "centered", "maximize", "batch-size" },
        .state_size = 3, .step = step_rmsprop,
        .color = 0x22C55E, .lr_column = OV__LR_RMSPROP,
    },
    [OV_ALGO_ADADELTA] = {
        .name = "adadelta",
        .summary = "Adadelta: torch Adadelta (rho 0.9, eps inside both "
                   "square roots)",
        .defaults = { OTHERS, .lr = 1.0, .eps = 1e-6 },
        .keys = { "lr", "rho", "eps", "weight-decay", "initial-acc-delta",
                  "maximize", "batch-size" },
        .state_size = 2, .init_state = init_adadelta,
        .step = step_adadelta,
        .color = 0xA66BFF, .lr_column = OV__LR_ADADELTA,
        .response_lr = 1.0,
    },
    [OV_ALGO_ADAM] = {
        .name = "adam",
        .summary = "Adam: torch Adam (optional AMSGrad)",
        .defaults = { OTHERS, .lr = 1e-3, .eps = 1e-8 },
        .keys = { "lr", "eps", "beta1", "beta2", "weight-decay", "amsgrad",
                  "maximize", "batch-size" },
        .state_size = 3, .step = step_adam,
        .color = 0xFF2B2B, .lr_column = OV__LR_ADAM,
    },
    [OV_ALGO_ADAMAX] = {
        .name = "adamax",
        .summary = "Adamax: torch Adamax (infinity-norm Adam)",
        .defaults = { OTHERS, .lr = 2e-3, .eps = 1e-8 },
        .keys = { "lr", "eps", "beta1", "beta2", "weight-decay", "maximize",
                  "batch-size" },
        .state_size = 2, .step = step_adamax,
        .color = 0xB5E61D, .lr_column = OV__LR_ADAM,
    },
    [OV_ALGO_ADAMW] = {
        .name = "adamw",
        .summary = "AdamW: torch AdamW (decoupled weight decay 0.01; "
                   "optional AMSGrad)",
        .defaults = { OTHERS, .lr = 1e-3, .eps = 1e-8,
                      .weight_decay = 1e-2 },
        .keys = { "lr", "eps", "beta1", "beta2", "weight-decay", "amsgrad",
                  "maximize", "batch-size" },
        .state_size = 3, .step = step_adamw, .own_decay = 1,
        .color = 0xFF00FF, .lr_column = OV__LR_ADAM,
    },
    [OV_ALGO_NADAM] = {
        .name = "nadam",
        .summary = "NAdam: torch NAdam (Adam with Nesterov momentum, "
                   "momentum decay 4e-3)",
        .defaults = { OTHERS, .lr = 2e-3, .eps = 1e-8 },
        /* Torch 1.13's NAdam has no maximize. */
        .keys = { "lr", "eps", "beta1", "beta2", "weight-decay",
                  "momentum-decay", "batch-size" },
        .state_size = 3, .init_state = init_nadam, .step = step_nadam,
        .color = 0xFF8C69, .lr_column = OV__LR_ADAM,
    },
    [OV_ALGO_RADAM] = {
        .name = "radam",
        .summary = "RAdam: torch RAdam (Adam with the variance rectified; "
                   "SGD-like first steps)",
        .defaults = { OTHERS, .lr = 1e-3, .eps = 1e-8 },
        /* Torch 1.13's RAdam has no maximize. */
        .keys = { "lr", "eps", "beta1", "beta2", "weight-decay",
                  "batch-size" },
        .state_size = 2, .step = step_radam,
        .color = 0x9B2335, .lr_column = OV__LR_RADAM,
    },
    [OV_ALGO_ASGD] = {
        .name = "asgd",
        .summary = "ASGD: torch ASGD (SGD with a slowly decaying rate; "
                   "shows the parameter, not the average)",
        /* alpha is ASGD's own (rmsprop's is 0.99). */
        .defaults = { SHARED, .alpha = 0.75, .lr = 1e-2, .eps = 1e-8 },
        /* Torch checks lr and weight_decay only. */
        .keys = { "lr", "weight-decay", "lambd", "alpha", "t0", "maximize",
                  "batch-size" },
        .state_size = 3, .step = step_asgd,
        .color = 0x6000F0, .lr_column = OV__LR_PLAIN,
    },
    [OV_ALGO_RPROP] = {
        .name = "rprop",
        .summary = "Rprop: torch Rprop (steps of the gradient's sign, "
                   "their size x1.2 or x0.5)",
        .defaults = { OTHERS, .lr = 1e-2, .eps = 1e-8 },
        /* Torch checks lr and the etas; Rprop has no weight_decay. */
        .keys = { "lr", "eta-minus", "eta-plus", "step-size-min",
                  "step-size-max", "maximize", "batch-size" },
        .state_size = 2, .step = step_rprop,
        .color = 0x9AA0A6, .lr_column = OV__LR_ADAM,
    },
};

const ov__algo_row *
ov__algo_row_of(ov_algo algo)
{
    return (int)algo >= 0 && algo < OV_ALGO_COUNT ? &rows[algo] : NULL;
}
