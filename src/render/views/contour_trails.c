/*
 * contour_trails.c: the contour view's trails: segments, point markers,
 * arrows and divergence crosses, one row at a time in step-major order on
 * the raster layers, one path per series on vector surfaces.
 */
#include <cairo.h>
#include <math.h>
#include <stdint.h>

#include "alloc_private.h"
#include "contour_private.h"

/* ---- trails: one row at a time ------------------------------------------ */

static void
draw_dot(const ov__contour_view *sc, cairo_t *cr, const ov__contour_series *se, size_t k)
{
    double x = se->p[2 * k], y = se->p[2 * k + 1];
    if (fabs(x) > 1e6 || fabs(y) > 1e6)
        return;
    ov__sprite_circle(sc->spr, cr, x, y, ov__contour_dot_r(sc),
                      sc->v.color[se->i], sc->v.casing[se->i], 0.7 * sc->v.s);
}

static void draw_cross(const ov__contour_view *sc, cairo_t *cr,
                       const ov__contour_series *se, double x, double y,
                       ov__box *bb);

/*
 * The gradient arrow of row @p k (its step's -lr * gradient), in the
 * series' colour with a dark casing like the trail's, so that a light
 * colour (gd's) stays readable on light bands and a dark one on dark
 * bands.  Its head is wider than the cased trail (gd's arrow lies along
 * the next segment, so only the head tells it apart) and its tip is the
 * arrow's end, drawn above the point marker there (gd lands exactly on
 * it: a tip stopping short of the vertex read as a gap).  @p part 0
 * draws the shaft, 1 the head.
 */
static void
grad_arrow(const ov__contour_view *sc, cairo_t *cr, const ov__contour_series *se,
           size_t k, ov__box lim, int part)
{
    double s = sc->v.s;
    double xa = se->p[2 * k], ya = se->p[2 * k + 1];
    double xb = se->a[2 * k], yb = se->a[2 * k + 1];
    double len = hypot(xb - xa, yb - ya), hs = OV__CONTOUR_ARROW_HEAD * s;
    /* Short arrows (near a minimum) keep a smaller head rather than
     * none. */
    if (len < 1.2 * hs)
        hs = len / 1.2;
    double tipx = xb, tipy = yb;
    if (!(len > 0.5 && ov__clip_segment(lim, &xa, &ya, &xb, &yb)))
        return;
    int head = xb == tipx && yb == tipy && hs >= 3.0 * s;
    /* The shaft ends where the head starts, so the casing does not show
     * through the head's point. */
    double ex = xb, ey = yb;
    if (head) {
        ex -= (xb - xa) / len * 0.6 * hs;
        ey -= (yb - ya) / len * 0.6 * hs;
    }
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    if (part == 0) {
        cairo_new_path(cr);
        cairo_move_to(cr, xa, ya);
        cairo_line_to(cr, ex, ey);
        /* Thin: the arrows are a light fan over the trails. */
        ov__stroke_cased(cr, sc->v.color[se->i], 0.9 * s, sc->v.casing[se->i],
                         1.7 * s);
    } else if (head) {
        ov__arrow_head_cased(cr, xa, ya, xb, yb, hs, sc->v.color[se->i],
                             sc->v.casing[se->i], 0.8 * s);
    }
}

/* How many earlier segments a new one looks back over (see
 * restroked()): enough for a path that oscillates in place; a crossing
 * with an older one shows the newer casing. */
#define LOOKBACK 64

/* Whether segment @p c lies within a third of a pixel of segment a-b: its
 * colour then lies under a-b's own, and a-b's casing does not show on it
 * (a converged tail, points a fraction of a pixel apart). */
static int
covered(double xa, double ya, double xb, double yb, const double c[4])
{
    return ov__seg_dist(c[0], c[1], xa, ya, xb, yb) < 0.33 &&
           ov__seg_dist(c[2], c[3], xa, ya, xb, yb) < 0.33;
}

