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
#include <string.h>

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

/* State: the momentum buffer, and whether torch has one yet (a schedule
 * may turn the momentum on after the first step). */
static void
step_sgd(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double d = g;

    if (c->momentum != 0) {
        if (s[1] == 0) {
            s[0] = d;           /* clone: no dampening on the first step */
            s[1] = 1;
        } else
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

/* ---- Modern optimizers: each after its authors' reference code ----------
 *
 * Not torch classes: the rule, the order of operations, the defaults and
 * the first-step cases are those of the reference file docs/optimizers.md
 * names (with its commit); tools/oracle_ref.py re-derives them in float64
 * torch and tests/data/oracle holds its trajectories. */

/* Python's max(a, b) and min(a, b): the first unless the second is
 * strictly beyond it (a NaN second never wins). */
static double
py_max(double a, double b)
{
    return b > a ? b : a;
}

static double
py_min(double a, double b)
{
    return b < a ? b : a;
}

/* torch.sign: -1, 0 or 1 (NaN stays NaN). */
static double
sign_of(double v)
{
    if (v > 0)
        return 1.0;
    if (v < 0)
        return -1.0;
    return v;
}

/* Lion (lion_pytorch.py), state exp_avg: decoupled decay first, then the
 * sign of an interpolation of the momentum and the gradient; the momentum
 * itself is updated last, with the other beta. */
static void
step_lion(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double update;

    *theta = *theta * (1 - c->lr * c->weight_decay);
    update = s[0] * c->beta1 + g * (1 - c->beta1);
    *theta = *theta + (-c->lr) * sign_of(update);
    s[0] = s[0] * c->beta2 + (1 - c->beta2) * g;
}

/* Adan (adan.py, _single_tensor_adan with no_prox False and no gradient
 * clipping), state exp_avg, exp_avg_sq, exp_avg_diff, neg_pre_grad.  The
 * first step takes the previous gradient to be the current one, so the
 * difference starts at 0; the decay divides last (the proximal form). */
static void
step_adan(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double step = (double)o->step;
    double bc1 = 1.0 - pow(c->beta1, step);
    double bc2 = 1.0 - pow(c->beta2, step);
    double bc3_sqrt = sqrt(1.0 - pow(c->beta3, step));
    double denom, step_size, step_size_diff;

    if (o->step == 1)
        s[3] = g * -1.0;
    s[3] = s[3] + g;
    s[0] = s[0] * c->beta1 + (1 - c->beta1) * g;
    s[2] = s[2] * c->beta2 + (1 - c->beta2) * s[3];
    s[3] = s[3] * c->beta2 + g;
    s[1] = s[1] * c->beta3 + ((1 - c->beta3) * s[3]) * s[3];
    denom = sqrt(s[1]) / bc3_sqrt + c->eps;
    step_size_diff = c->lr * c->beta2 / bc2;
    step_size = c->lr / bc1;
    *theta = *theta + ((-step_size) * s[0]) / denom;
    *theta = *theta + ((-step_size_diff) * s[2]) / denom;
    *theta = *theta / (1 + c->lr * c->weight_decay);
    s[3] = 0.0 + (-1.0) * g;
}

/* AdEMAMix's warm-ups (ademamix.py): alpha rises linearly from 0, beta3
 * from beta1 linearly in half-life, over t_alpha_beta3 steps. */
static double
ademamix_alpha(const ov_optim_config *c, long step)
{
    double a;

    if (step >= c->t_alpha_beta3)
        return c->alpha;
    a = (double)step / (double)c->t_alpha_beta3;
    return (1.0 - a) * 0.0 + a * c->alpha;
}

static double
half_life(double beta)
{
    return log(0.5) / log(beta + 1e-8) - 1;
}

static double
ademamix_beta3(const ov_optim_config *c, long step)
{
    double a;

    if (step >= c->t_alpha_beta3)
        return c->beta3;
    a = (double)step / (double)c->t_alpha_beta3;
    return pow(0.5, 1 / (((1.0 - a) * half_life(c->beta1)
                          + a * half_life(c->beta3)) + 1));
}

/* AdEMAMix, state exp_avg_fast, exp_avg_slow, exp_avg_sq: Adam's fast
 * bias-corrected EMA plus alpha times a slow, uncorrected one; the decay
 * joins the update, which is scaled by lr last.  beta1 0 uses the
 * gradient itself as the fast EMA. */
static void
step_ademamix(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double step = (double)o->step;
    double bc1 = 1 - pow(c->beta1, step);
    double bc2 = 1 - pow(c->beta2, step);
    double alpha = ademamix_alpha(c, o->step);
    double beta3 = ademamix_beta3(c, o->step);
    double fast = g, denom, update;

    if (c->beta1 != 0.0) {
        s[0] = s[0] * c->beta1 + (1 - c->beta1) * g;
        fast = s[0];
    }
    s[1] = s[1] * beta3 + (1 - beta3) * g;
    s[2] = s[2] * c->beta2 + ((1 - c->beta2) * g) * g;
    denom = sqrt(s[2]) / sqrt(bc2) + c->eps;
    update = (fast / bc1 + alpha * s[1]) / denom;
    update = update + c->weight_decay * *theta;
    *theta = *theta + (-c->lr) * update;
}

/* Prodigy's scalars in o->shared and its state per coordinate. */
enum { PD_D, PD_D_MAX, PD_NUMERATOR, PD_D_HAT };
enum { PD_EXP_AVG, PD_EXP_AVG_SQ, PD_S, PD_P0 };

static double
prodigy_beta3(const ov_optim_config *c)
{
    return c->beta3 != c->beta3 ? sqrt(c->beta2) : c->beta3;
}

/* Prodigy (prodigy.py: decoupled decay, no bias correction, no safeguard
 * warm-up, growth rate inf, slice 1): Adam whose step is d*lr, with d
 * the largest estimate so far of the distance to the solution, from the
 * gradients' correlation with the way travelled from the start p0.
 * With a zero gradient sum (d_denom 0) the step stops after the moments,
 * as the reference returns early. */
static void
step_prodigy(struct ov_optim *o, double *theta, const double *g)
{
    const ov_optim_config *c = &o->cfg;
    double *sh = o->shared;
    double beta3 = prodigy_beta3(c);
    double d, d_max, dlr, numerator, delta = 0.0, dot = 0.0, denom_sum;
    double d_hat;
    size_t i;

    if (o->step == 1) {
        sh[PD_D] = sh[PD_D_MAX] = c->d0;
        sh[PD_NUMERATOR] = 0.0;
        for (i = 0; i < o->dim; i++)
            o->state[i][PD_P0] = theta[i];
    }
    d = sh[PD_D];
    d_max = sh[PD_D_MAX];
    dlr = d * c->lr * 1;
    numerator = sh[PD_NUMERATOR] * beta3;
    for (i = 0; i < o->dim; i++)
        dot = i == 0 ? g[0] * (o->state[0][PD_P0] - theta[0])
                     : dot + g[i] * (o->state[i][PD_P0] - theta[i]);
    delta = delta + (d / c->d0) * dlr * dot;
    denom_sum = 0.0;
    for (i = 0; i < o->dim; i++) {
        double *s = o->state[i];

        if (c->beta1 > 0)
            s[PD_EXP_AVG] = s[PD_EXP_AVG] * c->beta1
                + (d * (1 - c->beta1)) * g[i];
        s[PD_EXP_AVG_SQ] = s[PD_EXP_AVG_SQ] * c->beta2
            + ((d * d * (1 - c->beta2)) * g[i]) * g[i];
        s[PD_S] = s[PD_S] * beta3 + ((d / c->d0) * dlr) * g[i];
    }
    denom_sum = fabs(o->state[0][PD_S]);
    for (i = 1; i < o->dim; i++)
        denom_sum = denom_sum + fabs(o->state[i][PD_S]);
    denom_sum = 0.0 + denom_sum;
    if (denom_sum == 0)
        return;
    numerator = numerator + delta;
    d_hat = c->d_coef * numerator / denom_sum;
    if (d == c->d0)
        d = py_max(d, d_hat);
    d_max = py_max(d_max, d_hat);
    d = py_min(d_max, d * INFINITY);
    sh[PD_NUMERATOR] = numerator;
    sh[PD_D] = d;
    sh[PD_D_MAX] = d_max;
    sh[PD_D_HAT] = d_hat;
    for (i = 0; i < o->dim; i++) {
        double *s = o->state[i];
        double denom = sqrt(s[PD_EXP_AVG_SQ]) + d * c->eps;

        if (c->weight_decay != 0)
            theta[i] = theta[i] + (-c->weight_decay * dlr) * theta[i];
        if (c->beta1 > 0)
            theta[i] = theta[i] + ((-dlr) * s[PD_EXP_AVG]) / denom;
        else
            theta[i] = theta[i] + ((-dlr * d) * g[i]) / denom;
    }
}

/* Schedule-Free's scalars in o->shared and its state per coordinate; the
 * parameter (theta, where gradients are taken) is y. */
enum { SF_LR_MAX, SF_WEIGHT_SUM };
enum { SF_Z, SF_X, SF_Y, SF_EXP_AVG_SQ };

/*
 * The step's learning rate (warm-up, times sqrt of Adam's second bias
 * correction for sf-adamw) and the weight ckp1 of the new z in the
 * average x, from lr_max and the sum of the weights so far.
 */
static double
sf_begin(struct ov_optim *o, double bc2_sqrt, double *ckp1)
{
    const ov_optim_config *c = &o->cfg;
    double *sh = o->shared;
    long k = o->step - 1;
    double sched = 1.0, lr, weight;

    if (o->step == 1) {
        sh[SF_LR_MAX] = -1.0;
        sh[SF_WEIGHT_SUM] = 0.0;
    }
    if (k < c->warmup_steps)
        sched = (double)(k + 1) / (double)c->warmup_steps;
    lr = c->lr * sched;
    if (bc2_sqrt >= 0)
        lr = lr * bc2_sqrt;
    sh[SF_LR_MAX] = py_max(lr, sh[SF_LR_MAX]);
    weight = pow((double)(k + 1), c->r) * pow(sh[SF_LR_MAX],
                                              c->weight_lr_power);
    sh[SF_WEIGHT_SUM] = sh[SF_WEIGHT_SUM] + weight;
    *ckp1 = sh[SF_WEIGHT_SUM] == 0 ? 0.0 : weight / sh[SF_WEIGHT_SUM];
    return lr;
}

/* z starts at the parameter; x averages the z's, y interpolates x and z
 * with beta (beta1 or momentum) and becomes the parameter. */
static void
sf_average(const struct ov_optim *o, double *s, double *theta, double ckp1,
           double beta)
{
    (void)o;
    s[SF_X] = s[SF_X] * (1 - ckp1) + ckp1 * s[SF_Z];
    s[SF_Y] = s[SF_X] * beta + (1 - beta) * s[SF_Z];
    *theta = s[SF_Y];
}

static void
sf_start(const struct ov_optim *o, double *s, double theta)
{
    if (o->step == 1)
        s[SF_Z] = s[SF_X] = s[SF_Y] = theta;
}

/* Schedule-Free AdamW (adamw_schedulefree_reference.py, decay at y):
 * z takes an RMSprop-like step without momentum, from the gradient at
 * y; the decay pulls z by lr*wd*y first. */
static void
step_sf_adamw(struct ov_optim *o, double *theta, const double *g)
{
    const ov_optim_config *c = &o->cfg;
    double bc2 = 1 - pow(c->beta2, (double)o->step);
    double ckp1, lr = sf_begin(o, sqrt(bc2), &ckp1);
    size_t i;

    for (i = 0; i < o->dim; i++) {
        double *s = o->state[i];
        double denom;

        sf_start(o, s, theta[i]);
        if (c->weight_decay != 0)
            s[SF_Z] = s[SF_Z] - (lr * c->weight_decay) * s[SF_Y];
        s[SF_EXP_AVG_SQ] = s[SF_EXP_AVG_SQ] * c->beta2
            + ((1 - c->beta2) * g[i]) * g[i];
        denom = sqrt(s[SF_EXP_AVG_SQ]) + c->eps;
        s[SF_Z] = s[SF_Z] + ((-lr) * g[i]) / denom;
        sf_average(o, s, &theta[i], ckp1, c->beta1);
    }
}

/* Schedule-Free SGD (sgd_schedulefree_reference.py): z takes plain SGD
 * steps; the L2 term (at y, the parameter) is the common prologue's. */
static void
step_sf_sgd(struct ov_optim *o, double *theta, const double *g)
{
    const ov_optim_config *c = &o->cfg;
    double ckp1, lr = sf_begin(o, -1.0, &ckp1);
    size_t i;

    for (i = 0; i < o->dim; i++) {
        double *s = o->state[i];

        sf_start(o, s, theta[i]);
        s[SF_Z] = s[SF_Z] - lr * g[i];
        sf_average(o, s, &theta[i], ckp1, c->momentum);
    }
}

static void
display_sf(const struct ov_optim *o, const double *theta, double *shown)
{
    static const int slot[] = { [OV_SF_SHOW_X] = SF_X,
                                [OV_SF_SHOW_Y] = SF_Y,
                                [OV_SF_SHOW_Z] = SF_Z };
    size_t i;

    for (i = 0; i < o->dim; i++)
        shown[i] = o->step > 0 && o->cfg.sf_show != OV_SF_SHOW_Y
            ? o->state[i][slot[o->cfg.sf_show]] : theta[i];
}

/* ADOPT (adopt.py, coupled decay): the first step only fills v with g^2;
 * later steps normalise g by the previous v (clamped below by eps) before
 * the momentum, whose second step starts it at g/denom. */
static void
step_adopt(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double denom;

    if (o->step == 1) {
        s[1] = s[1] + (1 * g) * g;
        return;
    }
    denom = sqrt(s[1]);
    denom = denom != denom ? denom : py_max(denom, c->eps);
    if (o->step == 2)
        s[0] = s[0] + (1 * g) / denom;
    else
        s[0] = s[0] * c->beta1 + ((1 - c->beta1) * g) / denom;
    *theta = *theta + (-c->lr) * s[0];
    s[1] = s[1] * c->beta2 + ((1 - c->beta2) * g) * g;
}

/* beta3 is a number for adan and ademamix ("none" is prodigy's). */
static ov_status
check_beta3(const ov_optim_config *c, ov_error *err)
{
    if (c->beta3 != c->beta3)
        return ov__reject_number(err, "Invalid beta parameter at index 2: ",
                                 c->beta3);
    return OV_OK;
}

/* Prodigy refuses a zero lr and eps as well. */
static ov_status
check_prodigy(const ov_optim_config *c, ov_error *err)
{
    if (!(c->lr > 0))
        return ov__reject_number(err, "Invalid learning rate: ", c->lr);
    if (!(c->eps > 0))
        return ov__reject_number(err, "Invalid epsilon value: ", c->eps);
    return OV_OK;
}

static ov_status
check_sf_sgd(const ov_optim_config *c, ov_error *err)
{
    if (c->momentum <= 0 || c->momentum >= 1)
        return ov__reject_number(err, "Momentum must be between 0 and 1 "
                                 "exclusive: ", c->momentum);
    return OV_OK;
}

/* ---- LBFGS (torch.optim.LBFGS 1.13, lbfgs.py) ----------------------------*/

/*
 * Not elementwise: one optimizer.step(closure) runs up to max_iter
 * iterations of the two-loop recursion over the whole vector, each
 * evaluating the loss once (or a strong-Wolfe line search several times).
 * Everything below follows lbfgs.py line by line: Python's left-to-right
 * evaluation, torch's a.add(b, alpha=s) as a + s*b, dot products of the
 * 2-vector as x0*y0 + x1*y1 (what torch computes for two elements), and
 * Python's min()/max(), which keep the first argument on ties.
 */

#define LBFGS_C1 1e-4
#define LBFGS_C2 0.9
#define LBFGS_MAX_LS 25
#define LBFGS_LS_TOL_CHANGE 1e-9  /* step() does not pass its own */

typedef struct lbfgs_state {
    long func_evals, n_iter;        /* state['func_evals'], ['n_iter'] */
    double t, h_diag, prev_loss;    /* step, H_diag, prev_loss */
    long n_old;                     /* len(old_dirs) */
    /* Then vectors of dim doubles: d (the last direction), prev_flat_grad,
     * and the step's scratch (see lbfgs_vec); then old_dirs (y) and
     * old_stps (s), history_size vectors each, and ro and al,
     * history_size doubles each. */
} lbfgs_state;

/* Vectors of lbfgs_state, in this order after the struct. */
enum { LV_D, LV_PREV_GRAD, LV_FLAT_GRAD, LV_Y, LV_S, LV_Q, LV_X_INIT,
       LV_DT, LV_G0, LV_G_NEW, LV_G_PREV, LV_BRACKET0, LV_BRACKET1,
       LV_POINT, LV_COUNT };

static size_t
lbfgs_whole_size(const ov_optim_config *c, size_t dim)
{
    return sizeof(lbfgs_state)
        + ((size_t)LV_COUNT * dim + (size_t)c->history_size * (2 * dim + 2))
          * sizeof(double);
}

static double *
lbfgs_vec(lbfgs_state *st, size_t n, int which)
{
    return (double *)(st + 1) + (size_t)which * n;
}

static double *
lbfgs_dirs(lbfgs_state *st, size_t n)
{
    return lbfgs_vec(st, n, LV_COUNT);
}

/* Summed from the first term on: exactly torch's for one or two
 * elements. */
static double
dot(const double *a, const double *b, size_t n)
{
    double s = a[0] * b[0];
    size_t i;

    for (i = 1; i < n; i++)
        s = s + a[i] * b[i];
    return s;
}

static double
abs_max(const double *a, size_t n)
{
    double m = fabs(a[0]);
    size_t i;

    for (i = 1; i < n; i++)
        m = nan_max(m, fabs(a[i]));
    return m;
}

/*
 * A step length as lbfgs.py holds it: a Python number or a 0-dim tensor.
 * The two round alike except in `number / tensor`, which torch computes as
 * reciprocal(tensor) * number (Tensor.__rtruediv__), so the step lengths of
 * the line search carry which one they are.  The first step's t is a
 * tensor when 1/sum|g| < 1 (min() returns that tensor); lr is a number;
 * everything computed from a tensor is one.
 */
typedef struct tval {
    double v;
    int tensor;
} tval;

static tval
tv(double v, int tensor)
{
    tval r;

    r.v = v;
    r.tensor = tensor;
    return r;
}

/* Python's min() and max() of two: the first unless the second wins. */
static tval
tv_min(tval a, tval b)
{
    return b.v < a.v ? b : a;
}

static tval
tv_max(tval a, tval b)
{
    return b.v > a.v ? b : a;
}

/* _cubic_interpolate; @p bounds NULL: the interval of x1 and x2.  f1, f2
 * are Python floats (losses), g1, g2 tensors (directional derivatives). */
static tval
cubic_interpolate(tval x1, double f1, double g1, tval x2, double f2,
                  double g2, const tval *bounds)
{
    tval xmin_bound, xmax_bound, min_pos;
    double d1, d2_square, d2, num = 3 * (f1 - f2), den = x1.v - x2.v;

    if (bounds) {
        xmin_bound = bounds[0];
        xmax_bound = bounds[1];
    } else if (x1.v <= x2.v) {
        xmin_bound = x1;
        xmax_bound = x2;
    } else {
        xmin_bound = x2;
        xmax_bound = x1;
    }
    d1 = g1 + g2 - (x1.tensor || x2.tensor ? (1 / den) * num : num / den);
    d2_square = d1 * d1 - g1 * g2;
    if (d2_square >= 0) {
        d2 = sqrt(d2_square);
        if (x1.v <= x2.v)
            min_pos = tv(x2.v - (x2.v - x1.v)
                         * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)), 1);
        else
            min_pos = tv(x1.v - (x1.v - x2.v)
                         * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2)), 1);
        return tv_min(tv_max(min_pos, xmin_bound), xmax_bound);
    }
    return tv((xmin_bound.v + xmax_bound.v) / 2.,
              xmin_bound.tensor || xmax_bound.tensor);
}

