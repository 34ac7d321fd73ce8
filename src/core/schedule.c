/*
 * schedule.c: torch.optim.lr_scheduler 1.13, one scheduler object at a
 * time, as torch runs them.
 *
 * A torch scheduler is an object with last_epoch and _step_count that
 * reads and writes the optimizer's parameter group (lr, initial_lr,
 * momentum or betas[0], and OneCycleLR's own keys).  This file keeps the
 * same objects (struct sched) and the same group (struct group) and runs
 * torch's code paths on them: the constructor's initial step, step() with
 * the chainable get_lr(), step(epoch) with the closed form where the class
 * has one, and SequentialLR's reset, "undo" and step(0) at the milestone.
 * Every expression keeps Python's evaluation order (a + b*c/d is
 * a + ((b*c)/d)); Python's `x ** n` is pow(x, n) and min()/max() keep the
 * first argument on ties and NaN.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <optviz/param.h>
#include <optviz/number.h>
#include <optviz/schedule.h>

#include "alloc_private.h"
#include "error_private.h"
#include "name_private.h"

/* ---- names and keys ----------------------------------------------------- */

static const char *const kind_names[OV_SCHEDULE_COUNT] = {
    "none", "step", "multistep", "exponential", "cosine", "cosine-restarts",
    "cyclic", "onecycle", "linear", "constant", "polynomial", "wsd",
    "inv-sqrt"
};

#define K(kind) (1u << (kind))

/* Python's math.pi (C11 has no M_PI). */
#define PY_PI 3.141592653589793

typedef enum key_type {
    KT_DOUBLE, KT_LONG, KT_FLAG, KT_ENUM, KT_LIST
} key_type;

typedef struct key_row {
    const char *name;
    key_type type;
    size_t offset;
    unsigned kinds;                 /* K(kind) bits */
    const char *const *choices;     /* KT_ENUM */
    double min;                     /* the smallest value accepted */
    int min_open;                   /* min itself refused */
    double max;                     /* the largest value accepted */
} key_row;

static const char *const mode_names[] = {
    "triangular", "triangular2", "exp_range", NULL
};
static const char *const anneal_names[] = { "cos", "linear", NULL };
static const char *const decay_names[] = {
    "linear", "cosine", "1-sqrt", NULL
};

