/*
 * loss_private.h: how a loss is put together.
 *
 * Every loss is a definition (ov__loss_def: static facts and the value /
 * gradient functions) plus an instance (struct ov_loss: the data set, the
 * reduction, minima computed from the data).  Synthetic and 1-D losses are
 * rows of a static table (loss_synthetic.c); data losses (loss_data.c)
 * evaluate per example and reduce.
 */
#ifndef OV_LOSS_PRIVATE_H
#define OV_LOSS_PRIVATE_H

#include <stdatomic.h>

#include <optviz/loss.h>

#include "optim_private.h"

#define OV__MAX_MINIMA 8

typedef struct ov__loss_def {
    const char *name;
    /* For titles ("Six-hump camel", "OLS"); NULL: the name. */
    const char *display;
    int dim;                       /* 1 or 2; N for the losses of
                                      struct ov_loss's nd_ops */
    const char *formula;           /* one line, for --list losses and docs */
    const char *xname, *yname, *zname;
    double xlim[2], ylim[2];       /* default domain */
    double start[2];               /* default start */
    size_t n_minima;
    double minima[2 * OV__MAX_MINIMA];
    double lr[OV__LR_COLUMNS];     /* recommended lr per kind of step */
    /* Synthetic: value and, when grad is not NULL, gradient at theta. */
    double (*eval)(const double *theta, double *grad);
    /* Data losses: per-example value and gradient, reduced by the caller. */
    double (*example)(double p0, double p1, double x, double y,
                      double *g0, double *g1);
    ov_builtin_data builtin;       /* data losses: the default set */
    /* Colour scale that shows this surface best ("sqrt", "log"); NULL for
     * linear.  Last, so table rows may leave it out. */
    const char *zscale;
} ov__loss_def;

struct ov__field_rows;

/*
 * A loss of any number of parameters (networks: loss_mlp.c; N-dimensional
 * surfaces: loss_ndim.c) is an object of its own behind these functions;
 * loss.c forwards to them.  Its def is the instance's nd_def.
 */
typedef struct ov__nd_ops {
    /* Value and, when grad is not NULL, the gradient (dim values). */
    double (*eval)(const void *impl, const double *theta, double *grad);
    /* Over examples idx[0..n-1] (summed in that order, then reduced);
     * NULL for a loss without examples. */
    double (*eval_batch)(const void *impl, const double *theta,
                         const size_t *idx, size_t n, ov_reduction red,
                         double *grad);
    /* Values on a plane: out[j*nx+i] = f(o + a_i d1 + b_j d2) (NULL: by
     * eval); a faster form where the structure allows it. */
    void (*eval_plane)(const void *impl, const double *o, const double *d1,
                       const double *d2, const double *a, size_t nx,
                       const double *b, size_t ny, double *out);
    void (*destroy)(void *impl);
    /* ov_loss_eval_grid (NULL: by eval): the plane's 2-D loss, which
     * spreads the rows over the caller's threads. */
    void (*eval_grid)(const void *impl, double x0, double x1, size_t nx,
                      double y0, double y1, size_t ny, double *out);
} ov__nd_ops;

struct ov_loss {
    const ov__loss_def *def;
    ov_dataset *data;              /* data losses only; owned copy */
    ov_reduction red;
    /* Process-unique, never 0: keys the evaluation memo (loss.c). */
    unsigned long long id;
    /* Minima of a data loss without a closed form are searched for the
     * first time someone asks (ov_loss_minima): a run that draws no
     * marker never pays for the search.  0 not yet, 1 being searched,
     * 2 ready (minima and n_minima then stay as they are). */
    atomic_int minima_state;
    size_t n_minima;
    double minima[2 * OV__MAX_MINIMA];
    /* The rows sorted by x, made the first time a grid needs them
     * (loss_field.c); same states as minima_state. */
    atomic_int rows_state;
    struct ov__field_rows *sorted;
    double stats[6];               /* ols: n, Sx, Sxx, Sy, Sxy, Syy */
    /* Expression losses: def points at expr_def, filled per instance. */
    struct ov__expr *expr;
    ov__loss_def expr_def;
    /* Grid losses (loss_grid.c): def points at expr_def too. */
    struct ov__grid *grid;
    /* N-parameter losses: their functions and object, their definition,
     * the default start (dim values), examples (0: none), the parameter
     * blocks (ov_loss_param_blocks). */
    const ov__nd_ops *nd_ops;
    void *nd;
    ov__loss_def nd_def;
    double *nd_start;
    size_t n_examples;
    size_t n_blocks;
    ov_param_block *blocks;
    char nd_name[192], nd_formula[256], nd_xname[48], nd_yname[48];
    char nd_short[96];             /* for titles: "2-16-16-1 tanh, moons" */
};

