/*
 * optviz/tune.h: a fair comparison, the learning rate searched per
 * optimizer (--tune lr=LO:HI:N).
 *
 * Each optimizer runs once at its own rate (the "default": torch's or the
 * loss's recommendation, or what the user gave) and once at every rate of
 * a log grid, LO * (HI/LO)^(k/(N-1)) for k = 0..N-1.  Every run is
 * independent (its own state, the run config's seed), so the result does
 * not depend on the order the runs are made in or on how many threads
 * make them.  The winner of a series is the grid point ranked first:
 * finite runs by the objective, smaller first; runs that diverged (or end
 * on a non-finite objective) after every finite one; ties to the smaller
 * rate.
 *
 * Threads: the library starts none.  ov_tune_search() hands its runs to
 * the caller's map function, which may spread them over threads (the
 * optviz tool uses pthreads); with no map function they run in order on
 * the calling thread.
 */
#ifndef OPTVIZ_TUNE_H
#define OPTVIZ_TUNE_H

#include "common.h"
#include "status.h"
#include "loss.h"
#include "optim.h"
#include "run.h"

OV_BEGIN_DECLS

#define OV_TUNE_MIN_GRID 2
#define OV_TUNE_MAX_GRID 1000

typedef enum ov_tune_objective {
    OV_TUNE_FINAL_LOSS,  /* "final-loss": the loss at the last step */
    OV_TUNE_DISTANCE     /* "distance": from the last point to the nearest
                            of the loss's known minima (ov_loss_minima) */
} ov_tune_objective;

typedef struct ov_tune_config {
    double lr_lo, lr_hi;           /* 0 < lr_lo < lr_hi, both finite */
    int n;                         /* grid points, 2..OV_TUNE_MAX_GRID */
    ov_tune_objective objective;
} ov_tune_config;

#define OV_TUNE_CONFIG_INIT { 1e-4, 1.0, 41, OV_TUNE_FINAL_LOSS }

/** One run of a search. */
typedef struct ov_tune_point {
    double lr;
    double objective;    /* +INFINITY when the run diverged */
    double final_loss;   /* loss at the last finite row */
    long diverged_at;    /* as ov_trajectory's: -1 if it did not */
} ov_tune_point;

/** One optimizer's search. */
typedef struct ov_tune_series {
    ov_optim_config config;  /* as given (its lr is the default) */
    ov_tune_point def;       /* the run at config.lr */
    ov_tune_point *grid;     /* config.n points, lr ascending; owned */
    int best;                /* index of the winner in grid */
} ov_tune_series;

typedef struct ov_tune_result {
    ov_tune_config config;
    size_t n;                /* series, in the order of the configs */
    ov_tune_series *series;  /* owned */
} ov_tune_result;

/** The k-th rate of the grid of @p tc (k = 0..n-1), computed as
 *  lr_lo * pow(lr_hi / lr_lo, (double)k / (n - 1)): lr_lo at k = 0, lr_hi
 *  to rounding at n - 1. */
OV_API double ov_tune_grid_lr(const ov_tune_config *tc, int k);

/** "final-loss", "distance"; NULL for other values. */
OV_API const char *ov_tune_objective_name(ov_tune_objective obj);
/** @return OV_ERR_NOT_FOUND for an unknown name. */
OV_API ov_status ov_tune_objective_find(const char *name,
                                        ov_tune_objective *out);

/**
 * The ranking: < 0 when @p a beats @p b, > 0 when @p b beats @p a, 0 for
 * the same point (same objective class and value and rate).
 */
OV_API int ov_tune_point_compare(const ov_tune_point *a,
                                 const ov_tune_point *b);

/** Runs @p fn(task, i) for every i in [0, n), in any order and on any
 *  threads, and returns when all are done.  The calls are independent:
 *  each writes only its own slot. */
typedef void (*ov_tune_task_fn)(void *task, size_t i);
typedef void (*ov_tune_map_fn)(void *payload, size_t n, ov_tune_task_fn fn,
                               void *task);

/**
 * Searches the rate of each of the @p n configs on @p loss with @p rc:
 * n * (tc->n + 1) runs of ov_run, through @p map (NULL: in order on this
 * thread).  *out belongs to the caller (ov_tune_result_destroy).
 * @return OV_ERR_INVALID_ARG (err->what "lr" for a bad grid, "n" for its
 *         size, "objective"; a config rejected by ov_run, the first in
 *         run order), OV_ERR_UNSUPPORTED (distance on a loss with no known
 *         minimum; err->what "distance"), OV_ERR_TOO_LARGE, OV_ERR_NOMEM.
 */
OV_API ov_status ov_tune_search(ov_tune_result **out, const ov_loss *loss,
                                const ov_optim_config *cfgs, size_t n,
                                const ov_run_config *rc,
                                const ov_tune_config *tc, ov_tune_map_fn map,
                                void *payload, ov_error *err);

/** Accepts NULL. */
OV_API void ov_tune_result_destroy(ov_tune_result *r);

OV_END_DECLS

#endif /* OPTVIZ_TUNE_H */
