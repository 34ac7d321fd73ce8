/*
 * optviz/loss.h: loss functions of one, two or N parameters.
 *
 * A loss gives its value and analytic gradient in one call, and carries what
 * a figure needs: default domain and start, known minima, axis names, a
 * one-line formula and a recommended learning rate per optimizer.
 *
 * Kinds: data losses on an (x, y) data set (ols, sigmoid), synthetic
 * surfaces (quadratic, rosenbrock, ...), 1-D functions (parabola, cosine),
 * and losses of N parameters drawn on a plane (plane.h): small networks
 * ("mlp:layers=16x16:act=tanh:...", docs/guide.md) and N-dimensional
 * surfaces ("quadratic:dim=100:cond=1000", "rosenbrock:dim=N",
 * "saddle:dim=N").
 * The gradients follow the evaluation order of tools/torch_ref.py's
 * "--grad analytic" so trajectories match torch bit for bit.
 */
#ifndef OPTVIZ_LOSS_H
#define OPTVIZ_LOSS_H

#include "common.h"
#include "status.h"
#include "dataset.h"
#include "optim.h"

OV_BEGIN_DECLS

typedef enum ov_reduction {
    OV_REDUCTION_MEAN,  /* torch's default: mean over the (mini)batch */
    OV_REDUCTION_SUM    /* seed 003: sum over the data */
} ov_reduction;

typedef struct ov_loss ov_loss;

/**
 * Makes the loss called @p name: a catalogue name (ov_loss_catalogue_name;
 * '-' and '_' are interchangeable), or else an expression in x, or x and y
 * (design.md §3).  Data losses use @p data (copied), or their built-in set
 * when @p data is NULL; other losses ignore @p data.
 * @return OV_ERR_NOT_FOUND for a bare word that is no catalogue name
 *         (err->what = the name), OV_ERR_FORMAT for a malformed expression
 *         (err->column = the 1-based column, err->what = the problem).
 */
OV_API ov_status ov_loss_create(ov_loss **out, const char *name,
                                const ov_dataset *data, ov_reduction red,
                                ov_error *err);

/**
 * ov_loss_create() with a seed: a network ("mlp:...") makes its built-in
 * data set and its initial parameters from @p seed (docs/guide.md says
 * exactly how); the other losses ignore it (ov_loss_create is seed 0).
 * A malformed "NAME:KEY=VALUE" spec is OV_ERR_FORMAT with err->column.
 */
OV_API ov_status ov_loss_create_seeded(ov_loss **out, const char *name,
                                       const ov_dataset *data,
                                       ov_reduction red, uint64_t seed,
                                       ov_error *err);

/**
 * A precomputed landscape: @p z[j*nx + i] is the loss at (x[i], y[j]),
 * x and y strictly increasing, nx, ny >= 2 (all copied; NaN cells allowed,
 * infinities not).  Between grid points the value is bilinear and the
 * gradient the bilinear patch's; outside the grid the nearest edge's.
 * Its domain is the grid, its one "minimum" the lowest grid point, its
 * name @p name (the title).  It is for drawing imported runs (import.h):
 * optimizers cannot run on it (ov_run returns OV_ERR_UNSUPPORTED).
 * @return OV_ERR_INVALID_ARG (err->what says which array is wrong),
 *         OV_ERR_TOO_LARGE (over OV_GRID_MAX_POINTS), OV_ERR_NOMEM.
 */
#define OV_GRID_MAX_POINTS (64L << 20)
OV_API ov_status ov_loss_from_grid(ov_loss **out, const char *name,
                                   const double *x, size_t nx,
                                   const double *y, size_t ny,
                                   const double *z, ov_error *err);

/** Whether @p loss is a precomputed grid (ov_loss_from_grid). */
OV_API int ov_loss_is_grid(const ov_loss *loss);

/** Accepts NULL. */
OV_API void ov_loss_destroy(ov_loss *loss);

/* Catalogue: names in display order, for --list losses and suggestions. */
OV_API size_t ov_loss_catalogue_count(void);
OV_API const char *ov_loss_catalogue_name(size_t i);

OV_API const char *ov_loss_name(const ov_loss *loss);     /* borrowed */
/* The name for titles ("Six-hump camel", "OLS"): the table's display
 * column; the name itself for losses without one (expressions, grids,
 * networks).  Borrowed. */
OV_API const char *ov_loss_display_name(const ov_loss *loss);
OV_API const char *ov_loss_formula(const ov_loss *loss);  /* borrowed */
OV_API int ov_loss_dim(const ov_loss *loss);              /* 1, 2 or N */

/** Examples a batch may be drawn from: the data set's points, a
 *  network's points; 0 for the losses without data. */
