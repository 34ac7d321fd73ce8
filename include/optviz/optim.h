/*
 * optviz/optim.h: the optimizers, with torch.optim 1.13's exact semantics.
 *
 * Fifteen methods map onto eleven torch classes (optimizers.md §0): gd, sgd,
 * minibatch, momentum and nag are torch.optim.SGD (they differ in momentum,
 * nesterov and the batch the runner feeds them); adagrad, rmsprop, adadelta,
 * adam, adamax, adamw, nadam, radam, asgd and rprop are their own classes.
 * Seven more (lion, adan, ademamix, prodigy, sf-adamw, sf-sgd, adopt)
 * follow their authors' reference implementations instead of a torch
 * class.  The state is per coordinate, with a few scalars shared by all
 * coordinates (Prodigy's d, Schedule-Free's weights), so the same code
 * serves 1-D, 2-D and N-dimensional losses (lbfgs, not elementwise, works
 * on the whole vector).  Sums over coordinates (Prodigy's, lbfgs's dot
 * products) add in index order starting from the first term, which is
 * what torch computes for one or two elements; for more, torch's vectorised
 * reductions add in another order and agree to rounding only.
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
    OV_ALGO_NADAM,      /* NAdam: Adam with Nesterov momentum */
    OV_ALGO_RADAM,      /* RAdam: Adam with a rectified variance */
    OV_ALGO_ASGD,       /* ASGD: SGD with a decaying rate (and an average) */
    OV_ALGO_RPROP,      /* Rprop: sign steps of adaptive size */
    /* Modern optimizers, each after its reference implementation
     * (docs/optimizers.md names the file and commit). */
    OV_ALGO_LION,       /* google/automl lion_pytorch.py */
    OV_ALGO_ADAN,       /* sail-sg/Adan adan.py */
    OV_ALGO_ADEMAMIX,   /* apple/ml-ademamix ademamix.py */
    OV_ALGO_PRODIGY,    /* konstmish/prodigy prodigy.py */
    OV_ALGO_SF_ADAMW,   /* schedule_free adamw_schedulefree_reference.py */
    OV_ALGO_SF_SGD,     /* schedule_free sgd_schedulefree_reference.py */
    OV_ALGO_ADOPT,      /* iShohei220/adopt adopt.py */
    OV_ALGO_LBFGS,      /* LBFGS: several loss evaluations per step */
    OV_ALGO_COUNT
} ov_algo;

/* How nag's iterate is reported (optimizers.md §2.3). */
typedef enum ov_nag_form {
    OV_NAG_TORCH,       /* torch's parameter p_t (the look-ahead point) */
    OV_NAG_SUTSKEVER    /* theta_t = p_t + momentum*lr*buf_t, as seeds
                           002/003 plot */
} ov_nag_form;

/* Which of Schedule-Free's sequences a figure shows (sf-adamw, sf-sgd);
 * the gradient is always taken at y, torch's parameter. */
typedef enum ov_sf_show {
    OV_SF_SHOW_X,       /* the average x, the evaluation point */
    OV_SF_SHOW_Y,       /* the interpolation y, where gradients are taken */
    OV_SF_SHOW_Z        /* the base sequence z */
} ov_sf_show;

typedef struct ov_optim_config {
    ov_algo algo;
    double lr;
    double momentum;                  /* sgd family, rmsprop */
    double dampening;                 /* sgd family */
    double weight_decay;              /* L2 added to the gradient */
    double alpha;                     /* rmsprop smoothing; asgd's eta
                                         power */
    double rho;                       /* adadelta decay */
    double beta1, beta2;              /* the adam family */
    double eps;                       /* adaptive methods */
    double lr_decay;                  /* adagrad */
    double initial_accumulator_value; /* adagrad */
    double initial_acc_delta;         /* adadelta u_0; not torch (seed 001) */
    double momentum_decay;            /* nadam's psi */
    double lambd, t0;                 /* asgd: eta decay, averaging start */
    double eta_minus, eta_plus;       /* rprop's etas */
    double step_size_min, step_size_max; /* rprop's step_sizes */
    int nesterov;                     /* sgd family; implied by nag */
    int maximize;                     /* all that torch gives it */
    int centered;                     /* rmsprop */
    int amsgrad;                      /* adam */
    ov_nag_form nag_form;             /* nag (and momentum with nesterov) */
    double beta3;                     /* adan, ademamix; prodigy (NaN:
                                         sqrt(beta2)) */
    long t_alpha_beta3;               /* ademamix warm-up steps; 0 none */
    double d0, d_coef;                /* prodigy */
    long warmup_steps;                /* sf-adamw, sf-sgd */
    double r, weight_lr_power;        /* sf-adamw, sf-sgd */
    ov_sf_show sf_show;               /* sf-adamw, sf-sgd */
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
 * "lr" and "batch-size" apply to all; "weight-decay" and "maximize" to
 * those whose torch class has them (a step ignores a key its optimizer
 * does not take).
 */
OV_API int ov_algo_takes_param(ov_algo algo, const char *key);

typedef struct ov_optim ov_optim;

/* The most coordinates an optimizer takes (lbfgs keeps history_size
 * pairs of vectors: 1.6 GB at this size with torch's default 100). */
#define OV_OPTIM_MAX_DIM 1000000

/** Creates optimizer state for a @p dim-vector (1 to OV_OPTIM_MAX_DIM);
 *  @p cfg is copied. */
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
 * Sutskever form of nag, which shows p + momentum*lr*buf, and for the
 * Schedule-Free methods, whose theta is y and which show x (or the
 * sequence sf_show names).
 */
OV_API void ov_optim_display_point(const ov_optim *opt, const double *theta,
                                   double *shown);

/**
 * Prodigy's step-size estimate d: d0 before the first step, then the d
 * the last step ended with (the d the next step uses).  NaN for the other
 * optimizers.
 */
OV_API double ov_optim_d_estimate(const ov_optim *opt);

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
