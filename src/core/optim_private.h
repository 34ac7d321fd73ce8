/*
 * optim_private.h: an optimizer is a row of a table.
 *
 * Everything that differs between optimizers lives in its ov__algo_row
 * (optim_algos.c): name, summary, torch's defaults, the keys it takes (in
 * the order torch's constructor checks them), its state, its step, the
 * point a figure shows, its colour and which recommended learning rate it
 * borrows.  optim.c runs any row; nothing else in the library switches on
 * the algorithm.
 */
#ifndef OV_OPTIM_PRIVATE_H
#define OV_OPTIM_PRIVATE_H

#include <stdint.h>

#include <optviz/optim.h>

#define OV__MAX_STATE 4     /* doubles of state per coordinate, at most */
#define OV__MAX_KEYS 12     /* keys an optimizer takes, at most */
#define OV__MAX_SHARED 6    /* doubles of state shared by coordinates */

/*
 * The losses recommend a learning rate per kind of step rather than per
 * optimizer: optimizers whose steps scale alike share a column, and a new
 * optimizer names the column it borrows instead of adding one to every
 * loss.
 */
typedef enum ov__lr_column {
    OV__LR_PLAIN,       /* full-batch and minibatch SGD */
    OV__LR_SAMPLE,      /* SGD on one example: noisier, smaller on data */
    OV__LR_MOMENTUM,    /* heavy-ball and Nesterov momentum */
    OV__LR_ADAGRAD,
    OV__LR_RMSPROP,
    OV__LR_ADADELTA,
    OV__LR_ADAM,        /* steps of about lr: the Adam family */
    OV__LR_RADAM,       /* lr times the gradient at first, then Adam's */
    OV__LR_TORCH,       /* none: torch's default lr whatever the loss
                           (lbfgs; not a column of the losses' tables) */
    OV__LR_COLUMNS
} ov__lr_column;

struct ov_optim {
    ov_optim_config cfg;
    size_t dim;
    long step;          /* step() calls so far; torch's state['step'] */
    int flip;           /* maximize, when the row takes it */
    int l2;             /* the prologue adds weight_decay * theta */
    double (*state)[OV__MAX_STATE];     /* per coordinate: dim rows,
                                           owned */
    double *grad;       /* dim doubles of scratch for a step's gradient,
                           owned */
    double shared[OV__MAX_SHARED];      /* the group's scalars (Prodigy's
                                           d, Schedule-Free's weights) */
    void *whole;        /* whole-vector state (row's whole_size), owned */
};

/* One coordinate's update: @p s is its state, @p g its gradient after
 * the common prologue (maximize, then L2 weight decay, each when the row
 * takes the key; no L2 term when the row decays on its own); opt->step
 * already counts this step. */
typedef void (*ov__step_fn)(const struct ov_optim *opt, double *s,
                            double *theta, double g);

/* A whole step, for rules that couple the coordinates (sums over the
 * parameter, scalars updated once per step): @p g holds every
 * coordinate's gradient after the common prologue. */
typedef void (*ov__step_all_fn)(struct ov_optim *opt, double *theta,
                                const double *g);

typedef struct ov__algo_row {
    const char *name;
    const char *summary;            /* one line for --list algos */
    ov_optim_config defaults;       /* torch's; .algo is filled in */
    const char *keys[OV__MAX_KEYS]; /* torch's check order; NULL ends */
    int state_size;                 /* doubles per coordinate */
    /* State at creation (NULL: zeros).  Torch creates most state lazily on
     * the first step, from the same config: the values are the same. */
    void (*init_state)(const ov_optim_config *cfg, double *s);
    ov__step_fn step;
    ov__step_all_fn step_all;       /* used instead of step when set */
    /* The point to show for theta (NULL: theta itself). */
    void (*display)(const struct ov_optim *opt, const double *theta,
                    double *shown);
    /* Checks that involve several keys, after the keys' own ranges. */
    ov_status (*check)(const ov_optim_config *cfg, ov_error *err);
    int own_decay;          /* the step applies weight_decay itself */
    uint32_t color;         /* 0xRRGGBB in figures, distinct per row */
    ov__lr_column lr_column;
    double lr_fixed;        /* not 0: the recommended rate of every loss
                               (Prodigy's lr is a factor on its own d) */
    double response_lr;     /* --view response; 0: the common 0.25 */
    /* Optimizers that are not elementwise and evaluate the loss
     * themselves (lbfgs): one optimizer.step(closure), and the bytes of
     * state they keep for the whole vector (zeroed at creation).  step
     * and step_all are NULL for them: a row has exactly one of step,
     * step_all and closure_step (tests/test_param.c). */
    void (*closure_step)(struct ov_optim *opt, double *theta,
                         ov_closure_fn fn, void *payload);
    size_t (*whole_size)(const ov_optim_config *cfg, size_t dim);
} ov__algo_row;

/* The row of @p algo; NULL when it is not one. */
const ov__algo_row *ov__algo_row_of(ov_algo algo);

/* @p v as Python's repr() prints it ("-1", "0.1", "1e-10"). */
void ov__format_number(char *out, size_t size, double v);

/* ov_optim_config_validate()'s complaint "<prefix><v>", v printed as
 * Python's repr() prints it. */
ov_status ov__reject_number(ov_error *err, const char *prefix, double v);

/* Its complaint when row @p i of the hyper-parameter table (param.c)
 * refuses its value in @p cfg: torch's words and the value, or both
 * values of a pair torch checks together ("Invalid eta values: 0.5, 1"). */
ov_status ov__param_reject(ov_error *err, size_t i,
                           const ov_optim_config *cfg);

#endif /* OV_OPTIM_PRIVATE_H */