/*
 * Whether segment @p j (row j-1 to row j, kept: j >= first) is stroked
 * again, in its colour, when row @p k is drawn: when it meets the casing
 * of segment k.  So each casing lies under every colour of its series
 * near it, as if the path were one polyline cased once: a path that
 * oscillates over itself keeps its colour (one dark outline per segment
 * turned adadelta's race on wobbly into a black bar).  Sets the clipped
 * segment in @p c.
 */
static size_t lookback_from(size_t k, size_t first);

static int
restroked(const ov__contour_view *sc, const ov__contour_series *se, size_t k,
          size_t j, double along, ov__box lim, double c[4])
{
    /* Segment j's colour (lw / 2 from it) meets segment k's casing ring
     * (lw / 2 to lw / 2 + 0.7 s from it, and a pixel of anti-aliasing)
     * when the two are closer than this. */
    double s = sc->v.s, lw = 1.6 * s, reach = lw + 0.7 * s + 1.0;
    double xa = se->p[2 * k - 2], ya = se->p[2 * k - 1];
    double xb = se->p[2 * k], yb = se->p[2 * k + 1];
    /* The segments just before the joint, along a smooth path, meet the
     * new casing only in the joint's corner, which segment k-1 (stroked
     * again) covers: what matters is the path coming back over itself,
     * more than a few widths along it (@p along: the path's length
     * between the two). */
    if (j + 1 != k && along < 3.0 * reach)
        return 0;
    c[0] = se->p[2 * j - 2];
    c[1] = se->p[2 * j - 1];
    c[2] = se->p[2 * j];
    c[3] = se->p[2 * j + 1];
    if (j + 1 != k) {
        ov__box a = ov__box_empty(), b = ov__box_empty();
        ov__box_add(&a, xa, ya, reach);
        ov__box_add(&a, xb, yb, reach);
        ov__box_add(&b, c[0], c[1], 0.0);
        ov__box_add(&b, c[2], c[3], 0.0);
        if (!ov__boxes_meet(a, b))
            return 0;
    }
    if (!ov__clip_segment(lim, &xa, &ya, &xb, &yb) ||
        !ov__clip_segment(lim, &c[0], &c[1], &c[2], &c[3]))
        return 0;
    if (j + 1 == k)
        return 1;   /* the joint */
    if (covered(xa, ya, xb, yb, c))
        return 0;
    /* Boxes of diagonal segments meet far from the segments: measure
     * the distance between the two segments (their ends to the other),
     * against the casing's reach. */
    double d = fmin(fmin(ov__seg_dist(c[0], c[1], xa, ya, xb, yb),
                         ov__seg_dist(c[2], c[3], xa, ya, xb, yb)),
                    fmin(ov__seg_dist(xa, ya, c[0], c[1], c[2], c[3]),
                         ov__seg_dist(xb, yb, c[0], c[1], c[2], c[3])));
    /* Crossing segments: their ends may all be far apart. */
    double d1 = (xb - xa) * (c[1] - ya) - (yb - ya) * (c[0] - xa);
    double d2 = (xb - xa) * (c[3] - ya) - (yb - ya) * (c[2] - xa);
    double d3 = (c[2] - c[0]) * (ya - c[1]) - (c[3] - c[1]) * (xa - c[0]);
    double d4 = (c[2] - c[0]) * (yb - c[1]) - (c[3] - c[1]) * (xb - c[0]);
    if (((d1 < 0.0) != (d2 < 0.0)) && ((d3 < 0.0) != (d4 < 0.0)))
        d = 0.0;
    return d < reach;
}

/* The segments row @p k strokes again (restroked()), as bits j - *j0 of
 * the mask, *j0 the first looked at; the path's length between each and
 * segment k is summed from k backwards. */
static uint64_t
restroke_set(const ov__contour_view *sc, const ov__contour_series *se,
             size_t k, size_t first, ov__box lim, size_t *j0)
{
    size_t from = k > first ? lookback_from(k, first) : k;
    uint64_t mask = 0;
    double along = 0.0, c[4];
    *j0 = from;
    for (size_t j = k; j-- > from;) {
        if (j + 1 < k) {
            double dx = se->p[2 * j + 2] - se->p[2 * j];
            double dy = se->p[2 * j + 3] - se->p[2 * j + 1];
            along += sqrt(dx * dx + dy * dy);
        }
        if (restroked(sc, se, k, j, along, lim, c))
            mask |= (uint64_t)1 << (j - from);
    }
    return mask;
}

