/*
 * contour_labels.c: the contour view's lines with inline labels.
 *
 * Contour lines are the traced polylines of every few band boundaries,
 * dashed, with labels placed along them where they collide with nothing
 * else (other labels, trails, markers, the legend), and the line broken
 * under each label.  What is taken is kept in an occupancy grid of
 * OV__CONTOUR_OCC_CELL pixel cells.
 */
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc_private.h"
#include "contour_private.h"
#include "ticks.h"

/* Liang-Barsky: clips (a)-(b) to @p r; 0 when nothing is left. */

void
ov__contour_mark_trails(ov__contour_view *sc)
{
    double pad = 3.0 * sc->v.s;
    for (size_t i = 0; i < sc->v.n; i++) {
        const ov__contour_series *se = &sc->se[i];
        for (size_t k = 0; k < sc->v.nrows[se->i]; k++) {
            if (k > 0)
                ov__occ_mark_segment(&sc->occ, se->p[2 * k - 2], se->p[2 * k - 1],
                                 se->p[2 * k], se->p[2 * k + 1], pad);
            else
                ov__occ_mark_segment(&sc->occ, se->p[0], se->p[1], se->p[0], se->p[1],
                                 ov__contour_marker_r(sc) + pad);
            if (sc->arrows == OV_ARROWS_GRADIENT)
                ov__occ_mark_segment(&sc->occ, se->p[2 * k], se->p[2 * k + 1],
                                 se->a[2 * k], se->a[2 * k + 1], pad);
        }
        size_t r = sc->v.nrows[se->i] - 1;
        ov__occ_mark_segment(&sc->occ, se->p[2 * r], se->p[2 * r + 1], se->p[2 * r],
                         se->p[2 * r + 1], ov__contour_marker_r(sc) + pad);
    }
    for (size_t i = 0; i < sc->nmin; i++) {
        double x = sc->minp[2 * i], y = sc->minp[2 * i + 1], r = 10.0 * sc->v.s;
        ov__box b = { x - r, y - r, x + r, y + r };
        ov__occ_mark_box(&sc->occ, b);
    }
}

/* Arc length positions of a chain (closed chains get the return leg). */
static double
chain_len(const ov__isolines *c, const ov__chain *ch)
{
    const double *p = c->xy + 2 * ch->first;
    double L = 0.0;
    size_t n = ch->n + (ch->closed ? 1 : 0);
    for (size_t k = 1; k < n; k++) {
        size_t a = k - 1, b = k % ch->n;
        L += hypot(p[2 * b] - p[2 * a], p[2 * b + 1] - p[2 * a + 1]);
    }
    return L;
}

/* The arc length of a chain up to each of its points after the first
 * (cum[k - 1] up to point k), summed in chain order; NULL when out of
 * memory.  chain_at then finds a segment by bisection: a label's search
 * asks for some hundred points along a chain of thousands. */
static double *
chain_cum(const ov__isolines *c, const ov__chain *ch)
{
    const double *p = c->xy + 2 * ch->first;
    size_t n = ch->n + (ch->closed ? 1 : 0);
    double *cum = ov__malloc3(n > 1 ? n - 1 : 1, 1, sizeof *cum);
    double acc = 0.0;
    if (!cum)
        return NULL;
    for (size_t k = 1; k < n; k++) {
        size_t a = k - 1, b = k % ch->n;
        acc += hypot(p[2 * b] - p[2 * a], p[2 * b + 1] - p[2 * a + 1]);
        cum[k - 1] = acc;
    }
    return cum;
}

/* Point at arc length @p t along the chain: on the first segment whose
 * end is at @p t or beyond (the last one if none), by @p cum (chain_cum;
 * NULL: summed here).  The sums are the same additions in the same order
 * either way, so the point is too. */
