/*
 * surface_private.h: the 3-D surface view's state, shared by surface.c
 * (camera, axes, layout, paths, the view's hooks) and surface_mesh.c (the
 * mesh, its colours, its raster with a depth buffer, and what the depth
 * buffer hides).
 */
#ifndef OV_SURFACE_PRIVATE_H
#define OV_SURFACE_PRIVATE_H

#include <math.h>
#include <stdint.h>

#include "view.h"
#include "legend.h"
#include "colorbar.h"

#define FLOOR_N 121        /* nodes per side of the floor contour grid */
#define HBOX 0.75          /* half height of the box (4:4:3) */
#define MAX_TICKS 32
#define SHADES_STILL 24    /* lightness steps of a still's surface */
#define SHADES_ROT 8       /* ... of a rotating one (few exact colours) */

typedef struct ring {
    size_t band, first, n;   /* into floor_xy (data coordinates) */
} ring;

typedef struct surf {
    ov__view v;
    double x0, x1, y0, y1;
    double zb, zt;               /* box bottom (floor) and top, z scale */
    ov__zmap zm;
    double zlo, zhi, zstep;
    size_t nb;
    double *bound;
    uint32_t *band, *floorc;     /* nb, nb */
    uint32_t *shade;             /* nb * nshade: lightness steps per band */
    int nshade;
    /* the mesh: mn x mn nodes over the box (see surface_mesh.c) */
    int mn;
    double *mz;                  /* heights, z scale, within [zlo, zhi] */
    float *mlit;                 /* lightness offset per node (then its
                                    shade step, see node_coords()) */
    float *mband;                /* band coordinate per node */
    cairo_surface_t *mesh_img;   /* the surface's raster, figure-sized */
    long mesh_evals;             /* loss evaluations spent choosing it */
    double mesh_err;             /* its largest error left, in pixels */
    float *vx, *vy, *vd;         /* nodes projected for the camera in force */
    /* depth buffer of the drawn surface, pixels (dx0, dy0) + (dw, dh):
     * the largest depth (nearest the eye) in each pixel, -inf where the
     * surface is not */
    float *dmap;
    int dx0, dy0, dw, dh;
    double dk;                   /* raster pixels per figure pixel: 1, less
                                    for a big vector page */
    int iw, ih;                  /* the raster's whole size */
    cairo_surface_t *floor_tex;  /* rotating: the floor's bands in (u, v) */
    cairo_surface_t *still_layer;/* rotating: colour bar and fixed title */
    double *floor_xy;
    size_t nfloor;
    ring *rings;
    size_t nrings;
    double elev0, azim0;
    int rotate, wire;
    /* camera in force */
    double ca, sa, ce, se;
    double cx, cy, S;
    double fit;                  /* S as a part of the largest that fits:
                                    under 1 to free room for the legend */
    double px, py, pw, ph;       /* plot area: the box and its labels */
    ov__colorbar cb;             /* beside the box */
    double xt[MAX_TICKS], yt[MAX_TICKS], ft[MAX_TICKS];   /* ft: z scale */
    char fl[MAX_TICKS][32];
    double xstep, ystep;
    size_t nxt, nyt, nft;
    char cbname[96];
    uint32_t shadowc[OV_MAX_SERIES];
    double *P[OV_MAX_SERIES];    /* normalised (u, v, w) per row */
    double minp[3 * 16];
    size_t nmin, nglob;          /* minima; the first nglob global */
    ov__legend lg;
    const char *lt[OV_MAX_SERIES];
} surf;

/* ---- camera (orthographic; see surface.c) ------------------------------- */

static inline double
ov__surf_nw(const surf *s, double z)
{
    double w = 2.0 * HBOX * (z - s->zb) / (s->zt - s->zb) - HBOX;
    return w < -HBOX ? -HBOX : w > HBOX ? HBOX : w;
}

static inline void
ov__surf_proj_raw(const surf *s, double u, double v, double w, double *sx,
                  double *sy)
{
    *sx = -s->sa * u + s->ca * v;
    *sy = -s->se * s->ca * u - s->se * s->sa * v + s->ce * w;
}

static inline void
ov__surf_proj(const surf *s, double u, double v, double w, double *px,
              double *py)
{
    double sx, sy;
    ov__surf_proj_raw(s, u, v, w, &sx, &sy);
    *px = s->cx + s->S * sx;
    *py = s->cy - s->S * sy;
}

/* Distance towards the eye (larger: nearer), in box units. */
static inline double
ov__surf_depth(const surf *s, double u, double v, double w)
{
    return s->ce * s->ca * u + s->ce * s->sa * v + s->se * w;
}

/* ---- surface_mesh.c ------------------------------------------------------ */

/* Samples the loss on a mesh fine enough for the function and the pixels
 * (after the layout: it needs the scale); sets mn, mz, mlit. */
ov_status ov__surf_mesh(surf *s, ov_error *err);
/* The lightness steps of every band (s->nshade of them). */
ov_status ov__surf_shades(surf *s);
/* Draws the mesh for the camera in force on @p cr (through an image with
 * @p ss x @p ss samples per pixel) and keeps its depth buffer. */
ov_status ov__surf_draw_mesh(surf *s, cairo_t *cr, int ss);
/* Fills on @p cr (an A8 mask) what the surface and its floor cover for
 * the camera in force: the data a legend must not hide. */
void ov__surf_footprint(const surf *s, cairo_t *cr);
/* The drawn surface's height (box units) over (u, v) in [-1, 1]^2. */
double ov__surf_height(const surf *s, double u, double v);
/* Whether the drawn surface hides the point (u, v, w) of the box. */
int ov__surf_hidden(const surf *s, double u, double v, double w);
/* Whether the surface at (u, v) is seen from below. */
int ov__surf_backface(const surf *s, double u, double v);
/* What lies on the surface's top at (u, v, w) is out of sight. */
static inline int
ov__surf_hidden_on(const surf *s, double u, double v, double w)
{
    return ov__surf_backface(s, u, v) || ov__surf_hidden(s, u, v, w);
}
/* The band of a height of the z scale. */
size_t ov__surf_band(const surf *s, double z);

#endif /* OV_SURFACE_PRIVATE_H */
