/*
 * surface_mesh.c: the surface view's mesh, its colours and its raster.
 *
 * The mesh.  The loss is sampled on a square grid of the box whose spacing
 * follows the pixels and the function: at least a node every 6 pixels of
 * the box's side; finer when that mesh misses the function by more than
 * MESH_TOL pixels of height between its nodes (measured on the grid of
 * its halving, whose nodes include the mesh's; a smooth function misses
 * as the square of the spacing, which sets the spacing needed), up to a
 * node every 2 pixels (a rotating surface, drawn every frame, keeps the
 * first level).  A bowl stays at the first level; rastrigin's egg crate
 * and the funnels of a log scale go to the finest.  Heights are held to the colour scale's range [zlo, zhi], so a
 * log funnel ends in a flat bottom at the colour bar's lowest value, not
 * in spikes down to the floor, and where even the finest mesh misses
 * (creases) nodes take the lowest value of their cell (floor_creases()).
 * The cost, loss evaluations: about (side / 6)^2 * 5 for a smooth
 * function, (side / 2)^2 * 1.6 for the finest (side in pixels), plus 25
 * a crease node.
 *
 * The colours.  A point of the surface takes the colour bar's colour of
 * its height (per pixel, so bands end in smooth lines) shaded by its slope
 * against a fixed light: the CIELAB lightness moves by up to +12 / -30
 * (less darkening below L = 60, in proportion) while hue and chroma stay
 * (chroma shrinks only where the colour would leave sRGB), so a red stays
 * red under shade instead of turning brown,
 * and a flat face has the colour bar's colour exactly.  The light comes
 * from the upper front left; the shade is interpolated over each triangle
 * from its nodes (no stairs of whole faces on steep walls) and taken in
 * steps of 2, dithered over the samples of a pixel (steps of 6, rounded,
 * when rotating: few exact colours for a GIF's palette).
 *
 * The raster.  Each quad is two triangles (diagonal from node (i, j) to
 * (i + 1, j + 1), as ov__surf_height() interpolates) drawn with a depth
 * buffer at ss x ss samples per pixel, in strips of STRIP rows (the
 * triangles binned by strip first), so no face order is needed and the
 * cost is one pass over the pixels and the triangles.  The result is
 * painted through one image (an SVG or PDF embeds it: its size then
 * follows the pixels, not the mesh).  The per-pixel depth (the nearest
 * sample) is kept: it decides what the surface hides (paths, shadows,
 * markers).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optviz/loss.h"
#include "alloc_private.h"
#include "surface_private.h"

#define MESH_TOL 0.35      /* pixels of height the mesh may miss */
#define DL_MIN (-30.0)     /* CIELAB lightness offsets of the shading */
#define DL_MAX 12.0
#define STRIP 16
#define VECTOR_PX 800000.0 /* pixels of a vector file's surface image */

/* ---- sampling ------------------------------------------------------------ */

static double *
eval_mesh(surf *s, int n)
{
    double *z = ov__malloc3((size_t)n, (size_t)n, sizeof *z);
    if (!z)
        return NULL;
    ov_loss_eval_grid(s->v.loss, s->x0, s->x1, (size_t)n, s->y0, s->y1,
                      (size_t)n, z);
    for (size_t k = 0; k < (size_t)n * (size_t)n; k++) {
        double h = isfinite(z[k]) ? ov__z_of(&s->zm, z[k]) : s->zhi;
        if (!isfinite(h))
            h = h < 0.0 ? s->zlo : s->zhi;
        z[k] = h < s->zlo ? s->zlo : h > s->zhi ? s->zhi : h;
    }
    s->mesh_evals += (long)n * n;
    return z;
}

/* Largest miss, in z units, of mesh @p c (n nodes) at the nodes of the
 * grid @p f (2n - 1 nodes) that it does not hold: the mid-edge nodes
 * against the edge's mean, the centres against the diagonal's. */
static double
mesh_miss(const double *c, int n, const double *f)
{
    int m = 2 * n - 1;
    double e = 0.0;
    for (int j = 0; j < m; j++)
        for (int i = (j & 1) ? 0 : 1; i < m; i += (j & 1) ? 1 : 2) {
            int i0 = i / 2, j0 = j / 2;
            int i1 = i0 + (i & 1), j1 = j0 + (j & 1);
            double lin = 0.5 * (c[j0 * n + i0] + c[j1 * n + i1]);
            double d = fabs(f[j * m + i] - lin);
            e = d > e ? d : e;
        }
    return e;
}

