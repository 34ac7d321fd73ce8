/*
 * optviz/bind.h: flat calls for language bindings (python/optviz uses
 * them through ctypes).
 *
 * Everything a binding needs without mirroring the library's structs:
 * runs from an optimizer item as the tool writes it ("adam:lr=0.05:
 * beta1=0.8"), a trajectory's rows as one array of ov_traj_row (a plain
 * struct of longs and doubles), a figure spec set key by key with the
 * tool's option names and values, and figures and exports rendered into
 * memory.  Memory handed out is freed with ov_bind_free.
 */
#ifndef OPTVIZ_BIND_H
#define OPTVIZ_BIND_H

#include "common.h"
#include "status.h"
#include "loss.h"
#include "run.h"

OV_BEGIN_DECLS

/**
 * Runs the optimizer @p item ("NAME" or "NAME:key=value:...", keys as
 * the tool's --algo items, label= included; lr the loss's recommended
 * one when not given) on @p loss: @p steps (< 0: 100, or from
 * @p epochs >= 0), @p seed, gradient noise @p noise_std, from @p start
 * (NULL: the loss's start).
 * @return as ov_run, and OV_ERR_NOT_FOUND / OV_ERR_INVALID_ARG for an
 *         item that does not parse (err->what says which part).
 */
OV_API ov_status ov_bind_run(ov_trajectory **out, const ov_loss *loss,
                             const char *item, long steps, long epochs,
                             uint64_t seed, double noise_std,
                             const double *start, ov_error *err);

/* A trajectory's parts (borrowed while it lives). */
OV_API size_t ov_trajectory_row_count(const ov_trajectory *t);
OV_API const ov_traj_row *ov_trajectory_row_data(const ov_trajectory *t);
OV_API size_t ov_traj_row_size(void);     /* sizeof(ov_traj_row) */
OV_API const char *ov_trajectory_label(const ov_trajectory *t);
OV_API void ov_trajectory_set_label(ov_trajectory *t, const char *label);
/** The optimizer's name, "" for an imported run of unknown optimizer. */
OV_API const char *ov_trajectory_algo_name(const ov_trajectory *t);
OV_API double ov_trajectory_lr(const ov_trajectory *t);    /* NaN: unknown */
OV_API long ov_trajectory_diverged_at(const ov_trajectory *t);

/** A figure spec (OV_FIGURE_SPEC_INIT); free with ov_bind_spec_free. */
typedef struct ov_bind_spec ov_bind_spec;
OV_API ov_bind_spec *ov_bind_spec_new(void);
OV_API void ov_bind_spec_free(ov_bind_spec *s);

/**
 * Sets one look option as the tool's long option: view, size (WxH),
 * xlim and ylim (A:B), levels, zscale, colormap, arrows, title, legend
 * and colorbar (0/1), theme, elev, azim, rotate, wireframe, frames, fps,
 * hold, loop, trail, panel (none|loss), layout (overlay|grid), aspect
 * (auto|equal), dpi (pixels per inch).
 * @return OV_ERR_NOT_FOUND (key), OV_ERR_INVALID_ARG (value; err->what).
 */
OV_API ov_status ov_bind_spec_set(ov_bind_spec *s, const char *key,
                                  const char *value, ov_error *err);

/**
 * Renders @p trajs on @p loss as format @p format (a name of format.h's
 * table: "png", "svg", "gif", ..., or "csv"/"json" for the trajectories)
 * into *out (*len bytes; ov_bind_free it).
 * @return as ov_render / ov_export, OV_ERR_NOT_FOUND for an unknown
 *         format, OV_ERR_UNSUPPORTED for one this build lacks.
 */
OV_API ov_status ov_bind_render(unsigned char **out, size_t *len,
                                const char *format, const ov_loss *loss,
                                const ov_trajectory *const *trajs, size_t n,
                                const ov_bind_spec *spec, ov_error *err);

OV_API void ov_bind_free(void *p);

OV_END_DECLS

#endif /* OPTVIZ_BIND_H */