#define F(f) offsetof(ov_schedule_config, f)
#define BIG 1e18
/* Keys in the order of --help; the index is the bit of cfg->given. */
static const key_row keys[] = {
    { "step-size", KT_LONG, F(step_size), K(OV_SCHEDULE_STEP), NULL,
      1, 0, BIG },
    { "gamma", KT_DOUBLE, F(gamma), K(OV_SCHEDULE_STEP)
      | K(OV_SCHEDULE_MULTISTEP) | K(OV_SCHEDULE_EXPONENTIAL)
      | K(OV_SCHEDULE_CYCLIC), NULL, 0, 0, BIG },
    { "milestones", KT_LIST, F(milestones), K(OV_SCHEDULE_MULTISTEP), NULL,
      0, 0, BIG },
    { "t-max", KT_LONG, F(t_max), K(OV_SCHEDULE_COSINE), NULL, 1, 0, BIG },
    { "eta-min", KT_DOUBLE, F(eta_min), K(OV_SCHEDULE_COSINE)
      | K(OV_SCHEDULE_COSINE_RESTARTS), NULL, 0, 0, BIG },
    { "t-0", KT_LONG, F(t_0), K(OV_SCHEDULE_COSINE_RESTARTS), NULL,
      1, 0, BIG },
    { "t-mult", KT_LONG, F(t_mult), K(OV_SCHEDULE_COSINE_RESTARTS), NULL,
      1, 0, BIG },
    { "base-lr", KT_DOUBLE, F(base_lr), K(OV_SCHEDULE_CYCLIC), NULL,
      0, 0, BIG },
    { "max-lr", KT_DOUBLE, F(max_lr), K(OV_SCHEDULE_CYCLIC)
      | K(OV_SCHEDULE_ONECYCLE), NULL, 0, 0, BIG },
    { "step-size-up", KT_DOUBLE, F(step_size_up), K(OV_SCHEDULE_CYCLIC),
      NULL, 0, 1, BIG },
    { "step-size-down", KT_DOUBLE, F(step_size_down), K(OV_SCHEDULE_CYCLIC),
      NULL, 0, 0, BIG },
    { "mode", KT_ENUM, F(mode), K(OV_SCHEDULE_CYCLIC), mode_names,
      0, 0, 2 },
    { "cycle-momentum", KT_FLAG, F(cycle_momentum), K(OV_SCHEDULE_CYCLIC)
      | K(OV_SCHEDULE_ONECYCLE), NULL, 0, 0, 1 },
    { "base-momentum", KT_DOUBLE, F(base_momentum), K(OV_SCHEDULE_CYCLIC)
      | K(OV_SCHEDULE_ONECYCLE), NULL, 0, 0, BIG },
    { "max-momentum", KT_DOUBLE, F(max_momentum), K(OV_SCHEDULE_CYCLIC)
      | K(OV_SCHEDULE_ONECYCLE), NULL, 0, 0, BIG },
    { "total-steps", KT_LONG, F(total_steps), K(OV_SCHEDULE_ONECYCLE)
      | K(OV_SCHEDULE_WSD), NULL, 1, 0, BIG },
    { "pct-start", KT_DOUBLE, F(pct_start), K(OV_SCHEDULE_ONECYCLE), NULL,
      0, 0, 1 },
    { "anneal-strategy", KT_ENUM, F(anneal_strategy),
      K(OV_SCHEDULE_ONECYCLE), anneal_names, 0, 0, 1 },
    { "div-factor", KT_DOUBLE, F(div_factor), K(OV_SCHEDULE_ONECYCLE), NULL,
      0, 1, BIG },
    { "final-div-factor", KT_DOUBLE, F(final_div_factor),
      K(OV_SCHEDULE_ONECYCLE), NULL, 0, 1, BIG },
    { "three-phase", KT_FLAG, F(three_phase), K(OV_SCHEDULE_ONECYCLE), NULL,
      0, 0, 1 },
    { "start-factor", KT_DOUBLE, F(start_factor), K(OV_SCHEDULE_LINEAR),
      NULL, 0, 1, 1 },
    { "end-factor", KT_DOUBLE, F(end_factor), K(OV_SCHEDULE_LINEAR), NULL,
      0, 0, 1 },
    { "total-iters", KT_LONG, F(total_iters), K(OV_SCHEDULE_LINEAR)
      | K(OV_SCHEDULE_CONSTANT) | K(OV_SCHEDULE_POLYNOMIAL), NULL,
      0, 0, BIG },
    { "factor", KT_DOUBLE, F(factor), K(OV_SCHEDULE_CONSTANT), NULL,
      0, 1, 1 },
    { "power", KT_DOUBLE, F(power), K(OV_SCHEDULE_POLYNOMIAL), NULL,
      0, 0, BIG },
    { "warmup-steps", KT_LONG, F(warmup_steps), K(OV_SCHEDULE_WSD)
      | K(OV_SCHEDULE_INV_SQRT), NULL, 0, 0, BIG },
    { "decay-steps", KT_LONG, F(decay_steps), K(OV_SCHEDULE_WSD), NULL,
      0, 0, BIG },
    { "min-factor", KT_DOUBLE, F(min_factor), K(OV_SCHEDULE_WSD), NULL,
      0, 0, 1 },
    { "decay", KT_ENUM, F(decay), K(OV_SCHEDULE_WSD), decay_names, 0, 0, 2 },
};
#undef F

#define N_KEYS (sizeof keys / sizeof keys[0])

/* Keys a kind cannot do without (torch's required arguments). */
static const char *const required[OV_SCHEDULE_COUNT][2] = {
    [OV_SCHEDULE_STEP] = { "step-size" },
    [OV_SCHEDULE_MULTISTEP] = { "milestones" },
    [OV_SCHEDULE_EXPONENTIAL] = { "gamma" },
    [OV_SCHEDULE_COSINE_RESTARTS] = { "t-0" },
    [OV_SCHEDULE_CYCLIC] = { "base-lr", "max-lr" },
    [OV_SCHEDULE_ONECYCLE] = { "max-lr" },
};

static int
key_index(const char *name)
{
    size_t i;

    for (i = 0; i < N_KEYS; i++)
        if (ov__same_name(keys[i].name, name))
            return (int)i;
    return -1;
}

static int
given(const ov_schedule_config *c, const char *name)
{
    int k = key_index(name);

    return k >= 0 && (c->given >> k & 1u);
}

const char *
ov_schedule_name(ov_schedule_kind kind)
{
    return (int)kind >= 0 && kind < OV_SCHEDULE_COUNT ? kind_names[kind]
                                                      : "unknown";
}

