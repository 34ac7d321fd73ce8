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

OV_END_DECLS

#endif /* OPTVIZ_EXPORT_H */