static void
chain_at(const ov__isolines *c, const ov__chain *ch, const double *cum,
         double t, double *x, double *y)
{
    const double *p = c->xy + 2 * ch->first;
    size_t n = ch->n + (ch->closed ? 1 : 0);
    if (n < 2) {
        *x = p[0];
        *y = p[1];
        return;
    }
    size_t k;
    double acc = 0.0;
    if (cum) {
        /* cum never decreases (each term is >= 0): the first k in
         * [1, n - 1] with cum[k - 1] >= t, else n - 1. */
        size_t lo = 1, hi = n - 1;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (cum[mid - 1] >= t)
                hi = mid;
            else
                lo = mid + 1;
        }
        k = lo;
        acc = k > 1 ? cum[k - 2] : 0.0;
    } else {
        for (k = 1; k + 1 < n; k++) {
            size_t a = k - 1, b = k % ch->n;
            double d = hypot(p[2 * b] - p[2 * a], p[2 * b + 1] - p[2 * a + 1]);
            if (acc + d >= t)
                break;
            acc += d;
        }
    }
    size_t a = k - 1, b = k % ch->n;
    double d = hypot(p[2 * b] - p[2 * a], p[2 * b + 1] - p[2 * a + 1]);
    double f = d > 0.0 ? (t - acc) / d : 0.0;
    f = f < 0.0 ? 0.0 : f > 1.0 ? 1.0 : f;
    *x = p[2 * a] + (p[2 * b] - p[2 * a]) * f;
    *y = p[2 * a + 1] + (p[2 * b + 1] - p[2 * a + 1]) * f;
}

/* Strokes a chain leaving out arc intervals gaps[2k]..gaps[2k+1]. */
/* @p keep (may be NULL: every point) leaves out the points that
 * ov__simplify() dropped; the gaps stay where they are on the full chain. */
static void
stroke_chain(cairo_t *cr, const ov__isolines *c, const ov__chain *ch,
             const double *gaps, size_t ngaps, const unsigned char *keep)
{
    const double *p = c->xy + 2 * ch->first;
    size_t n = ch->n + (ch->closed ? 1 : 0);
    double acc = 0.0;
    int pen_down = 0;
    cairo_new_path(cr);
    for (size_t k = 0; k < n; k++) {
        size_t b = k % ch->n;
        double xb = p[2 * b], yb = p[2 * b + 1];
        if (k == 0) {
            int in_gap = 0;
            for (size_t g = 0; g < ngaps; g++)
                if (0.0 >= gaps[2 * g] && 0.0 <= gaps[2 * g + 1])
                    in_gap = 1;
            if (!in_gap) {
                cairo_move_to(cr, xb, yb);
                pen_down = 1;
            }
            continue;
        }
        size_t a = k - 1;
        double xa = p[2 * a], ya = p[2 * a + 1];
        double d = hypot(xb - xa, yb - ya);
        /* Split this segment at gap boundaries inside it. */
        double t0 = acc, t1 = acc + d;
        double cuts[8];
        size_t nc = 0;
        for (size_t g = 0; g < ngaps && nc + 2 <= 8; g++) {
            if (gaps[2 * g] > t0 && gaps[2 * g] < t1)
                cuts[nc++] = gaps[2 * g];
            if (gaps[2 * g + 1] > t0 && gaps[2 * g + 1] < t1)
                cuts[nc++] = gaps[2 * g + 1];
        }
        for (size_t i = 1; i < nc; i++)      /* few cuts: insertion sort */
            for (size_t j = i; j > 0 && cuts[j] < cuts[j - 1]; j--) {
                double tmp = cuts[j];
                cuts[j] = cuts[j - 1];
                cuts[j - 1] = tmp;
            }
        for (size_t i = 0; i <= nc; i++) {
            double te = i < nc ? cuts[i] : t1;
            double f = d > 0.0 ? (te - t0) / d : 1.0;
            double x = xa + (xb - xa) * f, y = ya + (yb - ya) * f;
            /* State after te: inside a gap? */
            double probe = i < nc ? te + 1e-9 : t1;
            int in_gap = 0;
            for (size_t g = 0; g < ngaps; g++)
                if (probe > gaps[2 * g] && probe < gaps[2 * g + 1])
                    in_gap = 1;
            if (pen_down && (i < nc || !keep || keep[b] || k + 1 == n))
                cairo_line_to(cr, x, y);
            if (in_gap) {
                pen_down = 0;
            } else if (!pen_down) {
                cairo_move_to(cr, x, y);
                pen_down = 1;
            }
        }
        acc = t1;
    }
    cairo_stroke(cr);
}

