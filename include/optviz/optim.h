/*
 * optviz/optim.h: the optimizers, with torch.optim 1.13's exact semantics.
 *
 * Eleven methods map onto seven torch classes (optimizers.md §0): gd, sgd,
 * minibatch, momentum and nag are torch.optim.SGD (they differ in momentum,
 * nesterov and the batch the runner feeds them); adagrad, rmsprop, adadelta,
 * adam, adamax and adamw are their own classes.  Every update is
 * elementwise, so the state is per coordinate and the same code serves 1-D
 * and 2-D losses.
 *
 * A config is a transparent struct; ov_optim_config_init() fills torch's
 * defaults for an algorithm (lr included: the tool replaces lr with the
 * loss's recommendation when the user gives none).
 */
#ifndef OPTVIZ_OPTIM_H
#define OPTVIZ_OPTIM_H

#include "common.h"
#include "status.h"

OV_BEGIN_DECLS

typedef enum ov_algo {
    OV_ALGO_GD,         /* SGD, full batch */
    OV_ALGO_SGD,        /* SGD, batch size 1 */
    OV_ALGO_MINIBATCH,  /* SGD, batch size B (default 32) */
    OV_ALGO_MOMENTUM,   /* SGD(momentum=0.9) */
    OV_ALGO_NAG,        /* SGD(momentum=0.9, nesterov=True) */
    OV_ALGO_ADAGRAD,
    OV_ALGO_RMSPROP,
    OV_ALGO_ADADELTA,
    OV_ALGO_ADAM,
    OV_ALGO_ADAMAX,
    OV_ALGO_ADAMW,      /* AdamW: decoupled weight decay */
    OV_ALGO_LBFGS,      /* LBFGS: several loss evaluations per step */
    OV_ALGO_COUNT
} ov_algo;

/* How nag's iterate is reported (optimizers.md §2.3). */
typedef enum ov_nag_form {
    OV_NAG_TORCH,       /* torch's parameter p_t (the look-ahead point) */
    OV_NAG_SUTSKEVER    /* theta_t = p_t + momentum*lr*buf_t, as seeds
                           002/003 plot */
} ov_nag_form;

typedef struct ov_optim_config {
    ov_algo algo;
    double lr;
    double momentum;                  /* sgd family, rmsprop */
    double dampening;                 /* sgd family */
    double weight_decay;              /* all: L2 added to the gradient */
    double alpha;                     /* rmsprop smoothing */
    double rho;                       /* adadelta decay */
    double beta1, beta2;              /* adam, adamax */
    double eps;                       /* adaptive methods */
    double lr_decay;                  /* adagrad */
    double initial_accumulator_value; /* adagrad */
    double initial_acc_delta;         /* adadelta u_0; not torch (seed 001) */
    int nesterov;                     /* sgd family; implied by nag */
    int maximize;                     /* all */
    int centered;                     /* rmsprop */
    int amsgrad;                      /* adam */
    ov_nag_form nag_form;             /* nag (and momentum with nesterov) */
    long batch_size;                  /* runner: 0 = full batch; sgd 1,
                                         minibatch 32 */
    /* lbfgs (torch.optim.LBFGS) */
    long max_iter;                    /* iterations per step (20) */
    long max_eval;                    /* evaluations per step; 0: torch's
                                         max_iter * 5 // 4 */
    double tolerance_grad;            /* 1e-7 */
    double tolerance_change;          /* 1e-9 */
    long history_size;                /* 100 */
    int line_search;                  /* ov_line_search */
} ov_optim_config;

/* lbfgs's line_search_fn. */
typedef enum ov_line_search {
    OV_LINE_SEARCH_NONE,
    OV_LINE_SEARCH_STRONG_WOLFE
} ov_line_search;

/** Fills @p cfg with torch's defaults for @p algo (optimizers.md §10,
 *  §11). */
OV_API void ov_optim_config_init(ov_optim_config *cfg, ov_algo algo);

/**
 * Checks @p cfg as torch's constructor would.  On failure err->what holds
 * torch's wording, e.g. "Invalid learning rate: -1".
 * @return OV_OK or OV_ERR_INVALID_ARG.
 */
OV_API ov_status ov_optim_config_validate(const ov_optim_config *cfg,
                                          ov_error *err);

/** Lower-case name ("gd", "adam", ...); static storage. */
OV_API const char *ov_algo_name(ov_algo algo);
/** Looks up a name; @return OV_OK or OV_ERR_NOT_FOUND. */
OV_API ov_status ov_algo_from_name(const char *name, ov_algo *out);
/** One-line description for --list algos; static storage. */
OV_API const char *ov_algo_summary(ov_algo algo);
/** The colour figures give @p algo, 0xRRGGBB; distinct per algorithm. */
OV_API uint32_t ov_algo_color(ov_algo algo);

/**
 * Whether hyper-parameter @p key (a key of param.h's table, e.g. "beta1",
 * "initial-accumulator-value", "batch-size") means something to @p algo.
 * "lr", "weight-decay", "maximize" and "batch-size" apply to all.
 */
OV_API int ov_algo_takes_param(ov_algo algo, const char *key);

typedef struct ov_optim ov_optim;

/** Creates optimizer state for a @p dim-vector (1 or 2); @p cfg is copied. */
OV_API ov_status ov_optim_create(ov_optim **out, const ov_optim_config *cfg,
                                 size_t dim);

/**
 * One step: updates @p theta in place from @p grad, the gradient at
 * @p theta as torch's p.grad would hold it (maximize and weight decay are
 * applied here, not by the caller).
 */
OV_API void ov_optim_step(ov_optim *opt, double *theta, const double *grad);

/**
 * The point to show for parameter @p theta: theta itself, except for the
 * Sutskever form of nag, which shows p + momentum*lr*buf.
 */
OV_API void ov_optim_display_point(const ov_optim *opt, const double *theta,
                                   double *shown);

/** Number of step() calls so far. */
OV_API long ov_optim_step_count(const ov_optim *opt);

/** Accepts NULL. */
OV_API void ov_optim_destroy(ov_optim *opt);

/* ---- steps that evaluate the loss, and hyper-parameters that change ---- */

/**
 * The loss and its gradient at @p theta, as torch's closure computes them
 * for optimizer.step(closure): writes the gradient (as p.grad would hold
 * it) to @p grad and @return the loss.
 */
typedef double (*ov_closure_fn)(void *payload, const double *theta,
                                double *grad);

/**
 * One optimizer.step(closure): elementwise optimizers call @p fn once and
 * step as ov_optim_step() does; lbfgs calls it as often as its iterations
 * and line search need.
 */
OV_API void ov_optim_step_closure(ov_optim *opt, double *theta,
                                  ov_closure_fn fn, void *payload);

/** Sets param_groups[0]['lr'] (a schedule does this between steps). */
OV_API void ov_optim_set_lr(ov_optim *opt, double lr);

/* Where a schedule's momentum cycling writes. */
typedef enum ov_momentum_slot {
    OV_MOMENTUM_NONE,
    OV_MOMENTUM_MOMENTUM,     /* the group's 'momentum' */
    OV_MOMENTUM_BETA1         /* the group's betas[0] */
} ov_momentum_slot;

/** Sets the momentum or beta1 for the next steps. */
OV_API void ov_optim_set_momentum(ov_optim *opt, ov_momentum_slot slot,
                                  double m);

OV_END_DECLS

#endif /* OPTVIZ_OPTIM_H */