/* _directional_evaluate: the loss and gradient at x + t*d. */
static double
directional_evaluate(ov_closure_fn fn, void *payload, const double *x,
                     double t, const double *d, size_t n, double *g,
                     double *p)
{
    size_t i;

    for (i = 0; i < n; i++)
        p[i] = x[i] + t * d[i];
    return fn(payload, p, g);
}

static void
copy_n(double *dst, const double *src, size_t n)
{
    memcpy(dst, src, n * sizeof *dst);
}

/* _strong_wolfe; f, g updated to the point found, @return t. */
static tval
strong_wolfe(ov_closure_fn fn, void *payload, const double *x, tval t,
             const double *d, size_t n, double *f, double *g, double gtd,
             long *evals, lbfgs_state *st)
{
    double d_norm = abs_max(d, n);
    double f0 = *f, *g0 = lbfgs_vec(st, n, LV_G0), f_new;
    double *g_new = lbfgs_vec(st, n, LV_G_NEW), gtd_new;
    double f_prev = f0, *g_prev = lbfgs_vec(st, n, LV_G_PREV);
    double gtd_prev = gtd, *p = lbfgs_vec(st, n, LV_POINT);
    tval t_prev = tv(0, 0), bracket[2] = { { 0, 0 }, { 0, 0 } };
    double bracket_f[2] = { 0, 0 };
    double *bracket_g[2];
    double bracket_gtd[2] = { 0, 0 };
    int done = 0, insuf_progress = 0, low_pos, high_pos, nb = 0;
    long ls_iter = 0;

    bracket_g[0] = lbfgs_vec(st, n, LV_BRACKET0);
    bracket_g[1] = lbfgs_vec(st, n, LV_BRACKET1);
    memset(bracket_g[0], 0, n * sizeof(double));
    memset(bracket_g[1], 0, n * sizeof(double));
    copy_n(g0, g, n);
    copy_n(g_prev, g, n);
    f_new = directional_evaluate(fn, payload, x, t.v, d, n, g_new, p);
    *evals = 1;
    gtd_new = dot(g_new, d, n);
    while (ls_iter < LBFGS_MAX_LS) {
        if (f_new > (f0 + LBFGS_C1 * t.v * gtd)
            || (ls_iter > 1 && f_new >= f_prev)) {
            nb = 2;
            break;
        }
        if (fabs(gtd_new) <= -LBFGS_C2 * gtd) {
            nb = 1;
            done = 1;
            break;
        }
        if (gtd_new >= 0) {
            nb = 2;
            break;
        }
        {
            tval bounds[2], tmp = t;

            bounds[0] = tv(t.v + 0.01 * (t.v - t_prev.v),
                           t.tensor || t_prev.tensor);
            bounds[1] = tv(t.v * 10, t.tensor);
            t = cubic_interpolate(t_prev, f_prev, gtd_prev, t, f_new,
                                  gtd_new, bounds);
            t_prev = tmp;
        }
        f_prev = f_new;
        copy_n(g_prev, g_new, n);
        gtd_prev = gtd_new;
        f_new = directional_evaluate(fn, payload, x, t.v, d, n, g_new, p);
        (*evals)++;
        gtd_new = dot(g_new, d, n);
        ls_iter++;
    }
    if (nb == 2) {
        bracket[0] = t_prev;
        bracket[1] = t;
        bracket_f[0] = f_prev;
        bracket_f[1] = f_new;
        copy_n(bracket_g[0], g_prev, n);
        copy_n(bracket_g[1], g_new, n);
        bracket_gtd[0] = gtd_prev;
        bracket_gtd[1] = gtd_new;
    } else if (nb == 1) {
        bracket[0] = t;
        bracket_f[0] = f_new;
        copy_n(bracket_g[0], g_new, n);
    }
    if (ls_iter == LBFGS_MAX_LS) {
        nb = 2;
        bracket[0] = tv(0, 0);
        bracket[1] = t;
        bracket_f[0] = f0;
        bracket_f[1] = f_new;
        copy_n(bracket_g[0], g0, n);
        copy_n(bracket_g[1], g_new, n);
    }
    /* bracket_f[-1]: the last of one or two */
    if (bracket_f[0] <= bracket_f[nb - 1]) {
        low_pos = 0;
        high_pos = 1;
    } else {
        low_pos = 1;
        high_pos = 0;
    }
    while (!done && ls_iter < LBFGS_MAX_LS) {
        tval bmax, bmin, eps;

        if (fabs(bracket[1].v - bracket[0].v) * d_norm < LBFGS_LS_TOL_CHANGE)
            break;
        t = cubic_interpolate(bracket[0], bracket_f[0], bracket_gtd[0],
                              bracket[1], bracket_f[1], bracket_gtd[1],
                              NULL);
        bmax = tv_max(bracket[0], bracket[1]);
        bmin = tv_min(bracket[0], bracket[1]);
        eps = tv(0.1 * (bmax.v - bmin.v), bmax.tensor || bmin.tensor);
        if (py_min(bmax.v - t.v, t.v - bmin.v) < eps.v) {
            if (insuf_progress || t.v >= bmax.v || t.v <= bmin.v) {
                if (fabs(t.v - bmax.v) < fabs(t.v - bmin.v))
                    t = tv(bmax.v - eps.v, bmax.tensor || eps.tensor);
                else
                    t = tv(bmin.v + eps.v, bmin.tensor || eps.tensor);
                insuf_progress = 0;
            } else {
                insuf_progress = 1;
            }
        } else {
            insuf_progress = 0;
        }
        f_new = directional_evaluate(fn, payload, x, t.v, d, n, g_new, p);
        (*evals)++;
        gtd_new = dot(g_new, d, n);
        ls_iter++;
        if (f_new > (f0 + LBFGS_C1 * t.v * gtd)
            || f_new >= bracket_f[low_pos]) {
            bracket[high_pos] = t;
            bracket_f[high_pos] = f_new;
            copy_n(bracket_g[high_pos], g_new, n);
            bracket_gtd[high_pos] = gtd_new;
            if (bracket_f[0] <= bracket_f[1]) {
                low_pos = 0;
                high_pos = 1;
            } else {
                low_pos = 1;
                high_pos = 0;
            }
        } else {
            if (fabs(gtd_new) <= -LBFGS_C2 * gtd) {
                done = 1;
            } else if (gtd_new * (bracket[high_pos].v - bracket[low_pos].v)
                       >= 0) {
                bracket[high_pos] = bracket[low_pos];
                bracket_f[high_pos] = bracket_f[low_pos];
                copy_n(bracket_g[high_pos], bracket_g[low_pos], n);
                bracket_gtd[high_pos] = bracket_gtd[low_pos];
            }
            bracket[low_pos] = t;
            bracket_f[low_pos] = f_new;
            copy_n(bracket_g[low_pos], g_new, n);
            bracket_gtd[low_pos] = gtd_new;
        }
    }
    *f = bracket_f[low_pos];
    copy_n(g, bracket_g[low_pos], n);
    return bracket[low_pos];
}

