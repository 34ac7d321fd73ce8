/*
 * isolines.c: marching squares with saddle disambiguation, segments linked
 * into chains through the grid edges they cross.
 *
 * Edges are numbered: horizontal edge (i,j)-(i+1,j) is j*(nx-1) + i, vertical
 * edge (i,j)-(i,j+1) is H + j*nx + i with H = (nx-1)*ny.  A level crosses an
 * edge at most once, at one point computed from the edge alone, so the two
 * cells sharing it produce bit-identical end points.  Walking a cell's
 * boundary counter-clockwise, each segment runs from an inside->outside
 * crossing to an outside->inside one; that keeps {z >= level} on its left
 * and gives every crossing exactly one outgoing and (inside the grid) one
 * incoming segment, so next[] describes the chains completely.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_private.h"
#include "isolines.h"

static int
inside(double v, double level)
{
    return v >= level;    /* NaN compares false: outside */
}

static ov_status
push_point(ov__isolines *c, double x, double y)
{
    if (c->npts == c->cap_pts) {
        size_t cap = c->cap_pts ? c->cap_pts * 2 : 256;
        double *p = ov__realloc(c->xy, cap * 2 * sizeof *p);
        if (!p)
            return OV_ERR_NOMEM;
        c->xy = p;
        c->cap_pts = cap;
    }
    c->xy[2 * c->npts] = x;
    c->xy[2 * c->npts + 1] = y;
    c->npts++;
    return OV_OK;
}

static ov_status
push_chain(ov__isolines *c, size_t first, int closed)
{
    if (c->nchains == c->cap_chains) {
        size_t cap = c->cap_chains ? c->cap_chains * 2 : 16;
        ov__chain *p = ov__realloc(c->chains, cap * sizeof *p);
        if (!p)
            return OV_ERR_NOMEM;
        c->chains = p;
        c->cap_chains = cap;
    }
    c->chains[c->nchains].first = first;
    c->chains[c->nchains].n = c->npts - first;
    c->chains[c->nchains].closed = closed;
    c->nchains++;
    return OV_OK;
}

void
ov__isolines_reset(ov__isolines *c)
{
    c->npts = 0;
    c->nchains = 0;
}

void
ov__isolines_free(ov__isolines *c)
{
    ov__free(c->xy);
    ov__free(c->chains);
    memset(c, 0, sizeof *c);
}

typedef struct tracer {
    const double *z;
    size_t nx, ny, nh, ne;
    double level;
    int32_t *next;       /* edge -> edge its outgoing segment ends on */
    unsigned char *in;   /* edge has an incoming segment */
    int32_t *outs;       /* the edges with an outgoing segment */
    size_t nouts, cap_outs;
    int nomem;
} tracer;

static double
frac(double a, double b, double level)
{
    double d = b - a;
    if (!isfinite(a) || !isfinite(b) || d == 0.0)
        return 0.5;
    double t = (level - a) / d;
    return t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
}

static void
edge_point(const tracer *t, size_t e, double *x, double *y)
{
    size_t nx = t->nx;
    if (e < t->nh) {
        size_t j = e / (nx - 1), i = e % (nx - 1);
        *x = (double)i + frac(t->z[j * nx + i], t->z[j * nx + i + 1], t->level);
        *y = (double)j;
    } else {
        size_t k = e - t->nh, j = k / nx, i = k % nx;
        *x = (double)i;
        *y = (double)j + frac(t->z[j * nx + i], t->z[(j + 1) * nx + i],
                              t->level);
    }
}

static void
add_out(tracer *t, size_t e)
{
    if (t->nouts == t->cap_outs) {
        size_t cap = t->cap_outs ? 2 * t->cap_outs : 256;
        int32_t *p = ov__realloc(t->outs, cap * sizeof *p);
        if (!p) {
            t->nomem = 1;
            return;
        }
        t->outs = p;
        t->cap_outs = cap;
    }
    t->outs[t->nouts++] = (int32_t)e;
}

/* Links the segments of cell (i, j), whose corners are on one side of
 * the level or not. */
