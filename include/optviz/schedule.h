/*
 * optviz/schedule.h: learning-rate schedules, torch.optim.lr_scheduler 1.13.
 *
 * A schedule changes the optimizer's lr (and, for cyclic and onecycle,
 * its momentum or beta1) between steps; the runner calls step() once after
 * every optimizer step, as torch's training loop calls scheduler.step().
 * Each torch class is followed as torch computes it: the chainable
 * get_lr() of every step, its closed form where torch uses one (the first
 * step of the main schedule after a warm-up, SequentialLR's step(0)), and
 * the order of the constructors, which write to the parameter group (so a
 * warm-up in front of cyclic or onecycle starts from what they wrote).
 * wsd and inv-sqrt are not torch classes; docs/optimizers.md defines them
 * as LambdaLR multipliers.
 *
 * A config is a transparent struct: ov_schedule_config_init() fills the
 * defaults of a kind, ov_schedule_parse() reads "NAME[:key=value:...]".
 */
#ifndef OPTVIZ_SCHEDULE_H
#define OPTVIZ_SCHEDULE_H

#include "common.h"
#include "status.h"
#include "optim.h"

OV_BEGIN_DECLS

typedef enum ov_schedule_kind {
    OV_SCHEDULE_NONE,           /* the lr stays (or only --warmup) */
    OV_SCHEDULE_STEP,           /* StepLR */
    OV_SCHEDULE_MULTISTEP,      /* MultiStepLR */
    OV_SCHEDULE_EXPONENTIAL,    /* ExponentialLR */
    OV_SCHEDULE_COSINE,         /* CosineAnnealingLR */
    OV_SCHEDULE_COSINE_RESTARTS, /* CosineAnnealingWarmRestarts */
    OV_SCHEDULE_CYCLIC,         /* CyclicLR */
    OV_SCHEDULE_ONECYCLE,       /* OneCycleLR */
    OV_SCHEDULE_LINEAR,         /* LinearLR */
    OV_SCHEDULE_CONSTANT,       /* ConstantLR */
    OV_SCHEDULE_POLYNOMIAL,     /* PolynomialLR */
    OV_SCHEDULE_WSD,            /* warm-up, stable, decay (LambdaLR) */
    OV_SCHEDULE_INV_SQRT,       /* inverse square root (LambdaLR) */
    OV_SCHEDULE_COUNT
} ov_schedule_kind;

#define OV_SCHEDULE_MAX_MILESTONES 32

/* cyclic's mode and onecycle's anneal strategy; wsd's decay shape. */
typedef enum ov_cyclic_mode {
    OV_CYCLIC_TRIANGULAR, OV_CYCLIC_TRIANGULAR2, OV_CYCLIC_EXP_RANGE
} ov_cyclic_mode;
typedef enum ov_anneal { OV_ANNEAL_COS, OV_ANNEAL_LINEAR } ov_anneal;
typedef enum ov_wsd_decay {
    OV_WSD_LINEAR, OV_WSD_COSINE, OV_WSD_SQRT
} ov_wsd_decay;

typedef struct ov_schedule_config {
    ov_schedule_kind kind;
    long warmup;            /* --warmup N: SequentialLR's LinearLR; 0 off */
    unsigned long given;    /* bit k: key k of the table was given */
    long step_size;         /* step */
    double gamma;           /* step, multistep, exponential, cyclic */
    long milestones[OV_SCHEDULE_MAX_MILESTONES];   /* multistep */
    int n_milestones;
    long t_max;             /* cosine; not given: the run's steps */
    double eta_min;         /* cosine, cosine-restarts */
    long t_0, t_mult;       /* cosine-restarts */
    double base_lr, max_lr; /* cyclic (both), onecycle (max_lr) */
    double step_size_up, step_size_down;    /* cyclic */
    int mode;               /* cyclic: ov_cyclic_mode */
    int cycle_momentum;     /* cyclic, onecycle */
    double base_momentum, max_momentum;     /* cyclic, onecycle */
    long total_steps;       /* onecycle, wsd; not given: the run's */
    double pct_start;       /* onecycle */
    int anneal_strategy;    /* onecycle: ov_anneal */
    double div_factor, final_div_factor;    /* onecycle */
    int three_phase;        /* onecycle */
    double start_factor, end_factor;        /* linear */
    long total_iters;       /* linear, constant, polynomial */
    double factor;          /* constant */
    double power;           /* polynomial */
    long warmup_steps;      /* wsd, inv-sqrt */
    long decay_steps;       /* wsd; not given: total-steps / 5 */
    double min_factor;      /* wsd */
    int decay;              /* wsd: ov_wsd_decay */
} ov_schedule_config;

/** Fills @p cfg with torch's defaults for @p kind (warmup 0). */
OV_API void ov_schedule_config_init(ov_schedule_config *cfg,
                                    ov_schedule_kind kind);

/** Name ("step", "cosine-restarts", ...); static storage. */
OV_API const char *ov_schedule_name(ov_schedule_kind kind);
/** Looks up a name; @return OV_OK or OV_ERR_NOT_FOUND. */
OV_API ov_status ov_schedule_from_name(const char *name,
                                       ov_schedule_kind *out);

/**
 * Reads "NAME[:key=value:...]" into @p cfg (the kind's defaults, then
 * the keys; a list key takes comma-separated values).  Keeps cfg->warmup.
 * @return OV_OK, OV_ERR_NOT_FOUND (unknown name: err->what names it) or
 *         OV_ERR_INVALID_ARG (unknown key, bad value, missing required
 *         key; err->what names the key and the value).
 */
OV_API ov_status ov_schedule_parse(ov_schedule_config *cfg, const char *text,
                                   ov_error *err);

typedef struct ov_schedule ov_schedule;

/**
 * Builds the schedule of @p cfg for an optimizer @p opt (its lr, and its
 * momentum or beta1 for cycle-momentum) in a run of @p run_steps steps, as
 * torch's constructors would (a warm-up: SequentialLR of LinearLR and the
 * schedule).  @return OV_OK, OV_ERR_INVALID_ARG (torch would refuse it,
 * e.g. cycle-momentum on an optimizer without momentum), OV_ERR_NOMEM.
 */
OV_API ov_status ov_schedule_create(ov_schedule **out,
                                    const ov_schedule_config *cfg,
                                    const ov_optim_config *opt,
                                    long run_steps, ov_error *err);

/** The lr the next optimizer step uses (param_groups[0]['lr']). */
OV_API double ov_schedule_lr(const ov_schedule *s);
/** torch's group['initial_lr']: the start row's lr. */
OV_API double ov_schedule_initial_lr(const ov_schedule *s);
/** Where the schedule sets the momentum (OV_MOMENTUM_NONE: it does not);
 *  the value in @p m. */
OV_API ov_momentum_slot ov_schedule_momentum(const ov_schedule *s,
                                             double *m);
/** scheduler.step(). */
OV_API void ov_schedule_step(ov_schedule *s);

/** Accepts NULL. */
OV_API void ov_schedule_destroy(ov_schedule *s);

OV_END_DECLS

#endif /* OPTVIZ_SCHEDULE_H */
