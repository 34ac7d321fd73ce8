/*
 * optviz/import.h: the user's own runs and landscapes.
 *
 * Trajectories: optviz's own CSV and JSON exports (export.h), read back
 * exactly (a figure of the imported runs is the figure of the runs), and
 * a minimal CSV: a header with step, x and optionally y, loss, label,
 * epoch, lr (any order, any case); one trajectory per label, or the whole
 * file when there is no label column.  The JSON of PascalSun/LossLandscape
 * gives its trajectory_data.  What a file leaves out comes from @p loss:
 * the loss and gradient at each point (a value in the file wins), epoch =
 * step.  A run of a loss of N > 2 parameters is its full vectors (CSV
 * columns p0..p(N-1), a JSON row's "params" array): params filled, grads
 * from @p loss, theta and grad 0 until a plane projects them (plane.h);
 * a file's x, y are the plane of the run that wrote it and are ignored.
 * The optimizer of a run is the word its label starts with when
 * that is an optimizer's name ("adam", "gd lr=0.1", "adam-2"), else the
 * file's optimizer column, else unknown (OV_ALGO_COUNT: a colour of its
 * own, no "(lr=...)" in the legend when no lr is known).
 *
 * Landscapes (ov_grid_load): values on a grid, drawn as the loss
 * (loss.h's ov_loss_from_grid): a CSV in long form (x,y,loss) or as a
 * matrix (first row: a corner cell then the x coordinates; each row: y
 * then the values), a NumPy .npy (a 2-D array Z[j][i] at x = i, y = j, or
 * a (3, ny, nx) stack of meshgrid X, Y and Z) or .npz (arrays x, y and
 * loss, or any 2-D array with two 1-D ones; Z[j][i] = f(x[i], y[j]) as
 * np.meshgrid makes it), the JSON of PascalSun/LossLandscape (X, Y,
 * loss_grid_2d indexed [i][j]), and the HDF5 surface files of
 * tomgoldstein/loss-landscape (xcoordinates, ycoordinates, train_loss;
 * only when built with HDF5: ov_import_has_hdf5()).
 *
 * Errors name the place: err->line and err->column (1-based; the column
 * is the CSV field's number, a JSON value's character column; 0 when not
 * applicable, for binary files err->what names the byte offset or the
 * array), err->what what was expected and what was found.
 */
#ifndef OPTVIZ_IMPORT_H
#define OPTVIZ_IMPORT_H

#include "common.h"
#include "status.h"
#include "loss.h"
#include "run.h"

OV_BEGIN_DECLS

#define OV_IMPORT_MAX_BYTES (256L << 20)   /* a file: 256 MiB */

/**
 * Reads the trajectories of file @p path ("-": standard input is the
 * caller's business; read it and use ov_import_parse).
 * @return OV_OK with *out an array of *n trajectories (free with
 *         ov_import_free), OV_ERR_IO (cannot read; err->what the reason),
 *         OV_ERR_FORMAT, OV_ERR_EMPTY (no rows), OV_ERR_TOO_LARGE,
 *         OV_ERR_INVALID_ARG (a run of the wrong dimension for @p loss:
 *         err->what names the run and the columns expected),
 *         OV_ERR_NOMEM.
 */
OV_API ov_status ov_import_load(ov_trajectory ***out, size_t *n,
                                const char *path, const ov_loss *loss,
                                ov_error *err);

/** Same on @p len bytes in memory; @p name is the file's name (a label
 *  for a file without one). */
OV_API ov_status ov_import_parse(ov_trajectory ***out, size_t *n,
                                 const char *data, size_t len,
                                 const char *name, const ov_loss *loss,
                                 ov_error *err);

/** Frees what ov_import_load made; accepts NULL. */
OV_API void ov_import_free(ov_trajectory **trajs, size_t n);

/**
 * Reads a landscape file into a grid loss, its kind told by its first
 * bytes (NumPy, zip, HDF5, JSON) or else CSV.
 * @return as ov_import_load, and OV_ERR_UNSUPPORTED for an HDF5 file in a
 *         build without HDF5 (err->what says so).
 */
OV_API ov_status ov_grid_load(ov_loss **out, const char *path,
                              ov_error *err);

/** Same on bytes in memory (not HDF5: its library reads files). */
OV_API ov_status ov_grid_parse(ov_loss **out, const char *data, size_t len,
                               const char *name, ov_error *err);

/** Whether this build reads HDF5 files. */
OV_API int ov_import_has_hdf5(void);

OV_END_DECLS

#endif /* OPTVIZ_IMPORT_H */
