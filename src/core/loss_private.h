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

#include <optviz/loss.h>

#include "optim_private.h"

#define OV__MAX_MINIMA 8

typedef struct ov__loss_def {
    const char *name;
    int dim;                       /* 1 or 2 */
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

struct ov_loss {
    const ov__loss_def *def;
    ov_dataset *data;              /* data losses only; owned copy */
    ov_reduction red;
    size_t n_minima;
    double minima[2 * OV__MAX_MINIMA];
    double stats[6];               /* ols: n, Sx, Sxx, Sy, Sxy, Syy */
    /* Expression losses: def points at expr_def, filled per instance. */
    struct ov__expr *expr;
    ov__loss_def expr_def;
    /* Grid losses (loss_grid.c): def points at expr_def too. */
    struct ov__grid *grid;
};

/* Table lookups. */
const ov__loss_def *ov__synthetic_find(const char *name);
size_t ov__synthetic_count(void);
const ov__loss_def *ov__synthetic_at(size_t i);
const ov__loss_def *ov__data_loss_find(const char *name);
size_t ov__data_loss_count(void);
const ov__loss_def *ov__data_loss_at(size_t i);

/* Data losses: fills loss->minima (and stats) from the data. */
void ov__data_loss_prepare(struct ov_loss *loss);



/* Grid losses (loss_grid.c): bilinear value and gradient; freeing. */
double ov__grid_eval(const struct ov__grid *g, const double *theta,
                     double *grad);
void ov__grid_free(struct ov__grid *g);

/* ols only: value from sufficient statistics, for grids. */
double ov__ols_value_fast(const struct ov_loss *loss, double a, double b);
int ov__is_ols(const struct ov_loss *loss);
#endif /* OV_LOSS_PRIVATE_H */
