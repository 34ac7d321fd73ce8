/*
 * surface.c: the loss as a shaded 3-D mesh (seeds 000 and 002).
 *
 * Orthographic camera at elevation e and azimuth a (matplotlib's sense:
 * the eye lies in direction d = (cos e cos a, cos e sin a, sin e)).  A
 * point P of the normalised box (x, y in [-1, 1], height in [-H, H], the
 * 4:4:3 box of matplotlib) goes to the screen at
 *
 *     sx = P . (-sin a, cos a, 0)
 *     sy = P . (-sin e cos a, -sin e sin a, cos e)
 *     px = cx + S sx,  py = cy - S sy
 *
 * with the scale S and centre (cx, cy) fitted so the box fills the plot
 * area (with --rotate: fitted over every azimuth, so the box does not
 * breathe).  Back panes first, then the filled contour on the floor, then
 * the mesh through a depth buffer (surface_mesh.c: sampled as finely as
 * the function and the pixels need, coloured per pixel by the colour bar,
 * shaded by lightness).  Paths, their shadows on the floor and the
 * markers are draped on the surface as drawn and drawn only where in
 * sight: the depth buffer says what stands in front, and a path painted
 * on the top is out of sight where the top faces away (seen from below).
 * Heights follow --zscale like the colours.
 *
 * A rotating surface is drawn whole every frame: the mesh projected once
 * per frame (no sorting, no cutting), the floor mapped from a texture,
 * the colour bar drawn once, each path stroked as one polyline.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "optviz/loss.h"
#include "alloc_private.h"
#include "isolines.h"
#include "colormap.h"
#include "ticks.h"
#include "view.h"
#include "frame.h"
#include "legend.h"
#include "colorbar.h"
#include "extent.h"
#include "rects.h"
#include "surface_private.h"

/* Box coordinates: u, v in [-1, 1] across the domain, w the height. */
static double
nu(const surf *s, double x)
{
    return 2.0 * (x - s->x0) / (s->x1 - s->x0) - 1.0;
}

static double
nv(const surf *s, double y)
{
    return 2.0 * (y - s->y0) / (s->y1 - s->y0) - 1.0;
}

#define nw ov__surf_nw
#define proj ov__surf_proj
#define proj_raw ov__surf_proj_raw

static void
camera(surf *s, double elev, double azim)
{
    double a = azim * M_PI / 180.0, e = elev * M_PI / 180.0;
    s->ca = cos(a);
    s->sa = sin(a);
    s->ce = cos(e);
    s->se = sin(e);
}

static double
azim_at(const surf *s, long step)
{
    if (!s->rotate || s->v.last_step <= 0)
        return s->azim0;
    return s->azim0 + 360.0 * (double)step / (double)(s->v.last_step + 1);
}

/* Screen extent of the box (in units of S), over every azimuth shown. */
static void
box_extent(surf *s, double *mx0, double *mx1, double *my0, double *my1)
{
    *mx0 = *my0 = INFINITY;
    *mx1 = *my1 = -INFINITY;
    int na = s->rotate ? 72 : 1;
    for (int k = 0; k < na; k++) {
        camera(s, s->elev0, s->azim0 + 360.0 * k / na);
        for (int c = 0; c < 8; c++) {
            double sx, sy;
            proj_raw(s, c & 1 ? 1 : -1, c & 2 ? 1 : -1, c & 4 ? HBOX : -HBOX,
                     &sx, &sy);
            *mx0 = fmin(*mx0, sx);
            *mx1 = fmax(*mx1, sx);
            *my0 = fmin(*my0, sy);
            *my1 = fmax(*my1, sy);
        }
    }
    camera(s, s->elev0, s->azim0);
}

/* ---- axes: edges, tick marks and labels --------------------------------- */

#define MAX_LABELS (3 * MAX_TICKS + 3)

typedef struct label {
    char text[96];
    double x, y, size, ang;      /* centre; ang 0 or -pi/2 */
    int axis, tick;              /* axis 0 x, 1 y, 2 z; tick or name */
    ov__box box;
} label;

typedef struct deco {
    double edge[3][4];           /* x, y and z edges: x0 y0 x1 y1 */
    double tick[3 * MAX_TICKS][4];
    size_t nt;
    label lab[MAX_LABELS];
    size_t n;
    ov__box zcol;                /* the z labels' column (see axes_deco) */
    double rim[5][4];            /* where markers may sit (see axes_deco) */
    size_t nrim;
} deco;

/* How far every label keeps from the box's rim (deco.rim), in px-units:
 * a marker held at the rim reaches 8 (the edge triangle, 6.5 with its
 * mitred casing), a current point 6.3; and 2 units between, so that
 * the two read apart. */
#define RIM_CLEAR 10.0

/* Unit screen direction of the box direction (du, dv, dw). */
static void
screen_dir(const surf *s, double du, double dv, double dw, double *dx,
           double *dy)
{
    double sx, sy;
    proj_raw(s, du, dv, dw, &sx, &sy);
    double d = hypot(sx, sy);
    *dx = d > 1e-9 ? sx / d : 0.0;
    *dy = d > 1e-9 ? -sy / d : 0.0;
}

