/*
 * optviz/plane.h: a 2-D plane through the parameters of a loss of N
 * parameters, to draw it (Li et al., "Visualizing the Loss Landscape of
 * Neural Nets", NeurIPS 2018).
 *
 * A plane is an origin o and two directions d1, d2 of N values; the point
 * (a, b) of the plane is o + a d1 + b d2.  Three ways to choose them:
 *
 *   pca      o = the last point of the first trajectory; d1, d2 the first
 *            two principal components of every row of every trajectory
 *            given, minus o (each row one sample, columns centred on their
 *            mean as sklearn's PCA does: Li et al. section 7); unit length;
 *            explained = each one's share of the variance
 *   random   o as pca; d1, d2 Gaussian (SplitMix64 seeded with the seed,
 *            ov_rng_normal_pair, d1's N values then d2's, each direction
 *            starting a fresh pair), filter-normalised (Li et al. section
 *            4): each row of each weight block (ov_loss_param_blocks) scaled
 *            to the norm of that row of o, d_row * |o_row| / (|d_row| +
 *            1e-10), bias blocks 0 (their code's "--xignore biasbn"); a
 *            loss without blocks gets unit-length directions
 *   hessian  o as pca; d1, d2 the eigenvectors of the Hessian at o with the
 *            two eigenvalues largest in magnitude, by Lanczos iteration
 *            with full reorthogonalisation (min(N, 120) steps) on
 *            Hessian-vector products, each the central difference of the
 *            exact gradient, (g(o + h v) - g(o - h v)) / 2h with |v| = 1,
 *            h = 1e-5 max(1, |o|_inf); explained = the eigenvalues
 *
 * pca's components come from the same Lanczos iteration on M^T M (or M M^T
 * when there are fewer rows than parameters).  Each direction's sign makes
 * its largest component (the first of equals) positive.  pca and hessian
 * directions are orthonormal, so plane coordinates are distances in
 * parameter space; random ones are not, and a point's coordinates are the
 * least-squares (a, b) of its offset from o.
 */
#ifndef OPTVIZ_PLANE_H
#define OPTVIZ_PLANE_H

#include "common.h"
#include "status.h"
#include "loss.h"
#include "run.h"
#include "tune.h"

OV_BEGIN_DECLS

typedef enum ov_plane_kind {
    OV_PLANE_PCA,
    OV_PLANE_RANDOM,
    OV_PLANE_HESSIAN
} ov_plane_kind;

typedef struct ov_plane ov_plane;

/** "pca", "random", "hessian"; static storage. */
OV_API const char *ov_plane_kind_name(ov_plane_kind kind);
/** @return OV_OK or OV_ERR_NOT_FOUND. */
OV_API ov_status ov_plane_kind_from_name(const char *name,
                                         ov_plane_kind *out);

/**
 * Chooses the plane of @p kind for @p loss from @p trajs (n >= 1, rows with
 * their full vectors: ov_run's) and @p seed (random only).
 * @return OV_ERR_INVALID_ARG (no trajectory, or one without vectors or of
 *         another size), OV_ERR_EMPTY (pca: every row the same point),
 *         OV_ERR_NONFINITE, OV_ERR_NOMEM.
 */
OV_API ov_status ov_plane_create(ov_plane **out, const ov_loss *loss,
                                 ov_plane_kind kind,
                                 const ov_trajectory *const *trajs, size_t n,
                                 uint64_t seed, ov_error *err);

/** Accepts NULL. */
OV_API void ov_plane_destroy(ov_plane *plane);

OV_API ov_plane_kind ov_plane_kind_of(const ov_plane *plane);
OV_API size_t ov_plane_dim(const ov_plane *plane);
/** The origin and the directions (k = 0, 1), ov_plane_dim() values each;
 *  borrowed. */
OV_API const double *ov_plane_origin(const ov_plane *plane);
OV_API const double *ov_plane_direction(const ov_plane *plane, int k);
/** pca: direction k's share of the variance (0..1); hessian: its
 *  eigenvalue; random: NaN. */
OV_API double ov_plane_explained(const ov_plane *plane, int k);

/** The plane coordinates of @p theta (ov_plane_dim() values). */
OV_API void ov_plane_coords(const ov_plane *plane, const double *theta,
                            double ab[2]);

/**
 * Sets every row's theta to its point's plane coordinates and its grad to
 * (d1 . g, d2 . g), the gradient of the plane's loss (a, b) -> f(o + a d1
 * + b d2) by the chain rule; the loss stays the true loss of the full
 * vector.  @return OV_ERR_INVALID_ARG when @p traj has no vectors or
 * another size.
 */
OV_API ov_status ov_plane_project(const ov_plane *plane,
                                  ov_trajectory *traj);

/* The finest grid a plane's loss evaluates, by default. */
#define OV_PLANE_GRID_DEFAULT 101

/**
 * The finest grid the plane's loss evaluates, @p n points a side (at least
 * 2; default OV_PLANE_GRID_DEFAULT): a view asking for more gets the
 * bilinear interpolation of the n x n grid over its rectangle.
 */
OV_API void ov_plane_set_grid(ov_plane *plane, size_t n);

/**
 * The threads the plane's grids may use: @p map as ov_tune_search's (the
 * tool's pthreads pool), called with one task per grid row.  NULL (the
 * default): rows in order on the calling thread.
 */
OV_API void ov_plane_set_map(ov_plane *plane, ov_tune_map_fn map,
                             void *payload);

/**
 * A loss of two parameters for the views: (a, b) -> f(o + a d1 + b d2),
 * its gradient by the chain rule, its grids through the plane's map.  Its
 * name says the plane (kind, explained variance or eigenvalues, scale),
 * its axis names the directions, its domain covers @p trajs' projected
 * points (pca, hessian) or [-1, 1]^2 and them (random), with a margin.
 * Borrows @p plane and its loss: destroy it first.
 */
OV_API ov_status ov_plane_loss(const ov_plane *plane,
                               const ov_trajectory *const *trajs, size_t n,
                               ov_loss **out);

/** One line for figures and messages: "PCA plane: PC1 71.2%, PC2 18.0% of
 *  the variance; axes in parameter-space distance".  Borrowed. */
OV_API const char *ov_plane_describe(const ov_plane *plane);

OV_END_DECLS

#endif /* OPTVIZ_PLANE_H */