/*
 * Where the mesh is still too coarse (a log funnel, a crease such as
 * rosenbrock's valley on a log scale), a node's height depends on how near
 * the crease it happens to fall, and the crease is drawn as a row of
 * spikes.  Such nodes (bent by more than 4 MESH_TOL pixels against their
 * neighbours), and two nodes round them, take the lowest of 5 x 5 samples
 * of their cell instead: the crease then runs at its own depth from node
 * to node.
 */
static void
floor_creases(surf *s, double *z, int n, double ppz)
{
    double hx = (s->x1 - s->x0) / (n - 1), hy = (s->y1 - s->y0) / (n - 1);
    double lim = 4.0 * MESH_TOL / ppz, sub[25];
    unsigned char *flag = ov__calloc((size_t)n * (size_t)n, 1);
    if (!flag)
        return;
    for (int j = 1; j + 1 < n; j++)
        for (int i = 1; i + 1 < n; i++) {
            const double *c = z + (size_t)j * (size_t)n + (size_t)i;
            double bu = fabs(c[0] - 0.5 * (c[-1] + c[1]));
            double bv = fabs(c[0] - 0.5 * (c[-n] + c[n]));
            flag[(size_t)j * (size_t)n + (size_t)i] = fmax(bu, bv) > lim;
        }
    /* Two nodes round each too: the whole crease, not every other node
     * of it, or its walls come out in stripes. */
    for (int pass = 0; pass < 2; pass++)
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) {
                unsigned char *f = flag + (size_t)j * (size_t)n + (size_t)i;
                if (*f)
                    continue;
                for (int dj = -1; dj <= 1 && !*f; dj++)
                    for (int di = -1; di <= 1; di++) {
                        int a = i + di, b = j + dj;
                        if (a >= 0 && b >= 0 && a < n && b < n &&
                            flag[(size_t)b * (size_t)n + (size_t)a] ==
                                1 + pass) {
                            *f = (unsigned char)(2 + pass);
                            break;
                        }
                    }
            }
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            if (!flag[(size_t)j * (size_t)n + (size_t)i])
                continue;
            double x = s->x0 + i * hx, y = s->y0 + j * hy;
            ov_loss_eval_grid(s->v.loss, x - 0.5 * hx, x + 0.5 * hx, 5,
                              y - 0.5 * hy, y + 0.5 * hy, 5, sub);
            s->mesh_evals += 25;
            double lo = z[(size_t)j * (size_t)n + (size_t)i];
            for (int k = 0; k < 25; k++) {
                double h = isfinite(sub[k]) ? ov__z_of(&s->zm, sub[k]) : s->zhi;
                if (h < lo)
                    lo = h;
            }
            z[(size_t)j * (size_t)n + (size_t)i] = lo < s->zlo ? s->zlo : lo;
        }
    ov__free(flag);
}

