/*
 * optviz/export.h: trajectories as CSV and JSON (design.md §6).
 *
 * CSV: header algo,step,epoch,x,y,loss,grad_x,grad_y,lr; one row per recorded
 * step per optimizer; floats as %.17g so they round-trip; y and grad_y are
 * empty for 1-D losses.  JSON: the same rows grouped per optimizer, with the
 * loss, each optimizer's hyper-parameters and the step it diverged at (or
 * null).  Output is deterministic: same input, same bytes.
 *
 * A loss of N > 2 parameters: x, y (and grad_x, grad_y) are the point's
 * coordinates on the plane (plane.h; 0 until projected) and the full
 * vector follows, CSV columns p0 ... p(N-1), JSON a "params" array ending
 * each row (its columns list names "params").
 */
#ifndef OPTVIZ_EXPORT_H
#define OPTVIZ_EXPORT_H

#include "common.h"
#include "status.h"
#include "format.h"
#include "loss.h"
#include "run.h"

OV_BEGIN_DECLS

/** @return OV_OK, or the first non-zero status @p fn returned. */
OV_API ov_status ov_export_csv(ov_write_fn fn, void *closure,
                               const ov_trajectory *const *trajs, size_t n);

/** @return OV_OK, or the first non-zero status @p fn returned. */
OV_API ov_status ov_export_json(ov_write_fn fn, void *closure,
                                const ov_loss *loss,
                                const ov_trajectory *const *trajs, size_t n);

/**
 * Writes @p trajs in the trajectory format @p fmt (a row of format.h of
 * kind OV_FORMAT_KIND_TRAJECTORY: CSV or JSON).
 * @return OV_OK, OV_ERR_UNSUPPORTED (not a trajectory format), or the
 *         first non-zero status @p fn returned.
 */
OV_API ov_status ov_export(ov_write_fn fn, void *closure, ov_format fmt,
                           const ov_loss *loss,
                           const ov_trajectory *const *trajs, size_t n);

/* One run of a summary (ov_export_summary). */
typedef struct ov_summary_run {
    const ov_trajectory *traj;
    long steps;             /* the steps asked for (the run may stop
                               earlier) */
    double seconds;         /* how long the run took */
    const char *lr_source;  /* where the lr came from ("given",
                               "recommended", "tuned"); NULL: unknown */
} ov_summary_run;

/**
 * A JSON summary of a job's runs: optviz's version, @p command_line (or
 * null), the loss, and per run its label, algorithm, lr and its source,
 * every hyper-parameter, the steps asked for and taken, the start, the
 * final step (point, loss, gradient), the divergence (step, reason, the
 * point and loss there, the bound) or null, and the seconds.  Non-finite
 * numbers are null.
 * @return OV_OK, OV_ERR_NOMEM, or the first non-zero status @p fn returned.
 */
OV_API ov_status ov_export_summary(ov_write_fn fn, void *closure,
                                   const ov_loss *loss,
                                   const char *command_line,
                                   const ov_summary_run *runs, size_t n);

OV_END_DECLS

#endif /* OPTVIZ_EXPORT_H */