ov_status
ov_schedule_from_name(const char *name, ov_schedule_kind *out)
{
    int i;

    for (i = 0; name && i < OV_SCHEDULE_COUNT; i++) {
        if (ov__same_name(kind_names[i], name)) {
            *out = (ov_schedule_kind)i;
            return OV_OK;
        }
    }
    return OV_ERR_NOT_FOUND;
}

void
ov_schedule_config_init(ov_schedule_config *c, ov_schedule_kind kind)
{
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->gamma = kind == OV_SCHEDULE_CYCLIC ? 1.0 : 0.1;
    c->t_0 = 1;
    c->t_mult = 1;
    c->step_size = 1;
    c->t_max = 1;
    c->total_steps = 1;
    c->step_size_up = 2000;
    c->mode = OV_CYCLIC_TRIANGULAR;
    c->cycle_momentum = 1;
    c->base_momentum = kind == OV_SCHEDULE_ONECYCLE ? 0.85 : 0.8;
    c->max_momentum = kind == OV_SCHEDULE_ONECYCLE ? 0.95 : 0.9;
    c->pct_start = 0.3;
    c->anneal_strategy = OV_ANNEAL_COS;
    c->div_factor = 25.0;
    c->final_div_factor = 1e4;
    c->start_factor = 1.0 / 3;
    c->end_factor = 1.0;
    c->total_iters = 5;
    c->factor = 1.0 / 3;
    c->power = 1.0;
    c->decay = OV_WSD_LINEAR;
}

/* ---- parsing ------------------------------------------------------------ */

static int
read_number(const char *text, double *v)
{
    return ov_number_parse(text, v) == OV_NUMBER_OK;
}

static ov_status
bad(ov_error *err, const char *fmt, const char *a, const char *b)
{
    return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, fmt, a, b);
}

static ov_status
set_key(ov_schedule_config *c, const key_row *k, const char *v,
        ov_error *err)
{
    char *field = (char *)c + k->offset;
    double d;
    size_t i;

    switch (k->type) {
    case KT_FLAG:
        if (strcmp(v, "1") == 0 || ov__same_name("true", v)
            || ov__same_name("yes", v) || ov__same_name("on", v) || !*v)
            *(int *)field = 1;
        else if (strcmp(v, "0") == 0 || ov__same_name("false", v)
                 || ov__same_name("no", v) || ov__same_name("off", v))
            *(int *)field = 0;
        else
            return bad(err, "%s: '%s' is not 1 or 0", k->name, v);
        return OV_OK;
    case KT_ENUM:
        for (i = 0; k->choices[i]; i++) {
            if (ov__same_name(k->choices[i], v)) {
                *(int *)field = (int)i;
                return OV_OK;
            }
        }
        return bad(err, "%s: unknown value '%s'", k->name, v);
    case KT_LIST: {
        const char *p = v;
        int n = 0;

        while (1) {
            char item[40], *end;
            size_t len = strcspn(p, ",");
            long m;

            if (len == 0 || len >= sizeof item || n >= (int)
                (sizeof c->milestones / sizeof c->milestones[0]))
                return bad(err, "%s: '%s' is not a list of at most 32 "
                           "integers", k->name, v);
            memcpy(item, p, len);
            item[len] = '\0';
            m = strtol(item, &end, 10);
            if (*end || end == item || m < 0)
                return bad(err, "%s: '%s' is not a list of step numbers",
                           k->name, v);
            c->milestones[n++] = m;
            if (!p[len])
                break;
            p += len + 1;
        }
        c->n_milestones = n;
        return OV_OK;
    }
    case KT_DOUBLE:
    case KT_LONG:
        break;
    }
    if (!read_number(v, &d))
        return bad(err, "%s: '%s' is not a number", k->name, v);
    if (k->type == KT_LONG && d != floor(d))
        return bad(err, "%s: '%s' is not an integer", k->name, v);
    if (d < k->min || (k->min_open && d == k->min) || d > k->max) {
        char range[64];

        if (k->max < BIG)
            snprintf(range, sizeof range, "%s %g and %g",
                     k->min_open ? "above" : "between", k->min, k->max);
        else
            snprintf(range, sizeof range, "%s %g",
                     k->min_open ? ">" : ">=", k->min);
        if (k->min_open && k->max < BIG)
            snprintf(range, sizeof range, "in (%g, %g]", k->min, k->max);
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                             "%s: '%s' must be %s", k->name, v, range);
    }
    if (k->type == KT_LONG)
        *(long *)field = (long)d;
    else
        *(double *)field = d;
    return OV_OK;
}