ov_status
ov__surf_mesh(surf *s, ov_error *err)
{
    (void)err;
    double side = 2.0 * s->S;
    int lo = (int)ceil(side / 6.0) + 1;
    int cap = (int)floor(side / (s->rotate ? 6.0 : 2.0)) + 1;
    lo = lo < 17 ? 17 : lo;
    cap = cap < lo ? lo : cap;
    /* Pixels per z unit on screen; looking straight down the height
     * shows only in the shading, which still needs it. */
    double ppz = s->S * 2.0 * HBOX * fmax(s->ce, 0.3) / (s->zt - s->zb);
    /* The miss of the coarsest mesh, measured on the grid of its
     * halving, sets the spacing (a smooth function misses as the square
     * of the spacing); a funnel or a crease asks for the finest. */
    int n = lo, m = 2 * lo - 1;
    double *z = eval_mesh(s, n), *f = eval_mesh(s, m);
    if (!z || !f) {
        ov__free(z);
        ov__free(f);
        return OV_ERR_NOMEM;
    }
    double e0 = mesh_miss(z, n, f) * ppz;
    double want = ceil((n - 1) * sqrt(e0 / MESH_TOL)) + 1.0;
    int nt = want > cap ? cap : want < lo ? lo : (int)want;
    if (nt <= lo) {
        ov__free(f);
    } else if (nt <= m) {
        ov__free(z);
        z = f;
        n = m;
    } else {
        ov__free(z);
        ov__free(f);
        n = nt;
        if (!(z = eval_mesh(s, n)))
            return OV_ERR_NOMEM;
    }
    s->mesh_err = e0 * (double)(lo - 1) * (lo - 1) / ((double)(n - 1) * (n - 1));
    if (s->mesh_err > MESH_TOL)
        floor_creases(s, z, n, ppz);
    s->mn = n;
    s->mz = z;
    size_t nn = (size_t)n * (size_t)n;
    s->mlit = ov__malloc3(nn, sizeof *s->mlit, 1);
    s->vx = ov__malloc3(nn, sizeof *s->vx, 1);
    s->vy = ov__malloc3(nn, sizeof *s->vy, 1);
    s->vd = ov__malloc3(nn, sizeof *s->vd, 1);
    if (!s->mlit || !s->vx || !s->vy || !s->vd)
        return OV_ERR_NOMEM;
    /* Node normals from the box height's slope (Sobel: central
     * differences weighted 1 2 1 across, so node-to-node noise of a
     * steep wall does not come out as stripes of shade). */
    double L[3] = { -0.45, -0.55, 0.70 };
    double ln = sqrt(L[0] * L[0] + L[1] * L[1] + L[2] * L[2]);
    for (int c = 0; c < 3; c++)
        L[c] /= ln;
    double h = 2.0 / (n - 1);
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            int ia = i > 0 ? i - 1 : i, ib = i + 1 < n ? i + 1 : i;
            int ja = j > 0 ? j - 1 : j, jb = j + 1 < n ? j + 1 : j;
            double gu = 0.0, gv = 0.0;
            for (int k = -1; k <= 1; k++) {
                int jj = j + k < 0 ? 0 : j + k >= n ? n - 1 : j + k;
                int ii = i + k < 0 ? 0 : i + k >= n ? n - 1 : i + k;
                double wt = k == 0 ? 0.5 : 0.25;
                gu += wt * (ov__surf_nw(s, z[jj * n + ib]) -
                            ov__surf_nw(s, z[jj * n + ia]));
                gv += wt * (ov__surf_nw(s, z[jb * n + ii]) -
                            ov__surf_nw(s, z[ja * n + ii]));
            }
            gu /= (ib - ia) * h;
            gv /= (jb - ja) * h;
            double c = (-gu * L[0] - gv * L[1] + L[2]) /
                       sqrt(gu * gu + gv * gv + 1.0);
            double dl = 40.0 * (c - L[2]);
            s->mlit[j * n + i] = (float)(dl < DL_MIN ? DL_MIN
                                         : dl > DL_MAX ? DL_MAX : dl);
        }
    return OV_OK;
}

/* ---- colours --------------------------------------------------------------- */

static double
lin_of(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double
srgb_of(double c)
{
    return c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1.0 / 2.4) - 0.055;
}