static void
closure_step_lbfgs(struct ov_optim *o, double *x, ov_closure_fn fn,
                   void *payload)
{
    const ov_optim_config *c = &o->cfg;
    lbfgs_state *st = o->whole;
    size_t n = o->dim, i;
    long h = c->history_size, k;
    double *old_dirs = lbfgs_dirs(st, n), *old_stps = old_dirs + n * h;
    double *ro = old_stps + n * h, *al = ro + h;
    double *d = lbfgs_vec(st, n, LV_D);
    double *prev_flat_grad = lbfgs_vec(st, n, LV_PREV_GRAD);
    long max_eval = c->max_eval > 0 ? c->max_eval : c->max_iter * 5 / 4;
    double *flat_grad = lbfgs_vec(st, n, LV_FLAT_GRAD), loss, t = st->t;
    int t_tensor = 0;
    long current_evals, n_iter = 0;
    int opt_cond;

    memset(flat_grad, 0, n * sizeof *flat_grad);
    loss = fn(payload, x, flat_grad);
    current_evals = 1;
    st->func_evals++;
    opt_cond = abs_max(flat_grad, n) <= c->tolerance_grad;
    if (opt_cond)
        return;
    while (n_iter < c->max_iter) {
        double gtd;
        long ls_func_evals = 0;

        n_iter++;
        st->n_iter++;
        if (st->n_iter == 1) {
            for (i = 0; i < n; i++)
                d[i] = -flat_grad[i];
            st->n_old = 0;
            st->h_diag = 1;
        } else {
            double *y = lbfgs_vec(st, n, LV_Y), *s = lbfgs_vec(st, n, LV_S);
            double *q = lbfgs_vec(st, n, LV_Q), ys;

            for (i = 0; i < n; i++) {
                y[i] = flat_grad[i] - prev_flat_grad[i];
                s[i] = d[i] * t;
            }
            ys = dot(y, s, n);
            if (ys > 1e-10) {
                if (st->n_old == h) {           /* pop(0) */
                    memmove(old_dirs, old_dirs + n,
                            (size_t)(h - 1) * n * sizeof(double));
                    memmove(old_stps, old_stps + n,
                            (size_t)(h - 1) * n * sizeof(double));
                    memmove(ro, ro + 1, (size_t)(h - 1) * sizeof(double));
                    st->n_old--;
                }
                copy_n(old_dirs + n * (size_t)st->n_old, y, n);
                copy_n(old_stps + n * (size_t)st->n_old, s, n);
                ro[st->n_old] = 1. / ys;
                st->n_old++;
                st->h_diag = ys / dot(y, y, n);
            }
            for (i = 0; i < n; i++)
                q[i] = -flat_grad[i];
            for (k = st->n_old - 1; k >= 0; k--) {
                al[k] = dot(old_stps + n * (size_t)k, q, n) * ro[k];
                for (i = 0; i < n; i++)
                    q[i] = q[i] + (-al[k]) * old_dirs[n * (size_t)k + i];
            }
            for (i = 0; i < n; i++)
                d[i] = q[i] * st->h_diag;
            for (k = 0; k < st->n_old; k++) {
                double be_i = dot(old_dirs + n * (size_t)k, d, n) * ro[k];
                for (i = 0; i < n; i++)
                    d[i] = d[i]
                        + (al[k] - be_i) * old_stps[n * (size_t)k + i];
            }
        }
        copy_n(prev_flat_grad, flat_grad, n);
        st->prev_loss = loss;
        if (st->n_iter == 1) {
            double sum = fabs(flat_grad[0]);

            for (i = 1; i < n; i++)
                sum = sum + fabs(flat_grad[i]);
            t = py_min(1., 1. / sum) * c->lr;
            t_tensor = 1. / sum < 1.;
        } else {
            t = c->lr;
            t_tensor = 0;
        }
        gtd = dot(flat_grad, d, n);
        if (gtd > -c->tolerance_change)
            break;
        if (c->line_search == OV_LINE_SEARCH_STRONG_WOLFE) {
            double *x_init = lbfgs_vec(st, n, LV_X_INIT);

            copy_n(x_init, x, n);
            t = strong_wolfe(fn, payload, x_init, tv(t, t_tensor), d, n,
                             &loss, flat_grad, gtd, &ls_func_evals, st).v;
            for (i = 0; i < n; i++)
                x[i] = x[i] + t * d[i];
            opt_cond = abs_max(flat_grad, n) <= c->tolerance_grad;
        } else {
            for (i = 0; i < n; i++)
                x[i] = x[i] + t * d[i];
            if (n_iter != c->max_iter) {
                loss = fn(payload, x, flat_grad);
                opt_cond = abs_max(flat_grad, n) <= c->tolerance_grad;
                ls_func_evals = 1;
            }
        }
        current_evals += ls_func_evals;
        st->func_evals += ls_func_evals;
        if (n_iter == c->max_iter)
            break;
        if (current_evals >= max_eval)
            break;
        if (opt_cond)
            break;
        {
            double *dt = lbfgs_vec(st, n, LV_DT);

            for (i = 0; i < n; i++)
                dt[i] = d[i] * t;
            if (abs_max(dt, n) <= c->tolerance_change)
                break;
        }
        if (fabs(loss - st->prev_loss) < c->tolerance_change)
            break;
    }
    st->t = t;
}

