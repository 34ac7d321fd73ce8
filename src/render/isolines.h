/*
 * isolines.h: marching squares on a regular grid, pure geometry (no cairo).
 *
 * The field is z[j*nx + i] at grid node (i, j); points come back in grid
 * coordinates (x = i + fraction, y = j + fraction), y growing with j.  A
 * cell whose corners alternate (a saddle) is resolved by the mean of its
 * four corners, so the same level never yields crossing lines.
 *
 * Every segment is oriented with the set {z >= level} on its left, so the
 * chains of one level link up unambiguously and, closed along the grid
 * border, give rings that fill {z >= level} with the nonzero rule.
 */
#ifndef OV_ISOLINES_H
#define OV_ISOLINES_H

#include <stddef.h>

#include "optviz/status.h"

typedef struct ov__chain {
    size_t first;   /* index of its first point in ov__isolines.xy (pairs) */
    size_t n;       /* points */
    int closed;     /* last point joins the first */
} ov__chain;

typedef struct ov__isolines {
    double *xy;     /* x0, y0, x1, y1, ... */
    size_t npts, cap_pts;
    ov__chain *chains;
    size_t nchains, cap_chains;
} ov__isolines;

/*
 * Level lines of @p level as polylines, appended to @p out (zero-initialise
 * it first).  Open chains start and end on the grid border.  Non-finite
 * values count as below every level.
 */
ov_status ov__isolines_lines(const double *z, size_t nx, size_t ny,
                            double level, ov__isolines *out);

/*
 * Closed rings bounding {z >= level} (grid border included where the set
 * touches it), appended to @p out.  Filled with the nonzero winding rule
 * they give exactly that set, holes included.
 */
ov_status ov__isolines_region(const double *z, size_t nx, size_t ny,
                             double level, ov__isolines *out);

/* Vector output keeps only the points of a contour that matter at this
 * distance (pixels): the marching grid gives one every ~2 px, which made
 * the default SVG half a megabyte. */
#define OV__SIMPLIFY_TOL 0.1

/*
 * Douglas-Peucker over the points xy[0..n-1], with xy[n] standing for
 * xy[0] when @p closed: sets keep[k] for the points that keep the polyline
 * within @p tol of the original.  @return 0 without memory (then every
 * point is kept).
 */
int ov__simplify(const double *xy, size_t n, int closed, double tol,
                 unsigned char *keep);

void ov__isolines_reset(ov__isolines *c);   /* empties, keeps memory */
void ov__isolines_free(ov__isolines *c);

#endif /* OV_ISOLINES_H */