static void
link_cell(tracer *t, size_t i, size_t j)
{
    size_t nx = t->nx;
    const double *z = t->z;
    double lv = t->level;
    double v[4] = { z[j * nx + i], z[j * nx + i + 1],
                    z[(j + 1) * nx + i + 1], z[(j + 1) * nx + i] };
    int s[4];
    for (int k = 0; k < 4; k++)
        s[k] = inside(v[k], lv);
    if (s[0] == s[1] && s[1] == s[2] && s[2] == s[3])
        return;
    /* Cell edges counter-clockwise: bottom, right, top, left. */
    size_t edge[4] = { j * (nx - 1) + i,
                       t->nh + j * nx + i + 1,
                       (j + 1) * (nx - 1) + i,
                       t->nh + j * nx + i };
    size_t cross[4];
    int out_dir[4], nc = 0;
    for (int k = 0; k < 4; k++) {
        if (s[k] != s[(k + 1) & 3]) {
            cross[nc] = edge[k];
            out_dir[nc] = s[k];      /* 1: inside -> outside */
            nc++;
        }
    }
    int centre_in = 1;
    if (nc == 4) {
        double m = 0.25 * (v[0] + v[1] + v[2] + v[3]);
        centre_in = inside(m, lv);
    }
    for (int k = 0; k < nc; k++) {
        if (!out_dir[k])
            continue;
        /* Centre inside: the outside corners are cut off alone, so pair
         * with the next crossing; else with the previous. */
        int b = centre_in ? (k + 1) % nc : (k + nc - 1) % nc;
        t->next[cross[k]] = (int32_t)cross[b];
        t->in[cross[b]] = 1;
        add_out(t, cross[k]);
    }
}