static double
lab_f(double t)
{
    return t > 216.0 / 24389.0 ? cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

static double
lab_finv(double t)
{
    return t * t * t > 216.0 / 24389.0 ? t * t * t
                                        : (116.0 * t - 16.0) * 27.0 / 24389.0;
}

/* D65 white */
static const double WX = 0.95047, WY = 1.0, WZ = 1.08883;

static void
to_lab(uint32_t c, double lab[3])
{
    double r = lin_of(((c >> 16) & 0xFF) / 255.0);
    double g = lin_of(((c >> 8) & 0xFF) / 255.0);
    double b = lin_of((c & 0xFF) / 255.0);
    double X = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
    double Y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    double Z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
    double fx = lab_f(X / WX), fy = lab_f(Y / WY), fz = lab_f(Z / WZ);
    lab[0] = 116.0 * fy - 16.0;
    lab[1] = 500.0 * (fx - fy);
    lab[2] = 200.0 * (fy - fz);
}

/* sRGB of a Lab colour; 0 when it lies outside the gamut. */
static int
from_lab(const double lab[3], double rgb[3])
{
    double fy = (lab[0] + 16.0) / 116.0;
    double fx = fy + lab[1] / 500.0, fz = fy - lab[2] / 200.0;
    double X = WX * lab_finv(fx), Y = WY * lab_finv(fy), Z = WZ * lab_finv(fz);
    double l[3] = { 3.2404542 * X - 1.5371385 * Y - 0.4985314 * Z,
                    -0.9692660 * X + 1.8760108 * Y + 0.0415560 * Z,
                    0.0556434 * X - 0.2040259 * Y + 1.0572252 * Z };
    int in = 1;
    for (int c = 0; c < 3; c++) {
        if (l[c] < -1e-6 || l[c] > 1.0 + 1e-6)
            in = 0;
        double v = l[c] < 0.0 ? 0.0 : l[c] > 1.0 ? 1.0 : l[c];
        rgb[c] = srgb_of(v);
    }
    return in;
}

/* @p c with its lightness moved by @p dl, hue kept, chroma shrunk only as
 * far as sRGB needs. */
static uint32_t
shade_of(uint32_t c, double dl)
{
    if (dl == 0.0)
        return c;
    double lab[3], q[3], rgb[3];
    to_lab(c, lab);
    /* Darkening in proportion below L = 60: the darkest colours of a map
     * would otherwise all end in black. */
    double k = dl < 0.0 ? fmin(1.0, lab[0] / 60.0) : 1.0;
    q[0] = fmin(100.0, fmax(0.0, lab[0] + k * dl));
    double lo = 0.0, hi = 1.0;
    q[1] = lab[1];
    q[2] = lab[2];
    if (!from_lab(q, rgb)) {
        for (int it = 0; it < 30; it++) {
            double k = 0.5 * (lo + hi);
            q[1] = k * lab[1];
            q[2] = k * lab[2];
            if (from_lab(q, rgb))
                lo = k;
            else
                hi = k;
        }
        q[1] = lo * lab[1];
        q[2] = lo * lab[2];
        from_lab(q, rgb);
    }
    uint32_t out = 0;
    for (int k = 0; k < 3; k++) {
        long v = lround(rgb[k] * 255.0);
        v = v < 0 ? 0 : v > 255 ? 255 : v;
        out = out << 8 | (uint32_t)v;
    }
    return out;
}

static double
shade_step(const surf *s)
{
    return (DL_MAX - DL_MIN) / (s->nshade - 1);
}

ov_status
ov__surf_shades(surf *s)
{
    /* Steps of 2 (still) or 6 (rotating) with 0 among them. */
    s->nshade = s->rotate ? SHADES_ROT : SHADES_STILL;
    s->shade = ov__malloc3(s->nb, (size_t)s->nshade, sizeof *s->shade);
    if (!s->shade)
        return OV_ERR_NOMEM;
    double st = shade_step(s);
    for (size_t b = 0; b < s->nb; b++)
        for (int k = 0; k < s->nshade; k++)
            s->shade[b * (size_t)s->nshade + (size_t)k] =
                shade_of(s->band[b], DL_MIN + k * st);
    return OV_OK;
}

size_t
ov__surf_band(const surf *s, double z)
{
    double b = floor((z - s->bound[0]) / s->zstep);
    if (!(b >= 0.0))
        return 0;
    if (b >= (double)s->nb)
        return s->nb - 1;
    return (size_t)b;
}

/* ---- raster ---------------------------------------------------------------- */

/* The three nodes of triangle @p t (two per quad, see the top). */
static void
tri_nodes(int n, size_t t, size_t idx[3])
{
    size_t q = t >> 1, i = q % (size_t)(n - 1), j = q / (size_t)(n - 1);
    size_t a = j * (size_t)n + i;
    idx[0] = a;
    idx[1] = (t & 1) ? a + (size_t)n + 1 : a + 1;
    idx[2] = (t & 1) ? a + (size_t)n : a + (size_t)n + 1;
}

typedef struct strip_buf {
    float *z;
    uint32_t *c;
    int w, h;          /* samples */
    double ox, oy;     /* pixel of the strip's corner */
    int ss;
} strip_buf;

static void
raster_tri(const surf *s, strip_buf *b, const size_t idx[3])
{
    double X[3], Y[3];
    for (int k = 0; k < 3; k++) {
        X[k] = (s->vx[idx[k]] - b->ox) * b->ss;
        Y[k] = (s->vy[idx[k]] - b->oy) * b->ss;
    }
    double area = (X[1] - X[0]) * (Y[2] - Y[0]) - (Y[1] - Y[0]) * (X[2] - X[0]);
    if (fabs(area) < 1e-12)
        return;
    double mnx = fmin(X[0], fmin(X[1], X[2])), mxx = fmax(X[0], fmax(X[1], X[2]));
    double mny = fmin(Y[0], fmin(Y[1], Y[2])), mxy = fmax(Y[0], fmax(Y[1], Y[2]));
    int i0 = (int)ceil(mnx - 0.5), i1 = (int)floor(mxx - 0.5);
    int k0 = (int)ceil(mny - 0.5), k1 = (int)floor(mxy - 0.5);
    i0 = i0 < 0 ? 0 : i0;
    k0 = k0 < 0 ? 0 : k0;
    i1 = i1 >= b->w ? b->w - 1 : i1;
    k1 = k1 >= b->h ? b->h - 1 : k1;
    if (i0 > i1 || k0 > k1)
        return;
    /* depth, band coordinate and shade coordinate at the nodes */
    double D[3], B[3], L[3];
    for (int k = 0; k < 3; k++) {
        D[k] = s->vd[idx[k]];
        B[k] = s->mband[idx[k]];
        L[k] = s->mlit[idx[k]];
    }
    double inv = 1.0 / area;
    /* Barycentric weights are affine in the sample: a + bx i + by k. */
    double a0x = (Y[1] - Y[2]) * inv, a0y = (X[2] - X[1]) * inv;
    double a1x = (Y[2] - Y[0]) * inv, a1y = (X[0] - X[2]) * inv;
    double px = i0 + 0.5, py = k0 + 0.5;
    double a0 = ((X[1] - px) * (Y[2] - py) - (Y[1] - py) * (X[2] - px)) * inv;
    double a1 = ((X[2] - px) * (Y[0] - py) - (Y[2] - py) * (X[0] - px)) * inv;
    const double eps = -1e-9;
    int ns = s->nshade, nb = (int)s->nb;
    /* With several samples a pixel, the shade step is dithered (4 x 4
     * Bayer) and the samples' mean is a continuous shade: no contour
     * lines of the steps, no facets.  One sample (rotating) rounds. */
    static const float bayer[16] = {
        0.5f / 16, 8.5f / 16, 2.5f / 16, 10.5f / 16, 12.5f / 16, 4.5f / 16,
        14.5f / 16, 6.5f / 16, 3.5f / 16, 11.5f / 16, 1.5f / 16, 9.5f / 16,
        15.5f / 16, 7.5f / 16, 13.5f / 16, 5.5f / 16 };
    int dither = b->ss > 1;
    for (int k = k0; k <= k1; k++) {
        double l0 = a0 + (k - k0) * a0y, l1 = a1 + (k - k0) * a1y;
        float *zr = b->z + (size_t)k * (size_t)b->w;
        uint32_t *cr = b->c + (size_t)k * (size_t)b->w;
        for (int i = i0; i <= i1; i++, l0 += a0x, l1 += a1x) {
            double l2 = 1.0 - l0 - l1;
            if (l0 < eps || l1 < eps || l2 < eps)
                continue;
            float d = (float)(l0 * D[0] + l1 * D[1] + l2 * D[2]);
            if (!(d > zr[i]))
                continue;
            zr[i] = d;
            double bf = l0 * B[0] + l1 * B[1] + l2 * B[2];
            int band = bf <= 0.0 ? 0 : (int)bf;
            band = band >= nb ? nb - 1 : band;
            double lt = l0 * L[0] + l1 * L[1] + l2 * L[2];
            if (dither)
                lt += bayer[(k & 3) * 4 + (i & 3)] - 0.5;
            int lv = (int)lt;
            lv = lv < 0 ? 0 : lv >= ns ? ns - 1 : lv;
            cr[i] = s->shade[band * ns + lv];
        }
    }
}

/* Per node, what the raster interpolates: the band coordinate (the band
 * is its integer part) and the shade step plus a half (rounded by
 * truncation).  The camera does not change them. */
static ov_status
node_coords(surf *s)
{
    size_t nn = (size_t)s->mn * (size_t)s->mn;
    s->mband = ov__malloc3(nn, sizeof *s->mband, 1);
    if (!s->mband)
        return OV_ERR_NOMEM;
    double st = shade_step(s);
    for (size_t k = 0; k < nn; k++) {
        s->mband[k] = (float)((s->mz[k] - s->bound[0]) / s->zstep);
        /* mlit held the offset; now the step */
        s->mlit[k] = (float)((s->mlit[k] - DL_MIN) / st + 0.5);
    }
    return OV_OK;
}

ov_status
ov__surf_draw_mesh(surf *s, cairo_t *cr, int ss)
{
    int n = s->mn;
    if (!s->mband && node_coords(s))
        return OV_ERR_NOMEM;
    double mnx = INFINITY, mxx = -INFINITY, mny = INFINITY, mxy = -INFINITY;
    if (!(s->dk > 0.0)) {
        /* A vector file's image holds at most VECTOR_PX pixels (the
         * surface SVG of a big page stays under 1 MB); a raster's is the
         * figure's own pixels. */
        double bx0, bx1, by0, by1;
        s->dk = 1.0;
        if (!s->v.raster) {
            bx0 = by0 = INFINITY;
            bx1 = by1 = -INFINITY;
            for (int c = 0; c < 8; c++) {
                double x, y;
                ov__surf_proj(s, c & 1 ? 1 : -1, c & 2 ? 1 : -1,
                              c & 4 ? HBOX : -HBOX, &x, &y);
                bx0 = fmin(bx0, x);
                bx1 = fmax(bx1, x);
                by0 = fmin(by0, y);
                by1 = fmax(by1, y);
            }
            double a = (bx1 - bx0) * (by1 - by0);
            if (a > VECTOR_PX)
                s->dk = sqrt(VECTOR_PX / a);
        }
        s->iw = (int)ceil(s->v.W * s->dk);
        s->ih = (int)ceil(s->v.H * s->dk);
    }
    double dk = s->dk;
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            size_t k = (size_t)j * (size_t)n + (size_t)i;
            double u = -1.0 + 2.0 * i / (n - 1), v = -1.0 + 2.0 * j / (n - 1);
            double w = ov__surf_nw(s, s->mz[k]), x, y;
            ov__surf_proj(s, u, v, w, &x, &y);
            x *= dk;
            y *= dk;
            s->vx[k] = (float)x;
            s->vy[k] = (float)y;
            s->vd[k] = (float)ov__surf_depth(s, u, v, w);
            mnx = fmin(mnx, x);
            mxx = fmax(mxx, x);
            mny = fmin(mny, y);
            mxy = fmax(mxy, y);
        }
    int x0 = (int)floor(mnx) - 1, x1 = (int)ceil(mxx) + 1;
    int y0 = (int)floor(mny) - 1, y1 = (int)ceil(mxy) + 1;
    x0 = x0 < 0 ? 0 : x0;
    y0 = y0 < 0 ? 0 : y0;
    x1 = x1 > s->iw ? s->iw : x1;
    y1 = y1 > s->ih ? s->ih : y1;
    s->dx0 = x0;
    s->dy0 = y0;
    s->dw = x1 > x0 ? x1 - x0 : 0;
    s->dh = y1 > y0 ? y1 - y0 : 0;
    if (s->dw == 0 || s->dh == 0)
        return OV_OK;
    /* Buffers for the whole figure, kept from frame to frame. */
    if (!s->dmap)
        s->dmap = ov__malloc3((size_t)s->iw, (size_t)s->ih, sizeof *s->dmap);
    if (!s->mesh_img)
        s->mesh_img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, s->iw,
                                                 s->ih);
    size_t ntri = 2 * (size_t)(n - 1) * (size_t)(n - 1);
    int nstrip = (s->dh + STRIP - 1) / STRIP;
    size_t *start = ov__calloc((size_t)nstrip + 1, sizeof *start);
    size_t *fill = ov__calloc((size_t)nstrip, sizeof *fill);
    strip_buf b = { 0 };
    b.ss = ss;
    b.w = s->dw * ss;
    b.h = STRIP * ss;
    b.z = ov__malloc3((size_t)b.w, (size_t)b.h, sizeof *b.z);
    b.c = ov__malloc3((size_t)b.w, (size_t)b.h, sizeof *b.c);
    size_t *list = NULL;
    ov_status st = OV_ERR_NOMEM;
    if (!s->dmap || !start || !fill || !b.z || !b.c ||
        cairo_surface_status(s->mesh_img) != CAIRO_STATUS_SUCCESS)
        goto out;
    /* Bin the triangles by the strips their rows meet. */
    for (int pass = 0; pass < 2; pass++) {
        size_t t = 0;
        for (int j = 0; j + 1 < n; j++)
            for (int i = 0; i + 1 < n; i++, t += 2) {
                size_t a = (size_t)j * (size_t)n + (size_t)i;
                float q0 = s->vy[a], q1 = s->vy[a + 1];
                float q2 = s->vy[a + (size_t)n], q3 = s->vy[a + (size_t)n + 1];
                for (int h = 0; h < 2; h++) {
                    float qa = h ? q2 : q1;
                    float ya = fminf(q0, fminf(qa, q3));
                    float yb = fmaxf(q0, fmaxf(qa, q3));
                    int sa = (int)floorf((ya - (float)y0) / STRIP);
                    int sb = (int)floorf((yb - (float)y0) / STRIP);
                    sa = sa < 0 ? 0 : sa;
                    sb = sb >= nstrip ? nstrip - 1 : sb;
                    for (int q = sa; q <= sb; q++) {
                        if (pass)
                            list[start[q] + fill[q]++] = t + (size_t)h;
                        else
                            start[q + 1]++;
                    }
                }
            }
        if (!pass) {
            for (int q = 0; q < nstrip; q++)
                start[q + 1] += start[q];
            list = ov__malloc3(start[nstrip] ? start[nstrip] : 1, sizeof *list,
                               1);
            if (!list)
                goto out;
        }
    }
    (void)ntri;
    cairo_surface_flush(s->mesh_img);
    unsigned char *data = cairo_image_surface_get_data(s->mesh_img);
    int stride = cairo_image_surface_get_stride(s->mesh_img);
    unsigned ss2 = (unsigned)(ss * ss), half = ss2 / 2;
    for (int q = 0; q < nstrip; q++) {
        int py0 = q * STRIP, ph = s->dh - py0 < STRIP ? s->dh - py0 : STRIP;
        b.ox = x0;
        b.oy = y0 + py0;
        size_t nsamp = (size_t)b.w * (size_t)(ph * ss);
        for (size_t k = 0; k < nsamp; k++)
            b.z[k] = -INFINITY;
        for (size_t k = start[q]; k < start[q + 1]; k++) {
            size_t idx[3];
            tri_nodes(n, list[k], idx);
            raster_tri(s, &b, idx);
        }
        for (int y = 0; y < ph; y++) {
            uint32_t *row = (uint32_t *)(data + (size_t)(y0 + py0 + y) * stride)
                            + x0;
            float *dm = s->dmap + (size_t)(py0 + y) * (size_t)s->dw;
            if (ss == 1) {
                const float *zr = b.z + (size_t)y * (size_t)b.w;
                const uint32_t *cr1 = b.c + (size_t)y * (size_t)b.w;
                for (int x = 0; x < s->dw; x++) {
                    dm[x] = zr[x];
                    row[x] = zr[x] == -INFINITY ? 0 : 0xFF000000u | cr1[x];
                }
                continue;
            }
            for (int x = 0; x < s->dw; x++) {
                unsigned cnt = 0, r = 0, g = 0, bl = 0;
                float dmax = -INFINITY;
                for (int sy = 0; sy < ss; sy++) {
                    size_t o = (size_t)(y * ss + sy) * (size_t)b.w
                               + (size_t)(x * ss);
                    for (int sx = 0; sx < ss; sx++) {
                        float d = b.z[o + sx];
                        if (d == -INFINITY)
                            continue;
                        uint32_t c = b.c[o + sx];
                        cnt++;
                        r += (c >> 16) & 0xFF;
                        g += (c >> 8) & 0xFF;
                        bl += c & 0xFF;
                        dmax = d > dmax ? d : dmax;
                    }
                }
                dm[x] = dmax;
                /* premultiplied: the uncovered samples add nothing */
                row[x] = ((cnt * 255 + half) / ss2) << 24 |
                         ((r + half) / ss2) << 16 | ((g + half) / ss2) << 8 |
                         ((bl + half) / ss2);
            }
        }
    }
    cairo_surface_mark_dirty_rectangle(s->mesh_img, x0, y0, s->dw, s->dh);
    cairo_save(cr);
    if (s->v.raster) {
        cairo_rectangle(cr, x0, y0, s->dw, s->dh);
        cairo_clip(cr);
        cairo_set_source_surface(cr, s->mesh_img, 0, 0);
        cairo_paint(cr);
    } else {
        /* A vector file embeds what it is given: the box's part only. */
        cairo_surface_t *part =
            cairo_image_surface_create(CAIRO_FORMAT_ARGB32, s->dw, s->dh);
        cairo_t *cp = cairo_create(part);
        cairo_set_source_surface(cp, s->mesh_img, -x0, -y0);
        cairo_set_operator(cp, CAIRO_OPERATOR_SOURCE);
        cairo_paint(cp);
        cairo_destroy(cp);
        cairo_scale(cr, 1.0 / dk, 1.0 / dk);
        cairo_set_source_surface(cr, part, x0, y0);
        cairo_paint(cr);
        cairo_surface_destroy(part);
    }
    cairo_restore(cr);
    st = OV_OK;
