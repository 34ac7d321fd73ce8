/*
 * optviz/run.h: the trajectory runner.
 *
 * Runs one optimizer on one loss and records every step: step, epoch, the
 * shown point, the full-data loss and gradient there.  Batching follows
 * torch's DataLoader (optimizers.md §9.2): a fresh SplitMix64/Fisher-Yates
 * permutation per epoch, ceil(N/B) batches (floor with drop_last), each
 * batch gradient the mean over its own size.  Synthetic losses get additive
 * Gaussian gradient noise sigma/sqrt(B) (§9.4).  A non-finite value, or a
 * point beyond the divergence bound, stops the run and records the step.
 * A schedule (schedule.h) sets the lr (and momentum) before every step and
 * steps after it; clipping (torch.nn.utils.clip_grad_norm_, then
 * clip_grad_value_) acts on the gradient after the noise.  lbfgs evaluates
 * the loss several times per step: the runner hands it a closure of the
 * step's batch, noise and clipping.
 */
#ifndef OPTVIZ_RUN_H
#define OPTVIZ_RUN_H

#include "common.h"
#include "status.h"
#include "loss.h"
#include "optim.h"
#include "schedule.h"

OV_BEGIN_DECLS

#define OV_MAX_STEPS 1000000L    /* per optimizer: 10^6 rows of 72 bytes */

typedef struct ov_run_config {
    long steps;          /* optimizer steps; < 0: from epochs, else 100 */
    long epochs;         /* data losses: epochs * batches_per_epoch steps;
                            < 0 unset */
    uint64_t seed;       /* SplitMix64 seed, --seed */
    int shuffle;         /* reshuffle each epoch when 0 < B < N */
    int drop_last;       /* DataLoader drop_last */
    double noise_std;    /* synthetic losses: gradient noise sigma */
    int has_start;       /* use start[] instead of the loss's default */
    double start[2];
    /* Zero (OV_RUN_CONFIG_INIT) is off for all of these. */
    ov_schedule_config schedule;    /* --schedule and --warmup */
    int clip_norm;       /* clip_grad_norm_(max_norm = clip_norm_max) */
    double clip_norm_max;
    int clip_value;      /* clip_grad_value_(clip_value_max) */
    double clip_value_max;
    /* A start of ov_loss_dim(loss) values (borrowed, read by ov_run
     * only), used instead of start[] when not NULL: the way to start an
     * N-dimensional loss elsewhere than its default. */
    const double *start_vec;
    /* The range the caller will draw (--xlim/--ylim), when it has one:
     * it widens the divergence bound like the domain does. */
    int has_xlim, has_ylim;
    double xlim[2], ylim[2];
} ov_run_config;

#define OV_RUN_CONFIG_INIT \
    { -1, -1, 0, 1, 0, 0.0, 0, { 0.0, 0.0 }, { 0 }, 0, 0.0, 0, 0.0, NULL, \
      0, 0, { 0.0, 0.0 }, { 0.0, 0.0 } }

/* Why a run stopped early (ov_trajectory.diverged_why). */
typedef enum ov_divergence {
    OV_DIVERGED_NO = 0,
    OV_DIVERGED_POINT,   /* the point is not finite */
    OV_DIVERGED_LOSS,    /* the point is finite, its loss is not */
    OV_DIVERGED_BOUND    /* the point is beyond the divergence bound and its
                            loss above the start's (ov_run_bound) */
} ov_divergence;

typedef struct ov_traj_row {
    long step;           /* 0 = the start */
    long epoch;          /* 0 for the start; the epoch (1-based) a step
                            belongs to */
    double theta[2];     /* the shown point; theta[1] = 0 for 1-D.  For
                            a loss of more than two parameters: its
                            coordinates on a plane (ov_plane_project), 0
                            until projected */
    double loss;         /* full-data, noise-free loss at the shown
                            point (the full vector for N dimensions) */
    double grad[2];      /* full-data gradient there; N dimensions: its
                            projection on the plane, 0 until projected */
    double d_estimate;   /* prodigy: its step-size estimate d after the
                            step (ov_optim_d_estimate); NaN otherwise */
    double lr;           /* the lr step `step` used; the start row:
                            torch's initial_lr */
} ov_traj_row;

