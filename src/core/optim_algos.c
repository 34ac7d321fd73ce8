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

static void
step_adam(const struct ov_optim *o, double *s, double *theta, double g)
{
    const ov_optim_config *c = &o->cfg;
    double step = (double)o->step;
    double bc1, bc2, step_size, bc2_sqrt, denom;

    s[0] = s[0] * c->beta1 + (1 - c->beta1) * g;
    s[1] = s[1] * c->beta2 + ((1 - c->beta2) * g) * g;
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
    double d[2], t, h_diag;         /* last direction, step, H_diag */
    double prev_flat_grad[2], prev_loss;
    long n_old;                     /* len(old_dirs) */
    /* old_dirs (y), old_stps (s), ro and al follow: history_size each */
} lbfgs_state;

static size_t
lbfgs_whole_size(const ov_optim_config *c)
{
    return sizeof(lbfgs_state)
        + (size_t)c->history_size * (2 * 2 + 2) * sizeof(double);
}

static double *
lbfgs_dirs(lbfgs_state *st)
{
    return (double *)(st + 1);
}

static double
py_min(double a, double b)
{
    return b < a ? b : a;
}

static double
dot(const double *a, const double *b, size_t n)
{
    return n == 2 ? a[0] * b[0] + a[1] * b[1] : a[0] * b[0];
}

static double
abs_max(const double *a, size_t n)
{
    return n == 2 ? nan_max(fabs(a[0]), fabs(a[1])) : fabs(a[0]);
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
                     double t, const double *d, size_t n, double *g)
{
    double p[2] = { 0.0, 0.0 };
    size_t i;

    for (i = 0; i < n; i++)
        p[i] = x[i] + t * d[i];
    return fn(payload, p, g);
}

static void
copy2(double *dst, const double *src)
{
    dst[0] = src[0];
    dst[1] = src[1];
}