/* The next ':'-separated item of *p (NUL-terminated in place); NULL at
 * the end. */
static char *
next_item(char **p)
{
    char *item = *p, *colon;

    if (!item)
        return NULL;
    colon = strchr(item, ':');
    if (colon) {
        *colon = '\0';
        *p = colon + 1;
    } else {
        *p = NULL;
    }
    return item;
}

ov_status
ov_schedule_parse(ov_schedule_config *cfg, const char *text, ov_error *err)
{
    char buf[512], *item, *rest = buf;
    ov_schedule_config c;
    ov_schedule_kind kind;
    long warmup = cfg->warmup;
    size_t r;

    if (!text || strlen(text) >= sizeof buf)
        return bad(err, "%s%s", "schedule too long", "");
    snprintf(buf, sizeof buf, "%s", text);
    item = next_item(&rest);
    if (!item || ov_schedule_from_name(item, &kind) != OV_OK
        || kind == OV_SCHEDULE_NONE)
        return ov__error_set(err, OV_ERR_NOT_FOUND, 0, 0,
                             "unknown schedule '%s'", item ? item : "");
    ov_schedule_config_init(&c, kind);
    while ((item = next_item(&rest)) != NULL) {
        char *eq = strchr(item, '=');
        const char *value = eq ? eq + 1 : "";
        int k;
        ov_status st;

        if (eq)
            *eq = '\0';
        k = key_index(item);
        if (k < 0 || !(keys[k].kinds & K(kind)))
            return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                                 "%s takes no key '%s'",
                                 kind_names[kind], item);
        if (!eq && keys[k].type != KT_FLAG)
            return bad(err, "%s: no value (write %s=VALUE)", item, item);
        st = set_key(&c, &keys[k], value, err);
        if (st != OV_OK)
            return st;
        c.given |= 1ul << k;
    }
    for (r = 0; r < 2; r++) {
        const char *need = required[kind][r];

        if (need && !given(&c, need))
            return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                                 "%s needs %s=VALUE", kind_names[kind],
                                 need);
    }
    c.warmup = warmup;
    *cfg = c;
    return OV_OK;
}

/* ---- torch's objects ---------------------------------------------------- */

/* optimizer.param_groups[0], with the keys schedulers read and write. */
typedef struct group {
    double lr;
    double initial_lr;
    int has_initial_lr;
    double momentum;        /* 'momentum', or betas[0] */
    int momentum_set;       /* a scheduler wrote it */
    ov_momentum_slot slot;  /* where: 'momentum' or betas[0] */
    double max_lr, min_lr, max_momentum, base_momentum;   /* OneCycleLR */
} group;

/* OneCycleLR's phase; which group key starts and ends it. */
enum { G_INITIAL, G_MAX, G_MIN, G_MAX_M, G_BASE_M };

typedef struct phase {
    double end_step;
    int start_lr, end_lr, start_m, end_m;
} phase;

typedef struct sched {
    ov_schedule_config c;   /* kind and resolved keys */
    long last_epoch;
    long step_count;
    double base_lr;         /* base_lrs[0] */
    double total_size, step_ratio, base_m;  /* CyclicLR */
    phase ph[3];
    int n_phases;
    long t_i;               /* CosineAnnealingWarmRestarts */
    double t_cur;
} sched;

struct ov_schedule {
    group g;
    sched s[2];             /* [0] alone, or SequentialLR's two */
    int sequential;
    long milestone;         /* SequentialLR's milestone: the warm-up */
    long seq_last_epoch;
};

static double
py_min(double a, double b)
{
    return b < a ? b : a;
}

static double
group_key(const group *g, int which)
{
    switch (which) {
    case G_INITIAL: return g->initial_lr;
    case G_MAX: return g->max_lr;
    case G_MIN: return g->min_lr;
    case G_MAX_M: return g->max_momentum;
    default: return g->base_momentum;
    }
}

static double
anneal(int strategy, double start, double end, double pct)
{
    if (strategy == OV_ANNEAL_COS) {
        double cos_out = cos(PY_PI * pct) + 1;
        return end + (start - end) / 2.0 * cos_out;
    }
    return (end - start) * pct + start;
}

/* LambdaLR multipliers of the two schedules torch does not have
 * (docs/optimizers.md gives the same formulas). */
