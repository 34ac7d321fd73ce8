/*
 * extent.h: the extent of trajectories: drawable rows and 2-D data limits (extent.c)
 */
#ifndef OV_EXTENT_H
#define OV_EXTENT_H

#include "optviz/loss.h"
#include "optviz/render.h"
#include "optviz/run.h"

/* Leading rows of @p t with finite point and loss. */
size_t ov__finite_rows(const ov_trajectory *t);

/* Data limits of a 2-D figure: the user's, else the loss's domain widened
 * to the trajectories (a diverging run only near the domain). */
ov_status ov__limits2d(const ov_loss *loss, const ov_trajectory *const *trajs,
                       size_t n, const ov_figure_spec *spec, double lim[4],
                       ov_error *err);

/* A grid_limits hook for 2-D views: ov__limits2d() for every cell. */
ov_status ov__grid_limits2d(ov_figure_spec *cs, const ov_loss *loss,
                            const ov_trajectory *const *trajs, size_t n,
                            const ov_figure_spec *spec, ov_error *err);

#endif /* OV_EXTENT_H */