/* The first segment row @p k looks back to. */
static size_t
lookback_from(size_t k, size_t first)
{
    size_t j0 = k > LOOKBACK ? k - LOOKBACK : 1;
    if (j0 < first)
        j0 = first;
    return j0 < 1 ? 1 : j0;
}

/*
 * Draws row @p k of @p se: the segment from row k-1 (with its point marker
 * drawn again on top of the new segment), the marker of row k and the
 * divergence cross (the arrows are the overlay's).  Rows before
 * @p first are out of the --trail window: the previous segment is only
 * stroked again when its row is kept, or it would outlive its row
 * (removing a row restores the background under that row's own box only).
 * Grows @p bb by what was drawn.
 */
void
ov__contour_draw_row(const ov__contour_view *sc, cairo_t *cr, const ov__contour_series *se,
                size_t k, size_t first, ov__box *bb)
{
    double s = sc->v.s, lw = 1.6 * s, pad = lw + ov__contour_dot_r(sc) + 2.0;
    ov__box lim = ov__contour_plot_box(sc, 50.0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    /* A points-only series has no segments, so nothing to stroke again:
     * each row is its own marker. */
    if (k > 0 && !se->points_only) {
        double xa = se->p[2 * k - 2], ya = se->p[2 * k - 1];
        double xb = se->p[2 * k], yb = se->p[2 * k + 1];
        double cxa = xa, cya = ya, cxb = xb, cyb = yb;
        if (ov__clip_segment(lim, &cxa, &cya, &cxb, &cyb)) {
            /* A dark outline keeps the trail readable on every colormap;
             * the previous segment's colour is stroked again so the new
             * outline does not notch the joint. */
            cairo_new_path(cr);
            cairo_move_to(cr, cxa, cya);
            cairo_line_to(cr, cxb, cyb);
            ov__set_rgb(cr, sc->v.casing[se->i], 1.0);
            cairo_set_line_width(cr, lw + 1.4 * s);
            cairo_stroke(cr);
            ov__set_rgb(cr, sc->v.color[se->i], 1.0);
            cairo_set_line_width(cr, lw);
            /* Each a stroke of its own: one path with several segments
             * would be rasterized as one polygon, and cairo's coverage of
             * a pixel can then depend on another segment's edges on the
             * same scanline, so a segment would look different once
             * another leaves the --trail window. */
            unsigned char redot[LOOKBACK + 2] = { 0 };
            size_t j0;
            uint64_t set = restroke_set(sc, se, k, first, lim, &j0);
            for (size_t j = j0; set && j < k; j++) {
                double c[4] = { se->p[2 * j - 2], se->p[2 * j - 1],
                                se->p[2 * j], se->p[2 * j + 1] };
                if (!(set >> (j - j0) & 1) ||
                    !ov__clip_segment(lim, &c[0], &c[1], &c[2], &c[3]))
                    continue;
                cairo_new_path(cr);
                cairo_move_to(cr, c[0], c[1]);
                cairo_line_to(cr, c[2], c[3]);
                cairo_stroke(cr);
                ov__box_add(bb, c[0], c[1], pad);
                ov__box_add(bb, c[2], c[3], pad);
                if (j + 1 < k)   /* row k-1's marker is drawn below */
                    redot[j - j0 + 1] = redot[j - j0] = 1;
            }
            cairo_new_path(cr);
            cairo_move_to(cr, cxa, cya);
            cairo_line_to(cr, cxb, cyb);
            cairo_stroke(cr);
            ov__box_add(bb, cxa, cya, pad);
            ov__box_add(bb, cxb, cyb, pad);
            double hs = 7.0 * s;
            if (sc->arrows == OV_ARROWS_STEP && cxb == xb && cyb == yb &&
                hypot(xb - xa, yb - ya) > 1.5 * hs)
                ov__arrow_head(cr, xa, ya, xb, yb, hs);
            /* The markers of the segments stroked again, on top. */
            for (size_t q = 0; q + j0 < k + 1 && q < LOOKBACK + 2; q++) {
                size_t r = j0 + q - 1;
                if (redot[q] && r + 1 < k && se->dot[r]) {
                    double x = se->p[2 * r], y = se->p[2 * r + 1];
                    if (x > lim.x0 && x < lim.x1 && y > lim.y0 && y < lim.y1)
                        draw_dot(sc, cr, se, r);
                }
            }
            if (se->dot[k - 1])
                draw_dot(sc, cr, se, k - 1);
        }
    }
    double x = se->p[2 * k], y = se->p[2 * k + 1];
    int visible = x > lim.x0 && x < lim.x1 && y > lim.y0 && y < lim.y1;
    if (se->dot[k] && visible) {
        draw_dot(sc, cr, se, k);
        ov__box_add(bb, x, y, pad);
    }
    if (sc->v.diverged[se->i] && k + 1 == sc->v.nrows[se->i] && visible)
        draw_cross(sc, cr, se, x, y, bb);
}

/* Box of the gradient arrow of row @p k of @p se (empty when none). */
ov__box
ov__contour_arrow_box(const ov__contour_view *sc, const ov__contour_series *se, size_t k)
{
    ov__box b = ov__box_empty();
    ov__box lim = ov__contour_plot_box(sc, 50.0);
    double xa = se->p[2 * k], ya = se->p[2 * k + 1];
    double xb = se->a[2 * k], yb = se->a[2 * k + 1];
    if ((xb != xa || yb != ya) && ov__clip_segment(lim, &xa, &ya, &xb, &yb)) {
        double pad = OV__CONTOUR_ARROW_HEAD * sc->v.s + 2.0;
        ov__box_add(&b, xa, ya, pad);
        ov__box_add(&b, xb, yb, pad);
    }
    return b;
}

/*
 * The gradient arrows of the rows kept at @p step, above every series'
 * trail and point markers (a trail that zigzags back over an earlier
 * arrow would hide its head), those meeting the current clip only (a
 * frame's work surface).  They
 * are part of the overlay, not of the trails layer.
 */
void
ov__contour_draw_arrows(const ov__contour_view *sc, cairo_t *cr, long step)
{
    if (sc->arrows != OV_ARROWS_GRADIENT)
        return;
    double cx0, cy0, cx1, cy1;
    cairo_clip_extents(cr, &cx0, &cy0, &cx1, &cy1);
    ov__box clip = { cx0, cy0, cx1, cy1 };
    ov__box lim = ov__contour_plot_box(sc, 50.0);
    /* Every shaft, then every head: a shaft never hides a head. */
    for (int part = 0; part < 2; part++)
        for (size_t i = 0; i < sc->v.n; i++) {
            const ov__contour_series *se = &sc->se[i];
            size_t first = ov__contour_first_row(sc, se, step);
            size_t last = ov__view_row(&sc->v, se->i, step);
            for (size_t k = first; k <= last; k++) {
                ov__box b = ov__contour_arrow_box(sc, se, k);
                if (ov__box_is_empty(&b) || b.x1 <= clip.x0 ||
                    b.x0 >= clip.x1 || b.y1 <= clip.y0 || b.y0 >= clip.y1)
                    continue;
                grad_arrow(sc, cr, se, k, lim, part);
            }
        }
}

/* The divergence cross at (x, y). */
static void
draw_cross(const ov__contour_view *sc, cairo_t *cr, const ov__contour_series *se, double x,
           double y, ov__box *bb)
{
    double s = sc->v.s, r = 6.0 * s;
    cairo_new_path(cr);
    cairo_move_to(cr, x - r, y - r);
    cairo_line_to(cr, x + r, y + r);
    cairo_move_to(cr, x - r, y + r);
    cairo_line_to(cr, x + r, y - r);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    ov__stroke_cased(cr, sc->v.color[se->i], 2.2 * s, sc->v.casing[se->i],
                     4.2 * s);
    ov__box_add(bb, x, y, r + 4.0 * s);
}

/* First row kept at @p step under --trail. */
size_t
ov__contour_first_row(const ov__contour_view *sc, const ov__contour_series *se, long step)
{
    size_t r = ov__view_row(&sc->v, se->i, step);
    if (sc->v.trail > 0 && (long)r + 1 > sc->v.trail)
        return r + 1 - (size_t)sc->v.trail;
    return 0;
}

/* Draws step @p k of every series kept in the --trail window of step
 * @p win; with @p only, just the rows whose box meets it. */
void
ov__contour_draw_step(const ov__contour_view *sc, cairo_t *cr, long k, long win,
                 const ov__box *only, ov__box *bb)
{
    for (size_t i = 0; i < sc->v.n; i++) {
        const ov__contour_series *se = &sc->se[i];
        if (k < 0 || (size_t)k >= sc->v.nrows[se->i])
            continue;
        size_t first = ov__contour_first_row(sc, se, win);
        if ((size_t)k < first)
            continue;
        if (only &&
            !ov__boxes_meet(ov__contour_row_box(sc, se, (size_t)k, first), *only))
            continue;
        ov__box b = ov__box_empty();
        ov__contour_draw_row(sc, cr, se, (size_t)k, first, &b);
        /* The overlay draws the row's arrow there. */
        if (sc->arrows == OV_ARROWS_GRADIENT)
            ov__box_union(&b, ov__contour_arrow_box(sc, se, (size_t)k));
        if (bb && !ov__box_is_empty(&b)) {
            ov__box_add(bb, b.x0, b.y0, 0.0);
            ov__box_add(bb, b.x1, b.y1, 0.0);
        }
    }
}

/* Draws rows (from, to] of every series, step-major, leaving out rows that
 * are out of the --trail window of step @p win. */
void
ov__contour_draw_rows(const ov__contour_view *sc, cairo_t *cr, long from, long to,
                 long win, ov__box *bb)
{
    for (long k = from + 1; k <= to; k++)
        ov__contour_draw_step(sc, cr, k, win, NULL, bb);
}

/*
 * The trails of a vector still: each series as one outlined polyline and
 * one path of point markers, not a few paths per step (the default SVG
 * was 371 KB of them).  Series are drawn one after the other, so where
 * two cross the later one is on top along its whole length.
 */
void
ov__contour_draw_trails_vector(const ov__contour_view *sc, cairo_t *cr, long step)
{
    double s = sc->v.s, lw = 1.6 * s;
    ov__box lim = ov__contour_plot_box(sc, 50.0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t i = 0; i < sc->v.n; i++) {
        const ov__contour_series *se = &sc->se[i];
        size_t first = ov__contour_first_row(sc, se, step);
        size_t last = ov__view_row(&sc->v, se->i, step);
        double lx = NAN, ly = NAN;
        cairo_new_path(cr);
        for (size_t k = first > 0 ? first : 1;
             !se->points_only && k <= last; k++) {
            double xa = se->p[2 * k - 2], ya = se->p[2 * k - 1];
            double xb = se->p[2 * k], yb = se->p[2 * k + 1];
            if (!ov__clip_segment(lim, &xa, &ya, &xb, &yb))
                continue;
            if (xa != lx || ya != ly)
                cairo_move_to(cr, xa, ya);
            cairo_line_to(cr, xb, yb);
            lx = xb;
            ly = yb;
        }
        if (!se->points_only)
            ov__stroke_cased(cr, sc->v.color[se->i], lw, sc->v.casing[se->i],
                             lw + 1.4 * s);
        ov__box none = ov__box_empty();
        double hs = 7.0 * s;
        for (size_t k = first > 0 ? first : 1;
             !se->points_only && sc->arrows == OV_ARROWS_STEP &&
             k <= last; k++) {
            double xa = se->p[2 * k - 2], ya = se->p[2 * k - 1];
            double xb = se->p[2 * k], yb = se->p[2 * k + 1];
            double cxa = xa, cya = ya, cxb = xb, cyb = yb;
            if (ov__clip_segment(lim, &cxa, &cya, &cxb, &cyb) && cxb == xb &&
                cyb == yb && hypot(xb - xa, yb - ya) > 1.5 * hs)
                ov__arrow_head(cr, xa, ya, xb, yb, hs);
        }
        /* Markers: those ov__contour_draw_row() draws (the first kept segment's
         * start too), in one path. */
        cairo_new_path(cr);
        for (size_t k = first > 0 ? first - 1 : 0; k <= last; k++) {
            double x = se->p[2 * k], y = se->p[2 * k + 1];
            if (!se->dot[k] || fabs(x) > 1e6 || fabs(y) > 1e6)
                continue;
            if (!(x > lim.x0 && x < lim.x1 && y > lim.y0 && y < lim.y1))
                continue;
            cairo_new_sub_path(cr);
            cairo_arc(cr, x, y, ov__contour_dot_r(sc), 0.0, 2.0 * M_PI);
        }
        cairo_fill_preserve(cr);
        ov__set_rgb(cr, sc->v.casing[se->i], 1.0);
        cairo_set_line_width(cr, 0.7 * s);
        cairo_stroke(cr);
        double x = se->p[2 * last], y = se->p[2 * last + 1];
        if (sc->v.diverged[se->i] && last + 1 == sc->v.nrows[se->i] && x > lim.x0 &&
            x < lim.x1 && y > lim.y0 && y < lim.y1)
            draw_cross(sc, cr, se, x, y, &none);
    }
}

/* Box of everything ov__contour_draw_row() draws for row @p k with @p first the
 * first row kept (pads cover the outlines, point markers, arrow heads and
 * the divergence cross). */
ov__box
ov__contour_row_box(const ov__contour_view *sc, const ov__contour_series *se, size_t k,
               size_t first)
{
    ov__box rb = ov__box_empty();
    double pad = 8.0 * sc->v.s;
    ov__box lim = ov__contour_plot_box(sc, 50.0);
    if (k > 0) {
        double xa = se->p[2 * k - 2], ya = se->p[2 * k - 1];
        double xb = se->p[2 * k], yb = se->p[2 * k + 1];
        if (ov__clip_segment(lim, &xa, &ya, &xb, &yb)) {
            ov__box_add(&rb, xa, ya, pad);
            ov__box_add(&rb, xb, yb, pad);
            size_t j0;
            uint64_t set = restroke_set(sc, se, k, first, lim, &j0);
            for (size_t j = j0; set && j < k; j++) {
                double c[4] = { se->p[2 * j - 2], se->p[2 * j - 1],
                                se->p[2 * j], se->p[2 * j + 1] };
                if ((set >> (j - j0) & 1) &&
                    ov__clip_segment(lim, &c[0], &c[1], &c[2], &c[3])) {
                    ov__box_add(&rb, c[0], c[1], pad);
                    ov__box_add(&rb, c[2], c[3], pad);
                }
            }
        }
    }
    double x = se->p[2 * k], y = se->p[2 * k + 1];
    if (x > lim.x0 && x < lim.x1 && y > lim.y0 && y < lim.y1)
        ov__box_add(&rb, x, y, sc->v.diverged[se->i] ? 11.0 * sc->v.s : pad);
    /* Its arrow, and the previous row's drawn again on top. */
    for (size_t q = k > first ? k - 1 : k;
         sc->arrows == OV_ARROWS_GRADIENT && q <= k; q++) {
        double xa = se->p[2 * q], ya = se->p[2 * q + 1];
        double xb = se->a[2 * q], yb = se->a[2 * q + 1];
        if (ov__clip_segment(lim, &xa, &ya, &xb, &yb)) {
            ov__box_add(&rb, xa, ya, pad);
            ov__box_add(&rb, xb, yb, pad);
        }
    }
    return rb;
}