/* _strong_wolfe; f, g updated to the point found, @return t. */
static tval
strong_wolfe(ov_closure_fn fn, void *payload, const double *x, tval t,
             const double *d, size_t n, double *f, double *g, double gtd,
             long *evals)
{
    double d_norm = abs_max(d, n);
    double f0 = *f, g0[2], f_new, g_new[2], gtd_new;
    double f_prev = f0, g_prev[2], gtd_prev = gtd;
    tval t_prev = tv(0, 0), bracket[2] = { { 0, 0 }, { 0, 0 } };
    double bracket_f[2] = { 0, 0 };
    double bracket_g[2][2] = { { 0, 0 }, { 0, 0 } };
    double bracket_gtd[2] = { 0, 0 };
    int done = 0, insuf_progress = 0, low_pos, high_pos, nb = 0;
    long ls_iter = 0;

    copy2(g0, g);
    copy2(g_prev, g);
    f_new = directional_evaluate(fn, payload, x, t.v, d, n, g_new);
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
        copy2(g_prev, g_new);
        gtd_prev = gtd_new;
        f_new = directional_evaluate(fn, payload, x, t.v, d, n, g_new);
        (*evals)++;
        gtd_new = dot(g_new, d, n);
        ls_iter++;
    }
    if (nb == 2) {
        bracket[0] = t_prev;
        bracket[1] = t;
        bracket_f[0] = f_prev;
        bracket_f[1] = f_new;
        copy2(bracket_g[0], g_prev);
        copy2(bracket_g[1], g_new);
        bracket_gtd[0] = gtd_prev;
        bracket_gtd[1] = gtd_new;
    } else if (nb == 1) {
        bracket[0] = t;
        bracket_f[0] = f_new;
        copy2(bracket_g[0], g_new);
    }
    if (ls_iter == LBFGS_MAX_LS) {
        nb = 2;
        bracket[0] = tv(0, 0);
        bracket[1] = t;
        bracket_f[0] = f0;
        bracket_f[1] = f_new;
        copy2(bracket_g[0], g0);
        copy2(bracket_g[1], g_new);
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
        f_new = directional_evaluate(fn, payload, x, t.v, d, n, g_new);
        (*evals)++;
        gtd_new = dot(g_new, d, n);
        ls_iter++;
        if (f_new > (f0 + LBFGS_C1 * t.v * gtd)
            || f_new >= bracket_f[low_pos]) {
            bracket[high_pos] = t;
            bracket_f[high_pos] = f_new;
            copy2(bracket_g[high_pos], g_new);
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
                copy2(bracket_g[high_pos], bracket_g[low_pos]);
                bracket_gtd[high_pos] = bracket_gtd[low_pos];
            }
            bracket[low_pos] = t;
            bracket_f[low_pos] = f_new;
            copy2(bracket_g[low_pos], g_new);
            bracket_gtd[low_pos] = gtd_new;
        }
    }
    *f = bracket_f[low_pos];
    copy2(g, bracket_g[low_pos]);
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
    double *old_dirs = lbfgs_dirs(st), *old_stps = old_dirs + 2 * h;
    double *ro = old_stps + 2 * h, *al = ro + h;
    long max_eval = c->max_eval > 0 ? c->max_eval : c->max_iter * 5 / 4;
    double flat_grad[2] = { 0, 0 }, loss, t = st->t;
    int t_tensor = 0;
    long current_evals, n_iter = 0;
    int opt_cond;

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
                st->d[i] = -flat_grad[i];
            st->n_old = 0;
            st->h_diag = 1;
        } else {
            double y[2] = { 0, 0 }, s[2] = { 0, 0 }, ys, q[2] = { 0, 0 };

            for (i = 0; i < n; i++) {
                y[i] = flat_grad[i] - st->prev_flat_grad[i];
                s[i] = st->d[i] * t;
            }
            ys = dot(y, s, n);
            if (ys > 1e-10) {
                if (st->n_old == h) {           /* pop(0) */
                    memmove(old_dirs, old_dirs + 2,
                            (size_t)(h - 1) * 2 * sizeof(double));
                    memmove(old_stps, old_stps + 2,
                            (size_t)(h - 1) * 2 * sizeof(double));
                    memmove(ro, ro + 1, (size_t)(h - 1) * sizeof(double));
                    st->n_old--;
                }
                copy2(old_dirs + 2 * st->n_old, y);
                copy2(old_stps + 2 * st->n_old, s);
                ro[st->n_old] = 1. / ys;
                st->n_old++;
                st->h_diag = ys / dot(y, y, n);
            }
            for (i = 0; i < n; i++)
                q[i] = -flat_grad[i];
            for (k = st->n_old - 1; k >= 0; k--) {
                al[k] = dot(old_stps + 2 * k, q, n) * ro[k];
                for (i = 0; i < n; i++)
                    q[i] = q[i] + (-al[k]) * old_dirs[2 * k + (long)i];
            }
            for (i = 0; i < n; i++)
                st->d[i] = q[i] * st->h_diag;
            for (k = 0; k < st->n_old; k++) {
                double be_i = dot(old_dirs + 2 * k, st->d, n) * ro[k];
                for (i = 0; i < n; i++)
                    st->d[i] = st->d[i]
                        + (al[k] - be_i) * old_stps[2 * k + (long)i];
            }
        }
        copy2(st->prev_flat_grad, flat_grad);
        st->prev_loss = loss;
        if (st->n_iter == 1) {
            double sum = n == 2 ? fabs(flat_grad[0]) + fabs(flat_grad[1])
                                : fabs(flat_grad[0]);
            t = py_min(1., 1. / sum) * c->lr;
            t_tensor = 1. / sum < 1.;
        } else {
            t = c->lr;
            t_tensor = 0;
        }
        gtd = dot(flat_grad, st->d, n);
        if (gtd > -c->tolerance_change)
            break;
        if (c->line_search == OV_LINE_SEARCH_STRONG_WOLFE) {
            double x_init[2];

            copy2(x_init, x);
            t = strong_wolfe(fn, payload, x_init, tv(t, t_tensor), st->d, n,
                             &loss, flat_grad, gtd, &ls_func_evals).v;
            for (i = 0; i < n; i++)
                x[i] = x[i] + t * st->d[i];
            opt_cond = abs_max(flat_grad, n) <= c->tolerance_grad;
        } else {
            for (i = 0; i < n; i++)
                x[i] = x[i] + t * st->d[i];
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
            double dt[2] = { st->d[0] * t, st->d[1] * t };
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
#define OTHERS .alpha = 0.99, .rho = 0.9, .beta1 = 0.9, .beta2 = 0.999, \
    LBFGS_OTHERS
/* lbfgs's keys (its row takes these defaults through OTHERS too). */
#define LBFGS_OTHERS .max_iter = 20, .tolerance_grad = 1e-7, \
    .tolerance_change = 1e-9, .history_size = 100

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
        .color = 0x3D7EFF, .lr_column = OV__LR_MOMENTUM,
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
    [OV_ALGO_LBFGS] = {
        .name = "lbfgs",
        .summary = "L-BFGS: torch LBFGS, one row per step(closure) of up "
                   "to max-iter iterations",
        .defaults = { OTHERS, .lr = 1, .eps = 1e-8 },
        .keys = { "lr", "max-iter", "max-eval", "tolerance-grad",
                  "tolerance-change", "history-size", "line-search",
                  "batch-size" },
        .closure_step = closure_step_lbfgs, .whole_size = lbfgs_whole_size,
        .color = 0x8B5A2B, .lr_column = OV__LR_TORCH,
    },
};

const ov__algo_row *
ov__algo_row_of(ov_algo algo)
{
    return (int)algo >= 0 && algo < OV_ALGO_COUNT ? &rows[algo] : NULL;
}