/* Makes the network loss of spec @p spec ("mlp:KEY=VALUE:..."), its data
 * and initial point from @p seed, into @p loss (zeroed, red set). */
ov_status ov__mlp_create(struct ov_loss *loss, const char *spec,
                         uint64_t seed, ov_error *err);
/* The N-dimensional surfaces: "quadratic:dim=N:cond=K", "rosenbrock:
 * dim=N", "saddle:dim=N". */
ov_status ov__ndim_create(struct ov_loss *loss, const char *spec,
                          ov_error *err);
/* Whether @p spec names an N-parameter loss (a "NAME:" prefix of one). */
int ov__is_nd_spec(const char *spec);

/* Table lookups. */
const ov__loss_def *ov__synthetic_find(const char *name);
/* The known local (not global) minima of the synthetic loss @p def as
 * (x, y) pairs in *pts; @return their count (0 for most). */
size_t ov__synthetic_local_minima(const ov__loss_def *def,
                                  const double **pts);
size_t ov__synthetic_count(void);
const ov__loss_def *ov__synthetic_at(size_t i);
const ov__loss_def *ov__data_loss_find(const char *name);
size_t ov__data_loss_count(void);
const ov__loss_def *ov__data_loss_at(size_t i);

/* Data losses: the sufficient statistics, and ols's closed-form minimum. */
void ov__data_loss_prepare(struct ov_loss *loss);
/* Data losses without a closed form: searches for the minimum (Newton
 * from the best point of a coarse grid) and fills loss->minima. */
void ov__data_loss_search_minimum(struct ov_loss *loss);
/* Sum (before any reduction) of the per-example values over idx[0..n-1]
 * (NULL: rows 0..n-1), in that order; the gradient sum in g. */
double ov__data_loss_sum(const struct ov_loss *loss, const double *theta,
                         const size_t *idx, size_t n, double g[2]);

/* Runs @p fn(@p loss) once per loss, whichever thread asks first; the
 * others wait for it.  @p state: 0, 1 running, 2 done. */
void ov__loss_once(const struct ov_loss *loss, atomic_int *state,
                   void (*fn)(struct ov_loss *));

/* Grid losses (loss_grid.c): bilinear value and gradient; freeing. */
double ov__grid_eval(const struct ov__grid *g, const double *theta,
                     double *grad);
void ov__grid_free(struct ov__grid *g);

/* ols only: value from sufficient statistics, for grids. */
double ov__ols_value_fast(const struct ov_loss *loss, double a, double b);
int ov__is_ols(const struct ov_loss *loss);
/* Whether ov_loss_minima would search the rows (not done yet). */
int ov__loss_minima_search_pending(const struct ov_loss *loss);
int ov__is_sigmoid(const struct ov_loss *loss);

/*
 * loss_field.c: grids of the sigmoid loss over many rows from a summary
 * of the data (rows grouped in narrow ranges of x).  Returns 0 (and does
 * nothing) when the grid should be evaluated exactly: few rows, or no
 * summary within the error bound.  *bound gets the bound on
 * |grid - exact| at every node (0 when exact).
 */
int ov__field_sigmoid_grid(const struct ov_loss *loss, double x0, double x1,
                           size_t nx, double y0, double y1, size_t ny,
                           double *out, double *bound);
void ov__field_rows_free(struct ov__field_rows *r);
#endif /* OV_LOSS_PRIVATE_H */