out:
    ov__free(list);
    ov__free(start);
    ov__free(fill);
    ov__free(b.z);
    ov__free(b.c);
    return st;
}

/* ---- what the surface hides -------------------------------------------- */

/* One quad of the footprint, counter-clockwise on screen whatever its
 * order in (u, v), so that overlapping quads add up under the non-zero
 * rule instead of cancelling. */
static void
footprint_quad(cairo_t *cr, const double q[8])
{
    double a = 0.0;
    for (int k = 0; k < 4; k++) {
        int l = (k + 1) % 4;
        a += q[2 * k] * q[2 * l + 1] - q[2 * l] * q[2 * k + 1];
    }
    cairo_move_to(cr, q[0], q[1]);
    for (int k = 1; k < 4; k++) {
        int l = a >= 0.0 ? k : 4 - k;
        cairo_line_to(cr, q[2 * l], q[2 * l + 1]);
    }
    cairo_close_path(cr);
}

void
ov__surf_footprint(const surf *s, cairo_t *cr)
{
    int n = s->mn;
    /* At most 64 quads a side: the legend's grid is 4 px, and the nodes
     * skipped lie within a quad's few pixels of the ones kept. */
    int st = (n - 1 + 63) / 64;
    double q[8];
    static const int cu[4] = { -1, 1, 1, -1 }, cv[4] = { -1, -1, 1, 1 };
    cairo_new_path(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    for (int k = 0; k < 4; k++)
        ov__surf_proj(s, cu[k], cv[k], -HBOX, &q[2 * k], &q[2 * k + 1]);
    footprint_quad(cr, q);
    for (int j = 0; j < n - 1; j += st)
        for (int i = 0; i < n - 1; i += st) {
            int i1 = i + st < n - 1 ? i + st : n - 1;
            int j1 = j + st < n - 1 ? j + st : n - 1;
            int ii[4] = { i, i1, i1, i }, jj[4] = { j, j, j1, j1 };
            for (int k = 0; k < 4; k++) {
                double u = -1.0 + 2.0 * ii[k] / (n - 1);
                double v = -1.0 + 2.0 * jj[k] / (n - 1);
                double w = ov__surf_nw(s, s->mz[(size_t)jj[k] * n + ii[k]]);
                ov__surf_proj(s, u, v, w, &q[2 * k], &q[2 * k + 1]);
            }
            footprint_quad(cr, q);
        }
    cairo_set_source_rgba(cr, 0, 0, 0, 1);
    cairo_fill(cr);
}

/* The mesh cell under (u, v) (clamped to the mesh): its corner node, and
 * the point's place inside it (0..1 each way); @return the corner's
 * height pointer, whose right, upper and diagonal neighbours are z[1],
 * z[n], z[n + 1]. */
static const double *
mesh_cell(const surf *s, double u, double v, double *x, double *y)
{
    int n = s->mn;
    double fu = (u + 1.0) * 0.5 * (n - 1), fv = (v + 1.0) * 0.5 * (n - 1);
    fu = fu < 0.0 ? 0.0 : fu > n - 1 ? n - 1 : fu;
    fv = fv < 0.0 ? 0.0 : fv > n - 1 ? n - 1 : fv;
    int i = (int)fu, j = (int)fv;
    i = i > n - 2 ? n - 2 : i;
    j = j > n - 2 ? n - 2 : j;
    *x = fu - i;
    *y = fv - j;
    return s->mz + (size_t)j * (size_t)n + (size_t)i;
}

double
ov__surf_height(const surf *s, double u, double v)
{
    int n = s->mn;
    double x, y;
    const double *z = mesh_cell(s, u, v, &x, &y);
    double h = x >= y ? z[0] + x * (z[1] - z[0]) + y * (z[n + 1] - z[1])
                      : z[0] + y * (z[n] - z[0]) + x * (z[n + 1] - z[n]);
    return ov__surf_nw(s, h);
}

/*
 * Whether the surface at (u, v) turns its top away from the eye (seen from
 * below, as the near wall of a bowl from a low camera): what lies on its
 * top there is out of sight, though nothing stands in front of it.  The
 * slope is the drawn triangle's.
 */
int
ov__surf_backface(const surf *s, double u, double v)
{
    int n = s->mn;
    double x, y;
    const double *z = mesh_cell(s, u, v, &x, &y);
    double w00 = ov__surf_nw(s, z[0]), w10 = ov__surf_nw(s, z[1]);
    double w01 = ov__surf_nw(s, z[n]), w11 = ov__surf_nw(s, z[n + 1]);
    double h = 2.0 / (n - 1), gu, gv;
    if (x >= y) {
        gu = (w10 - w00) / h;
        gv = (w11 - w10) / h;
    } else {
        gv = (w01 - w00) / h;
        gu = (w11 - w01) / h;
    }
    /* normal (-gu, -gv, 1) against the direction of the eye */
    return -gu * s->ce * s->ca - gv * s->ce * s->sa + s->se < -0.02;
}

/*
 * Hidden when every pixel around the point's (3 x 3) has surface clearly
 * nearer the eye (by 1.5 pixels): a point on the surface at its own pixel
 * is never hidden by the face it lies on, and near an outline the
 * background among the neighbours keeps it visible.
 */
int
ov__surf_hidden(const surf *s, double u, double v, double w)
{
    if (!s->dmap)
        return 0;
    double px, py;
    ov__surf_proj(s, u, v, w, &px, &py);
    double d = ov__surf_depth(s, u, v, w) + 1.5 / s->S;
    int ix = (int)floor(px * s->dk) - s->dx0;
    int iy = (int)floor(py * s->dk) - s->dy0;
    for (int y = iy - 1; y <= iy + 1; y++)
        for (int x = ix - 1; x <= ix + 1; x++) {
            if (x < 0 || y < 0 || x >= s->dw || y >= s->dh)
                return 0;
            if (!(s->dmap[(size_t)y * (size_t)s->dw + (size_t)x] > d))
                return 0;
        }
    return 1;
}