static int
cmp_edge(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/*
 * Builds next[] and in[] for every cell, and the list of edges with an
 * outgoing segment in increasing order (the chains start from them in
 * that order, as a scan of every edge met them).  Each node's side of the
 * level is taken once, a byte per node, and eight cells whose nine
 * corners on both rows are on one side are passed over in one test: a
 * level crosses a few cells of a row, and every band and line scanned
 * the whole grid (the standard GIF: 105 M instructions).
 */
static void
link_cells(tracer *t, unsigned char *rowa, unsigned char *rowb)
{
    size_t nx = t->nx, ny = t->ny;
    const double *z = t->z;
    double lv = t->level;
    for (size_t i = 0; i < nx; i++)
        rowb[i] = (unsigned char)inside(z[i], lv);
    for (size_t j = 0; j + 1 < ny; j++) {
        unsigned char *tmp = rowa;
        rowa = rowb;
        rowb = tmp;
        const double *zr = z + (j + 1) * nx;
        for (size_t i = 0; i < nx; i++)
            rowb[i] = (unsigned char)inside(zr[i], lv);
        size_t i = 0;
        for (; i + 9 <= nx; i += 8) {
            uint64_t a0, a1, b0, b1;
            memcpy(&a0, rowa + i, 8);
            memcpy(&a1, rowa + i + 1, 8);
            memcpy(&b0, rowb + i, 8);
            memcpy(&b1, rowb + i + 1, 8);
            if (((a0 ^ a1) | (b0 ^ b1) | (a0 ^ b0)) == 0)
                continue;
            for (size_t k = i; k < i + 8; k++)
                link_cell(t, k, j);
        }
        for (; i + 1 < nx; i++)
            link_cell(t, i, j);
    }
    /* No outgoing edge leaves outs NULL, which qsort may not be given. */
    if (!t->nomem && t->nouts > 1)
        qsort(t->outs, t->nouts, sizeof *t->outs, cmp_edge);
}

static ov_status
tracer_init(tracer *t, const double *z, size_t nx, size_t ny, double level)
{
    memset(t, 0, sizeof *t);
    t->z = z;
    t->nx = nx;
    t->ny = ny;
    t->level = level;
    t->nh = (nx - 1) * ny;
    t->ne = t->nh + nx * (ny - 1);
    if (t->ne > INT32_MAX)
        return OV_ERR_TOO_LARGE;
    t->next = ov__malloc3(t->ne, sizeof *t->next, 1);
    t->in = ov__calloc(t->ne, 1);
    if (!t->next || !t->in) {
        ov__free(t->next);
        ov__free(t->in);
        return OV_ERR_NOMEM;
    }
    for (size_t e = 0; e < t->ne; e++)
        t->next[e] = -1;
    unsigned char *rows = ov__malloc3(nx, 2, 1);
    if (!rows) {
        ov__free(t->next);
        ov__free(t->in);
        return OV_ERR_NOMEM;
    }
    link_cells(t, rows, rows + nx);
    ov__free(rows);
    if (t->nomem) {
        ov__free(t->next);
        ov__free(t->in);
        ov__free(t->outs);
        return OV_ERR_NOMEM;
    }
    return OV_OK;
}

static void
tracer_free(tracer *t)
{
    ov__free(t->next);
    ov__free(t->in);
    ov__free(t->outs);
}

/* Appends the chain starting at edge @p e; consumes its links. */
static ov_status
follow(tracer *t, size_t e, ov__isolines *out, int *closed)
{
    size_t start = e;
    double x, y;
    *closed = 0;
    for (;;) {
        edge_point(t, e, &x, &y);
        ov_status st = push_point(out, x, y);
        if (st)
            return st;
        int32_t n = t->next[e];
        t->next[e] = -1;
        if (n < 0)
            return OV_OK;
        e = (size_t)n;
        if (e == start) {
            *closed = 1;
            return OV_OK;
        }
    }
}

ov_status
ov__isolines_lines(const double *z, size_t nx, size_t ny, double level,
                  ov__isolines *out)
{
    if (nx < 2 || ny < 2)
        return OV_OK;
    tracer t;
    ov_status st = tracer_init(&t, z, nx, ny, level);
    if (st)
        return st;
    int closed;
    /* Open chains first: they start where nothing comes in. */
    for (size_t k = 0; k < t.nouts && !st; k++) {
        size_t e = (size_t)t.outs[k];
        if (t.next[e] >= 0 && !t.in[e]) {
            size_t first = out->npts;
            st = follow(&t, e, out, &closed);
            if (!st)
                st = push_chain(out, first, 0);
        }
    }
    for (size_t k = 0; k < t.nouts && !st; k++) {
        size_t e = (size_t)t.outs[k];
        if (t.next[e] >= 0) {
            size_t first = out->npts;
            st = follow(&t, e, out, &closed);
            if (!st)
                st = push_chain(out, first, closed);
        }
    }
    tracer_free(&t);
    return st;
}

/* Position along the border, counter-clockwise from node (0, 0). */
static double
border_pos(double x, double y, double w, double h)
{
    if (y <= 0.0 && x < w)
        return x;
    if (x >= w && y < h)
        return w + y;
    if (y >= h && x > 0.0)
        return w + h + (w - x);
    return 2.0 * w + h + (h - y);
}

typedef struct open_chain {
    size_t first, n;    /* points in a scratch contour */
    double s_in, s_out;
    int used;
} open_chain;

static int
cmp_open(const void *a, const void *b)
{
    double x = ((const open_chain *)a)->s_in, y = ((const open_chain *)b)->s_in;
    return (x > y) - (x < y);
}

ov_status
ov__isolines_region(const double *z, size_t nx, size_t ny, double level,
                   ov__isolines *out)
{
    if (nx < 2 || ny < 2)
        return OV_OK;
    ov__isolines lines = { 0 };
    ov_status st = ov__isolines_lines(z, nx, ny, level, &lines);
    if (st) {
        ov__isolines_free(&lines);
        return st;
    }
    double w = (double)(nx - 1), h = (double)(ny - 1), per = 2.0 * (w + h);
    double cs[4] = { 0.0, w, w + h, 2.0 * w + h };
    double cx[4] = { 0.0, w, w, 0.0 }, cy[4] = { 0.0, 0.0, h, h };

    size_t nopen = 0;
    for (size_t c = 0; c < lines.nchains; c++)
        nopen += !lines.chains[c].closed;
    open_chain *oc = NULL;
    if (nopen) {
        oc = ov__calloc(nopen, sizeof *oc);
        if (!oc) {
            ov__isolines_free(&lines);
            return OV_ERR_NOMEM;
        }
    }
    size_t k = 0;
    for (size_t c = 0; c < lines.nchains; c++) {
        const ov__chain *ch = &lines.chains[c];
        if (ch->closed)
            continue;
        const double *p0 = lines.xy + 2 * ch->first;
        const double *p1 = lines.xy + 2 * (ch->first + ch->n - 1);
        oc[k].first = ch->first;
        oc[k].n = ch->n;
        oc[k].s_in = border_pos(p0[0], p0[1], w, h);
        oc[k].s_out = border_pos(p1[0], p1[1], w, h);
        k++;
    }
    if (nopen > 1)   /* qsort(NULL, 0, ...) is undefined */
        qsort(oc, nopen, sizeof *oc, cmp_open);

    if (nopen == 0 && inside(z[0], level)) {
        /* The whole border lies in the set: it is the outer ring. */
        size_t first = out->npts;
        for (int q = 0; q < 4 && !st; q++)
            st = push_point(out, cx[q], cy[q]);
        if (!st)
            st = push_chain(out, first, 1);
    }
    for (size_t a = 0; a < nopen && !st; a++) {
        if (oc[a].used)
            continue;
        size_t first = out->npts, cur = a;
        while (!st && !oc[cur].used) {
            oc[cur].used = 1;
            for (size_t q = 0; q < oc[cur].n && !st; q++)
                st = push_point(out, lines.xy[2 * (oc[cur].first + q)],
                                lines.xy[2 * (oc[cur].first + q) + 1]);
            /* Walk the border counter-clockwise to the next entry. */
            double s0 = oc[cur].s_out;
            size_t nxt = 0;
            double best = INFINITY;
            for (size_t b = 0; b < nopen; b++) {
                double d = oc[b].s_in - s0;
                if (d < 0.0)
                    d += per;
                if (d < best) {
                    best = d;
                    nxt = b;
                }
            }
            for (int turn = 0; turn < 2 && !st; turn++) {
                for (int q = 0; q < 4 && !st; q++) {
                    double d = cs[q] + turn * per - s0;
                    if (d > 0.0 && d < best && d < per)
                        st = push_point(out, cx[q], cy[q]);
                }
            }
            cur = nxt;
        }
        if (!st)
            st = push_chain(out, first, 1);
    }
    for (size_t c = 0; c < lines.nchains && !st; c++) {
        const ov__chain *ch = &lines.chains[c];
        if (!ch->closed)
            continue;
        size_t first = out->npts;
        for (size_t q = 0; q < ch->n && !st; q++)
            st = push_point(out, lines.xy[2 * (ch->first + q)],
                            lines.xy[2 * (ch->first + q) + 1]);
        if (!st)
            st = push_chain(out, first, 1);
    }
    ov__free(oc);
    ov__isolines_free(&lines);
    return st;
}

/* ---- simplification ------------------------------------------------------ */

static double
seg_dist2(double x, double y, double xa, double ya, double xb, double yb)
{
    double dx = xb - xa, dy = yb - ya, L = dx * dx + dy * dy;
    double t = L > 0.0 ? ((x - xa) * dx + (y - ya) * dy) / L : 0.0;
    t = t < 0.0 ? 0.0 : t > 1.0 ? 1.0 : t;
    double ex = xa + t * dx - x, ey = ya + t * dy - y;
    return ex * ex + ey * ey;
}

/*
 * Douglas-Peucker over the points xy[0..n-1] (pixels), with xy[n] standing
 * for xy[0] when @p closed: sets keep[k] for the points that keep the
 * polyline within @p tol of the original.  @return 0 without memory (then
 * every point is kept).
 */
int
ov__simplify(const double *xy, size_t n, int closed, double tol,
             unsigned char *keep)
{
    size_t m = n + (closed ? 1 : 0);
    memset(keep, 0, n);
    if (m < 3) {
        memset(keep, 1, n);
        return 1;
    }
    size_t *stack = ov__malloc3(m, 2 * sizeof *stack, 1);
    if (!stack) {
        memset(keep, 1, n);
        return 0;
    }
    keep[0] = 1;
    keep[(m - 1) % n] = 1;
    size_t top = 0;
    stack[top++] = 0;
    stack[top++] = m - 1;
    while (top) {
        size_t j = stack[--top], i = stack[--top];
        if (j <= i + 1)
            continue;
        double xa = xy[2 * (i % n)], ya = xy[2 * (i % n) + 1];
        double xb = xy[2 * (j % n)], yb = xy[2 * (j % n) + 1];
        double best = -1.0;
        size_t at = i;
        for (size_t k = i + 1; k < j; k++) {
            double d = seg_dist2(xy[2 * k], xy[2 * k + 1], xa, ya, xb, yb);
            if (d > best) {
                best = d;
                at = k;
            }
        }
        if (best > tol * tol) {
            keep[at] = 1;
            stack[top++] = i;
            stack[top++] = at;
            stack[top++] = at;
            stack[top++] = j;
        }
    }
    ov__free(stack);
    return 1;
}