/* Line @p l's colour when lines stand alone: its level's band colour,
 * darkened enough to read on a light background. */
static uint32_t
line_color(const ov__contour_view *sc, size_t l)
{
    /* The band the line's level opens (lines sit at round values, not
     * always on a band boundary). */
    double t = floor((sc->line_z[l] - sc->bound[0]) / sc->zstep + 1e-9);
    size_t b = t > 0.0 ? (size_t)t : 0;
    if (b >= sc->nb)
        b = sc->nb - 1;
    uint32_t c = sc->band[b];
    return sc->v.tc.bg == 0xFFFFFF ? ov__mix(c, OV__BLACK, 0.25) : c;
}

void
ov__contour_draw_lines(const ov__contour_view *sc, ov__pen *pn)
{
    cairo_t *cr = pn->cr;
    double s = sc->v.s;
    double dash[2] = { 4.0 * s, 3.0 * s };
    cairo_save(cr);
    cairo_rectangle(cr, sc->px, sc->py, sc->pw, sc->ph);
    cairo_clip(cr);
    /* Alone on the background, lines are solid and in their level's
     * colour (the colour bar's key), as seed 001 draws them. */
    if (!sc->lines_only)
        cairo_set_dash(cr, dash, 2, 0.0);
    cairo_set_line_width(cr, (sc->lines_only ? 1.4 : 1.0) * s);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    ov__set_rgb(cr, sc->v.tc.line, sc->v.tc.line_alpha);
    for (size_t l = 0; l < sc->nlines; l++) {
        const ov__isolines *c = &sc->lines[l];
        if (sc->lines_only)
            ov__set_rgb(cr, line_color(sc, l), 1.0);
        for (size_t k = 0; k < c->nchains; k++) {
            double gaps[2 * 8];
            size_t ng = 0;
            double L = chain_len(c, &c->chains[k]);
            for (size_t q = 0; q < sc->nlabels && ng + 2 <= 8; q++) {
                const ov__contour_label *lb = &sc->labels[q];
                if (lb->line != l || lb->chain != k)
                    continue;
                double g0 = lb->arc - lb->half_gap, g1 = lb->arc + lb->half_gap;
                gaps[2 * ng] = g0;
                gaps[2 * ng + 1] = g1;
                ng++;
                if (c->chains[k].closed && g0 < 0.0) {
                    gaps[2 * ng] = g0 + L;
                    gaps[2 * ng + 1] = L + 1.0;
                    ng++;
                }
                if (c->chains[k].closed && g1 > L) {
                    gaps[2 * ng] = -1.0;
                    gaps[2 * ng + 1] = g1 - L;
                    ng++;
                }
            }
            const ov__chain *ch = &c->chains[k];
            unsigned char *keep = sc->v.raster ? NULL : ov__malloc(ch->n);
            if (keep)
                ov__simplify(c->xy + 2 * ch->first, ch->n, ch->closed,
                         OV__SIMPLIFY_TOL, keep);
            stroke_chain(cr, c, ch, gaps, ng, keep);
            ov__free(keep);
        }
    }
    cairo_restore(cr);
    for (size_t q = 0; q < sc->nlabels; q++) {
        const ov__contour_label *lb = &sc->labels[q];
        ov__text(pn, lb->text, lb->x, lb->y, sc->fs_clabel, lb->ang, 0.5,
             sc->lines_only ? line_color(sc, lb->line) : lb->color, 1.0);
    }
}

/* Band colour at pixel (x, y) from the field. */
static uint32_t
band_at(const ov__contour_view *sc, double x, double y)
{
    double gx = (x - sc->px) / sc->pw * (sc->gnx - 1);
    double gy = (sc->py + sc->ph - y) / sc->ph * (sc->gny - 1);
    long i = lround(gx), j = lround(gy);
    if (i < 0) i = 0;
    if (j < 0) j = 0;
    if (i >= (long)sc->gnx) i = (long)sc->gnx - 1;
    if (j >= (long)sc->gny) j = (long)sc->gny - 1;
    double z = sc->z[(size_t)j * sc->gnx + (size_t)i];
    size_t b = (size_t)floor((z - sc->bound[0]) / sc->zstep);
    if (b >= sc->nb)
        b = sc->nb - 1;
    return sc->band[b];
}