OV_API size_t ov_loss_example_count(const ov_loss *loss);

/**
 * The default start, ov_loss_dim() values (at least 2 written: the second
 * 0 for 1-D): for a network its seeded initial parameters.
 */
OV_API void ov_loss_start(const ov_loss *loss, double *start);

/*
 * How a network's parameter vector is laid out: one block per tensor of
 * model.parameters(), in order.  A weight is rows x cols (row-major: one
 * row per output unit, Li et al.'s "filter"); a bias is 1 x rows-long
 * (rows = 1, cols = its length, is_bias set).
 */
typedef struct ov_param_block {
    size_t offset, rows, cols;
    int is_bias;
} ov_param_block;

/** The blocks of a network loss (borrowed); 0 for the other losses. */
OV_API size_t ov_loss_param_blocks(const ov_loss *loss,
                                   const ov_param_block **blocks);
/** The data set of a data loss (borrowed), NULL for the others. */
OV_API const ov_dataset *ov_loss_dataset(const ov_loss *loss);
OV_API ov_reduction ov_loss_reduction(const ov_loss *loss);

/**
 * Full-data value at @p theta; if @p grad is not NULL, the gradient too.
 * For 1-D losses theta[1] is ignored and grad[1] is set to 0.  For N
 * parameters theta and grad hold ov_loss_dim() values.
 */
OV_API double ov_loss_eval(const ov_loss *loss, const double *theta,
                           double *grad);

/**
 * Value and gradient over the examples idx[0..n-1] of a data loss, summed in
 * that order, then divided by n under OV_REDUCTION_MEAN (DataLoader
 * semantics: a short last batch is averaged over its own size).
 */
OV_API double ov_loss_eval_batch(const ov_loss *loss, const double *theta,
                                 const size_t *idx, size_t n, double *grad);

/**
 * Values on a plane of an N-parameter loss: out[j*nx + i] =
 * f(origin + a[i] d1 + b[j] d2), all vectors ov_loss_dim() long.  Rows
 * j are independent: callers may split them over threads (the function
 * is reentrant).
 */
OV_API void ov_loss_eval_plane(const ov_loss *loss, const double *origin,
                               const double *d1, const double *d2,
                               const double *a, size_t nx, const double *b,
                               size_t ny, double *out);

/**
 * Values on a grid for drawing: out[j*nx + i] = f(x_i, y_j) with
 * x_i = x0 + i*(x1-x0)/(nx-1), likewise y.  Uses fast forms where exact
 * trajectory order does not matter (OLS through sufficient statistics;
 * sigmoid over more than 64 rows from a summary of the data, each value
 * within 1e-4 * D^2 of the exact one, D = max(|y|, |1-y|) over the rows:
 * docs/losses.md, "Large data sets").  For 1-D losses ny must be 1.
 */
OV_API void ov_loss_eval_grid(const ov_loss *loss, double x0, double x1,
                              size_t nx, double y0, double y1, size_t ny,
                              double *out);

/** Default plotting domain (ylim unused for 1-D). */
OV_API void ov_loss_domain(const ov_loss *loss, double xlim[2],
                           double ylim[2]);
/** Default start (seed 000's (2, 9) for ols). */
OV_API void ov_loss_default_start(const ov_loss *loss, double start[2]);
/**
 * Known global minima as (x, y) pairs; @return their count, with *pts
 * borrowed (valid while @p loss lives).  For data losses they are computed
 * from the data (OLS: normal equations).
 */
OV_API size_t ov_loss_minima(const ov_loss *loss, const double **pts);
/**
 * Known local minima that are not global (two_minimums' shallow basin) as
 * (x, y) pairs; @return their count (0 for most losses), with *pts
 * borrowed (valid while @p loss lives).
 */
OV_API size_t ov_loss_local_minima(const ov_loss *loss, const double **pts);
/** Axis names: ("Intercept", "Slope", "Loss") for ols, ("w", "b", "Error")
 *  for sigmoid, ("x", "y", "f") otherwise.  Borrowed. */
OV_API void ov_loss_axis_names(const ov_loss *loss, const char **xname,
                               const char **yname, const char **zname);
/**
 * The colour scale that shows the surface best: "linear", "sqrt" (a bowl
 * such as ols: evenly spaced contours, as seed 000 draws it) or "log"
 * (narrow valleys: rosenbrock, himmelblau).  Static storage.
 */
OV_API const char *ov_loss_zscale_hint(const ov_loss *loss);

/** Learning rate used for @p algo when the user gives none (design.md §5). */
OV_API double ov_loss_recommended_lr(const ov_loss *loss, ov_algo algo);

OV_END_DECLS

#endif /* OPTVIZ_LOSS_H */
