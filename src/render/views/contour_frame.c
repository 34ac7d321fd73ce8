/*
 * cview_frame.c: the contour view's frames (protocol in scene_private.h)
 * and vector output.
 */
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc_private.h"
#include "render/views/contour_private.h"
#include "render/render_private.h"

/* ---- frames ------------------------------------------------------------ */

/*
 * Partial redraws are not done under a clip: cairo splits the polygon of a
 * stroke or marker that a clip box cuts, and pixels along the cut come out
 * a level off the unclipped drawing, so frames drifted from a fresh render
 * (--trail 5: 99-124 pixels).  They go to a work surface covering only
 * @p r instead, whose edges bound the rasterization without changing any
 * pixel's coverage, and only the wanted rectangles are copied back.
 */
typedef struct work {
    cairo_surface_t *s;
    cairo_t *cr;
    ov_rect r;
} work;

/* Starts a work surface over @p r of @p src (same size as the layers), with
 * its pixels; @return 0 on failure. */
static int
work_begin(work *w, cairo_surface_t *src, ov_rect r)
{
    w->r = r;
    w->cr = NULL;
    w->s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, r.w > 0 ? r.w : 1,
                                      r.h > 0 ? r.h : 1);
    if (cairo_surface_status(w->s)) {
        cairo_surface_destroy(w->s);
        return 0;
    }
    cairo_surface_flush(w->s);
    unsigned char *d = cairo_image_surface_get_data(w->s);
    const unsigned char *s = cairo_image_surface_get_data(src);
    int ds = cairo_image_surface_get_stride(w->s);
    int ss = cairo_image_surface_get_stride(src);
    for (int y = 0; y < r.h; y++)
        memcpy(d + (size_t)y * ds,
               s + (size_t)(y + r.y) * ss + 4 * (size_t)r.x, 4 * (size_t)r.w);
    cairo_surface_mark_dirty(w->s);
    cairo_surface_set_device_offset(w->s, -r.x, -r.y);
    w->cr = cairo_create(w->s);
    if (cairo_status(w->cr)) {
        cairo_destroy(w->cr);
        cairo_surface_destroy(w->s);
        return 0;
    }
    return 1;
}

/* Copies the parts of @p list inside the work area into @p dst and ends
 * the work surface; @return 0 if drawing failed. */
static int
work_end(work *w, cairo_surface_t *dst, const ov_rect *list, size_t n)
{
    int ok = cairo_status(w->cr) == CAIRO_STATUS_SUCCESS;
    cairo_destroy(w->cr);
    cairo_surface_flush(w->s);
    const unsigned char *s = cairo_image_surface_get_data(w->s);
    unsigned char *d = cairo_image_surface_get_data(dst);
    int ss = cairo_image_surface_get_stride(w->s);
    int ds = cairo_image_surface_get_stride(dst);
    for (size_t k = 0; ok && k < n; k++) {
        int x0 = list[k].x > w->r.x ? list[k].x : w->r.x;
        int y0 = list[k].y > w->r.y ? list[k].y : w->r.y;
        int x1 = list[k].x + list[k].w, y1 = list[k].y + list[k].h;
        if (x1 > w->r.x + w->r.w) x1 = w->r.x + w->r.w;
        if (y1 > w->r.y + w->r.h) y1 = w->r.y + w->r.h;
        for (int y = y0; y < y1; y++)
            memcpy(d + (size_t)y * ds + 4 * (size_t)x0,
                   s + (size_t)(y - w->r.y) * ss + 4 * (size_t)(x0 - w->r.x),
                   4 * (size_t)(x1 > x0 ? x1 - x0 : 0));
    }
    cairo_surface_destroy(w->s);
    return ok;
}

/* Box of everything ov__cv_draw_row() draws for row @p k with @p first the
 * first row kept (pads cover the outlines, point markers, arrow heads and
 * the divergence cross). */