/* ---- the table -----------------------------------------------------------*/

/* Every row gives the keys of the other classes torch's values too, so
 * that a config switched to another algorithm later has no zeros there.
 * eps differs per class and is in each row. */
/* lbfgs's keys (its row takes these defaults through REST too). */
#define LBFGS_OTHERS .max_iter = 20, .tolerance_grad = 1e-7, \
    .tolerance_change = 1e-9, .history_size = 100
#define REST .rho = 0.9, .momentum_decay = 4e-3, .lambd = 1e-4, .t0 = 1e6, \
    .eta_minus = 0.5, .eta_plus = 1.2, .step_size_min = 1e-6, \
    .step_size_max = 50, LBFGS_OTHERS
#define SHARED REST, .beta1 = 0.9, .beta2 = 0.999
#define OTHERS SHARED, .alpha = 0.99
/* The same with the betas and alpha of a row that has its own. */
#define OTHERS_WITH(b1, b2, a) REST, .beta1 = (b1), .beta2 = (b2), \
    .alpha = (a)

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
        .state_size = 2, .step = step_sgd, .display = display_sgd,
        .check = check_sgd,
        .color = 0xFFFFFF, .lr_column = OV__LR_PLAIN,
    },
    [OV_ALGO_SGD] = {
        .name = "sgd",
        .summary = "stochastic gradient descent: torch SGD, batch size 1",
        .defaults = { OTHERS, .lr = 1e-3, .eps = 1e-8, .batch_size = 1 },
        .keys = { SGD_KEYS },
        .state_size = 2, .step = step_sgd, .display = display_sgd,
        .check = check_sgd,
        .color = 0xFF9F1C, .lr_column = OV__LR_SAMPLE,
    },
    [OV_ALGO_MINIBATCH] = {
        .name = "minibatch",
        .summary = "minibatch SGD: torch SGD, batch size 32 by default",
        .defaults = { OTHERS, .lr = 1e-3, .eps = 1e-8, .batch_size = 32 },
        .keys = { SGD_KEYS },
        .state_size = 2, .step = step_sgd, .display = display_sgd,
        .check = check_sgd,
        .color = 0xFFE14D, .lr_column = OV__LR_PLAIN,
    },
    [OV_ALGO_MOMENTUM] = {
        .name = "momentum",
        .summary = "heavy-ball momentum: torch SGD(momentum=0.9)",
        /* Torch's momentum 0 would make it gd (optimizers.md §0.10). */
        .defaults = { OTHERS, .lr = 1e-3, .eps = 1e-8, .momentum = 0.9 },
        .keys = { SGD_KEYS, "nag-form" },
        .state_size = 2, .step = step_sgd, .display = display_sgd,
        .check = check_sgd,
        .color = 0x04459B, .lr_column = OV__LR_MOMENTUM,
    },
    [OV_ALGO_NAG] = {
        .name = "nag",
        .summary = "Nesterov momentum: torch SGD(momentum=0.9, "
                   "nesterov=True)",
        .defaults = { OTHERS, .lr = 1e-3, .eps = 1e-8, .momentum = 0.9,
                      .nesterov = 1 },
        .keys = { SGD_KEYS, "nag-form" },
        .state_size = 2, .step = step_sgd, .display = display_sgd,
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
        .color = 0xFF7CCF, .lr_column = OV__LR_ADAGRAD,
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
        .color = 0xC295FD, .lr_column = OV__LR_ADADELTA,
        .response_lr = 1.0,
    },
    [OV_ALGO_ADAM] = {
        .name = "adam",
        .summary = "Adam: torch Adam (optional AMSGrad)",
        .defaults = { OTHERS, .lr = 1e-3, .eps = 1e-8 },
        .keys = { "lr", "eps", "beta1", "beta2", "weight-decay", "amsgrad",
                  "maximize", "batch-size" },
        .state_size = 3, .step = step_adam,
        .color = 0x97010F, .lr_column = OV__LR_ADAM,
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
        .color = 0x830783, .lr_column = OV__LR_ADAM,
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
        .summary = "RAdam: torch RAdam (Adam, variance rectified)",
        .defaults = { OTHERS, .lr = 1e-3, .eps = 1e-8 },
        /* Torch 1.13's RAdam has no maximize. */
        .keys = { "lr", "eps", "beta1", "beta2", "weight-decay",
                  "batch-size" },
        .state_size = 2, .step = step_radam,
        .color = 0xFE878B, .lr_column = OV__LR_RADAM,
    },
    [OV_ALGO_ASGD] = {
        .name = "asgd",
        .summary = "ASGD: torch ASGD (SGD, slowly decaying rate)",
        /* alpha is ASGD's own (rmsprop's is 0.99). */
        .defaults = { SHARED, .alpha = 0.75, .lr = 1e-2, .eps = 1e-8 },
        /* Torch checks lr and weight_decay only. */
        .keys = { "lr", "weight-decay", "lambd", "alpha", "t0", "maximize",
                  "batch-size" },
        .state_size = 3, .step = step_asgd,
        .color = 0x5503D2, .lr_column = OV__LR_PLAIN,
    },
    [OV_ALGO_RPROP] = {
        .name = "rprop",
        .summary = "Rprop: torch Rprop (sign steps, adaptive sizes)",
        .defaults = { OTHERS, .lr = 1e-2, .eps = 1e-8 },
        /* Torch checks lr and the etas; Rprop has no weight_decay. */
        .keys = { "lr", "eta-minus", "eta-plus", "step-size-min",
                  "step-size-max", "maximize", "batch-size" },
        .state_size = 2, .step = step_rprop,
        .color = 0xA4ABB1, .lr_column = OV__LR_ADAM,
    },
    [OV_ALGO_LION] = {
        .name = "lion",
        .summary = "Lion: the sign of a momentum mix "
                   "(google/automl lion_pytorch.py)",
        .defaults = { OTHERS_WITH(0.9, 0.99, 0.99), .lr = 1e-4,
                      .eps = 1e-8 },
        .keys = { "lr", "beta1", "beta2", "weight-decay", "maximize",
                  "batch-size" },
        .state_size = 1, .step = step_lion, .own_decay = 1,
        .color = 0xD2B48C, .lr_column = OV__LR_ADAM,
    },
    [OV_ALGO_ADAN] = {
        .name = "adan",
        .summary = "Adan: moments of the gradient and its difference "
                   "(sail-sg/Adan)",
        .defaults = { OTHERS_WITH(0.98, 0.92, 0.99), .lr = 1e-3,
                      .eps = 1e-8, .beta3 = 0.99 },
        .keys = { "lr", "eps", "beta1", "beta2", "beta3", "weight-decay",
                  "maximize", "batch-size" },
        .state_size = 4, .step = step_adan, .own_decay = 1,
        .check = check_beta3,
        .color = 0x2EC4B6, .lr_column = OV__LR_ADAM,
    },
    [OV_ALGO_ADEMAMIX] = {
        .name = "ademamix",
        .summary = "AdEMAMix: Adam plus a slow EMA of the gradient "
                   "(apple/ml-ademamix)",
        .defaults = { OTHERS_WITH(0.9, 0.999, 2.0), .lr = 1e-3,
                      .eps = 1e-8, .beta3 = 0.9999 },
        .keys = { "lr", "eps", "beta1", "beta2", "beta3", "weight-decay",
                  "alpha", "t-alpha-beta3", "maximize", "batch-size" },
        .state_size = 3, .step = step_ademamix, .own_decay = 1,
        .check = check_beta3,
        .color = 0x554700, .lr_column = OV__LR_ADAM,
    },
    [OV_ALGO_PRODIGY] = {
        .name = "prodigy",
        .summary = "Prodigy: Adam with a learned step size d "
                   "(konstmish/prodigy)",
        /* beta3 NaN: none, sqrt(beta2) at every step. */
        .defaults = { OTHERS, .lr = 1.0, .eps = 1e-8, .beta3 = NAN,
                      .d0 = 1e-6, .d_coef = 1.0 },
        /* The reference checks d0 before lr; lr leads every row here. */
        .keys = { "lr", "d0", "eps", "beta1", "beta2", "beta3", "d-coef",
                  "weight-decay", "maximize", "batch-size" },
        .state_size = 4, .step_all = step_prodigy, .own_decay = 1,
        .check = check_prodigy,
        .color = 0x8AB6FF, .lr_column = OV__LR_ADAM, .lr_fixed = 0.5,
        /* A response signal has no minimum: d grows without bound, and
         * only a small factor keeps 300 steps finite. */
        .response_lr = 0.01,
    },
    [OV_ALGO_SF_ADAMW] = {
        .name = "sf-adamw",
        .summary = "Schedule-Free AdamW (facebookresearch/schedule_free "
                   "reference)",
        .defaults = { OTHERS, .lr = 0.0025, .eps = 1e-8,
                      .weight_lr_power = 2.0 },
        .keys = { "lr", "beta1", "beta2", "eps", "weight-decay",
                  "warmup-steps", "r", "weight-lr-power", "show",
                  "maximize", "batch-size" },
        .state_size = 4, .step_all = step_sf_adamw, .own_decay = 1,
        .display = display_sf,
        .color = 0xF4A6D7, .lr_column = OV__LR_ADAM,
    },
    [OV_ALGO_SF_SGD] = {
        .name = "sf-sgd",
        .summary = "Schedule-Free SGD (facebookresearch/schedule_free "
                   "reference)",
        .defaults = { OTHERS, .lr = 1.0, .eps = 1e-8, .momentum = 0.9,
                      .weight_lr_power = 2.0 },
        .keys = { "lr", "weight-decay", "momentum", "warmup-steps", "r",
                  "weight-lr-power", "show", "maximize", "batch-size" },
        .state_size = 4, .step_all = step_sf_sgd, .display = display_sf,
        .check = check_sf_sgd,
        .color = 0x404A55, .lr_column = OV__LR_MOMENTUM,
    },
    [OV_ALGO_ADOPT] = {
        .name = "adopt",
        .summary = "ADOPT: momentum of g normalised by the last v "
                   "(iShohei220/adopt)",
        .defaults = { OTHERS_WITH(0.9, 0.9999, 0.99), .lr = 1e-3,
                      .eps = 1e-6 },
        .keys = { "lr", "eps", "beta1", "beta2", "weight-decay", "maximize",
                  "batch-size" },
        .state_size = 2, .step = step_adopt,
        .color = 0x573A7F, .lr_column = OV__LR_ADAM,
    },
    [OV_ALGO_LBFGS] = {
        .name = "lbfgs",
        .summary = "L-BFGS: torch LBFGS (up to max-iter iterations per "
                   "step)",
        .defaults = { OTHERS, .lr = 1, .eps = 1e-8 },
        .keys = { "lr", "max-iter", "max-eval", "tolerance-grad",
                  "tolerance-change", "history-size", "line-search",
                  "batch-size" },
        .closure_step = closure_step_lbfgs, .whole_size = lbfgs_whole_size,
        .color = 0x6B3E10, .lr_column = OV__LR_TORCH,
    },
};

const ov__algo_row *
ov__algo_row_of(ov_algo algo)
{
    return (int)algo >= 0 && algo < OV_ALGO_COUNT ? &rows[algo] : NULL;
}