static double
lambda_factor(const ov_schedule_config *c, long t)
{
    if (c->kind == OV_SCHEDULE_INV_SQRT) {
        double a = (double)(c->warmup_steps > 1 ? c->warmup_steps : 1);
        double x = (double)(t + 1);
        return py_min(x / a, sqrt(a / x));
    } else {
        long T = c->total_steps, W = c->warmup_steps, D = c->decay_steps;
        double m = c->min_factor, p;

        if (t < W)
            return (double)(t + 1) / (double)W;
        if (D == 0 || t + 1 <= T - D)
            return 1.0;
        p = (double)(t + 1 - (T - D)) / (double)D;
        if (p > 1.0)
            p = 1.0;
        if (c->decay == OV_WSD_COSINE)
            return m + (1.0 - m) * (0.5 * (1.0 + cos(PY_PI * p)));
        if (c->decay == OV_WSD_SQRT)
            return m + (1.0 - m) * (1.0 - sqrt(p));
        return m + (1.0 - m) * (1.0 - p);
    }
}

/* CyclicLR's scale_fn(x). */
static double
cyclic_scale(const sched *s, long cycle)
{
    switch (s->c.mode) {
    case OV_CYCLIC_TRIANGULAR2:
        return 1 / pow(2., (double)(cycle - 1));
    case OV_CYCLIC_EXP_RANGE:
        return pow(s->c.gamma, (double)s->last_epoch);
    default:
        return 1.;
    }
}

/* The chainable get_lr() of s's class; may write the group's momentum. */
static double
get_lr(sched *s, group *g)
{
    const ov_schedule_config *c = &s->c;
    long le = s->last_epoch;
    double lr = g->lr;

    switch (c->kind) {
    case OV_SCHEDULE_STEP:
        if (le == 0 || le % c->step_size != 0)
            return lr;
        return lr * c->gamma;
    case OV_SCHEDULE_MULTISTEP: {
        int i, count = 0;

        for (i = 0; i < c->n_milestones; i++)
            count += c->milestones[i] == le;
        if (count == 0)
            return lr;
        return lr * pow(c->gamma, (double)count);
    }
    case OV_SCHEDULE_CONSTANT:
        if (le == 0)
            return lr * c->factor;
        if (le > c->total_iters || le != c->total_iters)
            return lr;
        return lr * (1.0 / c->factor);
    case OV_SCHEDULE_LINEAR: {
        double sf = c->start_factor, ef = c->end_factor;

        if (le == 0)
            return lr * sf;
        if (le > c->total_iters)
            return lr;
        return lr * (1. + (ef - sf) / ((double)c->total_iters * sf
                                       + (double)(le - 1) * (ef - sf)));
    }
    case OV_SCHEDULE_EXPONENTIAL:
        if (le == 0)
            return lr;
        return lr * c->gamma;
    case OV_SCHEDULE_POLYNOMIAL: {
        double T = (double)c->total_iters, decay;

        if (le == 0 || le > c->total_iters)
            return lr;
        decay = pow((1.0 - (double)le / T) / (1.0 - (double)(le - 1) / T),
                    c->power);
        return lr * decay;
    }
    case OV_SCHEDULE_COSINE: {
        double T = (double)c->t_max, eta = c->eta_min;

        if (le == 0)
            return lr;
        if (s->step_count == 1 && le > 0)
            return eta + (s->base_lr - eta)
                * (1 + cos((double)le * PY_PI / T)) / 2;
        if ((le - 1 - c->t_max) % (2 * c->t_max) == 0)
            return lr + (s->base_lr - eta) * (1 - cos(PY_PI / T)) / 2;
        return (1 + cos(PY_PI * (double)le / T))
            / (1 + cos(PY_PI * (double)(le - 1) / T)) * (lr - eta) + eta;
    }
    case OV_SCHEDULE_COSINE_RESTARTS:
        return c->eta_min + (s->base_lr - c->eta_min)
            * (1 + cos(PY_PI * s->t_cur / (double)s->t_i)) / 2;
    case OV_SCHEDULE_CYCLIC: {
        long cycle = (long)floor(1 + (double)le / s->total_size);
        double x = 1. + (double)le / s->total_size - (double)cycle;
        double scale_factor, height, scale = cyclic_scale(s, cycle);

        if (x <= s->step_ratio)
            scale_factor = x / s->step_ratio;
        else
            scale_factor = (x - 1) / (s->step_ratio - 1);
        height = (c->max_lr - s->base_lr) * scale_factor;
        lr = s->base_lr + height * scale;
        if (c->cycle_momentum) {
            height = (c->max_momentum - s->base_m) * scale_factor;
            g->momentum = c->max_momentum - height * scale;
        }
        return lr;
    }
    case OV_SCHEDULE_ONECYCLE: {
        double start_step = 0, pct, m = 0;
        int i;

        for (i = 0; i < s->n_phases; i++) {
            const phase *p = &s->ph[i];

            if ((double)le <= p->end_step || i == s->n_phases - 1) {
                pct = ((double)le - start_step) / (p->end_step - start_step);
                lr = anneal(c->anneal_strategy, group_key(g, p->start_lr),
                            group_key(g, p->end_lr), pct);
                if (c->cycle_momentum)
                    m = anneal(c->anneal_strategy, group_key(g, p->start_m),
                               group_key(g, p->end_m), pct);
                break;
            }
            start_step = p->end_step;
        }
        if (c->cycle_momentum)
            g->momentum = m;
        return lr;
    }
    case OV_SCHEDULE_WSD:
    case OV_SCHEDULE_INV_SQRT:
        return s->base_lr * lambda_factor(c, le);
    default:
        return lr;
    }
}