static int
boxes_meet(const ov__box *a, const ov__box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/*
 * Places @p t beside the point (ax, ay), its box just touching the point
 * @p gap away in the direction (dx, dy).  A tick label (@p opt) that would
 * cover an earlier label or an edge of the box is left out: at the corners
 * the end labels of two axes meet, and the z edge rises from the end of
 * the y axis.  @return the label or NULL.
 */
static label *
put_label(const surf *s, deco *d, const char *t, double ax, double ay,
          double dx, double dy, double gap, double size, double ang, int opt,
          int own)
{
    if (d->n >= MAX_LABELS || !*t)
        return NULL;
    double w = ov__text_width(s->v.meas, t, size), h = 0.74 * size;
    if (ang != 0.0) {
        double tmp = w;
        w = h;
        h = tmp;
    }
    double tx = fabs(dx) > 1e-9 ? 0.5 * w / fabs(dx) : INFINITY;
    double ty = fabs(dy) > 1e-9 ? 0.5 * h / fabs(dy) : INFINITY;
    double r = gap + fmin(tx, ty);
    label *l = &d->lab[d->n];
    /* Moved on along (dx, dy) while it comes nearer the rim than a
     * marker there reaches (a corner label beside the z edge, a label set
     * off diagonally); a tick label still that near is left out. */
    double clear = RIM_CLEAR * s->v.s, near = 0.0;
    for (int tries = 0; tries < 8; tries++) {
        l->x = ax + dx * r;
        l->y = ay + dy * r;
        l->box = (ov__box){ l->x - 0.5 * w, l->y - 0.5 * h, l->x + 0.5 * w,
                            l->y + 0.5 * h };
        near = INFINITY;
        for (size_t e = 0; e < d->nrim; e++)
            near = fmin(near, ov__box_seg_dist(l->box, d->rim[e][0],
                                               d->rim[e][1], d->rim[e][2],
                                               d->rim[e][3]));
        if (near >= clear)
            break;
        r += clear - near + 0.25 * s->v.s;
    }
    if (opt && near < clear)
        return NULL;
    l->size = size;
    l->ang = ang;
    l->axis = own;
    l->tick = opt;
    if (opt) {
        /* Labels of two axes less than one and a half text heights
         * apart read as one number ("10 10" at a corner, where the rim's
         * clearance sets them off diagonally); neighbours on one axis
         * may come to half a text height. */
        for (size_t k = 0; k < d->n; k++) {
            ov__box b = l->box;
            double m = (d->lab[k].axis == own ? 0.25 : 0.75) * s->v.fs_tick;
            b.x0 -= m; b.y0 -= m; b.x1 += m; b.y1 += m;
            ov__box o = d->lab[k].box;
            o.x0 -= m; o.y0 -= m; o.x1 += m; o.y1 += m;
            if (boxes_meet(&b, &o))
                return NULL;
        }
        /* An x or y label in the z labels' column reads as a height. */
        if (own != 2 && !ov__box_is_empty(&d->zcol) &&
            boxes_meet(&l->box, &d->zcol))
            return NULL;
        ov__box b = l->box;
        double m = 1.5 * s->v.s;
        b.x0 -= m; b.y0 -= m; b.x1 += m; b.y1 += m;
        for (int e = 0; e < 3; e++) {
            if (e == own)
                continue;
            double x0 = d->edge[e][0], y0 = d->edge[e][1];
            double x1 = d->edge[e][2], y1 = d->edge[e][3];
            if (ov__clip_segment(b, &x0, &y0, &x1, &y1))
                return NULL;
        }
    }
    snprintf(l->text, sizeof l->text, "%s", t);
    d->n++;
    return l;
}

/* How far the labels d->lab[from..] reach from the edge through (ax, ay)
 * with screen direction (ex, ey), measured along (dx, dy): the label
 * boxes' corners are carried back to the edge line along that direction. */
static double
reach(const deco *d, size_t from, double ax, double ay, double ex, double ey,
      double dx, double dy)
{
    double den = dx * ey - dy * ex, r = 0.0;
    if (fabs(den) < 1e-6)
        return 0.0;
    for (size_t k = from; k < d->n; k++) {
        const ov__box *b = &d->lab[k].box;
        double xs[2] = { b->x0, b->x1 }, ys[2] = { b->y0, b->y1 };
        for (int c = 0; c < 4; c++)
            r = fmax(r, ((xs[c & 1] - ax) * ey - (ys[c >> 1] - ay) * ex) / den);
    }
    return r;
}

/*
 * The front edges of the box with their tick marks and labels, for the
 * camera in force.  Labels sit across their edge, away from the box (the
 * screen direction of the other horizontal axis), the z labels beside the
 * vertical edge; the axis names beyond the labels.
 */
static void
axes_deco(const surf *s, deco *d)
{
    const ov__view *v = &s->v;
    double du = s->ce * s->ca, dv = s->ce * s->sa;
    double fu = du > 0 ? 1.0 : -1.0, fv = dv > 0 ? 1.0 : -1.0;
    double H = HBOX, sc = v->s, tl = 4.0 * sc, gap = tl + 3.0 * sc;
    char buf[48];
    d->n = d->nt = 0;
    d->zcol = ov__box_empty();
    proj(s, -1, fv, -H, &d->edge[0][0], &d->edge[0][1]);
    proj(s, 1, fv, -H, &d->edge[0][2], &d->edge[0][3]);
    proj(s, fu, -1, -H, &d->edge[1][0], &d->edge[1][1]);
    proj(s, fu, 1, -H, &d->edge[1][2], &d->edge[1][3]);
    proj(s, fu, -fv, -H, &d->edge[2][0], &d->edge[2][1]);
    proj(s, fu, -fv, H, &d->edge[2][2], &d->edge[2][3]);
    /* The rim: the front edges and the two top edges from the z edge's
     * top, where a marker held at the box (a run off the domain, or one
     * at a corner of it) or its floor shadow may sit beside a label. */
    memcpy(d->rim, d->edge, sizeof d->edge);
    memcpy(d->rim[3], d->edge[2] + 2, 2 * sizeof(double));
    proj(s, -fu, -fv, H, &d->rim[3][2], &d->rim[3][3]);
    memcpy(d->rim[4], d->edge[2] + 2, 2 * sizeof(double));
    proj(s, fu, fv, H, &d->rim[4][2], &d->rim[4][3]);
    d->nrim = 5;

    /* z first: its labels are the ones the corners must not hide. */
    double ox, oy, zx, zy;
    proj(s, 0, 0, 0, &ox, &oy);
    proj(s, fu, -fv, 0, &zx, &zy);
    double side = zx < ox ? -1.0 : 1.0;
    size_t zfirst = d->n;
    for (size_t i = 0; i < s->nft; i++) {
        double x, y;
        proj(s, fu, -fv, nw(s, s->ft[i]), &x, &y);
        double *t = d->tick[d->nt++];
        t[0] = x; t[1] = y; t[2] = x + side * tl; t[3] = y;
        put_label(s, d, s->fl[i], x, y, side, 0.0, gap, v->fs_tick, 0.0, 1, 2);
    }
    /* The z labels' column: across them, and below the lowest by their
     * spacing (at least two text heights), where the next would be. */
    {
        ov__box c = ov__box_empty();
        double cy0 = INFINITY, cy1 = -INFINITY;
        size_t nz = d->n - zfirst;
        for (size_t k = zfirst; k < d->n; k++) {
            ov__box_union(&c, d->lab[k].box);
            cy0 = fmin(cy0, d->lab[k].y);
            cy1 = fmax(cy1, d->lab[k].y);
        }
        if (nz > 0) {
            double gap = nz > 1 ? (cy1 - cy0) / (double)(nz - 1) : 0.0;
            c.y1 += fmax(2.0 * 0.74 * v->fs_tick, gap);
            d->zcol = c;
        }
    }
    double zr = reach(d, zfirst, zx, zy, 0.0, 1.0, side, 0.0);
    put_label(s, d, v->zname, zx, zy, side, 0.0,
              fmax(zr, gap) + 5.0 * sc, v->fs_label, -M_PI / 2.0, 0, 2);

    /* x along v = fv, labels towards +fv; y along u = fu, towards +fu */
    for (int ax = 0; ax < 2; ax++) {
        double dx, dy;
        if (ax == 0)
            screen_dir(s, 0, fv, 0, &dx, &dy);
        else
            screen_dir(s, fu, 0, 0, &dx, &dy);
        size_t n = ax == 0 ? s->nxt : s->nyt, first = d->n;
        for (size_t i = 0; i < n; i++) {
            double x, y;
            if (ax == 0) {
                proj(s, nu(s, s->xt[i]), fv, -H, &x, &y);
                ov__format_tick(buf, sizeof buf, s->xt[i], s->xstep);
            } else {
                proj(s, fu, nv(s, s->yt[i]), -H, &x, &y);
                ov__format_tick(buf, sizeof buf, s->yt[i], s->ystep);
            }
            double *t = d->tick[d->nt++];
            t[0] = x; t[1] = y; t[2] = x + dx * tl; t[3] = y + dy * tl;
            put_label(s, d, buf, x, y, dx, dy, gap, v->fs_tick, 0.0, 1, ax);
        }
        double mx, my;
        if (ax == 0)
            proj(s, 0, fv, -H, &mx, &my);
        else
            proj(s, fu, 0, -H, &mx, &my);
        double ex = d->edge[ax][2] - d->edge[ax][0];
        double ey = d->edge[ax][3] - d->edge[ax][1], el = hypot(ex, ey);
        double r = el > 1e-9 ? reach(d, first, mx, my, ex / el, ey / el, dx, dy)
                             : 0.0;
        put_label(s, d, ax == 0 ? v->xname : v->yname, mx, my, dx, dy,
                  fmax(r, gap) + 5.0 * sc, v->fs_label, 0.0, 0, ax);
    }
}

/* The box's corners and the labels, over every azimuth shown. */
static ov__box
deco_extent(surf *s)
{
    ov__box b = ov__box_empty();
    int na = s->rotate ? 24 : 1;
    deco *d = ov__malloc(sizeof *d);
    for (int k = 0; k < na; k++) {
        camera(s, s->elev0, s->azim0 + 360.0 * k / na);
        for (int c = 0; c < 8; c++) {
            double x, y;
            proj(s, c & 1 ? 1 : -1, c & 2 ? 1 : -1, c & 4 ? HBOX : -HBOX,
                 &x, &y);
            ov__box_add(&b, x, y, 1.0);
        }
        if (d) {
            axes_deco(s, d);
            for (size_t i = 0; i < d->n; i++)
                ov__box_union(&b, d->lab[i].box);
        }
    }
    ov__free(d);
    camera(s, s->elev0, s->azim0);
    return b;
}

/*
 * Height ticks, labelled with the loss: 4 to 6 of them while they stay 1.5
 * text heights apart on screen (fewer only when the box is too low), at
 * most 6.  Even steps of the z scale when their labels are round (the loss
 * for linear, squares of round steps for sqrt, whole decades for log),
 * else round values of the loss placed on the scale.
 */
static void
z_ticks(surf *s)
{
    const ov__zmap *m = &s->zm;
    double r = s->zhi - s->zlo;
    double ppz = s->S * 2.0 * HBOX * s->ce / (s->zt - s->zb);
    double sep = 1.5 * s->v.fs_tick, lo = s->zlo - 0.02 * r;
    /* The z edge reaches down to the floor: when the surface's own span
     * has too few round steps, ticks may go below it (not below 0 for a
     * loss that is never negative). */
    double ext = s->zb;
    if (m->kind != OV_ZSCALE_LOG && s->zlo >= 0.0)
        ext = fmax(ext, 0.0);
    int even = m->kind == OV_ZSCALE_LINEAR || m->shift == 0.0;
    size_t best = 0;
    double bstep = 1.0;
    for (int k = 0; even && k < 24; k++) {
        int target = 2 + k % 12;
        double t[MAX_TICKS], step, from = k < 12 ? lo : ext;
        if (k == 12 && best >= 4)
            break;
        size_t n = ov__ticks(from, s->zhi, target, t, MAX_TICKS, &step);
        if (n > 6 || step * ppz < sep) {
            k = k < 12 ? 11 : 23;
            continue;
        }
        double q = step / pow(10.0, floor(log10(step) + 1e-9));
        if (m->kind == OV_ZSCALE_LOG && fabs(step - round(step)) > 1e-9)
            continue;
        /* Squares of steps of 2.5 are not round. */
        if (m->kind == OV_ZSCALE_SQRT && fabs(q - 2.5) < 1e-9)
            continue;
        if (n > best || (k < 12 && n == best)) {
            best = n;
            bstep = step;
            memcpy(s->ft, t, n * sizeof *t);
        }
    }
    s->nft = best;
    if (best >= 4 || (m->kind == OV_ZSCALE_LINEAR && best >= 2)) {
        for (size_t i = 0; i < s->nft; i++) {
            double f = ov__f_of(m, s->ft[i]);
            if (m->kind == OV_ZSCALE_LINEAR)
                ov__format_tick(s->fl[i], sizeof s->fl[i], f, bstep);
            else if (m->kind == OV_ZSCALE_SQRT)
                ov__format_tick(s->fl[i], sizeof s->fl[i], f,
                                bstep * bstep);
            else
                ov__format_sig(s->fl[i], sizeof s->fl[i], f, 3);
        }
        return;
    }
    double t[MAX_TICKS];
    char l[MAX_TICKS][32];
    size_t n = ov__round_ticks(m, lo, s->zhi, ppz, sep, 6, t, l);
    if (n > best || m->kind == OV_ZSCALE_LINEAR) {
        s->nft = n;
        memcpy(s->ft, t, n * sizeof *t);
        memcpy(s->fl, l, sizeof l);
        return;
    }
    for (size_t i = 0; i < s->nft; i++)
        ov__format_sig(s->fl[i], sizeof s->fl[i], ov__f_of(m, s->ft[i]), 3);
}


/* Width of the colorbar with its ticks, labels and name. */
static double
colorbar_width(const surf *s)
{
    const ov__view *v = &s->v;
    double maxw = ov__colorbar_label_width(&s->cb, v->meas, v->fs_tick);
    return s->cb.w + 7.0 * v->s + maxw + 6.0 * v->s + 1.1 * v->fs_label;
}

/*
 * Layout: the box scaled as large as the figure allows with its labels
 * around it, the colorbar close beside them (the box, labels and colorbar
 * centred as one group), about three quarters of the box's height.  The
 * label margins hardly depend on the scale, so a few passes settle it.
 */
static int
layout(surf *s, int colorbar)
{
    const ov__view *v = &s->v;
    double sc = v->s;
    double X0 = ceil(8.0 * sc), X1 = floor(v->W - 8.0 * sc);
    double Y0 = ceil(10.0 * sc + 1.2 * v->fs_title + 4.0 * sc);
    double Y1 = floor(v->H - 6.0 * sc);
    double mx0, mx1, my0, my1;
    box_extent(s, &mx0, &mx1, &my0, &my1);
    double bw = mx1 - mx0, bh = my1 - my0;
    s->cb.w = colorbar ? round(14.0 * sc) : 0.0;
    s->cb.h = 0.7 * (Y1 - Y0);
    s->cb.y = Y0;
    double gapc = colorbar ? 16.0 * sc : 0.0;
    double C = 0.0;
    if (colorbar) {
        ov__colorbar_ticks(&s->cb, s->bound, s->nb, &s->zm, s->v.fs_tick);
        C = gapc + colorbar_width(s);
    }
    double dl = 45.0 * sc, dr = 45.0 * sc, dt = 10.0 * sc, db = 30.0 * sc;
    double left = X0, top = Y0;
    for (int pass = 0; pass < 3; pass++) {
        double S = s->fit * fmin((X1 - X0 - C - dl - dr) / bw,
                                 (Y1 - Y0 - dt - db) / bh);
        if (!(S > 4.0))
            return 0;
        s->S = S;
        double G = dl + S * bw + dr + C, T = dt + S * bh + db;
        left = X0 + 0.5 * (X1 - X0 - G);
        /* a box drawn smaller for the legend sinks to the bottom: the
         * legend's free corner is above it */
        top = Y0 + (s->fit < 1.0 ? 1.0 : 0.5) * (Y1 - Y0 - T);
        s->cx = round(left + dl - S * mx0);
        s->cy = round(top + dt + S * my1);
        z_ticks(s);
        ov__box e = deco_extent(s);
        dl = fmax(0.0, s->cx + S * mx0 - e.x0);
        dr = fmax(0.0, e.x1 - (s->cx + S * mx1));
        dt = fmax(0.0, s->cy - S * my1 - e.y0);
        db = fmax(0.0, e.y1 - (s->cy - S * my0));
    }
    s->px = left;
    s->pw = dl + s->S * bw + dr;
    s->py = Y0;
    s->ph = Y1 - Y0;
    if (colorbar) {
        /* Centred on the box, not on its labels. */
        double bc = s->cy - s->S * 0.5 * (my0 + my1);
        s->cb.h = round(fmin(0.75 * s->S * bh, Y1 - Y0));
        s->cb.y = round(fmin(fmax(bc - 0.5 * s->cb.h, Y0), Y1 - s->cb.h));
        s->cb.x = round(s->px + s->pw + gapc);
        ov__colorbar_ticks(&s->cb, s->bound, s->nb, &s->zm, s->v.fs_tick);
    }
    return 1;
}

/* The box's own square on screen, centred on its centre. */
static void
set_area(surf *s)
{
    double mx0, mx1, my0, my1;
    box_extent(s, &mx0, &mx1, &my0, &my1);
    double hw = ceil(s->S * fmax(-mx0, mx1)), hh = ceil(s->S * fmax(-my0, my1));
    s->v.area[0] = s->cx - hw;
    s->v.area[1] = s->cy - hh;
    s->v.area[2] = 2.0 * hw;
    s->v.area[3] = 2.0 * hh;
}

static void
surface_project(const ov__view *v, double x, double y, double f,
                    double *px, double *py)
{
    const surf *s = (const surf *)v;
    proj(s, nu(s, x), nv(s, y), nw(s, ov__z_of(&s->zm, f)), px, py);
}

static uint32_t
surface_band_color(const ov__view *v, double f)
{
    const surf *s = (const surf *)v;
    double z = ov__z_of(&s->zm, f);
    double b = floor((z - s->bound[0]) / s->zstep);
    if (!(b >= 0.0))
        b = 0.0;
    if (b >= (double)s->nb)
        b = (double)s->nb - 1;
    return s->band[(size_t)b];
}

static size_t
surface_labels(const ov__view *v, double (*box)[4], int *axis,
                   int *tick, size_t cap)
{
    deco *d = ov__malloc(sizeof *d);
    if (!d)
        return 0;
    surf *s = (surf *)v;
    axes_deco(s, d);
    for (size_t i = 0; i < d->n && i < cap; i++) {
        box[i][0] = d->lab[i].box.x0;
        box[i][1] = d->lab[i].box.y0;
        box[i][2] = d->lab[i].box.x1;
        box[i][3] = d->lab[i].box.y1;
        axis[i] = d->lab[i].axis;
        tick[i] = d->lab[i].tick;
    }
    size_t n = d->n;
    ov__free(d);
    return n;
}

static void
surface_scale(const ov__view *v, const ov__zmap **m, const uint32_t **band,
                  const char **zname)
{
    const surf *s = (const surf *)v;
    *m = &s->zm;
    *band = s->band;
    *zname = v->zname;
}

static size_t
surface_bands(const ov__view *v, const double **bound)
{
    const surf *s = (const surf *)v;
    *bound = s->bound;
    return s->nb;
}

/* ---- background --------------------------------------------------------- */

static void
line3(const surf *s, cairo_t *cr, double u0, double v0, double w0, double u1,
      double v1, double w1)
{
    double x, y;
    proj(s, u0, v0, w0, &x, &y);
    cairo_move_to(cr, x, y);
    proj(s, u1, v1, w1, &x, &y);
    cairo_line_to(cr, x, y);
}

/* Panes behind the surface, with grid lines at the ticks. */
static void
draw_panes(const surf *s, cairo_t *cr)
{
    const ov__view *v = &s->v;
    double du = s->ce * s->ca, dv = s->ce * s->sa;
    double bu = du > 0 ? -1.0 : 1.0, bv = dv > 0 ? -1.0 : 1.0;
    double H = HBOX, x, y;
    /* floor, wall u = bu, wall v = bv */
    double quads[3][4][3] = {
        { { -1, -1, -H }, { 1, -1, -H }, { 1, 1, -H }, { -1, 1, -H } },
        { { bu, -1, -H }, { bu, 1, -H }, { bu, 1, H }, { bu, -1, H } },
        { { -1, bv, -H }, { 1, bv, -H }, { 1, bv, H }, { -1, bv, H } },
    };
    /* The floor's contour covers the floor pane and its grid lines. */
    cairo_save(cr);
    if (s->rotate && v->raster) {
        /* aliased like the rest of a rotating frame, and much cheaper */
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    }
    for (int q = 1; q < 3; q++) {
        cairo_new_path(cr);
        for (int k = 0; k < 4; k++) {
            proj(s, quads[q][k][0], quads[q][k][1], quads[q][k][2], &x, &y);
            if (k == 0)
                cairo_move_to(cr, x, y);
            else
                cairo_line_to(cr, x, y);
        }
        cairo_close_path(cr);
        ov__set_rgb(cr, v->tc.pane, 1.0);
        cairo_fill_preserve(cr);
        ov__set_rgb(cr, v->tc.grid, 1.0);
        cairo_set_line_width(cr, 0.8 * v->s);
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
    for (size_t i = 0; i < s->nxt; i++) {
        double u = nu(s, s->xt[i]);
        line3(s, cr, u, bv, -H, u, bv, H);
    }
    for (size_t i = 0; i < s->nyt; i++) {
        double w = nv(s, s->yt[i]);
        line3(s, cr, bu, w, -H, bu, w, H);
    }
    for (size_t i = 0; i < s->nft; i++) {
        double w = nw(s, s->ft[i]);
        line3(s, cr, bu, -1, w, bu, 1, w);
        line3(s, cr, -1, bv, w, 1, bv, w);
    }
    ov__set_rgb(cr, v->tc.grid, 1.0);
    cairo_set_line_width(cr, 0.8 * v->s);
    cairo_stroke(cr);
    cairo_restore(cr);
}

static void
draw_floor(const surf *s, cairo_t *cr)
{
    double x, y;
    cairo_save(cr);
    cairo_new_path(cr);
    for (int k = 0; k < 4; k++) {
        proj(s, k == 1 || k == 2 ? 1 : -1, k >= 2 ? 1 : -1, -HBOX, &x, &y);
        if (k == 0)
            cairo_move_to(cr, x, y);
        else
            cairo_line_to(cr, x, y);
    }
    cairo_close_path(cr);
    cairo_clip_preserve(cr);
    ov__set_rgb(cr, s->floorc[0], 1.0);
    cairo_fill(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    size_t r = 0;
    for (size_t b = 1; b < s->nb; b++) {
        cairo_new_path(cr);
        for (; r < s->nrings && s->rings[r].band == b; r++) {
            const double *p = s->floor_xy + 2 * s->rings[r].first;
            for (size_t k = 0; k < s->rings[r].n; k++) {
                proj(s, nu(s, p[2 * k]), nv(s, p[2 * k + 1]), -HBOX, &x, &y);
                if (k == 0)
                    cairo_move_to(cr, x, y);
                else
                    cairo_line_to(cr, x, y);
            }
            cairo_close_path(cr);
        }
        ov__set_rgb(cr, s->floorc[b], 1.0);
        cairo_fill(cr);
    }
    cairo_restore(cr);
}

/*
 * A rotating surface's floor: the floor's bands drawn once, aliased, on a
 * texture in (u, v), and mapped each frame by the floor's projection
 * (affine: the floor is a plane) - one fill per frame instead of one per
 * band with every ring projected again.
 */
static void
draw_floor_tex(surf *s, cairo_t *cr)
{
    int T = (int)ceil(2.0 * s->S);
    T = T < 64 ? 64 : T > 2048 ? 2048 : T;
    if (!s->floor_tex) {
        s->floor_tex = cairo_image_surface_create(CAIRO_FORMAT_RGB24, T, T);
        cairo_t *ct = cairo_create(s->floor_tex);
        cairo_set_antialias(ct, CAIRO_ANTIALIAS_NONE);
        ov__set_rgb(ct, s->floorc[0], 1.0);
        cairo_paint(ct);
        cairo_set_fill_rule(ct, CAIRO_FILL_RULE_WINDING);
        size_t r = 0;
        for (size_t b = 1; b < s->nb; b++) {
            cairo_new_path(ct);
            for (; r < s->nrings && s->rings[r].band == b; r++) {
                const double *p = s->floor_xy + 2 * s->rings[r].first;
                for (size_t k = 0; k < s->rings[r].n; k++) {
                    double x = 0.5 * (nu(s, p[2 * k]) + 1.0) * T;
                    double y = 0.5 * (nv(s, p[2 * k + 1]) + 1.0) * T;
                    if (k == 0)
                        cairo_move_to(ct, x, y);
                    else
                        cairo_line_to(ct, x, y);
                }
                cairo_close_path(ct);
            }
            ov__set_rgb(ct, s->floorc[b], 1.0);
            cairo_fill(ct);
        }
        cairo_destroy(ct);
    }
    double x00, y00, x10, y10, x01, y01, x11, y11;
    proj(s, -1, -1, -HBOX, &x00, &y00);
    proj(s, 1, -1, -HBOX, &x10, &y10);
    proj(s, -1, 1, -HBOX, &x01, &y01);
    proj(s, 1, 1, -HBOX, &x11, &y11);
    cairo_matrix_t m;
    cairo_matrix_init(&m, (x10 - x00) / T, (y10 - y00) / T, (x01 - x00) / T,
                      (y01 - y00) / T, x00, y00);
    if (cairo_matrix_invert(&m) != CAIRO_STATUS_SUCCESS)
        return;   /* seen edge-on */
    cairo_pattern_t *pat = cairo_pattern_create_for_surface(s->floor_tex);
    cairo_pattern_set_matrix(pat, &m);
    cairo_pattern_set_filter(pat, CAIRO_FILTER_NEAREST);
    cairo_pattern_set_extend(pat, CAIRO_EXTEND_PAD);
    cairo_save(cr);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    cairo_new_path(cr);
    cairo_move_to(cr, x00, y00);
    cairo_line_to(cr, x10, y10);
    cairo_line_to(cr, x11, y11);
    cairo_line_to(cr, x01, y01);
    cairo_close_path(cr);
    cairo_set_source(cr, pat);
    cairo_fill(cr);
    cairo_restore(cr);
    cairo_pattern_destroy(pat);
}

/* ---- what lies on the surface --------------------------------------------- */

/* The point at @p t of the segment a-b of the box, draped on the surface
 * (or on the floor), with whether the surface leaves it in sight. */
static int
seg_point(const surf *s, const double *a, const double *b, double t,
          int floor, double *x, double *y)
{
    double u = a[0] + t * (b[0] - a[0]), v = a[1] + t * (b[1] - a[1]);
    double w = floor ? -HBOX
             : t <= 0.0 ? a[2] : t >= 1.0 ? b[2] : ov__surf_height(s, u, v);
    proj(s, u, v, w, x, y);
    return floor ? !ov__surf_hidden(s, u, v, w)
                 : !ov__surf_hidden_on(s, u, v, w);
}

/*
 * Adds to @p cr's path the parts of the segment a-b (box coordinates) in
 * sight: draped on the surface as drawn (or along the floor with
 * @p floor), cut into pieces of at most 3 pixels and half a mesh cell,
 * each piece tested against the depth buffer and the ends of what is in
 * sight found by bisection.  @return whether anything was added.
 */
static int
drape(const surf *s, cairo_t *cr, const double *a, const double *b,
      int floor)
{
    double xa, ya, xb, yb;
    proj(s, a[0], a[1], floor ? -HBOX : a[2], &xa, &ya);
    proj(s, b[0], b[1], floor ? -HBOX : b[2], &xb, &yb);
    double duv = fmax(fabs(b[0] - a[0]), fabs(b[1] - a[1]));
    double m = ceil(fmax(hypot(xb - xa, yb - ya) / 3.0,
                         floor ? 0.0 : duv * (s->mn - 1)));
    int n = m < 1.0 ? 1 : m > 4096.0 ? 4096 : (int)m;
    int pen = 0, any = 0, was = 0;
    double x, y, tp = 0.0;
    for (int k = 0; k <= n; k++) {
        double t = (double)k / n;
        int in = seg_point(s, a, b, t, floor, &x, &y);
        if (k > 0 && in != was) {
            /* where the sight changes between tp and t */
            double lo = tp, hi = t, bx, by;
            for (int it = 0; it < 6; it++) {
                double mid = 0.5 * (lo + hi);
                if (seg_point(s, a, b, mid, floor, &bx, &by) == was)
                    lo = mid;
                else
                    hi = mid;
            }
            seg_point(s, a, b, was ? lo : hi, floor, &bx, &by);
            if (was) {
                cairo_line_to(cr, bx, by);
                pen = 0;
            } else {
                cairo_move_to(cr, bx, by);
                pen = 1;
            }
        }
        if (in) {
            if (pen)
                cairo_line_to(cr, x, y);
            else
                cairo_move_to(cr, x, y);
            pen = 1;
            any |= k > 0;
        }
        was = in;
        tp = t;
    }
    return any;
}

/* --wireframe: every few mesh lines (about 32 a side) over the surface,
 * where in sight. */
static void
draw_wire(const surf *s, cairo_t *cr)
{
    int n = s->mn, step = (n - 1) / 32 > 1 ? (n - 1) / 32 : 1;
    cairo_new_path(cr);
    for (int dir = 0; dir < 2; dir++)
        for (int j = 0; j < n; j += step) {
            int pen = 0;
            for (int i = 0; i < n; i++) {
                int ii = dir ? j : i, jj = dir ? i : j;
                double u = -1.0 + 2.0 * ii / (n - 1);
                double v = -1.0 + 2.0 * jj / (n - 1);
                double w = nw(s, s->mz[(size_t)jj * (size_t)n + (size_t)ii]);
                double x, y;
                if (ov__surf_hidden(s, u, v, w)) {
                    pen = 0;
                    continue;
                }
                proj(s, u, v, w, &x, &y);
                if (pen)
                    cairo_line_to(cr, x, y);
                else
                    cairo_move_to(cr, x, y);
                pen = 1;
            }
        }
    cairo_set_source_rgba(cr, 0.0, 0.0, 0.0, 0.35);
    cairo_set_line_width(cr, 0.6 * s->v.s);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
}

/* Front edges, ticks and axis names. */
static void
draw_axes3(const surf *s, ov__pen *pn)
{
    const ov__view *v = &s->v;
    cairo_t *cr = pn->cr;
    deco *d = ov__malloc(sizeof *d);
    if (!d)
        return;
    axes_deco(s, d);
    ov__set_rgb(cr, v->tc.axis, 1.0);
    cairo_set_line_width(cr, 1.0 * v->s);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_new_path(cr);
    for (int e = 0; e < 3; e++) {
        cairo_move_to(cr, d->edge[e][0], d->edge[e][1]);
        cairo_line_to(cr, d->edge[e][2], d->edge[e][3]);
    }
    cairo_stroke(cr);
    cairo_set_line_width(cr, 0.8 * v->s);
    for (size_t k = 0; k < d->nt; k++) {
        cairo_move_to(cr, d->tick[k][0], d->tick[k][1]);
        cairo_line_to(cr, d->tick[k][2], d->tick[k][3]);
    }
    cairo_stroke(cr);
    for (size_t k = 0; k < d->n; k++) {
        const label *l = &d->lab[k];
        ov__text(pn, l->text, l->x, l->y, l->size, l->ang, 0.5, v->tc.text,
                 1.0);
    }
    ov__free(d);
}

static void
draw_colorbar(const surf *s, ov__pen *pn)
{
    const ov__view *v = &s->v;
    ov__cb_style st = { v->s, v->fs_tick, v->fs_label, &v->tc, v->meas, 1 };
    ov__colorbar_draw(&s->cb, pn, s->bound, s->band, s->nb, s->cbname, &st);
}

/* The colour bar and a fixed title. */
static void
draw_still_parts(const surf *s, ov__pen *pn)
{
    const ov__view *v = &s->v;
    draw_colorbar(s, pn);
    if (ov__view_fixed_title(v))
        ov__view_title(v, pn, v->title, s->cx, 0.5 * s->py);
}

static ov_status
surf_background(ov__view *v, ov__pen *pn, long step)
{
    surf *s = (surf *)v;
    cairo_t *cr = pn->cr;
    camera(s, s->elev0, azim_at(s, step));
    ov__set_rgb(cr, v->tc.bg, 1.0);
    cairo_paint(cr);
    draw_panes(s, cr);
    if (s->rotate && v->raster)
        draw_floor_tex(s, cr);
    else
        draw_floor(s, cr);
    /* Samples a pixel: one when rotating (aliased, redrawn every frame,
     * for a GIF's palette), 3 x 3 on a raster still (2 x 2 past a
     * megapixel, where pixels are small), 2 x 2 for a vector file's
     * image (its PNG compresses better). */
    int ss = s->rotate && v->raster ? 1
           : v->raster && (double)v->W * v->H <= 1e6 ? 3 : 2;
    ov_status st = ov__surf_draw_mesh(s, cr, ss);
    if (st)
        return st;
    if (s->wire)
        draw_wire(s, cr);
    draw_axes3(s, pn);
    if (s->rotate && v->raster) {
        /* What the camera does not move, drawn once. */
        if (!s->still_layer) {
            s->still_layer = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                                        v->W, v->H);
            cairo_t *cs = cairo_create(s->still_layer);
            ov__pen ps = { cs, NULL };
            draw_still_parts(s, &ps);
            cairo_destroy(cs);
        }
        cairo_set_source_surface(cr, s->still_layer, 0, 0);
        cairo_paint(cr);
    } else {
        draw_still_parts(s, pn);
    }
    return cairo_status(cr) ? OV_ERR_RENDER : OV_OK;
}

/* ---- trails and overlay ------------------------------------------------- */

/*
 * Rows (from, to], step-major.  A step draws its segment's shadow on the
 * floor, the segment's dark casing, then the colour of the segment and of
 * the three before it again: the casing goes once under the line, so an
 * oscillating path (adam) stays its colour instead of turning into a
 * black tube.  Everything is draped on the surface and drawn only where
 * in sight (see drape()).
 */
#define RESTROKE 3

/*
 * Every series' path up to @p to as one polyline: the shadows, then all
 * the casings, then all the colours, as matplotlib strokes a line with a
 * path effect.  For what is drawn whole each time: a vector still and
 * each frame of a rotating surface (where it also costs three strokes a
 * series instead of three a step).
 */
static void
draw_paths(surf *s, cairo_t *cr, long to, long win)
{
    ov__view *v = &s->v;
    double sc = v->s;
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    /* At these widths a bevel looks the same as a round join, and costs
     * a fraction on a path of many short pieces. */
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL);
    for (int layer = 0; layer < 3; layer++) {
        /* the casings of every series in one stroke, under every colour */
        int any = 0;
        cairo_new_path(cr);
        for (size_t i = 0; i < v->n; i++) {
            size_t first = ov__view_first_row(v, i, win);
            if (layer != 1) {
                cairo_new_path(cr);
                any = 0;
            }
            for (long k = (long)first + 1; k <= to && (size_t)k < v->nrows[i];
                 k++)
                any |= drape(s, cr, s->P[i] + 3 * (k - 1), s->P[i] + 3 * k,
                             layer == 0);
            /* the casings in one stroke while they share a colour */
            if (!any || (layer == 1 && i + 1 < v->n &&
                         v->casing[i + 1] == v->casing[i]))
                continue;
            ov__set_rgb(cr, layer == 0 ? s->shadowc[i]
                          : layer == 1 ? v->casing[i] : v->color[i], 1.0);
            cairo_set_line_width(cr, (layer == 0 ? 1.4 : layer == 1 ? 2.9
                                                                  : 1.6) * sc);
            cairo_stroke(cr);
        }
    }
}

static void
surf_vector_trails(ov__view *v, cairo_t *cr, long step)
{
    surf *s = (surf *)v;
    camera(s, s->elev0, azim_at(s, step));
    draw_paths(s, cr, step, step);
}

static void
surf_rows(ov__view *v, cairo_t *cr, long from, long to, long win,
          const ov__box *only, ov__box *bb)
{
    (void)only;
    surf *s = (surf *)v;
    double sc = v->s;
    camera(s, s->elev0, azim_at(s, to));
    if (s->rotate) {
        /* drawn whole each frame (after its background) */
        draw_paths(s, cr, to, win);
        return;
    }
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (long k = from + 1; k <= to; k++) {
        if (k < 1)
            continue;
        for (size_t i = 0; i < v->n; i++) {
            size_t first = ov__view_first_row(v, i, win);
            if ((size_t)k >= v->nrows[i] || (size_t)k < first)
                continue;
            const double *a = s->P[i] + 3 * (k - 1), *b = s->P[i] + 3 * k;
            cairo_new_path(cr);
            if (drape(s, cr, a, b, 1)) {
                ov__set_rgb(cr, s->shadowc[i], 1.0);
                cairo_set_line_width(cr, 1.4 * sc);
                cairo_stroke(cr);
            }
            cairo_new_path(cr);
            if (drape(s, cr, a, b, 0)) {
                ov__set_rgb(cr, v->casing[i], 1.0);
                cairo_set_line_width(cr, 2.9 * sc);
                cairo_stroke(cr);
            }
            /* Under a --trail window a row must draw the same whatever
             * the window (rows leaving it are restored by drawing the
             * rows kept again), so it strokes only its own segment. */
            long j0 = v->trail > 0 ? k : k - RESTROKE;
            if (j0 < 1)
                j0 = 1;
            cairo_new_path(cr);
            int any = 0;
            for (long j = j0; j <= k; j++)
                any |= drape(s, cr, s->P[i] + 3 * (j - 1), s->P[i] + 3 * j, 0);
            if (any) {
                ov__set_rgb(cr, v->color[i], 1.0);
                cairo_set_line_width(cr, 1.6 * sc);
                cairo_stroke(cr);
            }
            if (bb) {
                double pad = 4.0 * sc + 2.0, x, y;
                for (long j = j0 - 1; j <= k; j++) {
                    const double *p = s->P[i] + 3 * j;
                    proj(s, p[0], p[1], p[2], &x, &y);
                    ov__box_add(bb, x, y, pad);
                }
                for (int e = 0; e < 2; e++) {
                    const double *p = e ? b : a;
                    proj(s, p[0], p[1], -HBOX, &x, &y);
                    ov__box_add(bb, x, y, pad);
                }
            }
        }
    }
}

/* What a legend must not hide, for the camera of the last step: the
 * paths (with their shadows), the minimum stars, every tick label and
 * axis name (a legend in a free-looking corner lands on the z labels,
 * which stand beside the box at the plot's edge) and the surface with its
 * floor. */
static ov_status
legend_occupancy(surf *s, ov__occ *occ)
{
    ov__view *v = &s->v;
    ov_status st = ov__view_occupancy(v, occ, 2.0 * v->s);
    deco *d = st ? NULL : ov__malloc(sizeof *d);
    cairo_surface_t *m = NULL;
    if (!st && d)
        m = cairo_image_surface_create(CAIRO_FORMAT_A8, v->W, v->H);
    cairo_t *cr = m ? cairo_create(m) : NULL;
    if (!st && (!d || !cr || cairo_status(cr)))
        st = OV_ERR_NOMEM;
    if (!st) {
        camera(s, s->elev0, azim_at(s, v->last_step));
        double r = 8.0 * v->s, x, y;
        for (size_t i = 0; i < s->nmin; i++) {
            const double *p = s->minp + 3 * i;
            proj(s, p[0], p[1], p[2], &x, &y);
            ov__occ_mark_box(occ, (ov__box){ x - r, y - r, x + r, y + r });
        }
        axes_deco(s, d);
        for (size_t k = 0; k < d->n; k++)
            ov__occ_mark_box(occ, d->lab[k].box);
        ov__surf_footprint(s, cr);
        ov__occ_mark_mask(occ, m, 1.0 * v->s);
    }
    if (cr)
        cairo_destroy(cr);
    if (m)
        cairo_surface_destroy(m);
    ov__free(d);
    return st;
}

/* The legend goes where it hides nothing: where it hides the least in
 * the plot (the shared occupancy choice), else a free spot anywhere left
 * of the colour bar with smaller text (the corner above the box's back,
 * outside the axes), else the box drawn smaller (a still: by steps of
 * 12 %, to 60 % of its size) until such a spot appears; at worst where it
 * hides the least. */
static ov_status
place_legend(surf *s, int colorbar)
{
    ov__view *v = &s->v;
    ov__legend best;
    int bestc = -1;
    double bestfit = s->fit;
    ov_status st = OV_OK;
    for (int attempt = 0; !st; attempt++) {
        ov__occ occ;
        if (ov__occ_init(&occ, v->W, v->H, 4.0))
            return OV_ERR_NOMEM;
        st = legend_occupancy(s, &occ);
        int c = 0;
        if (!st) {
            ov__box r = { ceil(8.0 * v->s), s->py, s->px + s->pw,
                          s->py + s->ph };
            st = ov__legend_place_free(v, &s->lg, s->lt, v->n, s->px, s->py,
                                       s->pw, s->ph, &occ, r, &c);
        }
        ov__occ_free(&occ);
        if (st)
            break;
        if (bestc < 0 || c < bestc) {
            best = s->lg;
            bestc = c;
            bestfit = s->fit;
        }
        /* A corner asked for (a grid's one corner) is not searched. */
        if (c == 0 || s->rotate || attempt == 4 || v->legend_corner > 0)
            break;
        s->fit *= 0.88;
        if (!layout(s, colorbar))
            break;
    }
    if (!st && s->fit != bestfit) {
        s->fit = bestfit;
        layout(s, colorbar);
    }
    set_area(s);
    if (bestc >= 0)
        s->lg = best;
    return st;
}

/* A current point's radius at its pixel (x, y): wider than a star it
 * lies on (within 2 px-units of it), so both show. */
static double
marker_r(const surf *s, double x, double y)
{
    double sc = s->v.s, mx, my;
    for (size_t i = 0; i < s->nmin; i++) {
        const double *m = s->minp + 3 * i;
        if (ov__surf_hidden(s, m[0], m[1], m[2]))
            continue;
        proj(s, m[0], m[1], m[2], &mx, &my);
        if (hypot(x - mx, y - my) < 2.0 * sc)
            return 8.0 * sc * (i < s->nglob ? 1.0 : OV__LOCAL_STAR) +
                   1.5 * sc;
    }
    return 5.5 * sc;
}

static void
surf_overlay(ov__view *v, ov__pen *pn, long step)
{
    surf *s = (surf *)v;
    cairo_t *cr = pn->cr;
    double sc = v->s, x, y;
    camera(s, s->elev0, azim_at(s, step));
    /* Markers sit on the surface as drawn; what it hides is not drawn
     * (its shadow on the floor may still show where it is).  A marker
     * stands out of the surface, so unlike a path painted on the top it
     * shows where the top is seen edge-on or from below (a funnel's tip
     * from the side).
     * The stars come after the markers: a run that ends on its minimum
     * shows the star, and its colour as a ring round it (a wider disc,
     * as the contour view draws it). */
    for (size_t i = 0; i < v->n; i++) {
        const double *p = s->P[i] + 3 * ov__view_row(v, i, step);
        if (!ov__surf_hidden(s, p[0], p[1], -HBOX)) {
            proj(s, p[0], p[1], -HBOX, &x, &y);
            ov__circle(cr, x, y, 3.0 * sc, s->shadowc[i], OV__BLACK, 1.0 * sc);
        }
        if (!ov__surf_hidden(s, p[0], p[1], p[2])) {
            proj(s, p[0], p[1], p[2], &x, &y);
            /* A point off the plotted domain is held at the box's edge:
             * a triangle there points where it went (as the contour
             * view marks a path that left the plot). */
            const double *th =
                v->t[i]->rows[ov__view_row(v, i, step)].theta;
            double du = nu(s, th[0]) - p[0], dv = nv(s, th[1]) - p[1];
            double dn = hypot(du, dv), x2, y2;
            if (dn > 1e-9 && isfinite(dn)) {
                proj(s, p[0] + 0.1 * du / dn, p[1] + 0.1 * dv / dn, p[2],
                     &x2, &y2);
                double ux = x2 - x, uy = y2 - y, un = hypot(ux, uy);
                if (un > 1e-9)
                    ov__edge_triangle(cr, x, y, ux / un, uy / un, 6.5 * sc,
                                      v->color[i], v->casing[i], 1.2 * sc);
                else
                    ov__circle(cr, x, y, 5.5 * sc, v->color[i],
                               v->casing[i], 1.6 * sc);
            } else {
                ov__circle(cr, x, y, marker_r(s, x, y), v->color[i],
                           v->casing[i], 1.6 * sc);
            }
        }
    }
    for (size_t i = 0; i < s->nmin; i++) {
        const double *m = s->minp + 3 * i;
        if (ov__surf_hidden(s, m[0], m[1], m[2]))
            continue;
        proj(s, m[0], m[1], m[2], &x, &y);
        ov__star(cr, x, y, 8.0 * sc * (i < s->nglob ? 1.0 : OV__LOCAL_STAR),
                 sc);
    }
    char t[256];
    ov__view_live_title(v, step, t, sizeof t);
    if (t[0])
        ov__view_title(v, pn, t, s->cx, 0.5 * s->py);
    int kind[OV_MAX_SERIES];
    for (size_t i = 0; i < v->n; i++)
        kind[i] = 5;
    ov__legend_draw(v, pn, &s->lg, s->lt, v->color, kind);
}

static size_t
surf_items(ov__view *v, long step, long prev, ov__box *out,
           int *changed, size_t cap)
{
    surf *s = (surf *)v;
    size_t n = 0;
    double sc = v->s, x, y;
    for (size_t i = 0; i < v->n && n + 2 <= cap; i++) {
        const double *p = s->P[i] + 3 * ov__view_row(v, i, step);
        ov__box b = ov__box_empty();
        proj(s, p[0], p[1], p[2], &x, &y);
        ov__box_add(&b, x, y, 10.5 * sc + 1.0);
        out[n++] = b;
        b = ov__box_empty();
        proj(s, p[0], p[1], -HBOX, &x, &y);
        ov__box_add(&b, x, y, 5.0 * sc + 1.0);
        out[n++] = b;
    }
    /* Stars sit above the trails and may be crossed by new segments. */
    for (size_t i = 0; i < s->nmin && n < cap; i++) {
        ov__box b = ov__box_empty();
        proj(s, s->minp[3 * i], s->minp[3 * i + 1], s->minp[3 * i + 2], &x, &y);
        ov__box_add(&b, x, y, 10.0 * sc + 1.0);
        out[n++] = b;
    }
    char t[256];
    ov__view_live_title(v, step, t, sizeof t);
    if (t[0] && n < cap)
        out[n++] = ov__view_title_box(v, t, s->cx, 0.5 * s->py);
    if (!ov__box_is_empty(&s->lg.box) && n < cap) {
        ov__box b = s->lg.box;
        ov__box_add(&b, b.x0, b.y0, 2.0 * sc);
        ov__box_add(&b, b.x1, b.y1, 2.0 * sc);
        out[n++] = b;
    }
    (void)prev;
    return ov__overlay_all_changed(changed, n);
}

static size_t
surf_colors(const ov__view *v, uint32_t *out, size_t cap)
{
    const surf *s = (const surf *)v;
    size_t n = 0;
    /* A rotating surface paints only its shades (aliased); a still's are
     * too many to pin and come from the sample frame. */
    for (size_t i = 0; s->rotate && i < s->nb * (size_t)s->nshade && n < cap;
         i++)
        out[n++] = s->shade[i];
    for (size_t i = 0; i < s->nb && n < cap; i++)
        out[n++] = s->floorc[i];
    for (size_t i = 0; i < s->nb && n < cap; i++)
        out[n++] = s->band[i];
    for (size_t i = 0; i < v->n && n < cap; i++)
        out[n++] = s->shadowc[i];
    if (n < cap)
        out[n++] = v->tc.pane;
    return n;
}

static void
surf_free(ov__view *v)
{
    surf *s = (surf *)v;
    ov__free(s->bound);
    ov__free(s->band);
    ov__free(s->shade);
    ov__free(s->floorc);
    ov__free(s->mz);
    ov__free(s->mlit);
    ov__free(s->vx);
    ov__free(s->vy);
    ov__free(s->vd);
    ov__free(s->dmap);
    ov__free(s->mband);
    if (s->mesh_img)
        cairo_surface_destroy(s->mesh_img);
    if (s->floor_tex)
        cairo_surface_destroy(s->floor_tex);
    if (s->still_layer)
        cairo_surface_destroy(s->still_layer);
    ov__free(s->floor_xy);
    ov__free(s->rings);
    for (size_t i = 0; i < OV_MAX_SERIES; i++)
        ov__free(s->P[i]);
    ov__free(s);
}

/* ---- set-up ------------------------------------------------------------- */

static ov_status
zscale_and_bands(surf *s, const ov_figure_spec *spec, double *fl, size_t nfl,
                 ov_error *err)
{
    double fmin = INFINITY, fmax = -INFINITY, fpos = INFINITY;
    for (size_t k = 0; k < nfl; k++) {
        if (!isfinite(fl[k]))
            continue;
        fmin = fmin < fl[k] ? fmin : fl[k];
        fmax = fmax > fl[k] ? fmax : fl[k];
        if (fl[k] > 0.0 && fl[k] < fpos)
            fpos = fl[k];
    }
    if (!(fmin <= fmax)) {
        ov__set_err(err, OV_ERR_NONFINITE, "loss on the plotted domain");
        return OV_ERR_NONFINITE;
    }
    for (size_t k = 0; k < nfl; k++)
        if (!isfinite(fl[k]))
            fl[k] = fmax;
    ov__zmap *m = &s->zm;
    double lim[4] = { s->x0, s->x1, s->y0, s->y1 };
    ov__zmap_init(m, spec->zscale, s->v.loss, lim, fmin, fmax, fpos);
    double zlo = ov__z_of(m, fmin), zhi = ov__z_of(m, fmax);
    if (!(zhi > zlo))
        zhi = zlo + (fabs(zlo) > 0.0 ? fabs(zlo) * 1e-3 : 1.0);
    double tk[300], step;
    ov__ticks(zlo, zhi, spec->levels, tk, 300, &step);
    double b0 = floor(zlo / step + 1e-9) * step,
           b1 = ceil(zhi / step - 1e-9) * step;
    size_t nb = (size_t)llround((b1 - b0) / step);
    nb = nb < 1 ? 1 : nb > 256 ? 256 : nb;
    s->nb = nb;
    s->zstep = step;
    s->zlo = zlo;
    s->zhi = zhi;
    s->bound = ov__malloc3(nb + 1, sizeof *s->bound, 1);
    s->band = ov__malloc3(nb, sizeof *s->band, 1);
    s->floorc = ov__malloc3(nb, sizeof *s->floorc, 1);
    if (!s->bound || !s->band || !s->floorc)
        return OV_ERR_NOMEM;
    for (size_t i = 0; i <= nb; i++) {
        double v = b0 + (double)i * step;
        s->bound[i] = fabs(v) < step * 1e-9 ? 0.0 : v;
    }
    for (size_t i = 0; i < nb; i++) {
        s->band[i] = ov__colormap_color(s->v.cmap,
                                        nb > 1 ? (double)i / (nb - 1) : 0.5);
        s->floorc[i] = ov__mix(s->band[i], s->v.tc.bg, 0.4);
    }
    /* The floor sits below the lowest point, leaving room for the shadows
     * to read apart from the surface (seed 002 puts it one unit down). */
    s->zb = zlo - 0.35 * (zhi - zlo);
    s->zt = zhi;
    return OV_OK;
}

static ov_status
floor_rings(surf *s, const double *fz)
{
    ov__isolines reg = { 0 };
    size_t cap = 0;
    for (size_t b = 1; b < s->nb; b++) {
        ov__isolines_reset(&reg);
        ov_status st = ov__isolines_region(fz, FLOOR_N, FLOOR_N, s->bound[b],
                                          &reg);
        if (st) {
            ov__isolines_free(&reg);
            return st;
        }
        for (size_t c = 0; c < reg.nchains; c++) {
            const ov__chain *ch = &reg.chains[c];
            if (ch->n < 3)
                continue;
            if (s->nrings == cap) {
                cap = cap ? 2 * cap : 64;
                ring *r = ov__realloc(s->rings, cap * sizeof *r);
                if (!r) {
                    ov__isolines_free(&reg);
                    return OV_ERR_NOMEM;
                }
                s->rings = r;
            }
            double *xy = ov__realloc(s->floor_xy,
                                     (s->nfloor + ch->n) * 2 * sizeof *xy);
            if (!xy) {
                ov__isolines_free(&reg);
                return OV_ERR_NOMEM;
            }
            s->floor_xy = xy;
            for (size_t k = 0; k < ch->n; k++) {
                const double *p = reg.xy + 2 * (ch->first + k);
                xy[2 * (s->nfloor + k)] =
                    s->x0 + p[0] * (s->x1 - s->x0) / (FLOOR_N - 1);
                xy[2 * (s->nfloor + k) + 1] =
                    s->y0 + p[1] * (s->y1 - s->y0) / (FLOOR_N - 1);
            }
            s->rings[s->nrings].band = b;
            s->rings[s->nrings].first = s->nfloor;
            s->rings[s->nrings].n = ch->n;
            s->nrings++;
            s->nfloor += ch->n;
        }
    }
    ov__isolines_free(&reg);
    return OV_OK;
}

/* Cameras that show the basin: seed 000's for ols, seed 002's for the
 * sigmoid neuron, matplotlib's default otherwise. */
static void
default_camera(const ov_loss *loss, double *elev, double *azim)
{
    const char *name = ov_loss_name(loss) ? ov_loss_name(loss) : "";
    *elev = 30.0;
    *azim = -60.0;
    if (strcmp(name, "ols") == 0) {
        *elev = 60.0;
        *azim = 35.0;
    } else if (strcmp(name, "sigmoid") == 0) {
        *elev = 25.0;
        *azim = -75.0;
    }
}

static ov_status
surface_create(ov__view **out, const ov_loss *loss,
                   const ov_trajectory *const *trajs, size_t n,
                   const ov_figure_spec *spec, int raster, ov_error *err)
{
    *out = NULL;
    ov__view *v;
    ov_status st = ov__view_new(&v, sizeof(surf), &ov__surface_class, loss,
                                trajs, n, spec, 2, err);
    if (st)
        return st;
    surf *s = (surf *)v;
    v->counts = 1;
    ov__view_reserve_title(v);
    double lim[4];
    st = ov__limits2d(loss, trajs, n, spec, lim, err);
    if (st) {
        ov__view_destroy(v);
        return st;
    }
    s->x0 = lim[0];
    s->x1 = lim[1];
    s->y0 = lim[2];
    s->y1 = lim[3];
    double de, da;
    default_camera(loss, &de, &da);
    s->elev0 = spec->has_elev ? spec->elev : de;
    s->azim0 = spec->has_azim ? spec->azim : da;
    s->rotate = spec->rotate;
    s->wire = spec->wireframe;
    v->dynamic = s->rotate;

    /* The floor grid sets the colour scale; the mesh comes after the
     * layout, which sets how fine it must be. */
    double *fz = ov__malloc3(FLOOR_N, FLOOR_N, sizeof *fz);
    if (!fz) {
        ov__view_destroy(v);
        return OV_ERR_NOMEM;
    }
    ov_loss_eval_grid(loss, s->x0, s->x1, FLOOR_N, s->y0, s->y1, FLOOR_N, fz);
    st = zscale_and_bands(s, spec, fz, FLOOR_N * FLOOR_N, err);
    if (!st) {
        for (size_t k = 0; k < FLOOR_N * FLOOR_N; k++)
            fz[k] = ov__z_of(&s->zm, fz[k]);
        st = floor_rings(s, fz);
    }
    ov__free(fz);
    if (!st)
        st = ov__surf_shades(s);
    if (st) {
        ov__view_destroy(v);
        return st;
    }

    /* Layout: the box with its labels, the colorbar beside them. */
    s->nxt = ov__axis_ticks(s->x0, s->x1, 5, s->xt, MAX_TICKS, &s->xstep);
    s->nyt = ov__axis_ticks(s->y0, s->y1, 5, s->yt, MAX_TICKS, &s->ystep);
    ov__colorbar_name_map(s->cbname, sizeof s->cbname, v->zname, &s->zm);
    s->fit = 1.0;
    if (!layout(s, spec->colorbar)) {
        ov__set_err(err, OV_ERR_INVALID_ARG, "size too small for the figure");
        ov__view_destroy(v);
        return OV_ERR_INVALID_ARG;
    }
    set_area(s);
    if ((st = ov__surf_mesh(s, err))) {
        ov__view_destroy(v);
        return st;
    }

    /* Paths in box coordinates; minima at their loss. */
    for (size_t i = 0; i < n; i++) {
        s->P[i] = ov__malloc3(v->nrows[i], 3, sizeof *s->P[i]);
        if (!s->P[i]) {
            ov__view_destroy(v);
            return OV_ERR_NOMEM;
        }
        for (size_t k = 0; k < v->nrows[i]; k++) {
            const ov_traj_row *r = &trajs[i]->rows[k];
            s->P[i][3 * k] = fmax(-1.0, fmin(1.0, nu(s, r->theta[0])));
            s->P[i][3 * k + 1] = fmax(-1.0, fmin(1.0, nv(s, r->theta[1])));
            /* On the surface as drawn (the loss within the mesh's
             * tolerance), so the depth test sees it where it is. */
            s->P[i][3 * k + 2] = ov__surf_height(s, s->P[i][3 * k],
                                                 s->P[i][3 * k + 1]);
        }
        s->shadowc[i] = ov__mix(v->color[i], OV__BLACK, 0.45);
        s->lt[i] = v->label[i];
    }
    /* The global minima, then the local ones (smaller stars). */
    for (int local = 0; local < 2; local++) {
        const double *mins = NULL;
        size_t nm = local ? ov_loss_local_minima(loss, &mins)
                          : ov_loss_minima(loss, &mins);
        for (size_t i = 0; i < nm && s->nmin < 16; i++) {
            double th[2] = { mins[2 * i], mins[2 * i + 1] };
            if (th[0] < s->x0 || th[0] > s->x1 || th[1] < s->y0 ||
                th[1] > s->y1)
                continue;
            double *m = s->minp + 3 * s->nmin;
            m[0] = nu(s, th[0]);
            m[1] = nv(s, th[1]);
            m[2] = ov__surf_height(s, m[0], m[1]);
            s->nmin++;
        }
        if (!local)
            s->nglob = s->nmin;
    }
    if (spec->legend && n > 0 && (st = place_legend(s, spec->colorbar))) {
        ov__view_destroy(v);
        return st;
    }
    if ((st = ov__view_finish(v, raster))) {
        ov__view_destroy(v);
        return st;
    }
    *out = v;
    return OV_OK;
}

static void
surface_to_pixel(const ov__view *v, double x, double y, double *px,
                 double *py)
{
    double th[2] = { x, y };
    surface_project(v, x, y, ov_loss_eval(v->loss, th, NULL), px, py);
}

static size_t
surface_colour_scale(const ov__view *v, const ov__zmap **m,
                     const double **bound, const uint32_t **band,
                     const char **zname)
{
    surface_scale(v, m, band, zname);
    return surface_bands(v, bound);
}

const ov__view_class ov__surface_class = {
    .name = "surface",
    .create = surface_create,
    .grid_limits = ov__grid_limits2d,
    .background = surf_background,
    .rows = surf_rows,
    .vector_trails = surf_vector_trails,
    .overlay_items = surf_items,
    .overlay = surf_overlay,
    .colors = ov__chart_colors,
    .extra_colors = surf_colors,
    .to_pixel = surface_to_pixel,
    .scale = surface_colour_scale,
    .band_color = surface_band_color,
    .project = surface_project,
    .labels = surface_labels,
    .free = surf_free,
};