void
ov__contour_place_labels(ov__contour_view *sc)
{
    double s = sc->v.s, fs = sc->fs_clabel;
    sc->nlabels = 0;
    for (size_t l = 0; l < sc->nlines; l++) {
        const ov__isolines *c = &sc->lines[l];
        const char *txt = sc->line_txt[l];
        double tw = ov__text_width(sc->v.meas, txt, fs);
        double half = 0.5 * tw + 3.0 * s;
        int placed_here = 0;
        for (size_t k = 0;
             k < c->nchains && sc->nlabels < OV__CONTOUR_MAX_LABELS; k++) {
            const ov__chain *ch = &c->chains[k];
            double L = chain_len(c, ch);
            if (L < 2.5 * tw + 20.0 * s || placed_here >= 3)
                continue;
            double best_score = -1.0, bx = 0, by = 0, bang = 0, barc = 0;
            ov__box bbest = ov__box_empty();
            double *cum = chain_cum(c, ch);
            for (double t = half + 2.0; t < L - half - 2.0; t += 6.0 * s) {
                double xa, ya, xb, yb, x, y;
                chain_at(c, ch, cum, t - half, &xa, &ya);
                chain_at(c, ch, cum, t + half, &xb, &yb);
                chain_at(c, ch, cum, t, &x, &y);
                double chord = hypot(xb - xa, yb - ya);
                if (chord < 0.9 * 2.0 * half)
                    continue;          /* too curved here */
                double ang = atan2(yb - ya, xb - xa);
                if (ang > M_PI / 2.0) ang -= M_PI;
                if (ang < -M_PI / 2.0) ang += M_PI;
                double ca = fabs(cos(ang)), sa = fabs(sin(ang));
                double hw = half * ca + 0.55 * fs * sa;
                double hh = half * sa + 0.55 * fs * ca;
                ov__box b = { x - hw, y - hh, x + hw, y + hh };
                if (b.x0 < sc->px + 2 || b.x1 > sc->px + sc->pw - 2 ||
                    b.y0 < sc->py + 2 || b.y1 > sc->py + sc->ph - 2)
                    continue;
                if (!ov__occ_is_free(&sc->occ, b))
                    continue;
                /* Prefer places far from other labels and the border. */
                double dmin = 1e9;
                for (size_t q = 0; q < sc->nlabels; q++) {
                    double d = hypot(sc->labels[q].x - x, sc->labels[q].y - y);
                    if (d < dmin) dmin = d;
                }
                double edge = fmin(fmin(b.x0 - sc->px, sc->px + sc->pw - b.x1),
                                   fmin(b.y0 - sc->py, sc->py + sc->ph - b.y1));
                double score = fmin(dmin, 4.0 * edge + 40.0 * s);
                if (score > best_score) {
                    best_score = score;
                    bx = x;
                    by = y;
                    bang = ang;
                    barc = t;
                    bbest = b;
                }
            }
            ov__free(cum);
            if (best_score < 0.0)
                continue;
            ov__contour_label *lb = &sc->labels[sc->nlabels++];
            lb->line = l;
            lb->chain = k;
            lb->arc = barc;
            lb->half_gap = half;
            lb->x = bx;
            lb->y = by;
            lb->ang = bang;
            lb->color = ov__luminance(band_at(sc, bx, by)) > 110.0
                            ? 0x000000 : 0xFFFFFF;
            snprintf(lb->text, sizeof lb->text, "%s", txt);
            ov__box pad = { bbest.x0 - 6 * s, bbest.y0 - 6 * s,
                            bbest.x1 + 6 * s, bbest.y1 + 6 * s };
            ov__occ_mark_box(&sc->occ, pad);
            placed_here++;
        }
    }
}