/* _get_closed_form_lr(); 0 when the class has none. */
static int
closed_form(const sched *s, double *out)
{
    const ov_schedule_config *c = &s->c;
    long le = s->last_epoch;
    double base = s->base_lr;

    switch (c->kind) {
    case OV_SCHEDULE_STEP:
        *out = base * pow(c->gamma, (double)(le / c->step_size));
        return 1;
    case OV_SCHEDULE_MULTISTEP: {
        int i, n = 0;

        for (i = 0; i < c->n_milestones; i++)
            n += c->milestones[i] <= le;
        *out = base * pow(c->gamma, (double)n);
        return 1;
    }
    case OV_SCHEDULE_CONSTANT:
        *out = base * (c->factor + (double)(le >= c->total_iters)
                                   * (1 - c->factor));
        return 1;
    case OV_SCHEDULE_LINEAR: {
        long m = c->total_iters < le ? c->total_iters : le;

        *out = base * (c->start_factor + (c->end_factor - c->start_factor)
                       * (double)m / (double)c->total_iters);
        return 1;
    }
    case OV_SCHEDULE_EXPONENTIAL:
        *out = base * pow(c->gamma, (double)le);
        return 1;
    case OV_SCHEDULE_POLYNOMIAL: {
        long m = c->total_iters < le ? c->total_iters : le;

        *out = base * pow(1.0 - (double)m / (double)c->total_iters,
                          c->power);
        return 1;
    }
    case OV_SCHEDULE_COSINE:
        *out = c->eta_min + (base - c->eta_min)
            * (1 + cos(PY_PI * (double)le / (double)c->t_max)) / 2;
        return 1;
    default:
        return 0;
    }
}

/* step(epoch): epoch < 0 is step() without one. */
static void
sched_step(sched *s, group *g, long epoch)
{
    if (s->c.kind == OV_SCHEDULE_COSINE_RESTARTS) {
        /* Its own step(): T_cur and T_i, then get_lr(). */
        if (epoch < 0 && s->last_epoch < 0)
            epoch = 0;
        if (epoch < 0) {
            epoch = s->last_epoch + 1;
            s->t_cur = s->t_cur + 1;
            if (s->t_cur >= (double)s->t_i) {
                s->t_cur = s->t_cur - (double)s->t_i;
                s->t_i = s->t_i * s->c.t_mult;
            }
        } else {
            /* Only step(0) happens here, and T_0 >= 1. */
            s->t_i = s->c.t_0;
            s->t_cur = (double)epoch;
        }
        s->last_epoch = epoch;
        g->lr = get_lr(s, g);
        return;
    }
    s->step_count++;
    if (epoch < 0) {
        s->last_epoch++;
        g->lr = get_lr(s, g);
    } else {
        double v;

        s->last_epoch = epoch;
        g->lr = closed_form(s, &v) ? v : get_lr(s, g);
    }
}

static void
initial_step(sched *s, group *g)
{
    s->step_count = 0;
    sched_step(s, g, -1);
}