ov__box
ov__cv_row_box(const ov__cview *sc, const ov__cv_series *se, size_t k,
               size_t first)
{
    ov__box rb = ov__box_empty();
    double pad = 8.0 * sc->s;
    ov__box lim = ov__cv_plot_box(sc, 50.0);
    if (k > 0) {
        double xa = se->p[2 * k - 2], ya = se->p[2 * k - 1];
        double xb = se->p[2 * k], yb = se->p[2 * k + 1];
        if (ov__clip_segment(lim, &xa, &ya, &xb, &yb)) {
            ov__box_add(&rb, xa, ya, pad);
            ov__box_add(&rb, xb, yb, pad);
            if (k > 1 && k > first) {
                double pxa = se->p[2 * k - 4], pya = se->p[2 * k - 3];
                double pxb = se->p[2 * k - 2], pyb = se->p[2 * k - 1];
                if (ov__clip_segment(lim, &pxa, &pya, &pxb, &pyb)) {
                    ov__box_add(&rb, pxa, pya, pad);
                    ov__box_add(&rb, pxb, pyb, pad);
                }
            }
        }
    }
    double x = se->p[2 * k], y = se->p[2 * k + 1];
    if (x > lim.x0 && x < lim.x1 && y > lim.y0 && y < lim.y1)
        ov__box_add(&rb, x, y, se->diverged ? 11.0 * sc->s : pad);
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

/* Box of the rows of series @p i removed from the trail window between two
 * steps, as they were drawn (with the window of step @p from). */
static ov__box
removed_box(const ov__cview *sc, size_t i, long from, long to)
{
    ov__box b = ov__box_empty();
    const ov__cv_series *se = &sc->se[i];
    size_t a = ov__cv_first_row(sc, se, from), z = ov__cv_first_row(sc, se, to);
    for (size_t k = a; k < z && k < se->nrows; k++)
        ov__box_union(&b, ov__cv_row_box(sc, se, k, a));
    return b;
}

static int
boxes_meet(ov__box a, ov__box b)
{
    return !ov__box_is_empty(&a) && !ov__box_is_empty(&b) &&
           a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/*
 * Restores rectangle @p r of the trails layer after rows left the --trail
 * window: the background there, and the rows up to @p to kept in the window
 * of step @p win that reach into it, in drawing order.  Each of those rows
 * is drawn whole on a work surface that holds all of them, so every pixel
 * of @p r gets exactly what a fresh render gives it.
 */
static ov_status
restore_trails(ov__cview *sc, ov_rect r, long to, long win)
{
    ov__box rb = { r.x, r.y, r.x + r.w, r.y + r.h };
    ov__box area = rb;
    long k0 = to;
    for (size_t i = 0; i < sc->n; i++) {
        long f = (long)ov__cv_first_row(sc, &sc->se[i], win);
        k0 = f < k0 ? f : k0;
    }
    for (long k = k0; k <= to; k++)
        for (size_t i = 0; i < sc->n; i++) {
            const ov__cv_series *se = &sc->se[i];
            size_t first = ov__cv_first_row(sc, se, win);
            if ((size_t)k >= se->nrows || (size_t)k < first)
                continue;
            ov__box b = ov__cv_row_box(sc, se, (size_t)k, first);
            if (boxes_meet(b, rb))
                ov__box_union(&area, b);
        }
    ov__box pb = ov__cv_plot_box(sc, 0.0);
    area.x0 = fmax(area.x0, pb.x0);
    area.y0 = fmax(area.y0, pb.y0);
    area.x1 = fmin(area.x1, pb.x1);
    area.y1 = fmin(area.y1, pb.y1);
    ov_rect ar = ov__to_rect(area, sc->W, sc->H);
    if (ar.w <= 0 || ar.h <= 0)
        return OV_OK;
    work w;
    cairo_surface_flush(sc->trails);
    if (!work_begin(&w, sc->bg, ar))
        return OV_ERR_NOMEM;
    cairo_rectangle(w.cr, sc->px, sc->py, sc->pw, sc->ph);
    cairo_clip(w.cr);
    for (long k = k0; k <= to; k++)
        ov__cv_draw_step(sc, w.cr, k, win, &rb, NULL);
    int ok = work_end(&w, sc->trails, &r, 1);
    cairo_surface_mark_dirty(sc->trails);
    return ok ? OV_OK : OV_ERR_RENDER;
}

ov_status
ov__cview_frame(ov__cview *sc, long step, ov_rect *dirty, size_t cap,
                size_t *ndirty)
{
    *ndirty = 0;
    if (!sc->raster || cap == 0)
        return OV_ERR_INVALID_ARG;
    step = ov__frame_step(step, sc->last_step, sc->drawn);
    ov_rect list[OV__SCENE_MAX_DIRTY];
    size_t nl = 0;
    int first = sc->drawn < 0;
    cairo_t *ct = sc->cr_trails;

    /* 1. trails */
    if (first) {
        ov__copy_rect(sc->trails, sc->bg, (ov_rect){ 0, 0, sc->W, sc->H });
        cairo_surface_mark_dirty(sc->trails);
        cairo_save(ct);
        cairo_rectangle(ct, sc->px, sc->py, sc->pw, sc->ph);
        cairo_clip(ct);
        ov__cv_draw_rows(sc, ct, -1, step, step, NULL);
        cairo_restore(ct);
    } else if (step > sc->drawn) {
        ov__box tb = ov__box_empty();
        if (sc->trail > 0) {
            /* One rectangle per series (merged where they meet): a union
             * over distant series would redraw most of the trails. */
            ov_rect rm[OV_MAX_SERIES];
            size_t nrm = 0;
            for (size_t i = 0; i < sc->n; i++) {
                ov__box rb = removed_box(sc, i, sc->drawn, step);
                ov__box pb = ov__cv_plot_box(sc, 0.0);
                rb.x0 = fmax(rb.x0, pb.x0);
                rb.y0 = fmax(rb.y0, pb.y0);
                rb.x1 = fmin(rb.x1, pb.x1);
                rb.y1 = fmin(rb.y1, pb.y1);
                if (!ov__box_is_empty(&rb))
                    ov__rects_add(rm, &nrm, OV_MAX_SERIES,
                                  ov__to_rect(rb, sc->W, sc->H));
            }
            for (size_t k = 0; k < nrm; k++) {
                if (rm[k].w <= 0 || rm[k].h <= 0)
                    continue;
                ov_status st = restore_trails(sc, rm[k], sc->drawn, step);
                if (st)
                    return st;
                ov__rects_add(list, &nl, OV__SCENE_MAX_DIRTY, rm[k]);
            }
        }
        cairo_save(ct);
        cairo_rectangle(ct, sc->px, sc->py, sc->pw, sc->ph);
        cairo_clip(ct);
        ov__cv_draw_rows(sc, ct, sc->drawn, step, step, &tb);
        cairo_restore(ct);
        if (!ov__box_is_empty(&tb)) {
            ov__box pb = ov__cv_plot_box(sc, 1.0);
            tb.x0 = fmax(tb.x0, pb.x0);
            tb.y0 = fmax(tb.y0, pb.y0);
            tb.x1 = fmin(tb.x1, pb.x1);
            tb.y1 = fmin(tb.y1, pb.y1);
            ov__rects_add(list, &nl, OV__SCENE_MAX_DIRTY,
                          ov__to_rect(tb, sc->W, sc->H));
        }
    }
    cairo_surface_flush(sc->trails);
    if (cairo_status(ct))
        return OV_ERR_RENDER;

    /* 2. what moved in the overlay */
    ov__box now[OV_MAX_SERIES + 2];
    size_t no = 0;
    for (size_t i = 0; i < sc->n; i++)
        now[no++] = ov__cv_marker_box(sc, &sc->se[i], step);
    char title[256];
    ov__cv_live_title(sc, step, title, sizeof title);
    now[no++] = title[0] ? ov__text_box(sc->meas, title, sc->px + 0.5 * sc->pw,
                                    ov__cv_title_y(sc), sc->fs_title, 0.5)
                         : ov__box_empty();
    int legend_changed = 0;
    for (size_t i = 0; i < sc->n; i++) {
        char live[64];
        ov__cv_legend_live(sc, i, step, live, sizeof live);
        if (first || strcmp(live, sc->legend_text[i]) != 0)
            legend_changed = 1;
        snprintf(sc->legend_text[i], sizeof sc->legend_text[i], "%s", live);
    }
    ov__box lg = sc->legend;
    if (!ov__box_is_empty(&lg))
        ov__box_add(&lg, lg.x0, lg.y0, 2.0 * sc->s);
    now[no++] = lg;
    int title_changed = first || strcmp(title, sc->title_text) != 0;
    snprintf(sc->title_text, sizeof sc->title_text, "%s", title);

    if (first) {
        nl = 0;
        ov__rects_add(list, &nl, OV__SCENE_MAX_DIRTY,
                      (ov_rect){ 0, 0, sc->W, sc->H });
    } else {
        for (size_t k = 0; k < no; k++) {
            int changed;
            if (k < sc->n)
                changed = memcmp(&now[k], &sc->over_old[k], sizeof now[k]) != 0;
            else if (k == sc->n)
                changed = title_changed;
            else
                changed = legend_changed;
            if (!changed)
                continue;
            ov__rects_add(list, &nl, OV__SCENE_MAX_DIRTY,
                          ov__to_rect(sc->over_old[k], sc->W, sc->H));
            ov__rects_add(list, &nl, OV__SCENE_MAX_DIRTY,
                          ov__to_rect(now[k], sc->W, sc->H));
        }
    }
    memcpy(sc->over_old, now, no * sizeof now[0]);

    /* 3. compose: the overlay on the trails over the box of the dirty
     * rectangles, unclipped, then those rectangles into the frame */
    cairo_surface_flush(sc->frame);
    if (nl) {
        /* The work area holds whole every overlay item that reaches into
         * a dirty rectangle (see work_begin()). */
        ov_rect all = list[0];
        for (size_t k = 1; k < nl; k++)
            all = ov__rect_union(all, list[k]);
        ov__box items[OV_MAX_SERIES + 2 + 16];
        size_t ni = 0;
        for (size_t k = 0; k < no; k++)
            items[ni++] = now[k];
        size_t cap = sizeof items / sizeof items[0];
        for (size_t i = 0; i < sc->nmin && ni < cap; i++) {
            ov__box b = ov__box_empty();
            ov__box_add(&b, sc->minp[2 * i], sc->minp[2 * i + 1],
                        11.0 * sc->s + 1.0);
            items[ni++] = b;
        }
        for (size_t j = 0; j < ni; j++)
            for (size_t k = 0; k < nl; k++) {
                ov__box lb = { list[k].x, list[k].y, list[k].x + list[k].w,
                               list[k].y + list[k].h };
                if (boxes_meet(items[j], lb)) {
                    ov_rect ir = ov__to_rect(items[j], sc->W, sc->H);
                    if (ir.w > 0 && ir.h > 0)
                        all = ov__rect_union(all, ir);
                    break;
                }
            }
        /* The overlay's gradient arrows likewise. */
        for (size_t i = 0; sc->arrows == OV_ARROWS_GRADIENT && i < sc->n;
             i++) {
            const ov__cv_series *se = &sc->se[i];
            size_t last = ov__cv_row_at(se, step);
            for (size_t k = ov__cv_first_row(sc, se, step); k <= last; k++) {
                ov__box ab = ov__cv_arrow_box(sc, se, k);
                for (size_t j = 0; j < nl; j++) {
                    ov__box lb = { list[j].x, list[j].y,
                                   list[j].x + list[j].w,
                                   list[j].y + list[j].h };
                    if (boxes_meet(ab, lb)) {
                        ov_rect ir = ov__to_rect(ab, sc->W, sc->H);
                        if (ir.w > 0 && ir.h > 0)
                            all = ov__rect_union(all, ir);
                        break;
                    }
                }
            }
        }
        work w;
        if (!work_begin(&w, sc->trails, all))
            return OV_ERR_NOMEM;
        ov__pen pn = { w.cr, NULL };
        ov__cv_draw_overlay(sc, &pn, step);
        if (!work_end(&w, sc->frame, list, nl))
            return OV_ERR_RENDER;
    }
    cairo_surface_mark_dirty(sc->frame);
    sc->drawn = step;

    ov__rects_merge(dirty, ndirty, cap, list, nl);
    return OV_OK;
}

/* ---- vector output ------------------------------------------------------ */

ov_status
ov__cview_draw_vector(ov__cview *sc, void *vcr, int svg, char **svg_text,
                      size_t *svg_text_len)
{
    cairo_t *cr = vcr;
    ov__strbuf sb = { 0 };
    ov__pen pn = { cr, svg ? &sb : NULL };
    ov__sb_begin(svg_text, svg_text_len);
    ov_status st = ov__cv_draw_background(sc, &pn);
    if (!st) {
        cairo_save(cr);
        cairo_rectangle(cr, sc->px, sc->py, sc->pw, sc->ph);
        cairo_clip(cr);
        ov__cv_draw_trails_vector(sc, cr, sc->last_step);
        cairo_restore(cr);
        ov__cv_draw_overlay(sc, &pn, sc->last_step);
        if (cairo_status(cr))
            st = OV_ERR_RENDER;
    }
    return ov__sb_finish(&sb, st, svg, svg_text, svg_text_len);
}