typedef struct ov_trajectory {
    char label[64];          /* unique within a job; the algo name by default */
    ov_optim_config config;  /* as run (lr resolved) */
    int dim;                 /* parameters: 1, 2, or N for the losses of
                                more (networks, quadratic:dim=N...) */
    long steps_per_epoch;    /* 1 for full batch and synthetic losses */
    size_t n_rows;           /* rows recorded, >= 1 */
    ov_traj_row *rows;       /* owned */
    long diverged_at;        /* step that produced a non-finite or huge
                                value, -1 if none */
    ov_divergence diverged_why;
    ov_traj_row diverged_row; /* that step's row (not in rows[]): the
                                 point, and its loss when finite */
    double bound;             /* the divergence bound the run was checked
                                 against: ov_run_bound, except that a data
                                 loss whose minimum takes a search over the
                                 rows has it without the minima unless a
                                 point went beyond that (the search is done
                                 only then) */
    /* The full vectors, row-major, n_rows x dim each, owned: params[r*dim
     * + k] is parameter k of the point row r shows, grads the full-data
     * gradient there.  ov_run fills them for every loss (for 1 and 2
     * parameters they repeat theta and grad); a trajectory made
     * elsewhere may leave them NULL, and then theta[0..dim-1] and
     * grad[0..dim-1] (dim <= 2) are the whole of it. */
    double *params;
    double *grads;
} ov_trajectory;

/* Bytes of full vectors a run may keep (params and grads of every row):
 * more is OV_ERR_TOO_LARGE. */
#define OV_MAX_TRAJ_BYTES ((size_t)1 << 31)

/**
 * The divergence bound of a run: a point farther than this from the centre
 * of the loss's domain (in either coordinate) whose loss is above the
 * start's ends the run as diverged.  It is 1e6 times the largest of the
 * scales the problem sets: the domain's width, and the distances from the
 * domain's centre to the start, to every known minimum (an ols fit on data
 * with y ~ 3e7 has its minimum there) and to the ends of @p rc's xlim/ylim.
 * A point moving away while its loss falls is never stopped by the bound:
 * only non-finite values stop it.  @p start has ov_loss_dim(loss) values;
 * @p center gets the centre of x, of y and of every further coordinate
 * (a loss of more than two parameters has one interval for all).
 */
OV_API double ov_run_bound(const ov_loss *loss, const ov_run_config *rc,
                           const double *start, double center[3]);

/** Number of steps a run of @p cfg with @p rc will take (resolves epochs). */
OV_API long ov_run_step_count(const ov_loss *loss, const ov_optim_config *cfg,
                              const ov_run_config *rc);

/** Batches per epoch for @p cfg on @p loss (1 for synthetic losses). */
OV_API long ov_run_steps_per_epoch(const ov_loss *loss,
                                   const ov_optim_config *cfg,
                                   const ov_run_config *rc);

/**
 * Runs @p cfg on @p loss, of any number of parameters.  The trajectory's label is the algorithm name;
 * the caller may overwrite it.
 * @return OV_ERR_INVALID_ARG (config rejected, see ov_optim_config_validate;
 *         a schedule torch refuses, see ov_schedule_create; a clipping
 *         bound < 0; or a non-finite start), OV_ERR_TOO_LARGE (steps >
 *         OV_MAX_STEPS, or the full vectors beyond OV_MAX_TRAJ_BYTES),
 *         OV_ERR_NOMEM.
 */
OV_API ov_status ov_run(ov_trajectory **out, const ov_loss *loss,
                        const ov_optim_config *cfg, const ov_run_config *rc,
                        ov_error *err);

/** Accepts NULL. */
OV_API void ov_trajectory_destroy(ov_trajectory *traj);

OV_END_DECLS

#endif /* OPTVIZ_RUN_H */