/* The constructor of s->c.kind on group g (torch's order of writes). */
static void
construct(sched *s, group *g)
{
    const ov_schedule_config *c = &s->c;

    if (c->kind == OV_SCHEDULE_CYCLIC) {
        g->lr = c->base_lr;
        s->total_size = c->step_size_up + c->step_size_down;
        s->step_ratio = c->step_size_up / s->total_size;
        if (c->cycle_momentum) {
            g->momentum = c->base_momentum;
            g->momentum_set = 1;
            s->base_m = g->momentum;
        }
    } else if (c->kind == OV_SCHEDULE_ONECYCLE) {
        double T = (double)c->total_steps, p = c->pct_start;

        s->n_phases = c->three_phase ? 3 : 2;
        s->ph[0] = (phase){ p * T - 1, G_INITIAL, G_MAX, G_MAX_M, G_BASE_M };
        if (c->three_phase) {
            s->ph[1] = (phase){ 2 * p * T - 2, G_MAX, G_INITIAL, G_BASE_M,
                                G_MAX_M };
            s->ph[2] = (phase){ T - 1, G_INITIAL, G_MIN, G_MAX_M, G_MAX_M };
        } else {
            s->ph[1] = (phase){ T - 1, G_MAX, G_MIN, G_BASE_M, G_MAX_M };
        }
        g->initial_lr = c->max_lr / c->div_factor;
        g->has_initial_lr = 1;
        g->max_lr = c->max_lr;
        g->min_lr = g->initial_lr / c->final_div_factor;
        if (c->cycle_momentum) {
            g->momentum = c->max_momentum;
            g->momentum_set = 1;
            g->max_momentum = c->max_momentum;
            g->base_momentum = c->base_momentum;
        }
    } else if (c->kind == OV_SCHEDULE_COSINE_RESTARTS) {
        s->t_i = c->t_0;
        s->t_cur = -1;
    }
    /* _LRScheduler.__init__ */
    if (!g->has_initial_lr) {
        g->initial_lr = g->lr;
        g->has_initial_lr = 1;
    }
    s->base_lr = g->initial_lr;
    s->last_epoch = -1;
    initial_step(s, g);
    if (c->kind == OV_SCHEDULE_CYCLIC)
        s->base_lr = c->base_lr;    /* set after super().__init__ */
}

/* ---- checks ------------------------------------------------------------- */

static ov_status
refuse(ov_error *err, const char *fmt, long a, long b)
{
    return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0, fmt, a, b);
}

/* Fills the keys that default to the run's length, then refuses what
 * torch would refuse (or fail on with a division by zero later). */
static ov_status
resolve(ov_schedule_config *c, long run_steps, int has_m, int has_b,
        ov_error *err)
{
    long main_steps = run_steps - c->warmup;

    if (main_steps < 1)
        main_steps = 1;
    if (c->warmup < 0)
        return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                             "warmup %ld must be >= 0", c->warmup);
    switch (c->kind) {
    case OV_SCHEDULE_COSINE:
        if (!given(c, "t-max"))
            c->t_max = main_steps;
        break;
    case OV_SCHEDULE_CYCLIC:
        if (!given(c, "step-size-down"))
            c->step_size_down = c->step_size_up;
        if (c->cycle_momentum && !has_m)
            return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                                 "cyclic cycles the momentum, and this "
                                 "optimizer has none (torch refuses it); "
                                 "give cycle-momentum=0");
        break;
    case OV_SCHEDULE_ONECYCLE: {
        double pT;

        if (!given(c, "total-steps"))
            c->total_steps = run_steps > 0 ? run_steps : 1;
        if (c->cycle_momentum && !has_m && !has_b)
            return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                                 "onecycle cycles the momentum or beta1, "
                                 "and this optimizer has neither (torch "
                                 "refuses it); give cycle-momentum=0");
        if (c->total_steps < run_steps - c->warmup)
            return refuse(err, "onecycle: total-steps %ld is fewer than "
                          "the %ld steps it would take", c->total_steps,
                          run_steps - c->warmup);
        pT = c->pct_start * (double)c->total_steps;
        if (pT - 1 == 0 || (c->three_phase ? pT - 1 == 2 * pT - 2
                                               || 2 * pT - 2 ==
                                                  (double)c->total_steps - 1
                                             : pT - 1 ==
                                               (double)c->total_steps - 1))
            return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                                 "onecycle: pct-start %g gives a phase of "
                                 "no steps in total-steps %ld (torch "
                                 "divides by zero)", c->pct_start,
                                 c->total_steps);
        break;
    }
    case OV_SCHEDULE_LINEAR:
    case OV_SCHEDULE_POLYNOMIAL:
        if (c->warmup > 0 && c->total_iters == 0)
            return ov__error_set(err, OV_ERR_INVALID_ARG, 0, 0,
                                 "%s: total-iters 0 after a warm-up "
                                 "(torch divides by zero)",
                                 kind_names[c->kind]);
        break;
    case OV_SCHEDULE_WSD:
        if (!given(c, "total-steps"))
            c->total_steps = main_steps;
        if (!given(c, "decay-steps"))
            c->decay_steps = c->total_steps / 5;
        if (c->warmup_steps + c->decay_steps > c->total_steps)
            return refuse(err, "wsd: warmup-steps + decay-steps (%ld) "
                          "exceed total-steps %ld",
                          c->warmup_steps + c->decay_steps, c->total_steps);
        break;
    default:
        break;
    }
    return OV_OK;
}

/* ---- the schedule ------------------------------------------------------- */

ov_status
ov_schedule_create(ov_schedule **out, const ov_schedule_config *cfg,
                   const ov_optim_config *opt, long run_steps,
                   ov_error *err)
{
    int has_m = ov_algo_takes_param(opt->algo, "momentum");
    int has_b = ov_algo_takes_param(opt->algo, "beta1");
    ov_schedule_config main;
    ov_schedule *s;
    ov_status st;

    *out = NULL;
    main = *cfg;
    st = resolve(&main, run_steps, has_m, has_b, err);
    if (st != OV_OK)
        return st;
    s = ov__calloc(1, sizeof *s);
    if (!s)
        return OV_ERR_NOMEM;
    s->g.lr = opt->lr;
    /* CyclicLR writes 'momentum'; OneCycleLR betas[0] when the class has
     * betas, else 'momentum'. */
    s->g.slot = main.kind == OV_SCHEDULE_ONECYCLE && has_b
        ? OV_MOMENTUM_BETA1 : OV_MOMENTUM_MOMENTUM;
    s->g.momentum = s->g.slot == OV_MOMENTUM_BETA1 ? opt->beta1
                                                    : opt->momentum;
    if (cfg->warmup > 0) {
        ov_schedule_config lin;

        ov_schedule_config_init(&lin, OV_SCHEDULE_LINEAR);
        lin.start_factor = 1.0 / (double)cfg->warmup;
        lin.end_factor = 1.0;
        lin.total_iters = cfg->warmup;
        if (main.kind == OV_SCHEDULE_NONE) {
            ov_schedule_config_init(&main, OV_SCHEDULE_CONSTANT);
            main.factor = 1.0;
            main.total_iters = 0;
        }
        s->s[0].c = lin;
        s->s[1].c = main;
        construct(&s->s[0], &s->g);
        construct(&s->s[1], &s->g);
        /* SequentialLR.__init__ */
        s->sequential = 1;
        s->milestone = cfg->warmup;
        s->seq_last_epoch = 0;
        s->g.lr = s->g.initial_lr;
        s->s[0].last_epoch -= 1;
        s->s[1].last_epoch -= 1;
        initial_step(&s->s[0], &s->g);
    } else if (main.kind != OV_SCHEDULE_NONE) {
        s->s[0].c = main;
        construct(&s->s[0], &s->g);
    } else {
        s->s[0].c = main;
        s->g.initial_lr = s->g.lr;
        s->g.has_initial_lr = 1;
    }
    *out = s;
    return OV_OK;
}

double
ov_schedule_lr(const ov_schedule *s)
{
    return s->g.lr;
}

double
ov_schedule_initial_lr(const ov_schedule *s)
{
    return s->g.initial_lr;
}

ov_momentum_slot
ov_schedule_momentum(const ov_schedule *s, double *m)
{
    if (!s->g.momentum_set)
        return OV_MOMENTUM_NONE;
    *m = s->g.momentum;
    return s->g.slot;
}

void
ov_schedule_step(ov_schedule *s)
{
    if (s->sequential) {
        long le = ++s->seq_last_epoch;

        if (le < s->milestone)
            sched_step(&s->s[0], &s->g, -1);
        else
            sched_step(&s->s[1], &s->g, le == s->milestone ? 0 : -1);
        return;
    }
    if (s->s[0].c.kind != OV_SCHEDULE_NONE)
        sched_step(&s->s[0], &s->g, -1);
}

void
ov_schedule_destroy(ov_schedule *s)
{
    ov__free(s);
}
